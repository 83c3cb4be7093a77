import { EPISODE_CATEGORIES, type EpisodeCategory, type TargetCode } from './codes.js';
import { classifyEpisode } from './episode.js';
import { DomainValidationError, PlanBlockedError } from './errors.js';
import { getExercise } from './exercises.js';
import { LOAD_TRANSFER_NOTE, PLAN_NOTES, suggestPlan, type PlanDraft, type PlanSuggestionInput } from './plan.js';
import { assessPosture } from './posture.js';

const START = '2026-03-02';

function plan(category: EpisodeCategory, targets?: TargetCode[], extra: Partial<PlanSuggestionInput> = {}): PlanDraft {
  const reviewInDays = category === 'overload' ? 14 : 7;
  return suggestPlan({
    classification: { category, reviewInDays },
    ...(targets ? { report: { targets: targets.map((code) => ({ code, priority: 2, because: [] })) } } : {}),
    startDate: START,
    ...extra,
  });
}

const phaseKeys = (p: PlanDraft): string[] => p.phases.map((x) => x.key);
const exercisesOf = (p: PlanDraft, key: string): string[] =>
  p.phases.find((x) => x.key === key)!.exercises.map((e) => (e.side ? `${e.exerciseCode}:${e.side}` : e.exerciseCode));

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

describe('suggestPlan: referral', () => {
  it('throws PlanBlockedError while a red flag is open', () => {
    expect(() => plan('referral')).toThrow(PlanBlockedError);
    try {
      plan('referral');
    } catch (e) {
      expect((e as PlanBlockedError).code).toBe('red_flag_open');
    }
  });

  it('blocks a real referral classification', () => {
    const classification = classifyEpisode({
      age: 40,
      daysSinceOnset: 1,
      painNprs: 8,
      trigger: 'habitual_movement',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painAreas: ['lower_back'],
      redFlags: ['saddle_anaesthesia'],
    });
    expect(() => suggestPlan({ classification, startDate: START })).toThrow(PlanBlockedError);
  });
});

describe('suggestPlan: phases by category', () => {
  it.each<[EpisodeCategory, string[], [number, number][], string[]]>([
    [
      'overload',
      ['settle', 'recondition'],
      [
        [0, 2],
        [2, 6],
      ],
      ['2026-03-16', '2026-04-13'],
    ],
    [
      'support_deficit',
      ['settle', 'activate', 'strengthen', 'maintain'],
      [
        [0, 2],
        [1, 3],
        [3, 8],
        [8, 12],
      ],
      ['2026-03-09', '2026-03-16', '2026-03-23', '2026-04-27', '2026-05-25'],
    ],
    ['unclear', ['settle'], [[0, 2]], ['2026-03-09', '2026-03-16']],
  ])('%s -> phases %p', (category, keys, weeks, reviewDates) => {
    const draft = plan(category);
    expect(draft.category).toBe(category);
    expect(phaseKeys(draft)).toEqual(keys);
    expect(draft.phases.map((p) => [p.startWeek, p.endWeek])).toEqual(weeks);
    expect(draft.reviewDates).toEqual(reviewDates);
    expect(draft.rulesetVersion).toBe('2026.12');
    expect(draft.title.length).toBeGreaterThan(10);
    for (const phase of draft.phases) expect(phase.goals.length).toBeGreaterThan(0);
  });

  it('overload: settle with walking and cat-camel, then recondition with bridge, bird dog and dead bug', () => {
    const draft = plan('overload');
    expect(exercisesOf(draft, 'settle')).toEqual(['walking', 'cat_camel']);
    expect(exercisesOf(draft, 'recondition')).toEqual(['glute_bridge', 'bird_dog', 'dead_bug']);
    expect(draft.phases[1].goals.join(' ')).toMatch(/step by step/);
    expect(draft.phases[0].goals.join(' ')).toMatch(/avoid bed rest/);
    expect(draft.notes).toEqual([]);
    expect(draft.basedOn).toEqual({ classification: { category: 'overload', reviewInDays: 14 }, targets: [] });
  });

  it('overload phases keep the library doses', () => {
    const [settle, recondition] = plan('overload').phases;
    expect(settle.exercises[0]).toEqual({
      exerciseCode: 'walking',
      sets: 1,
      reps: 1,
      perSide: false,
      timesPerWeek: 7,
      notes: getExercise('walking').defaultDose.notes,
    });
    expect(recondition.exercises.find((e) => e.exerciseCode === 'bird_dog')).toEqual({
      exerciseCode: 'bird_dog',
      sets: 3,
      reps: 5,
      holdSeconds: 10,
      perSide: true,
      timesPerWeek: 7,
      notes: getExercise('bird_dog').defaultDose.notes,
    });
  });

  it('unclear: settle only, with a note that an assessment is pending', () => {
    const draft = plan('unclear');
    expect(exercisesOf(draft, 'settle')).toEqual(['walking', 'cat_camel']);
    expect(draft.notes).toEqual([PLAN_NOTES.assessmentPending]);
  });

  it('support deficit without a report: the base exercises and a note that an assessment is needed', () => {
    const draft = plan('support_deficit');
    for (const key of ['activate', 'strengthen', 'maintain']) {
      expect(exercisesOf(draft, key)).toEqual(['curl_up', 'side_bridge', 'bird_dog']);
    }
    expect(draft.notes).toEqual([PLAN_NOTES.assessmentNeeded]);
    expect(draft.phases[1].goals.at(-1)).toMatch(/assessment/);
    expect(draft.phases[2].goals.join(' ')).not.toMatch(/assessment/);
  });

  it('support deficit: activate daily with easier versions, strengthen 3 times, maintain twice a week', () => {
    const draft = plan('support_deficit', []);
    const [, activate, strengthen, maintain] = draft.phases;
    expect(activate.exercises.every((e) => e.timesPerWeek === 7)).toBe(true);
    expect(activate.exercises[0].notes).toContain(`Start with the easier version: ${getExercise('curl_up').regression}`);
    expect(strengthen.exercises.every((e) => e.timesPerWeek === 3)).toBe(true);
    expect(strengthen.exercises[0].notes).not.toMatch(/easier version/);
    expect(maintain.exercises.every((e) => e.timesPerWeek === 2)).toBe(true);
    expect(maintain.goals.join(' ')).toMatch(/fades/);
    expect(strengthen.exercises[1]).toMatchObject({
      exerciseCode: 'side_bridge',
      sets: 3,
      reps: 5,
      holdSeconds: 10,
      perSide: true,
    });
    expect(draft.notes).toEqual([]);
  });
});

