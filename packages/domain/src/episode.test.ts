import fc from 'fast-check';
import {
  EPISODE_CATEGORIES,
  FREQUENCY_TRENDS,
  PAIN_AREAS,
  RED_FLAG_CODES,
  TRIGGERS,
  type ActionCode,
  type EpisodeCategory,
  type FrequencyTrend,
  type ReasonCode,
  type Trigger,
} from './codes.js';
import { CATEGORY_ACTIONS, classifyEpisode, isRecurring, type EpisodeFacts } from './episode.js';
import { DomainValidationError } from './errors.js';
import { EMERGENCY_RED_FLAGS, URGENT_RED_FLAGS } from './red-flags.js';

/** A routine first episode: overload after gardening, 3 days ago, moderate pain, age 35. */
function facts(overrides: Partial<EpisodeFacts> = {}): EpisodeFacts {
  return {
    age: 35,
    daysSinceOnset: 3,
    painNprs: 5,
    trigger: 'unaccustomed_activity',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painAreas: ['lower_back'],
    redFlags: [],
    ...overrides,
  };
}

const reasonCodes = (f: EpisodeFacts): ReasonCode[] => classifyEpisode(f).reasons.map((r) => r.code);
const actionCodes = (f: EpisodeFacts): ActionCode[] => classifyEpisode(f).actions.map((a) => a.code);

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

describe('isRecurring', () => {
  it.each<[number, FrequencyTrend, boolean]>([
    [0, 'first_episode', false],
    [1, 'stable', false],
    [1, 'decreasing', false],
    [1, 'unknown', false],
    [2, 'stable', true],
    [2, 'decreasing', true],
    [0, 'increasing', true],
  ])('%i previous episodes, trend %s -> %p', (episodesLast12Months, frequencyTrend, expected) => {
    expect(isRecurring({ episodesLast12Months, frequencyTrend })).toBe(expected);
  });
});

describe('classifyEpisode: category by trigger and pattern (no red flag)', () => {
  const notRecurring = { episodesLast12Months: 1, frequencyTrend: 'stable' as const };
  const recurringByCount = { episodesLast12Months: 2, frequencyTrend: 'stable' as const };
  const recurringByTrend = { episodesLast12Months: 0, frequencyTrend: 'increasing' as const };

  it.each<[Trigger, string, Partial<EpisodeFacts>, EpisodeCategory, ReasonCode[]]>([
    ['unaccustomed_activity', 'not recurring', notRecurring, 'overload', ['overload_trigger']],
    ['unaccustomed_activity', 'recurring (2 episodes)', recurringByCount, 'unclear', ['mixed_pattern']],
    ['unaccustomed_activity', 'recurring (increasing)', recurringByTrend, 'unclear', ['mixed_pattern']],
    ['load_increase', 'not recurring', notRecurring, 'overload', ['overload_trigger']],
    ['load_increase', 'recurring (2 episodes)', recurringByCount, 'unclear', ['mixed_pattern']],
    ['load_increase', 'recurring (increasing)', recurringByTrend, 'unclear', ['mixed_pattern']],
    ['habitual_movement', 'not recurring', notRecurring, 'support_deficit', ['innocuous_trigger']],
    ['habitual_movement', 'recurring (2 episodes)', recurringByCount, 'support_deficit', ['innocuous_trigger', 'recurring_pattern']],
    ['habitual_movement', 'recurring (increasing)', recurringByTrend, 'support_deficit', ['innocuous_trigger', 'recurring_pattern']],
    ['no_clear_trigger', 'not recurring', notRecurring, 'unclear', ['no_clear_trigger']],
    ['no_clear_trigger', 'recurring (2 episodes)', recurringByCount, 'support_deficit', ['recurring_pattern']],
    ['no_clear_trigger', 'recurring (increasing)', recurringByTrend, 'support_deficit', ['recurring_pattern']],
    ['trauma', 'not recurring', notRecurring, 'unclear', ['trauma_trigger']],
    ['trauma', 'recurring (2 episodes)', recurringByCount, 'unclear', ['trauma_trigger']],
    ['trauma', 'recurring (increasing)', recurringByTrend, 'unclear', ['trauma_trigger']],
  ])('%s, %s -> %s', (trigger, _label, pattern, category, reasons) => {
    const result = classifyEpisode(facts({ trigger, ...pattern }));
    expect(result.category).toBe(category);
    expect(result.urgency).toBe('routine');
    expect(result.reasons.map((r) => r.code)).toEqual(reasons);
    expect(result.redFlags).toEqual({ level: 'clear', reasons: [] });
    expect(result.rulesetVersion).toBe('2026.12');
  });

  it('a first severe spasm after an innocuous movement is already a support deficit', () => {
    const result = classifyEpisode(facts({ trigger: 'habitual_movement', painNprs: 9 }));
    expect(result.category).toBe('support_deficit');
    expect(result.reasons[0].text).toMatch(/lacks support/);
  });

  it('names the overload trigger in its text', () => {
    expect(classifyEpisode(facts({ trigger: 'load_increase' })).reasons[0].text).toMatch(/training load/);
    expect(classifyEpisode(facts({ trigger: 'unaccustomed_activity' })).reasons[0].text).toMatch(/unaccustomed/);
  });

  it('describes the history behind a recurring or mixed pattern', () => {
    const mixed = classifyEpisode(facts({ episodesLast12Months: 3, frequencyTrend: 'increasing' }));
    expect(mixed.reasons[0].text).toMatch(/3 previous episode\(s\) in the last 12 months, episodes becoming more frequent/);
    const recurring = classifyEpisode(facts({ trigger: 'no_clear_trigger', episodesLast12Months: 2, frequencyTrend: 'unknown' }));
    expect(recurring.reasons[0].text).toMatch(/2 previous episode\(s\).*frequency unknown/);
  });
});

