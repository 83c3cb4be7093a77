import fc from 'fast-check';
import { clinicOutcomes, wilsonInterval, type ClosedPlanOutcome } from './clinic-outcomes.js';
import { DomainValidationError } from './errors.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

/** `count` cases true, `n - count` false, then `unknown` nulls, for the meaningful change; recurrence unknown. */
function changeCases(count: number, n: number, unknown = 0): ClosedPlanOutcome[] {
  return [
    ...Array.from({ length: n }, (_, i) => ({ reachedMeaningfulChange: i < count, recurredWithin12Months: null })),
    ...Array.from({ length: unknown }, () => ({ reachedMeaningfulChange: null, recurredWithin12Months: null })),
  ];
}

/** The Wilson interval written the other common way, as an independent check. */
function wilsonReference(count: number, n: number): [number, number] {
  const z = 1.96;
  const p = count / n;
  const a = 2 * n * p + z * z;
  const b = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
  const d = 2 * (n + z * z);
  return [(a - b) / d, (a + b) / d];
}

describe('clinicOutcomes: rate and 95 % Wilson interval', () => {
  it.each<[number, number, number, number, number]>([
    // count, n, rate, low, high (published Wilson values, rounded)
    [5, 10, 0.5, 0.237, 0.763],
    [0, 10, 0, 0, 0.278],
    [10, 10, 1, 0.722, 1],
    [1, 10, 0.1, 0.018, 0.404],
    [9, 10, 0.9, 0.596, 0.982],
    [3, 11, 0.273, 0.097, 0.566],
    [0, 11, 0, 0, 0.259],
    [7, 20, 0.35, 0.181, 0.567],
    [33, 100, 0.33, 0.246, 0.427],
    [69, 100, 0.69, 0.594, 0.772],
  ])('%i of %i -> %p [%p, %p]', (count, n, rate, low, high) => {
    expect(clinicOutcomes(changeCases(count, n)).meaningfulChange).toEqual({ n, count, rate, low, high });
  });

  it.each<[number, number, boolean]>([
    [8, 0, false],
    [9, 0, false],
    [10, 0, true],
    [11, 0, true],
    [9, 5, false], // unknown cases do not count toward n
    [10, 5, true],
  ])('%i known and %i unknown cases: rate given %p', (n, unknown, given) => {
    const rate = clinicOutcomes(changeCases(3, n, unknown)).meaningfulChange;
    expect(rate.n).toBe(n);
    expect(rate.count).toBe(3);
    expect(rate.rate !== null && rate.low !== null && rate.high !== null).toBe(given);
    if (!given) expect(rate).toEqual({ n, count: 3, rate: null, low: null, high: null });
  });

  it('counts the two outcomes separately, each among its own known cases', () => {
    // 12 plans: 9 reached a change that matters; the recurrence is known for 4 of them, 1 recurred.
    const cases: ClosedPlanOutcome[] = Array.from({ length: 12 }, (_, i) => ({
      reachedMeaningfulChange: i < 9,
      recurredWithin12Months: i < 4 ? i < 1 : null,
    }));
    expect(clinicOutcomes(cases)).toEqual({
      meaningfulChange: { n: 12, count: 9, rate: 0.75, low: 0.468, high: 0.911 },
      recurrence: { n: 4, count: 1, rate: null, low: null, high: null },
      rulesetVersion: '2026.12',
    });
  });

  it('gives zero counts for no cases', () => {
    const empty = { n: 0, count: 0, rate: null, low: null, high: null };
    expect(clinicOutcomes([])).toEqual({ meaningfulChange: empty, recurrence: empty, rulesetVersion: '2026.12' });
  });

  it('rounds as rule 9 says: Math.round(x * 1000) / 1000', () => {
    // 1/16 = 0.0625 exactly: half rounds up.
    expect(clinicOutcomes(changeCases(1, 16)).meaningfulChange.rate).toBe(0.063);
    expect(clinicOutcomes(changeCases(2, 3 * 5)).meaningfulChange.rate).toBe(0.133);
  });
});

