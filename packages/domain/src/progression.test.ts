import fc from 'fast-check';
import {
  PHASE_KEYS,
  PROGRESSION_ADVICE,
  PROGRESSION_REASON_CODES,
  type PhaseKey,
  type ProgressionActionCode,
  type ProgressionAdviceCode,
  type ProgressionReasonCode,
} from './codes.js';
import { addDays } from './dates.js';
import { DomainValidationError } from './errors.js';
import { progressionAdvice, type ProgressionInput, type ProgressionLog } from './progression.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

const AS_OF = '2026-12-01';
/** A log `daysAgo` days before `AS_OF` (negative: after it). */
const log = (daysAgo: number, pain: number, settledByNextMorning?: boolean | null): ProgressionLog =>
  settledByNextMorning === undefined ? { date: addDays(AS_OF, -daysAgo), pain } : { date: addDays(AS_OF, -daysAgo), pain, settledByNextMorning };
/** Three days of tolerated, settled logs: nothing to hold back. */
const goodLogs = [log(6, 3, true), log(3, 3, true), log(0, 3, true)];
/** Ready to progress, every threshold met with nothing to spare. */
const ready: ProgressionInput = {
  phaseKey: 'strengthen',
  daysInPhase: 14,
  isLastPhase: false,
  adherencePercent: 80,
  logs: goodLogs,
  openPainAlert: false,
  asOf: AS_OF,
};
const advise = (change: Partial<ProgressionInput>) => progressionAdvice({ ...ready, ...change });
const codes = (change: Partial<ProgressionInput>) => {
  const result = advise(change);
  return [result.advice, result.reasons.map((r) => r.code)];
};

