import fc from 'fast-check';
import * as domain from './index.js';

describe('the public API of @upright/domain', () => {
  it('carries the ruleset version', () => {
    expect(domain.RULESET_VERSION).toBe('2026.12');
  });

  it.each([
    'screenRedFlags',
    'classifyEpisode',
    'assessPosture',
    'comparePosture',
    'suggestPlan',
    'scoreOdi',
    'scoreRmdq',
    'scorePsfs',
    'scoreNprs',
    'meaningfulChange',
    'adherence',
    'painAlert',
    'spasmHistory',
    'progressionAdvice',
    'dischargeReview',
    'clinicOutcomes',
    'wilsonInterval',
    'symmetryIndex',
    'odiBand',
    'isRecurring',
    'getExercise',
    'isExerciseCode',
    'isIsoDate',
    'addDays',
    'daysBetween',
    'calendarDateIn',
    'visitNotePrefill',
    'DomainValidationError',
    'PlanBlockedError',
  ])('exports the function %s', (name) => {
    expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
  });

  it.each<[string, readonly string[]]>([
    ['RED_FLAG_CODES', domain.RED_FLAG_CODES],
    ['PAIN_AREAS', domain.PAIN_AREAS],
    ['TRIGGERS', domain.TRIGGERS],
    ['FREQUENCY_TRENDS', domain.FREQUENCY_TRENDS],
    ['EPISODE_CATEGORIES', domain.EPISODE_CATEGORIES],
    ['URGENCIES', domain.URGENCIES],
    ['REASON_CODES', domain.REASON_CODES],
    ['ACTION_CODES', domain.ACTION_CODES],
    ['FINDING_CODES', domain.FINDING_CODES],
    ['TARGET_CODES', domain.TARGET_CODES],
    ['EXERCISE_CODES', domain.EXERCISE_CODES],
    ['INSTRUMENTS', domain.INSTRUMENTS],
    ['SEXES', domain.SEXES],
    ['SIDES', domain.SIDES],
    ['SEVERITIES', domain.SEVERITIES],
    ['ODI_BANDS', domain.ODI_BANDS],
    ['PHASE_KEYS', domain.PHASE_KEYS],
    ['LATERAL_SHIFTS', domain.LATERAL_SHIFTS],
    ['RED_FLAG_LEVELS', domain.RED_FLAG_LEVELS],
    ['PAIN_ALERT_REASONS', domain.PAIN_ALERT_REASONS],
    ['POSTURE_INDICES', domain.POSTURE_INDICES],
    ['FINDING_UNITS', domain.FINDING_UNITS],
    ['SPASM_TRENDS', domain.SPASM_TRENDS],
    ['RECURRENCE_RISKS', domain.RECURRENCE_RISKS],
    ['SPASM_CYCLES', domain.SPASM_CYCLES],
    ['SPASM_HISTORY_REASON_CODES', domain.SPASM_HISTORY_REASON_CODES],
    ['PROGRESSION_ADVICE', domain.PROGRESSION_ADVICE],
    ['PROGRESSION_REASON_CODES', domain.PROGRESSION_REASON_CODES],
    ['PROGRESSION_ACTION_CODES', domain.PROGRESSION_ACTION_CODES],
    ['DISCHARGE_STATUSES', domain.DISCHARGE_STATUSES],
    ['DISCHARGE_REASON_CODES', domain.DISCHARGE_REASON_CODES],
  ])('%s is a list of unique snake_case codes', (_name, list) => {
    expect(list.length).toBeGreaterThan(1);
    expect(new Set(list).size).toBe(list.length);
    // Digits are allowed after the first letter: rule 9 names thresholds in its codes (`pain_above_5`).
    for (const code of list) expect(code).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
  });

  it('lists the codes of the rules', () => {
    expect(domain.TRIGGERS).toEqual(['unaccustomed_activity', 'load_increase', 'habitual_movement', 'no_clear_trigger', 'trauma']);
    expect(domain.INSTRUMENTS).toEqual(['odi', 'nprs', 'rmdq', 'psfs']);
    expect(domain.SEXES).toEqual(['female', 'male', 'unspecified']);
    expect(domain.EXERCISES).toHaveLength(domain.EXERCISE_CODES.length);
    expect([...domain.EMERGENCY_RED_FLAGS, ...domain.URGENT_RED_FLAGS, 'minor_trauma', 'osteoporosis'].sort()).toEqual([...domain.RED_FLAG_CODES].sort());
  });

  it('every export is defined (no broken re-export)', () => {
    const entries = Object.entries(domain);
    expect(entries.length).toBeGreaterThan(60);
    for (const [name, value] of entries) expect([name, value === undefined]).toEqual([name, false]);
  });
});

