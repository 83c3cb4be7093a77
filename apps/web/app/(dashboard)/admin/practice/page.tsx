import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { AdminOnly } from '../_components/admin-only';
import { PracticeForm } from './practice-form';

export const metadata: Metadata = { title: 'Practice settings' };

export default async function PracticePage() {
  const me = await requireMe();
  if (me.role !== 'admin') return <AdminOnly role={me.role} what="change the practice’s settings" />;
  const practice = await ok((await serverApi()).GET('/api/practice'));
  return (
    <div className="max-w-2xl">
      <PageHeader title="Practice settings" subtitle="The practice’s name, and the time zone that decides what “today” is for its records." />
      <Card>
        <PracticeForm initial={practice} />
      </Card>
    </div>
  );
}