describe('progressionAdvice: rule 1, regress', () => {
  it.each<[string, Partial<ProgressionInput>, ProgressionAdviceCode, ProgressionReasonCode[]]>([
    ['ready, for comparison', {}, 'progress', ['ready_to_progress']],
    ['an open pain alert', { openPainAlert: true }, 'regress', ['pain_alert_open']],
    ['pain 5 this week', { logs: [...goodLogs, log(1, 5)] }, 'progress', ['ready_to_progress']],
    ['pain 6 this week', { logs: [...goodLogs, log(1, 6)] }, 'regress', ['pain_above_5']],
    ['pain 6 six days ago', { logs: [...goodLogs, log(6, 6)] }, 'regress', ['pain_above_5']],
    ['pain 6 seven days ago', { logs: [...goodLogs, log(7, 6)] }, 'progress', ['ready_to_progress']],
    ['pain 6 fourteen days ago (ignored)', { logs: [...goodLogs, log(14, 6)] }, 'progress', ['ready_to_progress']],
    ['pain 6 tomorrow (ignored)', { logs: [...goodLogs, log(-1, 6)] }, 'progress', ['ready_to_progress']],
    [
      'the two most recent answered logs not settled',
      { logs: [log(6, 3, true), log(3, 3, false), log(0, 3, false)] },
      'regress',
      ['not_settling_twice', 'not_settled'],
    ],
    [
      'unanswered logs between them do not count',
      { logs: [log(6, 3, false), log(5, 3, null), log(3, 3, false), log(0, 3)] },
      'regress',
      ['not_settling_twice', 'not_settled'],
    ],
    ['not settled twice, then settled', { logs: [log(6, 3, false), log(3, 3, false), log(0, 3, true)] }, 'progress', ['ready_to_progress']],
    ['settled, then not settled: hold only', { logs: [log(6, 3, true), log(3, 3, true), log(0, 3, false)] }, 'hold', ['not_settled']],
    ['a single answered log not settled: hold only', { logs: [log(6, 3), log(3, 3), log(0, 3, false)] }, 'hold', ['not_settled']],
    ['an unsettled log outside the 14 days is ignored', { logs: [log(14, 3, false), log(6, 3, true), log(3, 3, false), log(0, 3)] }, 'hold', ['not_settled']],
    [
      'same day: the later in the input is the more recent',
      { logs: [log(6, 3, false), log(3, 3, true), log(0, 3, false), log(0, 3, true)] },
      'progress',
      ['ready_to_progress'],
    ],
    ['same day, the other way round', { logs: [log(6, 3, false), log(3, 3, true), log(0, 3, true), log(0, 3, false)] }, 'hold', ['not_settled']],
    [
      'two unsettled logs on the same day, given apart',
      { logs: [log(0, 3, false), log(6, 3, true), log(0, 3, false), log(3, 3, true)] },
      'regress',
      ['not_settling_twice', 'not_settled'],
    ],
  ])('%s -> %s', (_label, change, advice, reasons) => {
    expect(codes(change)).toEqual([advice, reasons]);
  });

  it.each<[string, number[], number[], boolean]>([
    // label, pains of the last 7 days, pains of the 7 days before, rising
    ['mean up exactly 1 (8/3 against 5/3: 0.9999... in floating point)', [3, 3, 2], [2, 2, 1], true],
    ['mean up just under 1 (8/3 against 2)', [3, 3, 2], [2, 2, 2], false],
    ['mean up just over 1 (3 against 5/3)', [3, 3, 3], [2, 2, 1], true],
    ['mean up exactly 1 with 2 logs in each week', [4, 4], [3, 3], true],
    ['only 1 log in the last 7 days', [5], [1, 1], false],
    ['only 1 log in the 7 days before', [4, 4, 4], [1], false],
    ['mean down', [1, 1, 1], [4, 4, 4], false],
    ['mean up exactly 1 with unequal counts (7/5 against 2/5)', [2, 2, 1, 1, 1], [1, 1, 0, 0, 0], true],
  ])('pain rising: %s -> %p', (_label, thisWeek, lastWeek, rising) => {
    const logs = [...lastWeek.map((pain, i) => log(7 + i, pain)), ...thisWeek.map((pain, i) => log(i, pain))];
    expect(advise({ logs }).reasons.some((r) => r.code === 'pain_rising')).toBe(rising);
    expect(advise({ logs }).advice).toBe(rising ? 'regress' : 'progress');
  });

  it('lists every matching reason, in rule order', () => {
    const result = advise({
      openPainAlert: true,
      adherencePercent: 40,
      daysInPhase: 3,
      logs: [log(7, 1, false), log(0, 7, false)],
    });
    expect(result.advice).toBe('regress');
    expect(result.reasons.map((r) => r.code)).toEqual([
      'pain_alert_open',
      'pain_above_5',
      'not_settling_twice',
      'low_adherence',
      'too_soon',
      'adherence_below_80',
      'too_few_logs',
      'not_settled',
    ]);
  });
});