describe('classifyEpisode: actions and review by category', () => {
  it.each<[EpisodeCategory, Partial<EpisodeFacts>, ActionCode[], number]>([
    ['overload', {}, ['stay_active', 'apply_heat', 'massage_or_physio_as_pain_eases', 'graded_return_to_activity'], 14],
    ['support_deficit', { trigger: 'habitual_movement' }, ['stay_active', 'apply_heat', 'postural_symmetry_assessment', 'strengthening_plan'], 7],
    ['unclear', { trigger: 'trauma' }, ['stay_active', 'apply_heat', 'clinical_assessment'], 7],
  ])('%s', (category, overrides, actions, reviewInDays) => {
    const result = classifyEpisode(facts(overrides));
    expect(result.category).toBe(category);
    expect(result.actions.map((a) => a.code)).toEqual(actions);
    expect(result.reviewInDays).toBe(reviewInDays);
    expect(CATEGORY_ACTIONS[category as 'overload'].actions).toEqual(actions);
    for (const a of result.actions) {
      expect(a.text).not.toBe('');
      expect(a.patientText).not.toBe('');
    }
  });
});

describe('classifyEpisode: referral', () => {
  it.each(EMERGENCY_RED_FLAGS)('emergency flag %s -> referral, refer_emergency, now', (code) => {
    const result = classifyEpisode(facts({ trigger: 'habitual_movement', redFlags: [code] }));
    expect(result.category).toBe('referral');
    expect(result.urgency).toBe('emergency');
    expect(result.actions.map((a) => a.code)).toEqual(['refer_emergency']);
    expect(result.reviewInDays).toBe(0);
    expect(result.reasons[0].code).toBe('red_flag');
    expect(result.reasons[0].text).toContain(code);
  });

  it.each(URGENT_RED_FLAGS)('urgent flag %s -> referral, refer_urgent', (code) => {
    const result = classifyEpisode(facts({ redFlags: [code] }));
    expect(result.category).toBe('referral');
    expect(result.urgency).toBe('urgent');
    expect(actionCodes(facts({ redFlags: [code] }))).toEqual(['refer_urgent']);
    expect(result.reviewInDays).toBe(0);
  });

  it('both_legs as a pain area is an emergency referral', () => {
    const result = classifyEpisode(facts({ painAreas: ['lower_back', 'both_legs'] }));
    expect(result.category).toBe('referral');
    expect(result.urgency).toBe('emergency');
    expect(result.redFlags.reasons[0].code).toBe('bilateral_leg_symptoms');
  });

  it('minor trauma over 50 is an urgent referral; at 50 it is a review', () => {
    expect(classifyEpisode(facts({ age: 51, redFlags: ['minor_trauma'] })).category).toBe('referral');
    const at50 = classifyEpisode(facts({ age: 50, redFlags: ['minor_trauma'] }));
    expect(at50.category).toBe('overload');
    expect(at50.reasons.map((r) => r.code)).toEqual(['overload_trigger', 'minor_trauma']);
    expect(at50.actions.map((a) => a.code)).toContain('clinician_review');
  });

  it('keeps only the referral action; modifiers add their reasons but no action', () => {
    const f = facts({
      age: 60,
      redFlags: ['fever'],
      painAreas: ['below_knee_one_leg'],
      daysSinceOnset: 50,
      painNprs: 8,
    });
    const result = classifyEpisode(f);
    expect(result.reasons.map((r) => r.code)).toEqual(['red_flag', 'below_knee_pain', 'persistent']);
    expect(result.actions.map((a) => a.code)).toEqual(['refer_urgent']);
    expect(result.redFlags.reasons.map((r) => r.code)).toEqual(['fever', 'age_review']);
    expect(result.reasons[0].text).toBe('Red-flag screen urgent (fever): refer before any exercise plan.');
  });

  it('an emergency red flag always yields referral (property)', () => {
    fc.assert(
      fc.property(validFacts(), fc.constantFrom(...EMERGENCY_RED_FLAGS), (f, emergency) => {
        const result = classifyEpisode({ ...f, redFlags: [...f.redFlags, emergency] });
        expect(result.category).toBe('referral');
        expect(result.urgency).toBe('emergency');
        expect(result.actions.map((a) => a.code)).toEqual(['refer_emergency']);
        expect(result.reviewInDays).toBe(0);
      }),
    );
  });
});

