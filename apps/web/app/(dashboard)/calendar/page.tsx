import type { Metadata } from 'next';
import { calendarDateIn } from '@upright/domain';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { daysShown, readQuery } from '@/lib/calendar';
import { CalendarView } from './_components/calendar-view';
import { loadCalendar } from './_components/load';

export const metadata: Metadata = { title: 'Calendar' };

/**
 * The practice's appointments, a day or a week at a time, for one clinician or the whole practice, with the free
 * slots to book. Every state is an address (?view=&date=&clinician=&type=), rendered on the server.
 */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireMe();
  const timeZone = me.practice.timeZone;
  const today = calendarDateIn(timeZone, new Date());
  const query = readQuery(await searchParams, today);
  const data = await loadCalendar(query, today, me);

  return (
    <div>
      <PageHeader title="Calendar" subtitle={`Times in the practice’s time zone (${timeZone}).`} />
      {data.types.length === 0 && (
        <div className="mb-4">
          <EmptyState
            title="No appointment types yet"
            action={me.role === 'admin' ? <ButtonLink href="/admin/practice">Practice settings</ButtonLink> : undefined}
          >
            Free slots appear once the practice has appointment types and its clinicians have working hours.
          </EmptyState>
        </div>
      )}
      <CalendarView {...data} days={daysShown(query)} />
    </div>
  );
}