describe('progressionAdvice: rules 2 and 3, review and hold', () => {
  it.each<[string, Partial<ProgressionInput>, ProgressionAdviceCode, ProgressionReasonCode[]]>([
    ['adherence 49 %', { adherencePercent: 49 }, 'review', ['low_adherence', 'adherence_below_80']],
    ['adherence 49.9 %', { adherencePercent: 49.9 }, 'review', ['low_adherence', 'adherence_below_80']],
    ['adherence 50 %', { adherencePercent: 50 }, 'hold', ['adherence_below_80']],
    ['adherence 51 %', { adherencePercent: 51 }, 'hold', ['adherence_below_80']],
    ['adherence 79 %', { adherencePercent: 79 }, 'hold', ['adherence_below_80']],
    ['adherence 79.9 %', { adherencePercent: 79.9 }, 'hold', ['adherence_below_80']],
    ['adherence 80 %', { adherencePercent: 80 }, 'progress', ['ready_to_progress']],
    ['adherence 81 %', { adherencePercent: 81 }, 'progress', ['ready_to_progress']],
    ['adherence 0 %', { adherencePercent: 0 }, 'review', ['low_adherence', 'adherence_below_80']],
    ['13 days in the phase', { daysInPhase: 13 }, 'hold', ['too_soon']],
    ['14 days in the phase', { daysInPhase: 14 }, 'progress', ['ready_to_progress']],
    ['15 days in the phase', { daysInPhase: 15 }, 'progress', ['ready_to_progress']],
    ['the first day of a phase', { daysInPhase: 0 }, 'hold', ['too_soon']],
    ['no logs', { logs: [] }, 'hold', ['too_few_logs']],
    ['logs on 2 days', { logs: [log(13, 3), log(0, 3)] }, 'hold', ['too_few_logs']],
    ['logs on 3 days', { logs: [log(13, 3), log(7, 3), log(0, 3)] }, 'progress', ['ready_to_progress']],
    ['logs on 4 days', { logs: [log(13, 3), log(9, 3), log(7, 3), log(0, 3)] }, 'progress', ['ready_to_progress']],
    ['3 logs on 2 days', { logs: [log(5, 3), log(0, 3), log(0, 2)] }, 'hold', ['too_few_logs']],
    ['3 logs, one of them 14 days ago', { logs: [log(14, 3), log(7, 3), log(0, 3)] }, 'hold', ['too_few_logs']],
    ['3 logs, one of them tomorrow', { logs: [log(-1, 3), log(7, 3), log(0, 3)] }, 'hold', ['too_few_logs']],
    [
      'everything short at once',
      { daysInPhase: 1, adherencePercent: 60, logs: [log(2, 2, true), log(1, 2, false)] },
      'hold',
      ['too_soon', 'adherence_below_80', 'too_few_logs', 'not_settled'],
    ],
  ])('%s -> %s', (_label, change, advice, reasons) => {
    expect(codes(change)).toEqual([advice, reasons]);
  });
});

describe('progressionAdvice: rule 4, progress or maintain', () => {
  it.each<[PhaseKey, boolean, ProgressionAdviceCode, ProgressionReasonCode, ProgressionActionCode]>([
    ['strengthen', false, 'progress', 'ready_to_progress', 'progress_phase'],
    ['strengthen', true, 'progress', 'ready_to_progress', 'progress_phase'],
    ['recondition', true, 'progress', 'ready_to_progress', 'progress_phase'],
    ['maintain', false, 'progress', 'ready_to_progress', 'progress_phase'],
    ['maintain', true, 'maintain', 'maintaining_well', 'keep_maintaining'],
  ])('phase %s, last %p -> %s', (phaseKey, isLastPhase, advice, reason, actionCode) => {
    const result = advise({ phaseKey, isLastPhase });
    expect(result.advice).toBe(advice);
    expect(result.reasons.map((r) => r.code)).toEqual([reason]);
    expect(result.action.code).toBe(actionCode);
  });

  it('moves to the next phase, or progresses each exercise in the last one', () => {
    expect(advise({}).action.text).toBe('Move on to the next phase of the plan.');
    const last = advise({ phaseKey: 'recondition', isLastPhase: true }).action.text;
    expect(last).toMatch(/^Progress each exercise in this phase\./);
    expect(last).toMatch(/5\/3\/1.*7\/5\/3/);
    expect(last).toMatch(/2-10 %/);
  });
});