describe('suggestPlan: exercises each target adds (support deficit)', () => {
  it.each<[TargetCode, string[]]>([
    ['lateral_trunk_left', ['curl_up', 'side_bridge', 'bird_dog', 'side_bridge:left']],
    ['lateral_trunk_right', ['curl_up', 'side_bridge', 'bird_dog', 'side_bridge:right']],
    ['hip_abductors_left', ['curl_up', 'side_bridge', 'bird_dog', 'clamshell:left', 'side_lying_hip_abduction:left', 'single_leg_bridge:left']],
    ['hip_abductors_right', ['curl_up', 'side_bridge', 'bird_dog', 'clamshell:right', 'side_lying_hip_abduction:right', 'single_leg_bridge:right']],
    ['trunk_extensors', ['curl_up', 'side_bridge', 'bird_dog', 'glute_bridge']],
    ['load_transfer', ['curl_up', 'side_bridge', 'bird_dog', 'dead_bug', 'glute_bridge']],
  ])('%s', (target, exercises) => {
    const draft = plan('support_deficit', [target]);
    for (const key of ['activate', 'strengthen', 'maintain']) expect(exercisesOf(draft, key)).toEqual(exercises);
    expect(exercisesOf(draft, 'settle')).toEqual(['walking', 'cat_camel']);
    expect(draft.basedOn.targets).toEqual([target]);
  });

  it('the extra side-bridge set is one set on the weaker side', () => {
    const strengthen = plan('support_deficit', ['lateral_trunk_left']).phases[2];
    expect(strengthen.exercises[3]).toEqual({
      exerciseCode: 'side_bridge',
      sets: 1,
      reps: 5,
      holdSeconds: 10,
      perSide: false,
      timesPerWeek: 3,
      side: 'left',
      notes: 'One extra set on your left side (the weaker side), after the pyramid.',
    });
  });

  it('side-specific extras are done on that side only', () => {
    const strengthen = plan('support_deficit', ['hip_abductors_right']).phases[2];
    const clamshell = strengthen.exercises.find((e) => e.exerciseCode === 'clamshell')!;
    expect(clamshell).toMatchObject({ sets: 2, reps: 10, perSide: false, side: 'right', timesPerWeek: 3 });
    expect(clamshell.notes).toMatch(/^On your right side only/);
    expect(clamshell.holdSeconds).toBeUndefined();
  });

  it('an exercise asked for on both sides becomes one entry for both sides', () => {
    const draft = plan('support_deficit', ['hip_abductors_left', 'hip_abductors_right']);
    expect(exercisesOf(draft, 'strengthen')).toEqual(['curl_up', 'side_bridge', 'bird_dog', 'clamshell', 'side_lying_hip_abduction', 'single_leg_bridge']);
    const clamshell = draft.phases[2].exercises[3];
    expect(clamshell).toMatchObject({ perSide: true, timesPerWeek: 3 });
    expect(clamshell.side).toBeUndefined();
  });

  it('removes duplicates within a phase and keeps the report order', () => {
    const draft = plan('support_deficit', ['load_transfer', 'trunk_extensors', 'lateral_trunk_right', 'hip_abductors_right']);
    expect(exercisesOf(draft, 'activate')).toEqual([
      'curl_up',
      'side_bridge',
      'bird_dog',
      'dead_bug',
      'glute_bridge',
      'side_bridge:right',
      'clamshell:right',
      'side_lying_hip_abduction:right',
      'single_leg_bridge:right',
    ]);
  });

  it('load transfer adds a clinician-review note on the dead bug and on the plan', () => {
    const draft = plan('support_deficit', ['load_transfer']);
    expect(draft.phases[2].exercises.find((e) => e.exerciseCode === 'dead_bug')!.notes).toContain(LOAD_TRANSFER_NOTE);
    expect(draft.notes).toEqual([PLAN_NOTES.loadTransfer]);
  });

  it('follows a real postural report, marked targets first', () => {
    const report = assessPosture({
      sex: 'female',
      age: 38,
      measurements: { sideBridgeS: { left: 60, right: 80 }, trendelenburg: { left: false, right: true } },
    });
    const draft = suggestPlan({ classification: { category: 'support_deficit', reviewInDays: 7 }, report, startDate: START });
    expect(draft.basedOn.targets).toEqual(['lateral_trunk_left', 'hip_abductors_right']);
    expect(exercisesOf(draft, 'strengthen')).toEqual([
      'curl_up',
      'side_bridge',
      'bird_dog',
      'side_bridge:left',
      'clamshell:right',
      'side_lying_hip_abduction:right',
      'single_leg_bridge:right',
    ]);
  });

  it('a report that refers adds a note; targets are ignored outside a support deficit', () => {
    const overload = plan('overload', ['trunk_extensors'], {});
    expect(exercisesOf(overload, 'recondition')).toEqual(['glute_bridge', 'bird_dog', 'dead_bug']);
    expect(overload.basedOn.targets).toEqual(['trunk_extensors']);
    const referring = suggestPlan({
      classification: { category: 'unclear', reviewInDays: 7 },
      report: { targets: [], refer: true },
      startDate: START,
    });
    expect(referring.notes).toEqual([PLAN_NOTES.assessmentPending, PLAN_NOTES.reportRefers]);
    const loadTransferOutsideDeficit = plan('unclear', ['load_transfer']);
    expect(loadTransferOutsideDeficit.notes).toEqual([PLAN_NOTES.assessmentPending]);
  });
});

