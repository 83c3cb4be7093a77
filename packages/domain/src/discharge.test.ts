import fc from 'fast-check';
import { DISCHARGE_REASON_CODES, DISCHARGE_STATUSES, type DischargeReasonCode, type DischargeStatus } from './codes.js';
import { dischargeReview, type DischargeInput, type DischargeOutcomes } from './discharge.js';
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

const pair = (baseline: number, latest: number) => ({ baseline, latest });
/** Ready for discharge: ODI down 20 points to 20, pain down to 3/10, adherence at 80 %. */
const ready: DischargeInput = {
  weeksInCare: 6,
  outcomes: { odi: pair(40, 20), nprs: pair(6, 3) },
  adherencePercent: 80,
  redFlagOpen: false,
  priorEpisodes: 0,
};
const reviewOf = (change: Partial<DischargeInput>) => dischargeReview({ ...ready, ...change });
const withOutcomes = (outcomes: DischargeOutcomes, change: Partial<DischargeInput> = {}) => reviewOf({ outcomes, ...change });
const codesOf = (result: ReturnType<typeof dischargeReview>) => [result.status, result.reasons.map((r) => r.code)];

/** No recorded instrument improved by a change that matters: ODI down 5, NPRS down 1 (of 6). */
const unchanged: DischargeOutcomes = { odi: pair(40, 35), nprs: pair(6, 5) };

