import {
  freeSlots,
  isLocalTime,
  isoWeekday,
  isWithinWorkingHours,
  mergeIntervals,
  SLOT_STEP_MINUTES,
  toZonedIso,
  workingIntervals,
  zonedInstant,
  type WorkingHours,
} from './scheduling.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
/** Monday-Sunday 09:00-17:00. */
const everyDay: WorkingHours = { weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })), exceptions: [] };
const utc = (intervals: { start: number; end: number }[]) => intervals.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]);

describe('isLocalTime', () => {
  it('accepts HH:MM from 00:00 to 23:59 only', () => {
    expect(['00:00', '09:30', '23:59'].every(isLocalTime)).toBe(true);
    expect(['24:00', '9:30', '09:60', '09:30:00', 930, null].some(isLocalTime)).toBe(false);
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-03-30')).toBe(1);
    expect(isoWeekday('2026-03-29')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });
});

describe('zonedInstant and toZonedIso', () => {
  it('places local times with the offset in force that day', () => {
    expect(new Date(zonedInstant('2026-01-15', '09:00', 'Europe/London')).toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(new Date(zonedInstant('2026-07-15', '09:00', 'Europe/London')).toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(toZonedIso(at('2026-07-15T08:00:00Z'), 'Europe/London')).toBe('2026-07-15T09:00:00+01:00');
    expect(toZonedIso(new Date('2026-01-15T09:00:00Z'), 'Europe/London')).toBe('2026-01-15T09:00:00Z'.replace('Z', '+00:00'));
    expect(toZonedIso(at('2026-01-15T09:00:00Z'), 'Australia/Sydney')).toBe('2026-01-15T20:00:00+11:00');
  });

  it('moves a time that does not exist on a spring-forward day forward with the clocks', () => {
    // London: 01:00 GMT becomes 02:00 BST on 29 March 2026, so 01:30 local does not exist.
    expect(new Date(zonedInstant('2026-03-29', '01:30', 'Europe/London')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses an unknown zone', () => {
    expect(() => zonedInstant('2026-01-15', '09:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('workingIntervals across daylight-saving changes', () => {
  it('Europe/London, last Sunday of March 2026 (29 March): 09:00-17:00 local before and after', () => {
    expect(utc(workingIntervals(everyDay, 'Europe/London', '2026-03-28', '2026-03-30'))).toEqual([
      ['2026-03-28T09:00:00.000Z', '2026-03-28T17:00:00.000Z'],
      ['2026-03-29T08:00:00.000Z', '2026-03-29T16:00:00.000Z'],
      ['2026-03-30T08:00:00.000Z', '2026-03-30T16:00:00.000Z'],
    ]);
  });

  it('Europe/London, last Sunday of October 2026 (25 October)', () => {
    expect(utc(workingIntervals(everyDay, 'Europe/London', '2026-10-24', '2026-10-26'))).toEqual([
      ['2026-10-24T08:00:00.000Z', '2026-10-24T16:00:00.000Z'],
      ['2026-10-25T09:00:00.000Z', '2026-10-25T17:00:00.000Z'],
      ['2026-10-26T09:00:00.000Z', '2026-10-26T17:00:00.000Z'],
    ]);
  });

  it('Australia/Sydney, daylight saving ends 5 April 2026 (AEDT +11 to AEST +10)', () => {
    expect(utc(workingIntervals(everyDay, 'Australia/Sydney', '2026-04-04', '2026-04-06'))).toEqual([
      ['2026-04-03T22:00:00.000Z', '2026-04-04T06:00:00.000Z'],
      ['2026-04-04T23:00:00.000Z', '2026-04-05T07:00:00.000Z'],
      ['2026-04-05T23:00:00.000Z', '2026-04-06T07:00:00.000Z'],
    ]);
  });

  it('Australia/Sydney, daylight saving starts 4 October 2026 (AEST +10 to AEDT +11)', () => {
    expect(utc(workingIntervals(everyDay, 'Australia/Sydney', '2026-10-03', '2026-10-05'))).toEqual([
      ['2026-10-02T23:00:00.000Z', '2026-10-03T07:00:00.000Z'],
      ['2026-10-03T22:00:00.000Z', '2026-10-04T06:00:00.000Z'],
      ['2026-10-04T22:00:00.000Z', '2026-10-05T06:00:00.000Z'],
    ]);
  });

  it('keeps 8 hours of wall time on every change day, in both zones', () => {
    for (const [zone, date] of [
      ['Europe/London', '2026-03-29'],
      ['Europe/London', '2026-10-25'],
      ['Australia/Sydney', '2026-04-05'],
      ['Australia/Sydney', '2026-10-04'],
    ]) {
      const [day] = workingIntervals(everyDay, zone, date, date);
      expect(day.end - day.start).toBe(8 * HOUR);
      expect(toZonedIso(day.start, zone).slice(0, 16)).toBe(`${date}T09:00`);
      expect(toZonedIso(day.end, zone).slice(0, 16)).toBe(`${date}T17:00`);
    }
  });

  it('counts real hours when the change falls inside the working day', () => {
    const night: WorkingHours = { weekly: [{ weekday: 7, start: '00:00', end: '06:00' }], exceptions: [] };
    const [spring] = workingIntervals(night, 'Europe/London', '2026-03-29', '2026-03-29');
    expect(spring.end - spring.start).toBe(5 * HOUR);
    const [autumn] = workingIntervals(night, 'Europe/London', '2026-10-25', '2026-10-25');
    expect(autumn.end - autumn.start).toBe(7 * HOUR);
  });
});

describe('workingIntervals: weekly hours and exceptions', () => {
  const week: WorkingHours = {
    weekly: [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '17:00' },
      { weekday: 2, start: '13:00', end: '17:00' },
      { weekday: 2, start: '08:00', end: '10:00' },
      { weekday: 3, start: '09:00', end: '17:00' },
    ],
    exceptions: [
      { date: '2026-06-03', start: null, end: null },
      { date: '2026-06-04', start: '10:00', end: '11:00' },
      { date: '2026-06-04', start: '14:00', end: '15:00' },
      { date: '2026-06-05', start: '09:00' },
    ],
  };

  it('joins touching hours, sorts split days, applies days off and replacement hours', () => {
    expect(utc(workingIntervals(week, 'UTC', '2026-06-01', '2026-06-07'))).toEqual([
      ['2026-06-01T09:00:00.000Z', '2026-06-01T17:00:00.000Z'],
      ['2026-06-02T08:00:00.000Z', '2026-06-02T10:00:00.000Z'],
      ['2026-06-02T13:00:00.000Z', '2026-06-02T17:00:00.000Z'],
      // Wednesday 3 June is a day off; Thursday 4 June has exception hours though it has no weekly ones;
      // Friday 5 June's exception without an end counts as a day off.
      ['2026-06-04T10:00:00.000Z', '2026-06-04T11:00:00.000Z'],
      ['2026-06-04T14:00:00.000Z', '2026-06-04T15:00:00.000Z'],
    ]);
  });

  it('merges overlapping intervals and drops empty ones', () => {
    expect(
      mergeIntervals([
        { start: 5, end: 10 },
        { start: 0, end: 6 },
        { start: 7, end: 8 },
        { start: 20, end: 20 },
      ]),
    ).toEqual([{ start: 0, end: 10 }]);
  });
});

describe('isWithinWorkingHours', () => {
  const hours: WorkingHours = { weekly: [{ weekday: 1, start: '09:00', end: '17:00' }], exceptions: [{ date: '2026-04-06', start: null, end: null }] };

  it('is true inside the hours, in the practice zone', () => {
    expect(isWithinWorkingHours(hours, 'Europe/London', at('2026-03-30T08:00:00Z'), at('2026-03-30T08:45:00Z'))).toBe(true);
    expect(isWithinWorkingHours(hours, 'Europe/London', at('2026-03-30T15:15:00Z'), at('2026-03-30T16:00:00Z'))).toBe(true);
  });

  it('is false before, after, across the end, on other days and on a day off', () => {
    expect(isWithinWorkingHours(hours, 'Europe/London', at('2026-03-30T07:45:00Z'), at('2026-03-30T08:30:00Z'))).toBe(false);
    expect(isWithinWorkingHours(hours, 'Europe/London', at('2026-03-30T15:45:00Z'), at('2026-03-30T16:30:00Z'))).toBe(false);
    expect(isWithinWorkingHours(hours, 'Europe/London', at('2026-03-31T09:00:00Z'), at('2026-03-31T09:30:00Z'))).toBe(false);
    expect(isWithinWorkingHours(hours, 'Europe/London', at('2026-04-06T09:00:00Z'), at('2026-04-06T09:30:00Z'))).toBe(false);
  });
});

describe('freeSlots', () => {
  const working = [{ start: at('2026-06-01T09:00:00Z'), end: at('2026-06-01T11:00:00Z') }];
  const times = (slots: { start: number }[]) => slots.map((s) => new Date(s.start).toISOString().slice(11, 16));

  it('steps by 15 minutes, fits the duration, skips booked time', () => {
    expect(SLOT_STEP_MINUTES).toBe(15);
    const busy = [{ start: at('2026-06-01T09:30:00Z'), end: at('2026-06-01T10:00:00Z') }];
    expect(times(freeSlots(working, busy, 30, 0))).toEqual(['09:00', '10:00', '10:15', '10:30']);
  });

  it('does not offer slots in the past, and honours another step', () => {
    expect(times(freeSlots(working, [], 45, at('2026-06-01T09:40:00Z'), 30))).toEqual(['10:00']);
    expect(freeSlots(working, [], 150, 0)).toEqual([]);
  });
});
