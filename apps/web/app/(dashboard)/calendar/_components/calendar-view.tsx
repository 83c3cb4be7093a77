import Link from 'next/link';
import { addDays } from '@upright/domain';
import { Badge, ButtonLink, buttonClass } from '@/components/ui';
import {
  type CalendarAppointment,
  type CalendarClinician,
  type CalendarQuery,
  type CalendarSlot,
  STATUS_LABELS,
  STATUS_TONES,
  bookHref,
  calendarHref,
  dayOf,
  formatLongDay,
  formatRange,
  formatShortDay,
  formatTime,
} from '@/lib/calendar';

export interface CalendarData {
  query: CalendarQuery;
  days: string[];
  today: string;
  timeZone: string;
  clinicians: CalendarClinician[];
  types: { id: string; name: string; durationMinutes: number }[];
  appointments: CalendarAppointment[];
  slots: CalendarSlot[];
}

/** How many free slots a day of the week view lists before it sends to the day view for the rest. */
const WEEK_SLOTS_SHOWN = 3;

/**
 * The calendar: a toolbar (day/week, previous/today/next, clinician and type filter: all links and a GET form, so
 * every state has an address), then the week as seven day columns (a list of days on a phone) or the day as one
 * list per clinician. Appointments and free slots are links, in time order, so Tab walks them as they stand.
 */
