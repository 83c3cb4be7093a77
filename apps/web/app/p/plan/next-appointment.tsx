import { buttonClass } from '@/components/ui';
import type { PortalNextAppointment } from '@/lib/api/server';

/** Where the patient's browser fetches the calendar file (through the dashboard's /api forwarding, with the portal cookie). */
export const NEXT_APPOINTMENT_ICS = '/api/portal/appointments/next.ics';

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** "Tuesday 9 June 2026" and "10:30 am to 11:15 am (BST)": the appointment as the practice's clock shows it. */
export function appointmentInWords(start: string, end: string, timeZone: string): { date: string; time: string } {
  const from = new Date(start);
  const to = new Date(end);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(from);
  const clock = (at: Date) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: '2-digit', hour12: true, timeZoneName: 'short' }).formatToParts(at);
  const [a, b] = [clock(from), clock(to)];
  const time = (parts: Intl.DateTimeFormatPart[]) => `${part(parts, 'hour')}:${part(parts, 'minute')} ${part(parts, 'dayPeriod').toLowerCase()}`;
  return {
    date: `${part(date, 'weekday')} ${part(date, 'day')} ${part(date, 'month')} ${part(date, 'year')}`,
    time: `${time(a)} to ${time(b)} (${part(b, 'timeZoneName')})`,
  };
}

/** "Your next appointment": when, with whom, where, and a calendar file; a calm line when none is booked. */
export function NextAppointment({ next }: { next: PortalNextAppointment }) {
  const { start, end, timeZone } = next;
  const when = start && end && timeZone ? appointmentInWords(start, end, timeZone) : null;
  return (
    <section aria-labelledby="appointment-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:shadow-none">
      <h2 id="appointment-heading" className="text-xl font-semibold tracking-tight">
        Your next appointment
      </h2>
      {when ? (
        <>
          <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-slate-600">When</dt>
              <dd className="font-medium text-slate-900">
                <time dateTime={start}>{when.date}</time>
                <br />
                {when.time}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Appointment</dt>
              <dd className="font-medium text-slate-900">{next.typeName}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">With</dt>
              <dd className="font-medium text-slate-900">{next.clinicianName}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Where</dt>
              <dd className="font-medium text-slate-900">{next.practiceName}</dd>
            </div>
          </dl>
          <a href={NEXT_APPOINTMENT_ICS} download="appointment.ics" className={buttonClass('secondary', 'mt-4 min-h-11 px-4 text-base! print:hidden')}>
            Add to calendar
          </a>
        </>
      ) : (
        <p className="mt-2 text-slate-700">No appointment booked. The practice will arrange your next visit.</p>
      )}
    </section>
  );
}