describe('wilsonInterval', () => {
  it('matches the other way of writing it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([count, n]) => {
          const { low, high } = wilsonInterval(count, n);
          const [refLow, refHigh] = wilsonReference(count, n);
          expect(low).toBeCloseTo(Math.max(0, refLow), 12);
          expect(high).toBeCloseTo(Math.min(1, refHigh), 12);
        },
      ),
    );
  });

  it('is exactly 0 and 1 at the ends, never a negative zero', () => {
    expect(Object.is(wilsonInterval(0, 10).low, 0)).toBe(true);
    expect(wilsonInterval(10, 10).high).toBe(1);
    expect(Object.is(clinicOutcomes(changeCases(0, 10)).meaningfulChange.low, 0)).toBe(true);
  });

  it('widens with a larger z', () => {
    const narrow = wilsonInterval(5, 20, 1);
    const wide = wilsonInterval(5, 20);
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });
});

describe('clinicOutcomes: validation', () => {
  it('lists every bad field at once', () => {
    const bad = [
      { reachedMeaningfulChange: true, recurredWithin12Months: null },
      { reachedMeaningfulChange: 'yes', recurredWithin12Months: 1 },
      { recurredWithin12Months: false },
      null,
      [],
    ];
    expect(fieldsOf(() => clinicOutcomes(bad as unknown as ClosedPlanOutcome[]))).toEqual([
      'cases[1].reachedMeaningfulChange',
      'cases[1].recurredWithin12Months',
      'cases[2].reachedMeaningfulChange',
      'cases[3]',
      'cases[4]',
    ]);
  });

  it.each([null, undefined, {}, 'cases', 3])('rejects %p as the list', (value) => {
    expect(fieldsOf(() => clinicOutcomes(value as ClosedPlanOutcome[]))).toEqual(['cases']);
  });
});

const anyCase = fc.record({
  reachedMeaningfulChange: fc.constantFrom(true, false, null),
  recurredWithin12Months: fc.constantFrom(true, false, null),
});

describe('clinicOutcomes: properties', () => {
  it('keeps counts within n, and each interval within [0, 1] around its rate', () => {
    fc.assert(
      fc.property(fc.array(anyCase, { maxLength: 200 }), (cases) => {
        const result = clinicOutcomes(cases);
        for (const [rate, key] of [
          [result.meaningfulChange, 'reachedMeaningfulChange'],
          [result.recurrence, 'recurredWithin12Months'],
        ] as const) {
          expect(rate.n).toBe(cases.filter((c) => c[key] !== null).length);
          expect(rate.count).toBe(cases.filter((c) => c[key] === true).length);
          expect(rate.count).toBeGreaterThanOrEqual(0);
          expect(rate.count).toBeLessThanOrEqual(rate.n);
          if (rate.n < 10) {
            expect([rate.rate, rate.low, rate.high]).toEqual([null, null, null]);
            continue;
          }
          const [r, low, high] = [rate.rate, rate.low, rate.high] as number[];
          expect(0).toBeLessThanOrEqual(low);
          expect(low).toBeLessThanOrEqual(r);
          expect(r).toBeLessThanOrEqual(high);
          expect(high).toBeLessThanOrEqual(1);
          for (const x of [r, low, high]) expect(Math.round(x * 1000) / 1000).toBe(x);
        }
      }),
    );
  });

  it('does not depend on the order of the cases', () => {
    fc.assert(
      fc.property(
        fc.array(anyCase, { maxLength: 60 }).chain((cases) => fc.tuple(fc.constant(cases), fc.shuffledSubarray(cases, { minLength: cases.length }))),
        ([cases, shuffled]) => {
          expect(clinicOutcomes(shuffled)).toEqual(clinicOutcomes(cases));
        },
      ),
    );
  });

  it('narrows as the number of cases grows at the same rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 200 }), fc.integer({ min: 0, max: 10 }), (n, tenths) => {
        const count = Math.round((n * tenths) / 10);
        const small = wilsonInterval(count, n);
        const large = wilsonInterval(count * 4, n * 4);
        expect(large.high - large.low).toBeLessThan(small.high - small.low);
      }),
    );
  });
});
