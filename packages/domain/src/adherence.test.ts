import { adherence, type AdherencePlan, type ExerciseLog } from './adherence.js';
import { DomainValidationError } from './errors.js';
import { suggestPlan } from './plan.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

const START = '2026-03-02';
/** Support-deficit plan: settle 0-2 (daily), activate 1-3 (daily), strengthen 3-8 (3/week), maintain 8-12 (2/week). */
const plan: AdherencePlan = {
  startDate: START,
  ...suggestPlan({ classification: { category: 'support_deficit', reviewInDays: 7 }, startDate: START }),
};

const log = (date: string, completedExercises: string[] = ['bird_dog']): ExerciseLog => ({ date, completedExercises });

describe('adherence: prescribed sessions', () => {
  it.each<[string, string, number]>([
    ['2026-03-02', '2026-03-08', 7], // week 0, daily
    ['2026-03-09', '2026-03-15', 7], // week 1, settle and activate overlap: still daily
    ['2026-03-23', '2026-04-05', 6], // weeks 3-4, 3 a week
    ['2026-03-23', '2026-03-25', 1], // 3 days x 3/7 = 1.29
    ['2026-03-23', '2026-03-26', 2], // 4 days x 3/7 = 1.71
    ['2026-04-27', '2026-05-24', 8], // weeks 8-11, twice a week
    ['2026-05-25', '2026-06-30', 0], // after the plan
    ['2026-02-01', '2026-03-01', 0], // before the start
    ['2026-02-23', '2026-03-08', 7], // partly before the start
    ['2026-03-02', '2026-05-24', 7 + 7 + 7 + 15 + 8], // the whole plan
  ])('%s to %s -> %i', (from, to, prescribed) => {
    expect(adherence(plan, [], from, to).prescribedSessions).toBe(prescribed);
  });

  it('takes the highest frequency of the phases active that week', () => {
    const custom: AdherencePlan = {
      startDate: START,
      phases: [
        { startWeek: 0, endWeek: 2, exercises: [{ timesPerWeek: 2 }] },
        { startWeek: 1, endWeek: 3, exercises: [{ timesPerWeek: 5 }, { timesPerWeek: 3 }] },
        { startWeek: 3, endWeek: 4, exercises: [] },
      ],
    };
    expect(adherence(custom, [], '2026-03-02', '2026-03-08').prescribedSessions).toBe(2);
    expect(adherence(custom, [], '2026-03-09', '2026-03-22').prescribedSessions).toBe(10);
    expect(adherence(custom, [], '2026-03-23', '2026-03-29').prescribedSessions).toBe(0);
  });
});

describe('adherence: logged sessions, percent and days since the last log', () => {
  it('counts days with at least one completed exercise inside the window, once each', () => {
    const logs = [
      log('2026-03-01'), // before the window
      log('2026-03-02'),
      log('2026-03-02', ['curl_up']), // same day again
      log('2026-03-04', []), // pain only: not a session
      log('2026-03-05', ['my_practice_stretch']),
      log('2026-03-09'), // after the window
    ];
    expect(adherence(plan, logs, '2026-03-02', '2026-03-08')).toEqual({
      prescribedSessions: 7,
      loggedSessions: 2,
      percent: 29,
      daysSinceLastLog: 3,
    });
  });

  it('caps the percent at 100', () => {
    const logs = ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26'].map((d) => log(d));
    expect(adherence(plan, logs, '2026-03-23', '2026-03-26')).toEqual({
      prescribedSessions: 2,
      loggedSessions: 4,
      percent: 100,
      daysSinceLastLog: 0,
    });
  });

  it('is 100 % when nothing was prescribed, and null days without any log', () => {
    expect(adherence(plan, [], '2026-06-01', '2026-06-30')).toEqual({
      prescribedSessions: 0,
      loggedSessions: 0,
      percent: 100,
      daysSinceLastLog: null,
    });
  });

  it('counts a pain-only log, or one before the window, for the days since the last log', () => {
    expect(adherence(plan, [log('2026-03-10', [])], '2026-03-02', '2026-03-15').daysSinceLastLog).toBe(5);
    expect(adherence(plan, [log('2026-02-25'), log('2026-02-20')], '2026-03-02', '2026-03-08').daysSinceLastLog).toBe(11);
    expect(adherence(plan, [log('2026-03-20')], '2026-03-02', '2026-03-08').daysSinceLastLog).toBeNull();
  });

  it('rounds the percent', () => {
    const logs = ['2026-03-23', '2026-03-25', '2026-03-27', '2026-03-30', '2026-04-01'].map((d) => log(d));
    expect(adherence(plan, logs, '2026-03-23', '2026-04-05').percent).toBe(83);
  });

  it('accepts a window of a single day', () => {
    expect(adherence(plan, [log(START)], START, START)).toEqual({
      prescribedSessions: 1,
      loggedSessions: 1,
      percent: 100,
      daysSinceLastLog: 0,
    });
  });
});

describe('adherence: validation', () => {
  it('lists every bad field at once', () => {
    const badPlan = {
      startDate: '2026-02-30',
      phases: [{ startWeek: 2, endWeek: 2, exercises: [{ timesPerWeek: 8 }, null] }, { startWeek: -1, endWeek: 'x', exercises: 'none' }, 'phase'],
    };
    const badLogs = [{ date: '03/04/2026', completedExercises: ['bird_dog', '', 3] }, { date: START }, 'log'];
    expect(fieldsOf(() => adherence(badPlan as unknown as AdherencePlan, badLogs as unknown as ExerciseLog[], '2026-03-10', '2026-03-09'))).toEqual([
      'plan.startDate',
      'plan.phases[0].endWeek',
      'plan.phases[0].exercises[0].timesPerWeek',
      'plan.phases[0].exercises[1]',
      'plan.phases[1].startWeek',
      'plan.phases[1].endWeek',
      'plan.phases[1].exercises',
      'plan.phases[2]',
      'logs[0].date',
      'logs[0].completedExercises[1]',
      'logs[0].completedExercises[2]',
      'logs[1].completedExercises',
      'logs[2]',
      'to',
    ]);
  });

  it.each<[unknown, unknown, unknown, unknown, string[]]>([
    [null, [], START, START, ['plan']],
    [{ startDate: START }, [], START, START, ['plan.phases']],
    [plan, null, START, START, ['logs']],
    [plan, [], 'today', undefined, ['from', 'to']],
  ])('rejects plan %p, logs %p, %p to %p', (p, logs, from, to, fields) => {
    expect(fieldsOf(() => adherence(p as AdherencePlan, logs as ExerciseLog[], from as string, to as string))).toEqual(fields);
  });
});