describe('progressionAdvice: texts', () => {
  it.each<[ProgressionAdviceCode, Partial<ProgressionInput>, ProgressionActionCode]>([
    ['regress', { openPainAlert: true }, 'regress_phase'],
    ['review', { adherencePercent: 20 }, 'review_adherence'],
    ['hold', { daysInPhase: 2 }, 'hold_phase'],
    ['progress', {}, 'progress_phase'],
    ['maintain', { phaseKey: 'maintain', isLastPhase: true }, 'keep_maintaining'],
  ])('%s comes with the action %s', (advice, change, actionCode) => {
    const result = advise(change);
    expect(result.advice).toBe(advice);
    expect(result.action.code).toBe(actionCode);
    expect(result.action.text.length).toBeGreaterThan(0);
    expect(result.action.patientText.length).toBeGreaterThan(0);
    expect(result.rulesetVersion).toBe('2026.12');
  });

  it('asks the patient to ease off and says the clinic will be in touch when regressing', () => {
    const { action } = advise({ openPainAlert: true });
    expect(action.text).toMatch(/regression.*previous phase.*contact the patient/);
    expect(action.patientText).toMatch(/ease off/);
    expect(action.patientText).toMatch(/clinic will be in touch/);
  });

  it('states the figures behind each reason', () => {
    const result = advise({
      openPainAlert: true,
      adherencePercent: 40,
      daysInPhase: 1,
      logs: [log(9, 2), log(8, 2, false), log(1, 7, false), log(0, 6)],
    });
    expect(Object.fromEntries(result.reasons.map((r) => [r.code, r.text]))).toEqual({
      pain_alert_open: 'A pain alert is still open: deal with it before loading more.',
      pain_above_5: '2 logs of the last 7 days with pain above 5/10 (up to 7/10): more than the pain-monitoring rule of thumb accepts.',
      not_settling_twice: `Pain had not settled by the next morning after the two most recent answered sessions (${addDays(AS_OF, -8)} and ${addDays(AS_OF, -1)}).`,
      pain_rising: 'Mean pain 6.5/10 over the last 7 days against 2/10 the 7 days before: rising by 1 point or more week to week.',
      low_adherence: 'Adherence 40 % over the last 28 days, under 50 %: talk about what gets in the way before changing the plan.',
      too_soon: '1 day in this phase, fewer than 14: too soon to progress.',
      adherence_below_80: 'Adherence 40 % over the last 28 days, under the 80 % usually counted as satisfactory.',
      not_settled: `Pain had not settled by the next morning after the most recent answered session (${addDays(AS_OF, -1)}).`,
    });
    expect(advise({ logs: [log(0, 6)] }).reasons.map((r) => r.text)).toEqual([
      '1 log of the last 7 days with pain above 5/10 (up to 6/10): more than the pain-monitoring rule of thumb accepts.',
      'Logs on 1 day of the last 14, fewer than 3: not enough to judge how the load is tolerated.',
    ]);
    expect(advise({}).reasons[0].text).toBe(
      'Ready to progress: 14 days in the phase, adherence 80 %, logs on 3 days of the last 14, pain tolerated and settling.',
    );
    expect(advise({ phaseKey: 'maintain', isLastPhase: true }).reasons[0].text).toMatch(/consider a discharge review/);
  });
});

describe('progressionAdvice: validation', () => {
  it('lists every bad field at once', () => {
    const bad = {
      phaseKey: 'rest',
      daysInPhase: 2.5,
      isLastPhase: 'no',
      adherencePercent: 101,
      logs: [{ date: '2026-13-01', pain: 11, settledByNextMorning: 'yes' }, { date: AS_OF, pain: -1 }, { pain: 3, settledByNextMorning: null }, 'log'],
      openPainAlert: null,
      asOf: '2026-12-32',
    };
    expect(fieldsOf(() => progressionAdvice(bad as unknown as ProgressionInput))).toEqual([
      'phaseKey',
      'daysInPhase',
      'isLastPhase',
      'adherencePercent',
      'logs[0].date',
      'logs[0].pain',
      'logs[0].settledByNextMorning',
      'logs[1].pain',
      'logs[2].date',
      'logs[3]',
      'openPainAlert',
      'asOf',
    ]);
  });

  it.each<[unknown, string[]]>([
    [null, ['input']],
    ['advice', ['input']],
    [{}, ['phaseKey', 'daysInPhase', 'isLastPhase', 'adherencePercent', 'logs', 'openPainAlert', 'asOf']],
    [{ ...ready, adherencePercent: -0.1 }, ['adherencePercent']],
    [{ ...ready, adherencePercent: Number.NaN }, ['adherencePercent']],
    [{ ...ready, daysInPhase: -1 }, ['daysInPhase']],
    [{ ...ready, logs: {} }, ['logs']],
    [{ ...ready, logs: [{ date: AS_OF, pain: 3.5 }] }, ['logs[0].pain']],
  ])('rejects %p', (input, fields) => {
    expect(fieldsOf(() => progressionAdvice(input as ProgressionInput))).toEqual(fields);
  });

  it('accepts the limits of each field, and other fields on a log', () => {
    const logs = [{ date: AS_OF, pain: 0, completedExercises: ['bird_dog'] }, log(1, 10, null), log(2, 0, false)];
    expect(() => advise({ adherencePercent: 0, daysInPhase: 0, logs })).not.toThrow();
    expect(() => advise({ adherencePercent: 100 })).not.toThrow();
  });
});

