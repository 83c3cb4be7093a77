import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { AdminOnly } from '../_components/admin-only';
import { StaffManager } from './staff-manager';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  const me = await requireMe();
  if (me.role !== 'admin') return <AdminOnly role={me.role} what="manage staff accounts" />;
  const first = await ok((await serverApi()).GET('/api/users', { params: { query: { limit: 100 } } }));
  return (
    <div>
      <PageHeader title="Staff" subtitle={`Who can sign in to ${me.practice.name}, and what each person may do.`} />
      <StaffManager meId={me.id} initialPage={first} />
    </div>
  );
}