describe('bad data from JavaScript callers', () => {
  const anything = fc.anything({
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
  });
  const loose = (valid: unknown): fc.Arbitrary<unknown> => fc.oneof(fc.constant(valid), anything);

  /** Only a DomainValidationError (or the plan block) may come out: never a TypeError or RangeError. */
  function expectOnlyDomainErrors(call: () => unknown): void {
    try {
      call();
    } catch (e) {
      expect(e instanceof domain.DomainValidationError || e instanceof domain.PlanBlockedError).toBe(true);
      if (e instanceof domain.DomainValidationError) expect(e.errors.length).toBeGreaterThan(0);
    }
  }

  const calls: [string, fc.Arbitrary<unknown[]>, (...args: unknown[]) => unknown][] = [
    [
      'classifyEpisode',
      fc.tuple(
        fc.oneof(
          anything,
          fc.record({
            age: loose(40),
            daysSinceOnset: loose(3),
            painNprs: loose(5),
            trigger: loose('trauma'),
            episodesLast12Months: loose(0),
            frequencyTrend: loose('stable'),
            painAreas: loose(['hips']),
            redFlags: loose([]),
          }),
        ),
      ),
      (f) => domain.classifyEpisode(f as domain.EpisodeFacts),
    ],
    [
      'screenRedFlags',
      fc.tuple(fc.oneof(anything, fc.record({ age: loose(40), redFlags: loose([]), painAreas: loose(['hips']) }))),
      (i) => domain.screenRedFlags(i as domain.RedFlagInput),
    ],
    [
      'assessPosture',
      fc.tuple(
        fc.oneof(
          anything,
          fc.record({
            sex: loose('male'),
            age: loose(40),
            measurements: fc.oneof(
              anything,
              fc.record(
                {
                  sideBridgeS: loose({ left: 50, right: 60 }),
                  trendelenburg: anything,
                  aslr: loose({ left: 1, right: 2 }),
                  trunkExtensorS: loose(100),
                  trunkFlexorS: loose(90),
                  legLengthDifferenceCm: anything,
                },
                { requiredKeys: [] },
              ),
            ),
          }),
        ),
      ),
      (i) => domain.assessPosture(i as domain.PosturalInput),
    ],
    ['comparePosture', fc.tuple(anything, anything), (a, b) => domain.comparePosture(a as never, b as never)],
    [
      'suggestPlan',
      fc.tuple(
        fc.oneof(
          anything,
          fc.record({
            classification: loose({ category: 'support_deficit', reviewInDays: 7 }),
            report: loose({ targets: [{ code: 'trunk_extensors' }] }),
            startDate: loose('2026-03-02'),
          }),
        ),
      ),
      (i) => domain.suggestPlan(i as domain.PlanSuggestionInput),
    ],
    ['scoreOdi', fc.tuple(fc.oneof(anything, fc.array(loose(3), { minLength: 10, maxLength: 10 }))), (s) => domain.scoreOdi(s as number[])],
    ['scoreRmdq', fc.tuple(anything), (s) => domain.scoreRmdq(s as boolean[])],
    ['scorePsfs', fc.tuple(anything), (s) => domain.scorePsfs(s as number[])],
    ['scoreNprs', fc.tuple(anything), (s) => domain.scoreNprs(s as number)],
    ['meaningfulChange', fc.tuple(loose('nprs'), anything, anything), (i, b, c) => domain.meaningfulChange(i as 'odi', b as number, c as number)],
    [
      'adherence',
      fc.tuple(
        loose({ startDate: '2026-03-02', phases: [{ startWeek: 0, endWeek: 2, exercises: [{ timesPerWeek: 3 }] }] }),
        loose([{ date: '2026-03-03', completedExercises: ['bird_dog'] }]),
        loose('2026-03-02'),
        loose('2026-03-15'),
      ),
      (p, l, f, t) => domain.adherence(p as domain.AdherencePlan, l as domain.ExerciseLog[], f as string, t as string),
    ],
    ['painAlert', fc.tuple(loose({ pain: 8 }), loose({ pain: 2 })), (l, p) => domain.painAlert(l as domain.PainLog, p as domain.PainLog)],
    [
      'spasmHistory',
      fc.tuple(
        fc.oneof(
          anything,
          fc.record({
            episodes: fc.oneof(
              anything,
              fc.array(fc.oneof(anything, fc.record({ id: loose('e1'), onsetDate: loose('2026-03-02'), resolvedOn: loose('2026-03-05') })), { maxLength: 4 }),
            ),
            asOf: loose('2026-12-01'),
            planStartDate: loose('2026-04-01'),
          }),
        ),
      ),
      (i) => domain.spasmHistory(i as domain.SpasmHistoryInput),
    ],
    [
      'progressionAdvice',
      fc.tuple(
        fc.oneof(
          anything,
          fc.record({
            phaseKey: loose('strengthen'),
            daysInPhase: loose(20),
            isLastPhase: loose(false),
            adherencePercent: loose(85),
            logs: fc.oneof(
              anything,
              fc.array(fc.oneof(anything, fc.record({ date: loose('2026-11-30'), pain: loose(3), settledByNextMorning: loose(true) })), {
                maxLength: 4,
              }),
            ),
            openPainAlert: loose(false),
            asOf: loose('2026-12-01'),
          }),
        ),
      ),
      (i) => domain.progressionAdvice(i as domain.ProgressionInput),
    ],
    [
      'dischargeReview',
      fc.tuple(
        fc.oneof(
          anything,
          fc.record({
            weeksInCare: loose(6),
            outcomes: fc.oneof(
              anything,
              fc.record({ odi: loose({ baseline: 40, latest: 20 }), nprs: loose({ baseline: 6, latest: 3 }), psfs: anything }, { requiredKeys: [] }),
            ),
            adherencePercent: loose(85),
            redFlagOpen: loose(false),
            priorEpisodes: loose(1),
          }),
        ),
      ),
      (i) => domain.dischargeReview(i as domain.DischargeInput),
    ],
    [
      'clinicOutcomes',
      fc.tuple(
        fc.oneof(
          anything,
          fc.array(fc.oneof(anything, fc.record({ reachedMeaningfulChange: loose(true), recurredWithin12Months: loose(null) })), { maxLength: 12 }),
        ),
      ),
      (c) => domain.clinicOutcomes(c as domain.ClosedPlanOutcome[]),
    ],
    [
      'visitNotePrefill',
      fc.tuple(
        fc.oneof(
          anything,
          fc.record({
            today: loose('2026-12-01'),
            since: loose('2026-11-17'),
            episode: loose({ onsetDate: '2026-10-05', category: 'overload', urgency: 'routine', redFlagReasons: ['minor_trauma'], status: 'recorded' }),
            plan: loose({
              title: 'Back support plan',
              status: 'active',
              versionNumber: 2,
              startDate: '2026-11-02',
              changeNote: null,
              phases: [{ startWeek: 0, endWeek: 12, exercises: [{ timesPerWeek: 14 }] }],
            }),
            planChanges: loose(['Bird dog: 3 sets → 4 sets']),
            logs: fc.oneof(
              anything,
              fc.array(
                fc.oneof(
                  anything,
                  fc.record({ date: loose('2026-11-20'), completedExercises: loose(['bird_dog']), pain: loose(4), difficulty: loose(3), note: loose(null) }),
                ),
                { maxLength: 4 },
              ),
            ),
            openPainAlerts: loose([{ date: '2026-11-22', pain: 8, reasons: ['pain_high'] }]),
            outcomes: fc.oneof(
              anything,
              fc.array(
                fc.oneof(
                  anything,
                  fc.record({
                    instrument: loose('nprs'),
                    recordedOn: loose('2026-11-24'),
                    score: loose(4),
                    changeFromFirst: loose(-2),
                    meaningful: loose(true),
                  }),
                ),
                { maxLength: 3 },
              ),
            ),
            assessment: loose({ assessedOn: '2026-10-12', findings: [{ code: 'lateral_shift', text: 'Lateral shift of the trunk to the left.' }] }),
          }),
        ),
        fc.oneof(anything, fc.record({ subjective: loose('Patient reports:'), plan: anything }, { requiredKeys: [] })),
      ),
      (f, prompts) => domain.visitNotePrefill(f as domain.VisitNotePrefillFacts, prompts as Partial<domain.VisitNoteSections>),
    ],
  ];

  it.each(calls)('%s throws only DomainValidationError', (_name, args, call) => {
    fc.assert(
      fc.property(args, (values) => expectOnlyDomainErrors(() => call(...values))),
      { numRuns: 300 },
    );
  });
});
