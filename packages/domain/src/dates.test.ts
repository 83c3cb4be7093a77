import fc from 'fast-check';
import { addDays, calendarDateIn, daysBetween, fromDayNumber, isIsoDate, toDayNumber } from './dates.js';

describe('isIsoDate', () => {
  it.each([
    ['2026-01-31', true],
    ['2026-04-30', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['0000-01-01', false],
    ['26-01-01', false],
    ['2026-1-1', false],
    ['2026-01-01T00:00', false],
    [' 2026-01-01', false],
    [20260101, false],
    [null, false],
    [undefined, false],
  ])('%p -> %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2026-11-01', 20758],
  ])('toDayNumber(%s) = %i', (date, n) => {
    expect(toDayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
  });

  it('agrees with Date.UTC for every day from 1601 to 2400 (spot-checked by property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1601-01-01'), max: toDayNumber('2400-12-31') }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(n)).toBe(iso);
        expect(toDayNumber(iso)).toBe(n);
      }),
    );
  });

  it('pads years below 1000', () => {
    expect(fromDayNumber(toDayNumber('0001-01-01'))).toBe('0001-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 84, '2026-06-21'],
    ['2026-10-25', 7, '2026-11-01'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });
});

describe('calendarDateIn', () => {
  // 2026-11-27 10:30 UTC: already the 28th at UTC+14, still the 26th at UTC-12 until 12:00 UTC.
  const instant = new Date('2026-11-27T10:30:00Z');

  it.each([
    ['UTC', '2026-11-27'],
    ['Europe/London', '2026-11-27'],
    ['Pacific/Kiritimati', '2026-11-28'],
    ['Etc/GMT+12', '2026-11-26'],
    ['America/New_York', '2026-11-27'],
  ])('gives the date in %s', (zone, date) => {
    expect(calendarDateIn(zone, instant)).toBe(date);
  });

  it('turns at local midnight, not at UTC midnight', () => {
    expect(calendarDateIn('Pacific/Auckland', new Date('2026-11-27T10:59:59Z'))).toBe('2026-11-27');
    expect(calendarDateIn('Pacific/Auckland', new Date('2026-11-27T11:00:00Z'))).toBe('2026-11-28');
  });

  it('always gives a real YYYY-MM-DD date, a day from the UTC one at most', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Kolkata'),
        (when, zone) => {
          const date = calendarDateIn(zone, when);
          expect(isIsoDate(date)).toBe(true);
          expect(Math.abs(daysBetween(when.toISOString().slice(0, 10), date))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => calendarDateIn('Mars/Olympus_Mons', instant)).toThrow(RangeError);
  });
});
