import Link from 'next/link';
import { addDays, calendarDateIn } from '@upright/domain';
import { Badge, ButtonLink, Card } from '@/components/ui';
import { ok, serverApi } from '@/lib/api/server';
import { type CalendarAppointment, STATUS_LABELS, STATUS_TONES, dayOf, formatShortDay, formatTime } from '@/lib/calendar';
import { loadTypes, toCalendarAppointment } from '../../../calendar/_components/load';

/** How far the lists reach, each way (the API answers at most 31 days at a time). */
const DAYS = 30;

/** The patient's upcoming and recent appointments, with a link to book one. */
export async function PatientAppointments({ patientId, timeZone, active }: { patientId: string; timeZone: string; active: boolean }) {
  const api = await serverApi();
  const today = calendarDateIn(timeZone, new Date());
  const [types, upcoming, past] = await Promise.all([
    loadTypes(),
    ok(api.GET('/api/appointments', { params: { query: { patientId, from: today, to: addDays(today, DAYS) } } })),
    ok(api.GET('/api/appointments', { params: { query: { patientId, from: addDays(today, -DAYS), to: addDays(today, -1) } } })),
  ]);
  const now = new Date().toISOString();
  const all = [...past.items, ...upcoming.items].map((a) => toCalendarAppointment(a, types));
  const next = all.filter((a) => a.end >= now || (a.status === 'booked' && dayOf(a.start, timeZone) === today)).sort((a, b) => a.start.localeCompare(b.start));
  const before = all.filter((a) => !next.includes(a)).sort((a, b) => b.start.localeCompare(a.start));

  return (
    <Card title="Appointments" actions={active && <ButtonLink href={`/calendar/book?patient=${patientId}`}>Book</ButtonLink>}>
      <div className="space-y-4 text-sm" data-testid="patient-appointments">
        <AppointmentList title={`Upcoming (next ${DAYS} days)`} items={next} timeZone={timeZone} empty="Nothing booked." />
        <AppointmentList title={`Past (last ${DAYS} days)`} items={before} timeZone={timeZone} empty="No appointments." />
      </div>
    </Card>
  );
}

function AppointmentList({ title, items, timeZone, empty }: { title: string; items: CalendarAppointment[]; timeZone: string; empty: string }) {
  return (
    <div>
      <h3 className="font-medium text-slate-700">{title}</h3>
      {items.length === 0 ? (
        <p className="mt-1 text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {items.map((a) => (
            <li key={a.id}>
              <Link href={`/calendar/appointments/${a.id}`} className="flex flex-wrap items-center justify-between gap-2 py-2 hover:text-brand-700">
                <span>
                  <time dateTime={a.start}>
                    {formatShortDay(dayOf(a.start, timeZone))}, {formatTime(a.start, timeZone)}
                  </time>{' '}
                  · {a.typeName}
                </span>
                <Badge tone={STATUS_TONES[a.status]}>{STATUS_LABELS[a.status]}</Badge>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
