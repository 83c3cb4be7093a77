import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { AdminOnly } from '../_components/admin-only';
import { AppointmentTypes } from './appointment-types';
import { WorkingHoursEditor } from './working-hours';

export const metadata: Metadata = { title: 'Diary settings' };

export default async function DiaryPage() {
  const me = await requireMe();
  if (me.role !== 'admin') return <AdminOnly role={me.role} what="change the diary’s settings" />;
  const client = await serverApi();
  const [types, clinicians] = await Promise.all([ok(client.GET('/api/appointment-types')), ok(client.GET('/api/clinicians'))]);
  const first = clinicians.items[0];
  const hours = first ? await ok(client.GET('/api/users/{id}/working-hours', { params: { path: { id: first.id } } })) : null;
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title="Diary settings" subtitle="The kinds of appointment that can be booked, and when each clinician works." />
      <AppointmentTypes initial={types.items} />
      <WorkingHoursEditor clinicians={clinicians.items} initialHours={hours} />
    </div>
  );
}
