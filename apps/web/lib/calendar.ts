/**
 * The calendar's view model and its date arithmetic, in the practice's time zone. The pages turn the API's answers
 * into these shapes (calendar/_components/load.ts), so the views never depend on how the API spells things.
 */
import { addDays, calendarDateIn, isIsoDate } from '@upright/domain';
import type { AppointmentStatus } from '@/lib/api/client';

export type { AppointmentStatus };

export type CalendarView = 'day' | 'week';

export interface CalendarClinician {
  id: string;
  name: string;
}

export interface CalendarAppointment {
  id: string;
  /** ISO instants with offset. */
  start: string;
  end: string;
  clinicianId: string;
  patient: { id: string; name: string };
  typeName: string;
  /** The type's colour (#rrggbb), drawn as a stripe only: never the colour text is read on. */
  color: string | null;
  status: AppointmentStatus;
}

export interface CalendarSlot {
  clinicianId: string;
  start: string;
  end: string;
}

/** What the calendar shows: the query it answers and the data for it. */
export interface CalendarQuery {
  view: CalendarView;
  /** The day shown, or any day of the week shown (YYYY-MM-DD, the practice's calendar). */
  date: string;
  clinicianId: string | null;
  typeId: string | null;
}

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Completed',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

export const STATUS_TONES = {
  booked: 'info',
  arrived: 'brand',
  completed: 'success',
  no_show: 'warning',
  cancelled: 'neutral',
} as const satisfies Record<AppointmentStatus, string>;

/** 1 (Monday) to 7 (Sunday) for a YYYY-MM-DD. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week `date` falls in. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The days a query shows, first to last. */
export function daysShown(query: Pick<CalendarQuery, 'view' | 'date'>): string[] {
  if (query.view === 'day') return [query.date];
  const monday = weekStart(query.date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The calendar's query from the page's search parameters; anything unreadable falls back to today's week. */
export function readQuery(params: Record<string, string | string[] | undefined>, today: string): CalendarQuery {
  const one = (key: string) => {
    const value = params[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const date = one('date');
  return {
    view: one('view') === 'day' ? 'day' : 'week',
    date: date && isIsoDate(date) ? date : today,
    clinicianId: one('clinician'),
    typeId: one('type'),
  };
}

/** The address of the calendar for a query (only what differs from the defaults is written). */
export function calendarHref(query: CalendarQuery, changes: Partial<CalendarQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  params.set('view', q.view);
  params.set('date', q.date);
  if (q.clinicianId) params.set('clinician', q.clinicianId);
  if (q.typeId) params.set('type', q.typeId);
  return `/calendar?${params.toString()}`;
}

/** The booking page for a free slot. */
export function bookHref(slot: CalendarSlot, typeId: string | null, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ clinician: slot.clinicianId, start: slot.start, ...(typeId ? { type: typeId } : {}), ...extra });
  return `/calendar/book?${params.toString()}`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "09:30", in the practice's time zone. */
export function formatTime(iso: string, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    timeFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** The practice's calendar day of an instant. */
export function dayOf(iso: string, timeZone: string): string {
  return calendarDateIn(timeZone, new Date(iso));
}

const longDay = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Monday 7 December 2026". */
export function formatLongDay(date: string): string {
  return longDay.format(new Date(`${date}T00:00:00Z`));
}

/** "Mon 7 Dec". */
export function formatShortDay(date: string): string {
  return shortDay.format(new Date(`${date}T00:00:00Z`));
}

/** "7 Dec 2026 – 13 Dec 2026". */
export function formatRange(from: string, to: string): string {
  return `${monthDay.format(new Date(`${from}T00:00:00Z`))} – ${monthDay.format(new Date(`${to}T00:00:00Z`))}`;
}

/** "Mon 7 Dec, 09:30–10:15" in the practice's time zone. */
export function formatWhen(start: string, end: string, timeZone: string): string {
  return `${formatShortDay(dayOf(start, timeZone))}, ${formatTime(start, timeZone)}–${formatTime(end, timeZone)}`;
}
