import Link from 'next/link';
import { Badge } from '@/components/ui';
import { type CalendarAppointment, STATUS_LABELS, STATUS_TONES, formatTime } from '@/lib/calendar';
import { StatusButtons } from '../calendar/_components/appointment-actions';

/** Today's appointments in time order: time, patient, type, status, and the attendance buttons. */
export function TodayAppointments({
  items,
  timeZone,
  clinicianName,
}: {
  items: CalendarAppointment[];
  timeZone: string;
  clinicianName: (id: string) => string | null;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="today-appointments">
      {items.map((a) => {
        const who = clinicianName(a.clinicianId);
        return (
          <li key={a.id} className="flex flex-col gap-2 px-5 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="today-appointment">
            <Link href={`/calendar/appointments/${a.id}`} className="group min-w-0">
              <span className="block font-medium text-slate-900 group-hover:text-brand-700 group-hover:underline">
                <time dateTime={a.start}>{formatTime(a.start, timeZone)}</time> {a.patient.name}
              </span>
              <span className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                {a.typeName}
                {who ? ` · ${who}` : ''}
                <Badge tone={STATUS_TONES[a.status]}>{STATUS_LABELS[a.status]}</Badge>
              </span>
            </Link>
            <StatusButtons id={a.id} status={a.status} />
          </li>
        );
      })}
    </ul>
  );
}