export function CalendarView(data: CalendarData) {
  const { query, days } = data;
  const step = query.view === 'day' ? 1 : 7;
  const title = query.view === 'day' ? formatLongDay(query.date) : formatRange(days[0], days[days.length - 1]);
  const clinicianName = (id: string) => data.clinicians.find((c) => c.id === id)?.name ?? 'Clinician';

  return (
    <div>
      <div className="mb-4 flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-3 shadow-sm lg:flex-row lg:items-end lg:justify-between">
        <div className="flex flex-wrap items-center gap-2">
          <nav aria-label="Calendar view" className="flex rounded-lg border border-slate-300 p-0.5">
            {(['day', 'week'] as const).map((view) => (
              <Link
                key={view}
                href={calendarHref(query, { view })}
                aria-current={query.view === view ? 'page' : undefined}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${query.view === view ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
              >
                {view === 'day' ? 'Day' : 'Week'}
              </Link>
            ))}
          </nav>
          <nav aria-label={query.view === 'day' ? 'Days' : 'Weeks'} className="flex items-center gap-1">
            <ButtonLink href={calendarHref(query, { date: addDays(query.date, -step) })} variant="ghost" className="px-2.5">
              <span aria-hidden="true">←</span>
              <span className="sr-only">{query.view === 'day' ? 'Previous day' : 'Previous week'}</span>
            </ButtonLink>
            <ButtonLink href={calendarHref(query, { date: data.today })} variant="secondary">
              Today
            </ButtonLink>
            <ButtonLink href={calendarHref(query, { date: addDays(query.date, step) })} variant="ghost" className="px-2.5">
              <span aria-hidden="true">→</span>
              <span className="sr-only">{query.view === 'day' ? 'Next day' : 'Next week'}</span>
            </ButtonLink>
          </nav>
          <p className="text-sm font-medium text-slate-800" aria-live="polite">
            {title}
          </p>
        </div>

        <form action="/calendar" method="get" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="view" value={query.view} />
          <input type="hidden" name="date" value={query.date} />
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Clinician</span>
            <select
              name="clinician"
              defaultValue={query.clinicianId ?? ''}
              className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm md:text-sm"
            >
              <option value="">Whole practice</option>
              {data.clinicians.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {data.types.length > 0 && (
            <label className="text-sm">
              <span className="block font-medium text-slate-700">Free slots for</span>
              <select
                name="type"
                defaultValue={query.typeId ?? data.types[0].id}
                className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm md:text-sm"
              >
                {data.types.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.durationMinutes} min)
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className={buttonClass('secondary')}>
            Show
          </button>
        </form>
      </div>

      {query.view === 'week' ? (
        <ol className="grid gap-3 md:grid-cols-7 md:gap-2" aria-label="Days of the week">
          {days.map((day) => (
            <DayColumn key={day} day={day} data={data} clinicianName={clinicianName} />
          ))}
        </ol>
      ) : (
        <DayView data={data} clinicianName={clinicianName} />
      )}
    </div>
  );
}

function byStart<T extends { start: string }>(a: T, b: T): number {
  return a.start.localeCompare(b.start);
}

/** One day of the week view: its appointments, then its first free slots and a link to the day for all of them. */
function DayColumn({ day, data, clinicianName }: { day: string; data: CalendarData; clinicianName: (id: string) => string }) {
  const appointments = data.appointments.filter((a) => dayOf(a.start, data.timeZone) === day).sort(byStart);
  const all = data.slots.filter((s) => dayOf(s.start, data.timeZone) === day).sort(byStart);
  // For the whole practice, one entry per free time (the first clinician free then); the day view lists them all.
  const slots = data.query.clinicianId ? all : all.filter((s, i) => i === 0 || all[i - 1].start !== s.start);
  const isToday = day === data.today;
  const headingId = `day-${day}`;
  return (
    <li
      aria-labelledby={headingId}
      className={`flex min-w-0 flex-col rounded-xl border bg-white p-2 shadow-sm ${isToday ? 'border-brand-500' : 'border-slate-200'}`}
      data-testid="calendar-day"
    >
      <h2 id={headingId} className="mb-2 flex items-center justify-between gap-1 px-1 text-sm font-semibold">
        <Link href={calendarHref(data.query, { view: 'day', date: day })} className="hover:text-brand-700 hover:underline">
          {formatShortDay(day)}
        </Link>
        {isToday && <Badge tone="brand">Today</Badge>}
      </h2>
      {appointments.length === 0 && slots.length === 0 && <p className="px-1 pb-1 text-xs text-slate-500">No appointments or free time.</p>}
      {appointments.length > 0 && (
        <ul className="space-y-1.5" aria-label={`Appointments on ${formatShortDay(day)}`}>
          {appointments.map((a) => (
            <li key={a.id}>
              <AppointmentBlock appointment={a} timeZone={data.timeZone} clinician={data.query.clinicianId ? null : clinicianName(a.clinicianId)} compact />
            </li>
          ))}
        </ul>
      )}
      {slots.length > 0 && (
        <div className="mt-2 border-t border-slate-100 pt-2">
          <ul className="flex flex-wrap gap-1" aria-label={`Free slots on ${formatShortDay(day)}`}>
            {slots.slice(0, WEEK_SLOTS_SHOWN).map((s) => (
              <li key={`${s.clinicianId}-${s.start}`}>
                <SlotLink slot={s} data={data} clinicianName={clinicianName} compact />
              </li>
            ))}
          </ul>
          {slots.length > WEEK_SLOTS_SHOWN && (
            <Link href={calendarHref(data.query, { view: 'day', date: day })} className="mt-1 block px-1 text-xs font-medium text-brand-700 hover:underline">
              All {slots.length} free times
              <span className="sr-only"> on {formatShortDay(day)}</span>
            </Link>
          )}
        </div>
      )}
    </li>
  );
}

/** The day view: one list per clinician (one list when a clinician is chosen), appointments and free slots in time order. */
function DayView({ data, clinicianName }: { data: CalendarData; clinicianName: (id: string) => string }) {
  const ids = data.query.clinicianId
    ? [data.query.clinicianId]
    : [...new Set([...data.clinicians.map((c) => c.id), ...data.appointments.map((a) => a.clinicianId), ...data.slots.map((s) => s.clinicianId)])].filter(
        (id) => data.appointments.some((a) => a.clinicianId === id) || data.slots.some((s) => s.clinicianId === id),
      );
  if (ids.length === 0) {
    return (
      <div className="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="calendar-empty">
        <p className="font-medium">Nothing on this day</p>
        <p className="mt-1 text-sm text-slate-600">No appointments, and no clinician has working hours free on {formatLongDay(data.query.date)}.</p>
      </div>
    );
  }
  return (
    <div className={`grid gap-4 ${ids.length > 1 ? 'md:grid-cols-2 xl:grid-cols-3' : ''}`}>
      {ids.map((id) => {
        const entries = [
          ...data.appointments.filter((a) => a.clinicianId === id).map((a) => ({ start: a.start, appointment: a, slot: null })),
          ...data.slots.filter((s) => s.clinicianId === id).map((s) => ({ start: s.start, appointment: null, slot: s })),
        ].sort(byStart);
        const headingId = `clinician-${id}`;
        return (
          <section key={id} aria-labelledby={headingId} className="rounded-2xl border border-slate-200 bg-white p-3 shadow-sm" data-testid="calendar-clinician">
            <h2 id={headingId} className="mb-2 px-1 font-semibold">
              {clinicianName(id)}
            </h2>
            {entries.length === 0 ? (
              <p className="px-1 text-sm text-slate-600">No appointments and no free time on this day.</p>
            ) : (
              <ul className="space-y-1.5">
                {entries.map((e) =>
                  e.appointment ? (
                    <li key={e.appointment.id}>
                      <AppointmentBlock appointment={e.appointment} timeZone={data.timeZone} clinician={null} />
                    </li>
                  ) : (
                    e.slot && (
                      <li key={`slot-${e.slot.start}`}>
                        <SlotLink slot={e.slot} data={data} clinicianName={clinicianName} />
                      </li>
                    )
                  ),
                )}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** An appointment: time, patient, type and status; opens its details (move, cancel, arrived…). */
export function AppointmentBlock({
  appointment: a,
  timeZone,
  clinician,
  compact = false,
}: {
  appointment: CalendarAppointment;
  timeZone: string;
  clinician: string | null;
  compact?: boolean;
}) {
  const cancelled = a.status === 'cancelled';
  return (
    <Link
      href={`/calendar/appointments/${a.id}`}
      data-testid="appointment"
      className={`block rounded-lg border border-l-4 border-slate-200 bg-slate-50 px-2.5 py-1.5 text-sm hover:border-brand-500 hover:bg-brand-50 ${cancelled ? 'opacity-70' : ''}`}
      style={a.color ? { borderLeftColor: a.color } : undefined}
    >
      <span className="flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5">
        <span className="font-medium whitespace-nowrap text-slate-700">
          <time dateTime={a.start}>{formatTime(a.start, timeZone)}</time>–<time dateTime={a.end}>{formatTime(a.end, timeZone)}</time>
        </span>
        <Badge tone={STATUS_TONES[a.status]}>{STATUS_LABELS[a.status]}</Badge>
      </span>
      <span className={`block font-semibold break-words text-slate-900 ${cancelled ? 'line-through' : ''}`}>{a.patient.name}</span>
      <span className={`block text-slate-600 ${compact ? 'text-xs' : ''}`}>
        {a.typeName}
        {clinician ? ` · ${clinician}` : ''}
      </span>
    </Link>
  );
}

/** A free slot: a link to book it. */
function SlotLink({
  slot,
  data,
  clinicianName,
  compact = false,
}: {
  slot: CalendarSlot;
  data: CalendarData;
  clinicianName: (id: string) => string;
  compact?: boolean;
}) {
  const time = formatTime(slot.start, data.timeZone);
  const who = data.query.clinicianId ? '' : ` with ${clinicianName(slot.clinicianId)}`;
  return (
    <Link
      href={bookHref(slot, data.query.typeId ?? data.types[0]?.id ?? null)}
      data-testid="free-slot"
      className={
        compact
          ? 'inline-block rounded-md border border-dashed border-brand-500 px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50'
          : 'flex items-center justify-between gap-2 rounded-lg border border-dashed border-brand-500 px-2.5 py-2 text-sm text-brand-700 hover:bg-brand-50'
      }
    >
      <span>
        <span className="sr-only">Book </span>
        <time dateTime={slot.start}>{time}</time>
        {!compact && <span className="text-slate-600"> free</span>}
        <span className="sr-only">
          {' '}
          on {formatShortDay(dayOf(slot.start, data.timeZone))}
          {who}
        </span>
      </span>
      {!compact && (
        <span aria-hidden="true" className="font-medium">
          Book
        </span>
      )}
    </Link>
  );
}