function validInput(logs: fc.Arbitrary<ProgressionLog[]>): fc.Arbitrary<ProgressionInput> {
  return fc.record({
    phaseKey: fc.constantFrom(...PHASE_KEYS),
    daysInPhase: fc.integer({ min: 0, max: 60 }),
    isLastPhase: fc.boolean(),
    adherencePercent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
    logs,
    openPainAlert: fc.boolean(),
    asOf: fc.constant(AS_OF),
  });
}

const anyLog = fc
  .tuple(fc.integer({ min: -3, max: 20 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom(true, false, null, undefined))
  .map(([daysAgo, pain, settled]) => log(daysAgo, pain, settled));

describe('progressionAdvice: properties', () => {
  it('gives the advice of the first rule with a reason, and its reasons in rule order', () => {
    const ruleOf: { [C in ProgressionReasonCode]: ProgressionAdviceCode } = {
      pain_alert_open: 'regress',
      pain_above_5: 'regress',
      not_settling_twice: 'regress',
      pain_rising: 'regress',
      low_adherence: 'review',
      too_soon: 'hold',
      adherence_below_80: 'hold',
      too_few_logs: 'hold',
      not_settled: 'hold',
      ready_to_progress: 'progress',
      maintaining_well: 'maintain',
    };
    fc.assert(
      fc.property(validInput(fc.array(anyLog, { maxLength: 12 })), (input) => {
        const result = progressionAdvice(input);
        expect(PROGRESSION_ADVICE).toContain(result.advice);
        expect(result.reasons.length).toBeGreaterThan(0);
        expect(ruleOf[result.reasons[0].code]).toBe(result.advice);
        const order = result.reasons.map((r) => PROGRESSION_REASON_CODES.indexOf(r.code));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        expect(new Set(order).size).toBe(order.length);
      }),
    );
  });

  it('does not depend on the order of logs on different days', () => {
    const logsOnDistinctDays = fc.uniqueArray(anyLog, { selector: (l) => l.date, maxLength: 12 });
    fc.assert(
      fc.property(
        validInput(logsOnDistinctDays).chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.logs], { minLength: input.logs.length }))),
        ([input, shuffled]) => {
          expect(progressionAdvice({ ...input, logs: shuffled })).toEqual(progressionAdvice(input));
        },
      ),
    );
  });

  it('ignores logs outside the 14 days up to asOf', () => {
    const outside = fc
      .tuple(fc.oneof(fc.integer({ min: 14, max: 400 }), fc.integer({ min: -400, max: -1 })), fc.integer({ min: 0, max: 10 }), fc.boolean())
      .map(([daysAgo, pain, settled]) => log(daysAgo, pain, settled));
    fc.assert(
      fc.property(validInput(fc.array(anyLog, { maxLength: 8 })), fc.array(outside, { maxLength: 5 }), (input, extra) => {
        expect(progressionAdvice({ ...input, logs: [...extra, ...input.logs] })).toEqual(progressionAdvice(input));
      }),
    );
  });
});