describe('dischargeReview: rules 1 to 4', () => {
  it.each<[string, Partial<DischargeInput>, DischargeStatus, DischargeReasonCode[]]>([
    ['ready, for comparison', {}, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['a red flag open', { redFlagOpen: true }, 'not_applicable', ['red_flag_open']],
    ['a red flag open and nothing recorded', { redFlagOpen: true, outcomes: {} }, 'not_applicable', ['red_flag_open']],
    ['nothing recorded', { outcomes: {} }, 'continue', ['no_outcomes']],
    ['everything null', { outcomes: { odi: null, nprs: null, rmdq: null, psfs: null } }, 'continue', ['no_outcomes']],
    ['nothing recorded after 20 weeks', { outcomes: {}, weeksInCare: 20 }, 'continue', ['no_outcomes']],
    ['pain up 1 point', { outcomes: { odi: pair(40, 20), nprs: pair(2, 3) } }, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['pain up 2 points', { outcomes: { odi: pair(40, 20), nprs: pair(2, 4) } }, 'review', ['pain_worse']],
    ['pain up 3 points', { outcomes: { odi: pair(40, 20), nprs: pair(2, 5) } }, 'review', ['pain_worse']],
    ['pain worse comes before 12 weeks without change', { outcomes: { odi: pair(40, 38), nprs: pair(4, 6) }, weeksInCare: 20 }, 'review', ['pain_worse']],
    ['no change that matters at 3 weeks', { outcomes: unchanged, weeksInCare: 3 }, 'continue', ['function_not_improved', 'odi_above_22', 'pain_above_4']],
    ['no change that matters at 4 weeks', { outcomes: unchanged, weeksInCare: 4 }, 'review', ['no_meaningful_change_4_weeks']],
    ['no change that matters at 5 weeks', { outcomes: unchanged, weeksInCare: 5 }, 'review', ['no_meaningful_change_4_weeks']],
    ['no change that matters at 11 weeks', { outcomes: unchanged, weeksInCare: 11 }, 'review', ['no_meaningful_change_4_weeks']],
    ['no change that matters at 12 weeks', { outcomes: unchanged, weeksInCare: 12 }, 'refer_or_reassess', ['no_meaningful_change_12_weeks']],
    ['no change that matters at 13 weeks', { outcomes: unchanged, weeksInCare: 13 }, 'refer_or_reassess', ['no_meaningful_change_12_weeks']],
    [
      'only pain improved, at 12 weeks (not rule 3)',
      { outcomes: { odi: pair(40, 35), nprs: pair(6, 4) }, weeksInCare: 12 },
      'continue',
      ['function_not_improved', 'odi_above_22'],
    ],
    [
      'pain improved by 30 % of baseline only (3 -> 2), at 12 weeks',
      { outcomes: { odi: pair(20, 18), nprs: pair(3, 2) }, weeksInCare: 12 },
      'continue',
      ['function_not_improved'],
    ],
    ['only PSFS improved, at 12 weeks', { outcomes: { psfs: pair(3, 5) }, weeksInCare: 12 }, 'continue', ['function_missing', 'nprs_missing']],
    ['PSFS up 1.9 only, at 12 weeks', { outcomes: { psfs: pair(3, 4.9) }, weeksInCare: 12 }, 'refer_or_reassess', ['no_meaningful_change_12_weeks']],
  ])('%s -> %s', (_label, change, status, reasons) => {
    expect(codesOf(reviewOf(change))).toEqual([status, reasons]);
  });
});

describe('dischargeReview: rules 5 and 6, ready or continue', () => {
  it.each<[string, DischargeOutcomes, number, DischargeStatus, DischargeReasonCode[]]>([
    // label, outcomes, adherence, status, reasons
    ['ODI 22', { odi: pair(40, 22), nprs: pair(6, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['ODI 22.1', { odi: pair(40, 22.1), nprs: pair(6, 3) }, 80, 'continue', ['odi_above_22']],
    ['ODI 23', { odi: pair(40, 23), nprs: pair(6, 3) }, 80, 'continue', ['odi_above_22']],
    ['ODI 21.9', { odi: pair(40, 21.9), nprs: pair(6, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['NPRS 4', { odi: pair(40, 20), nprs: pair(7, 4) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['NPRS 5', { odi: pair(40, 20), nprs: pair(7, 5) }, 80, 'continue', ['pain_above_4']],
    ['NPRS 3', { odi: pair(40, 20), nprs: pair(7, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['ODI down 10 points', { odi: pair(32, 22), nprs: pair(6, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['ODI down 9.9 points', { odi: pair(31.9, 22), nprs: pair(6, 3) }, 80, 'continue', ['function_not_improved']],
    ['ODI down 10.1 points', { odi: pair(32.1, 22), nprs: pair(6, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['RMDQ down 5', { rmdq: pair(12, 7), nprs: pair(6, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['RMDQ down 4', { rmdq: pair(12, 8), nprs: pair(6, 3) }, 80, 'continue', ['function_not_improved']],
    ['RMDQ down 6', { rmdq: pair(12, 6), nprs: pair(6, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    [
      'ODI not improved, RMDQ improved',
      { odi: pair(20, 15), rmdq: pair(12, 6), nprs: pair(6, 3) },
      80,
      'ready',
      ['function_improved', 'acceptable_state', 'adherent'],
    ],
    ['ODI improved, RMDQ not', { odi: pair(40, 20), rmdq: pair(12, 10), nprs: pair(6, 3) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['RMDQ improved but ODI above 22', { odi: pair(30, 25), rmdq: pair(12, 6), nprs: pair(6, 3) }, 80, 'continue', ['odi_above_22']],
    ['PSFS up 2', { odi: pair(40, 20), nprs: pair(6, 3), psfs: pair(4, 6) }, 80, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['PSFS up 1.9', { odi: pair(40, 20), nprs: pair(6, 3), psfs: pair(4, 5.9) }, 80, 'continue', ['psfs_not_improved']],
    ['PSFS down', { odi: pair(40, 20), nprs: pair(6, 3), psfs: pair(6, 4) }, 80, 'continue', ['psfs_not_improved']],
    ['adherence 79.9 %', { odi: pair(40, 20), nprs: pair(6, 3) }, 79.9, 'continue', ['adherence_below_80']],
    ['adherence 79 %', { odi: pair(40, 20), nprs: pair(6, 3) }, 79, 'continue', ['adherence_below_80']],
    ['adherence 81 %', { odi: pair(40, 20), nprs: pair(6, 3) }, 81, 'ready', ['function_improved', 'acceptable_state', 'adherent']],
    ['no ODI or RMDQ', { nprs: pair(6, 3) }, 80, 'continue', ['function_missing']],
    ['no NPRS', { odi: pair(40, 20) }, 80, 'continue', ['nprs_missing']],
    ['only PSFS, improved', { psfs: pair(3, 6) }, 80, 'continue', ['function_missing', 'nprs_missing']],
    [
      'everything unmet',
      { odi: pair(30, 25), nprs: pair(7, 5), psfs: pair(4, 5) },
      50,
      'continue',
      ['function_not_improved', 'odi_above_22', 'pain_above_4', 'psfs_not_improved', 'adherence_below_80'],
    ],
  ])('%s -> %s', (_label, outcomes, adherencePercent, status, reasons) => {
    // 2 weeks in care: rules 3 and 4 cannot fire.
    expect(codesOf(withOutcomes(outcomes, { adherencePercent, weeksInCare: 2 }))).toEqual([status, reasons]);
  });
});

describe('dischargeReview: maintenance and texts', () => {
  it('advises keeping the exercises going for 12 months when ready', () => {
    const result = reviewOf({ priorEpisodes: 2 });
    expect(result).toEqual({
      status: 'ready',
      reasons: [
        { code: 'function_improved', text: 'Function improved by a change that matters: ODI 40 -> 20.' },
        { code: 'acceptable_state', text: 'Acceptable symptom state: ODI 20 (22 or less), NPRS 3/10 (4 or less).' },
        { code: 'adherent', text: 'Adherence 80 %, 80 % or more.' },
      ],
      maintenance: {
        code: 'keep_exercising_12_months',
        text: 'Keep the exercises going for at least 12 months after discharge: exercise with education cuts recurrences, and the protection fades when exercise stops (Steffens 2016; Pocovi 2024).',
        patientText: 'Keep doing your exercises for at least a year, even when your back feels fine: that is what keeps the spasms from coming back.',
      },
      rulesetVersion: '2026.12',
    });
  });

  it.each<[number, boolean]>([
    [0, false],
    [2, false],
    [3, true],
    [4, true],
  ])('with %i prior episodes, stresses it more: %p', (priorEpisodes, stronger) => {
    const { maintenance } = reviewOf({ priorEpisodes });
    expect(maintenance?.text.includes('more than two: the risk of another is higher')).toBe(stronger);
    expect(maintenance?.patientText.includes('several episodes before')).toBe(stronger);
  });

  it.each<[string, Partial<DischargeInput>]>([
    ['not_applicable', { redFlagOpen: true }],
    ['review', { outcomes: { odi: pair(40, 20), nprs: pair(2, 4) } }],
    ['refer_or_reassess', { outcomes: unchanged, weeksInCare: 12 }],
    ['continue', { adherencePercent: 10 }],
  ])('gives no maintenance advice with status %s', (status, change) => {
    const result = reviewOf({ ...change, priorEpisodes: 5 });
    expect(result.status).toBe(status);
    expect(result).not.toHaveProperty('maintenance');
  });

  it('states the figures behind each reason', () => {
    const text = (change: Partial<DischargeInput>) => reviewOf(change).reasons.map((r) => r.text);
    expect(text({ redFlagOpen: true })).toEqual(['A red flag is open: no discharge review until it has been dealt with.']);
    expect(text({ outcomes: {} })).toEqual(['No outcome measure recorded: record ODI or RMDQ and NPRS (and PSFS if used) to judge the way to discharge.']);
    expect(text({ outcomes: { nprs: pair(3, 6) } })).toEqual([
      'Pain worse: NPRS 3/10 at baseline, 6/10 now (2 points or more up). Review before anything else.',
    ]);
    expect(text({ outcomes: unchanged, weeksInCare: 12 })).toEqual([
      '12 weeks in care and no change that matters on any recorded measure (ODI 40 -> 35, NPRS 6 -> 5): reassess, or refer.',
    ]);
    expect(text({ outcomes: unchanged, weeksInCare: 4 })).toEqual([
      '4 weeks in care and no change that matters on any recorded measure (ODI 40 -> 35, NPRS 6 -> 5): an early lack of change predicts a poor course; review the plan.',
    ]);
    expect(text({ outcomes: { rmdq: pair(12, 6), nprs: pair(6, 4) } })[1]).toBe('Acceptable symptom state: NPRS 4/10 (4 or less).');
    expect(text({ outcomes: { odi: pair(30, 25), rmdq: pair(10, 9), nprs: pair(7, 5), psfs: pair(4, 5) }, adherencePercent: 50, weeksInCare: 2 })).toEqual([
      'Function not yet improved by a change that matters: ODI 30 -> 25, RMDQ 10 -> 9.',
      'ODI 25, above 22: not yet an acceptable symptom state.',
      'Pain 5/10, above 4/10: not yet an acceptable symptom state.',
      'PSFS not yet improved by a change that matters: PSFS 4 -> 5.',
      'Adherence 50 %, under 80 %.',
    ]);
    expect(text({ outcomes: { psfs: pair(2, 8) } })).toEqual([
      'Neither ODI nor RMDQ recorded: function cannot be judged.',
      'NPRS not recorded: the symptom state cannot be judged.',
    ]);
  });
});

describe('dischargeReview: validation', () => {
  it('lists every bad field at once', () => {
    const bad = {
      weeksInCare: 1.5,
      outcomes: { odi: pair(101, 20), nprs: pair(6, 4.5), rmdq: 'better', psfs: { baseline: -1 } },
      adherencePercent: '80',
      redFlagOpen: 0,
      priorEpisodes: -1,
    };
    expect(fieldsOf(() => dischargeReview(bad as unknown as DischargeInput))).toEqual([
      'weeksInCare',
      'outcomes.odi.baseline',
      'outcomes.nprs.latest',
      'outcomes.rmdq',
      'outcomes.psfs.baseline',
      'outcomes.psfs.latest',
      'adherencePercent',
      'redFlagOpen',
      'priorEpisodes',
    ]);
  });

  it.each<[unknown, string[]]>([
    [null, ['input']],
    [42, ['input']],
    [{}, ['weeksInCare', 'outcomes', 'adherencePercent', 'redFlagOpen', 'priorEpisodes']],
    [{ ...ready, outcomes: null }, ['outcomes']],
    [{ ...ready, outcomes: [] }, ['outcomes']],
    [{ ...ready, outcomes: { rmdq: pair(12, 24.5) } }, ['outcomes.rmdq.latest']],
    [{ ...ready, outcomes: { rmdq: pair(25, 3) } }, ['outcomes.rmdq.baseline']],
    [{ ...ready, outcomes: { psfs: pair(10.1, 3) } }, ['outcomes.psfs.baseline']],
    [{ ...ready, adherencePercent: 100.1 }, ['adherencePercent']],
  ])('rejects %p', (input, fields) => {
    expect(fieldsOf(() => dischargeReview(input as DischargeInput))).toEqual(fields);
  });

  it('accepts the ends of each scale, fractional PSFS and ODI, and ignores unknown keys', () => {
    const outcomes = { odi: pair(100, 0), nprs: pair(10, 0), rmdq: pair(24, 0), psfs: pair(0.4, 10), sf36: 'n/a' };
    expect(reviewOf({ outcomes: outcomes, weeksInCare: 0, adherencePercent: 100 }).status).toBe('ready');
  });
});

const scorePair = (max: number, integer: boolean) => {
  const score = integer ? fc.integer({ min: 0, max }) : fc.integer({ min: 0, max: max * 10 }).map((x) => x / 10);
  return fc.option(fc.record({ baseline: score, latest: score }), { nil: undefined });
};

function validInput(): fc.Arbitrary<DischargeInput> {
  return fc.record({
    weeksInCare: fc.integer({ min: 0, max: 30 }),
    outcomes: fc.record({ odi: scorePair(100, false), nprs: scorePair(10, true), rmdq: scorePair(24, true), psfs: scorePair(10, false) }),
    adherencePercent: fc.integer({ min: 0, max: 100 }),
    redFlagOpen: fc.boolean(),
    priorEpisodes: fc.integer({ min: 0, max: 10 }),
  });
}

describe('dischargeReview: properties', () => {
  it('decides by exactly one rule, explains it, and gives maintenance advice only when ready', () => {
    fc.assert(
      fc.property(validInput(), (input) => {
        const result = dischargeReview(input);
        expect(DISCHARGE_STATUSES).toContain(result.status);
        expect(result.reasons.length).toBeGreaterThan(0);
        expect(result.status === 'not_applicable').toBe(input.redFlagOpen);
        expect(result.maintenance !== undefined).toBe(result.status === 'ready');
        if (result.status === 'ready') expect(result.reasons).toHaveLength(3);
        if (result.status !== 'ready' && result.status !== 'continue') expect(result.reasons).toHaveLength(1);
        const order = result.reasons.map((r) => DISCHARGE_REASON_CODES.indexOf(r.code));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
    );
  });

  it('is never ready without a meaningful improvement in function, pain at most 4 and adherence of 80 %', () => {
    fc.assert(
      fc.property(validInput(), (input) => {
        if (dischargeReview(input).status !== 'ready') return;
        const { odi, nprs, rmdq } = input.outcomes;
        expect(nprs?.latest).toBeLessThanOrEqual(4);
        expect(input.adherencePercent).toBeGreaterThanOrEqual(80);
        // ODI scores have 1 decimal: compare tenths, free of floating-point noise.
        const odiGain = odi ? Math.round((odi.baseline - odi.latest) * 10) : 0;
        expect(odiGain >= 100 || (rmdq !== undefined && rmdq !== null && rmdq.baseline - rmdq.latest >= 5)).toBe(true);
        if (odi) expect(odi.latest).toBeLessThanOrEqual(22);
      }),
    );
  });
});
