/**
 * Appointment scheduling in the practice's IANA time zone: a clinician's working intervals over a range of dates,
 * whether an appointment lies within them, and the free slots left by the appointments already booked.
 *
 * Working hours are local wall-clock times ("09:00-17:00 on Mondays"); every interval returned is a pair of UTC
 * instants (milliseconds since the epoch), computed per date with Luxon's zone rules, so a day on which the clocks
 * change still runs 09:00 to 17:00 on the wall (8 hours of wall time, 7 or 9 real hours only when the change falls
 * inside the working day). A local time that does not exist on a spring-forward day moves forward with the clocks
 * (02:30 becomes 03:30); an ambiguous one on a fall-back day is its first occurrence.
 *
 * Pure functions: the caller passes "now" (the domain reads no clock).
 */
import { DateTime } from 'luxon';
import { addDays, daysBetween } from './dates.js';

/** Weekly hours: ISO weekday (Monday 1 ... Sunday 7) and local times `HH:MM` (start before end, same day). */
export interface WeeklyHours {
  weekday: number;
  start: string;
  end: string;
}

/** One date's exception: without times a day off; with times, these hours replace the weekly ones that day. */
export interface HoursException {
  date: string;
  start?: string | null;
  end?: string | null;
}

export interface WorkingHours {
  weekly: readonly WeeklyHours[];
  exceptions: readonly HoursException[];
}

/** A half-open interval [start, end) of UTC instants in milliseconds since the epoch. */
export interface Interval {
  start: number;
  end: number;
}

/** Slots start on a fixed grid of this many minutes from the start of each working interval, whatever the type's length. */
export const SLOT_STEP_MINUTES = 15;

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a local time written `HH:MM` (00:00-23:59). */
export function isLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/** The UTC instant (ms) of a local date and `HH:MM` time in `timeZone`. Throws a RangeError for an unknown zone. */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Cannot place ${date} ${time} in time zone ${timeZone}: ${local.invalidExplanation}`);
  return local.toMillis();
}

/** An instant as ISO 8601 with the zone's offset at that instant, to the second: `2026-03-30T09:00:00+01:00`. */
export function toZonedIso(instant: number | Date, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return DateTime.fromMillis(ms, { zone: timeZone }).toISO({ suppressMilliseconds: true }) as string;
}

/** The ISO weekday (Monday 1 ... Sunday 7) of a `YYYY-MM-DD` date. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((daysBetween('1970-01-01', date) + 3) % 7) + 7) % 7) + 1;
}

/** Sorts and joins overlapping or touching intervals. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * The working intervals of one clinician for every date from `from` to `to` (both `YYYY-MM-DD`, inclusive, local
 * dates of the practice), in UTC instants, merged and sorted. On a date with exceptions the weekly hours do not
 * apply: an exception without times makes it a day off, exceptions with times are that day's hours.
 */
export function workingIntervals(hours: WorkingHours, timeZone: string, from: string, to: string): Interval[] {
  const exceptionsByDate = new Map<string, HoursException[]>();
  for (const exception of hours.exceptions) exceptionsByDate.set(exception.date, [...(exceptionsByDate.get(exception.date) ?? []), exception]);
  const intervals: Interval[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const exceptions = exceptionsByDate.get(date);
    const weekday = isoWeekday(date);
    const day = exceptions
      ? exceptions.some((e) => !e.start || !e.end)
        ? []
        : exceptions.map((e) => ({ start: e.start as string, end: e.end as string }))
      : hours.weekly.filter((w) => w.weekday === weekday);
    for (const { start, end } of day) intervals.push({ start: zonedInstant(date, start, timeZone), end: zonedInstant(date, end, timeZone) });
  }
  return mergeIntervals(intervals);
}

/**
 * Whether [start, end) lies wholly inside the clinician's working hours. The dates looked at are the local dates of
 * the start and the end, so an appointment never spans two working days unnoticed.
 */
export function isWithinWorkingHours(hours: WorkingHours, timeZone: string, start: number, end: number): boolean {
  const from = DateTime.fromMillis(start, { zone: timeZone }).toISODate() as string;
  const to = DateTime.fromMillis(end, { zone: timeZone }).toISODate() as string;
  return workingIntervals(hours, timeZone, from, to).some((i) => i.start <= start && end <= i.end);
}

/**
 * Free slots of `durationMinutes` in `working` (merged intervals) that overlap none of `busy`, starting on the
 * `stepMinutes` grid from the start of each working interval, and not before `now`.
 */
export function freeSlots(
  working: readonly Interval[],
  busy: readonly Interval[],
  durationMinutes: number,
  now: number,
  stepMinutes = SLOT_STEP_MINUTES,
): Interval[] {
  const duration = durationMinutes * 60_000;
  const step = stepMinutes * 60_000;
  const slots: Interval[] = [];
  for (const interval of working) {
    for (let start = interval.start; start + duration <= interval.end; start += step) {
      const end = start + duration;
      if (start < now) continue;
      if (busy.some((b) => b.start < end && start < b.end)) continue;
      slots.push({ start, end });
    }
  }
  return slots;
}
