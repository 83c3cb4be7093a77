import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { AdminOnly } from '../_components/admin-only';
import { AuditLog } from './audit-log';
import { AUDIT_PAGE } from './labels';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  const me = await requireMe();
  if (me.role !== 'admin') return <AdminOnly role={me.role} what="read the audit log" />;
  // The user filter lists the practice's accounts (the first 100: the API's largest page).
  const api = await serverApi();
  const [first, users] = await Promise.all([
    ok(api.GET('/api/audit', { params: { query: { limit: AUDIT_PAGE } } })),
    ok(api.GET('/api/users', { params: { query: { limit: 100 } } })),
  ]);
  return (
    <div>
      <PageHeader
        title="Audit log"
        subtitle="Every sign-in, and every time someone viewed or changed patient data, newest first. Entries cannot be edited or deleted."
      />
      <AuditLog initialPage={first} users={users.items} />
    </div>
  );
}