describe('suggestPlan: review dates', () => {
  it('start + reviewInDays, then the end of each phase, ascending and without duplicates', () => {
    expect(suggestPlan({ classification: { category: 'support_deficit', reviewInDays: 30 }, startDate: '2026-12-28' }).reviewDates).toEqual([
      '2027-01-11',
      '2027-01-18',
      '2027-01-27',
      '2027-02-22',
      '2027-03-22',
    ]);
    expect(suggestPlan({ classification: { category: 'overload', reviewInDays: 0 }, startDate: START }).reviewDates).toEqual([
      '2026-03-02',
      '2026-03-16',
      '2026-04-13',
    ]);
  });

  it('accepts a full classification and a null report', () => {
    const classification = classifyEpisode({
      age: 40,
      daysSinceOnset: 2,
      painNprs: 6,
      trigger: 'load_increase',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painAreas: ['lower_back'],
      redFlags: [],
    });
    const draft = suggestPlan({ classification, report: null, startDate: START });
    expect(draft.category).toBe('overload');
    expect(draft.basedOn.classification).toEqual({ category: 'overload', reviewInDays: 14 });
  });
});

describe('suggestPlan: validation', () => {
  it('lists every bad field at once', () => {
    const input = {
      classification: { category: 'acute', reviewInDays: -1 },
      report: { targets: [{ code: 'glutes' }, 'x'], refer: 'yes' },
      startDate: '2026-02-30',
    };
    expect(fieldsOf(() => suggestPlan(input as unknown as PlanSuggestionInput))).toEqual([
      'classification.category',
      'classification.reviewInDays',
      'report.targets[0].code',
      'report.targets[1]',
      'report.refer',
      'startDate',
    ]);
  });

  it.each<[unknown, string[]]>([
    [null, ['input']],
    [{ startDate: START }, ['classification']],
    [{ classification: { category: 'overload', reviewInDays: 14 }, report: 'none', startDate: START }, ['report']],
    [{ classification: { category: 'overload', reviewInDays: 14 }, report: {}, startDate: START }, ['report.targets']],
    [{ classification: { category: 'overload', reviewInDays: 14 } }, ['startDate']],
  ])('rejects %p', (input, fields) => {
    expect(fieldsOf(() => suggestPlan(input as PlanSuggestionInput))).toEqual(fields);
  });

  it('validates before blocking a referral', () => {
    expect(fieldsOf(() => suggestPlan({ classification: { category: 'referral', reviewInDays: 0 }, startDate: 'now' }))).toEqual(['startDate']);
  });

  it('knows every category', () => {
    expect(EPISODE_CATEGORIES.filter((c) => c !== 'referral').map((c) => plan(c).category)).toEqual(['overload', 'support_deficit', 'unclear']);
  });
});
