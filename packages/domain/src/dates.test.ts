import fc from 'fast-check';
import { addDays, daysBetween, fromDayNumber, isIsoDate, toDayNumber } from './dates.js';

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