describe('classifyEpisode: modifiers', () => {
  it.each([
    [19, true],
    [20, false],
    [50, false],
    [51, true],
  ])('age %i -> clinician review %p', (age, review) => {
    const result = classifyEpisode(facts({ age }));
    expect(result.category).toBe('overload');
    expect(result.redFlags.level).toBe(review ? 'review' : 'clear');
    expect(result.actions.map((a) => a.code).includes('clinician_review')).toBe(review);
    expect(result.reasons.map((r) => r.code).includes('age_review')).toBe(review);
  });

  it('osteoporosis alone adds its reason and a clinician review', () => {
    expect(reasonCodes(facts({ redFlags: ['osteoporosis'] }))).toEqual(['overload_trigger', 'osteoporosis']);
    expect(actionCodes(facts({ redFlags: ['osteoporosis'] })).at(-1)).toBe('clinician_review');
  });

  it.each([
    [['below_knee_one_leg'], true],
    [['lower_back', 'thigh', 'buttocks', 'hips', 'upper_back'], false],
  ] as const)('pain areas %p -> neurological examination %p', (painAreas, neuro) => {
    const result = classifyEpisode(facts({ painAreas }));
    expect(result.actions.map((a) => a.code).includes('neurological_examination')).toBe(neuro);
    expect(result.reasons.map((r) => r.code).includes('below_knee_pain')).toBe(neuro);
  });

  it.each([
    [42, false],
    [43, true],
  ])('day %i since onset -> persistent %p', (daysSinceOnset, persistent) => {
    const f = facts({ daysSinceOnset, painNprs: 2 });
    expect(reasonCodes(f).includes('persistent')).toBe(persistent);
    expect(actionCodes(f).includes('review_persistent_pain')).toBe(persistent);
  });

  it.each([
    [14, 4, false],
    [15, 3, false],
    [15, 4, true],
    [30, 10, true],
    [14, 9, false],
  ])('overload on day %i with NPRS %i -> not settling %p', (daysSinceOnset, painNprs, notSettling) => {
    const f = facts({ daysSinceOnset, painNprs });
    expect(reasonCodes(f).includes('not_settling')).toBe(notSettling);
    expect(actionCodes(f).includes('reassess')).toBe(notSettling);
  });

  it('not settling applies to overload only', () => {
    const f = facts({ trigger: 'habitual_movement', daysSinceOnset: 20, painNprs: 6 });
    expect(reasonCodes(f)).toEqual(['innocuous_trigger']);
    expect(actionCodes(f)).not.toContain('reassess');
  });

  it('adds every modifier in a fixed order, without changing the category', () => {
    const f = facts({ age: 55, painAreas: ['below_knee_one_leg'], daysSinceOnset: 45, painNprs: 6 });
    const result = classifyEpisode(f);
    expect(result.category).toBe('overload');
    expect(result.reasons.map((r) => r.code)).toEqual(['overload_trigger', 'age_review', 'below_knee_pain', 'persistent', 'not_settling']);
    expect(result.actions.map((a) => a.code)).toEqual([
      'stay_active',
      'apply_heat',
      'massage_or_physio_as_pain_eases',
      'graded_return_to_activity',
      'clinician_review',
      'neurological_examination',
      'review_persistent_pain',
      'reassess',
    ]);
    expect(result.reviewInDays).toBe(14);
    expect(result.reasons[3].text).toBe('45 days since onset, more than 6 weeks: persistent pain needs a review.');
    expect(result.reasons[4].text).toMatch(/45 days old with pain still 6\/10/);
  });
});

function validFacts(): fc.Arbitrary<EpisodeFacts> {
  return fc.record({
    age: fc.integer({ min: 0, max: 120 }),
    daysSinceOnset: fc.integer({ min: 0, max: 3650 }),
    painNprs: fc.integer({ min: 0, max: 10 }),
    trigger: fc.constantFrom(...TRIGGERS),
    episodesLast12Months: fc.integer({ min: 0, max: 50 }),
    frequencyTrend: fc.constantFrom(...FREQUENCY_TRENDS),
    painAreas: fc.subarray([...PAIN_AREAS]),
    redFlags: fc.subarray([...RED_FLAG_CODES]),
  });
}

describe('classifyEpisode: properties', () => {
  it('returns a known category, matching urgency and review for every valid input', () => {
    fc.assert(
      fc.property(validFacts(), (f) => {
        const result = classifyEpisode(f);
        expect(EPISODE_CATEGORIES).toContain(result.category);
        expect(result.urgency === 'routine').toBe(result.category !== 'referral');
        expect(result.reasons.length).toBeGreaterThan(0);
        expect(result.actions.length).toBeGreaterThan(0);
        expect(result.rulesetVersion).toBe('2026.12');
        if (result.category === 'referral') expect(result.actions).toHaveLength(1);
      }),
    );
  });

  const badValues: { [K in keyof EpisodeFacts]: fc.Arbitrary<unknown> } = {
    age: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 121 }), fc.constant(40.5), fc.string(), fc.constant(null)),
    daysSinceOnset: fc.oneof(fc.integer({ max: -1 }), fc.constant(2.5), fc.constant('3'), fc.constant(undefined)),
    painNprs: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 11 }), fc.constant(Number.NaN), fc.boolean()),
    trigger: fc.oneof(fc.constant('gardening'), fc.integer(), fc.constant(null)),
    episodesLast12Months: fc.oneof(fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.constant({})),
    frequencyTrend: fc.oneof(fc.constant('sometimes'), fc.constant([])),
    painAreas: fc.oneof(fc.constant('lower_back'), fc.constant(['lower_back', 'knee']), fc.constant([1])),
    redFlags: fc.oneof(fc.constant(null), fc.constant(['fever', 'headache']), fc.constant({ 0: 'fever' })),
  };

  it('throws a DomainValidationError naming every corrupted field', () => {
    const keys = Object.keys(badValues) as (keyof EpisodeFacts)[];
    fc.assert(
      fc.property(validFacts(), fc.record(badValues), fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1 }), (f, badRecord, corrupt) => {
        const bad: Record<string, unknown> = { ...f };
        for (const key of corrupt) bad[key] = badRecord[key];
        const fields = fieldsOf(() => classifyEpisode(bad as unknown as EpisodeFacts)).map((x) => x.replace(/\[\d+\]$/, ''));
        expect([...new Set(fields)].sort()).toEqual([...corrupt].sort());
      }),
    );
  });
});

describe('classifyEpisode: validation', () => {
  it('lists every bad field at once', () => {
    const bad = {
      age: 'forty',
      daysSinceOnset: -1,
      painNprs: 11,
      trigger: 'gardening',
      episodesLast12Months: 1.5,
      frequencyTrend: 'often',
      painAreas: ['lower_back', 'hips', 'knee'],
      redFlags: ['fever', 'headache'],
    };
    expect(fieldsOf(() => classifyEpisode(bad as unknown as EpisodeFacts))).toEqual([
      'age',
      'daysSinceOnset',
      'painNprs',
      'trigger',
      'episodesLast12Months',
      'frequencyTrend',
      'painAreas[2]',
      'redFlags[1]',
    ]);
  });

  it.each([null, undefined, 'facts', 42, []])('rejects %p as a whole', (value) => {
    expect(fieldsOf(() => classifyEpisode(value as unknown as EpisodeFacts))).toEqual(['input']);
  });

  it('reports missing fields', () => {
    expect(fieldsOf(() => classifyEpisode({} as EpisodeFacts))).toEqual([
      'age',
      'daysSinceOnset',
      'painNprs',
      'trigger',
      'episodesLast12Months',
      'frequencyTrend',
      'painAreas',
      'redFlags',
    ]);
  });
});
