/**
 * Rule 4, plan suggestion: a phased exercise plan drafted from the episode's category and, for a support
 * deficit, the strengthening targets of the postural assessment. A clinician edits and activates it; the
 * rules only draft it.
 */
import {
  EPISODE_CATEGORIES,
  RULESET_VERSION,
  TARGET_CODES,
  type EpisodeCategory,
  type ExerciseCode,
  type PhaseKey,
  type RulesetVersion,
  type Side,
  type TargetCode,
} from './codes.js';
import { addDays } from './dates.js';
import type { EpisodeClassification } from './episode.js';
import { PlanBlockedError } from './errors.js';
import { getExercise } from './exercises.js';
import type { PosturalReport } from './posture.js';
import { Problems, eachItem, checkArray, checkBoolean, checkCode, checkDate, checkInteger, checkRecord, field } from './validation.js';

/** One exercise in a phase, with its dose. `side` is set on side-specific extras (then `perSide` is false). */
export interface PlanExercise {
  exerciseCode: ExerciseCode;
  sets: number;
  reps: number;
  holdSeconds?: number;
  perSide: boolean;
  timesPerWeek: number;
  side?: Side;
  notes?: string;
}

export interface PlanPhase {
  key: PhaseKey;
  title: string;
  /** Weeks from the start date: the phase runs from `startWeek` up to `endWeek` (phases may overlap). */
  startWeek: number;
  endWeek: number;
  goals: string[];
  exercises: PlanExercise[];
}

/** A plan the rules suggest; the clinician edits it before it becomes the patient's plan. */
export interface PlanDraft {
  title: string;
  category: Exclude<EpisodeCategory, 'referral'>;
  phases: PlanPhase[];
  /** `YYYY-MM-DD`, ascending, without duplicates. */
  reviewDates: string[];
  basedOn: {
    classification: Pick<EpisodeClassification, 'category' | 'reviewInDays'>;
    /** The report's target codes, in priority order; empty without a report. */
    targets: TargetCode[];
  };
  /** Things the clinician and patient should know about the plan as a whole (assessment pending, review notes). */
  notes: string[];
  rulesetVersion: RulesetVersion;
}

export interface PlanSuggestionInput {
  /** An `EpisodeClassification`, or at least its category and review days. */
  classification: Pick<EpisodeClassification, 'category' | 'reviewInDays'>;
  /** A `PosturalReport`, or at least its targets; `null` or absent when there has been no assessment. */
  report?: (Pick<PosturalReport, 'targets'> & Partial<Pick<PosturalReport, 'refer'>>) | null;
  /** `YYYY-MM-DD`. */
  startDate: string;
}

interface PhaseRule {
  title: string;
  startWeek: number;
  endWeek: number;
  goals: readonly string[];
  /** Overrides every exercise's default frequency in this phase; absent = the library default. */
  timesPerWeek?: number;
  /** The phase starts each exercise at its easier version. */
  regressions?: boolean;
}

/** Every phase a plan can have: weeks, goals and frequency. */
export const PHASES: { readonly [K in PhaseKey]: PhaseRule } = {
  settle: {
    title: 'Settle',
    startWeek: 0,
    endWeek: 2,
    goals: [
      'Keep moving: rest only from the activity that set the spasm off, and avoid bed rest.',
      'Use heat to ease the spasm and the pain.',
      'Walk every day and use the cat-camel to ease stiffness.',
    ],
  },
  recondition: {
    title: 'Recondition',
    startWeek: 2,
    endWeek: 6,
    goals: [
      'Rebuild trunk and hip endurance with the glute bridge, bird dog and dead bug.',
      'Return to the activity that caused the episode step by step: shorter and lighter sessions first, building up each week.',
    ],
  },
  activate: {
    title: 'Activate',
    startWeek: 1,
    endWeek: 3,
    timesPerWeek: 7,
    regressions: true,
    goals: [
      'Learn each exercise in its easier version, every day, with good control.',
      'Switch on the muscles that support your back, especially those the assessment found weaker.',
    ],
  },
  strengthen: {
    title: 'Strengthen',
    startWeek: 3,
    endWeek: 8,
    timesPerWeek: 3,
    goals: [
      'Build strength and endurance 2-3 times a week, on days that are not back to back.',
      'Make each exercise a little harder when you can do two more clean reps than the goal.',
    ],
  },
  maintain: {
    title: 'Maintain',
    startWeek: 8,
    endWeek: 12,
    timesPerWeek: 2,
    goals: ['Keep the exercises going at least twice a week, also after week 12: the benefit fades if exercise stops.', 'Stay active with things you enjoy.'],
  },
};

/** McGill's three: the base of every support-deficit phase after settling. */
export const MCGILL_BIG_THREE = ['curl_up', 'side_bridge', 'bird_dog'] as const satisfies readonly ExerciseCode[];

const SETTLE_EXERCISES = ['walking', 'cat_camel'] as const satisfies readonly ExerciseCode[];

/** Phases and their exercises, by category (a referral gets no plan). */
export const CATEGORY_PHASES: {
  readonly [C in Exclude<EpisodeCategory, 'referral'>]: readonly {
    key: PhaseKey;
    exercises: readonly ExerciseCode[];
    /** Add the exercises of the report's targets (`TARGET_EXERCISES`). */
    withTargets?: boolean;
  }[];
} = {
  overload: [
    { key: 'settle', exercises: SETTLE_EXERCISES },
    { key: 'recondition', exercises: ['glute_bridge', 'bird_dog', 'dead_bug'] },
  ],
  support_deficit: [
    { key: 'settle', exercises: SETTLE_EXERCISES },
    { key: 'activate', exercises: MCGILL_BIG_THREE, withTargets: true },
    { key: 'strengthen', exercises: MCGILL_BIG_THREE, withTargets: true },
    { key: 'maintain', exercises: MCGILL_BIG_THREE, withTargets: true },
  ],
  unclear: [{ key: 'settle', exercises: SETTLE_EXERCISES }],
};

interface TargetExercise {
  exerciseCode: ExerciseCode;
  /** One extra set on the target's side (the side bridge), instead of the full default dose on that side. */
  extraSet?: boolean;
  notes?: string;
}

/** A note for load-transfer work (a positive active straight-leg raise). */
export const LOAD_TRANSFER_NOTE = 'Positive active straight-leg raise (load transfer): a clinician should review the technique before the load goes up.';

const HIP_ABDUCTOR_EXERCISES: readonly TargetExercise[] = [
  { exerciseCode: 'clamshell' },
  { exerciseCode: 'side_lying_hip_abduction' },
  { exerciseCode: 'single_leg_bridge' },
];

/** What each strengthening target adds to a support-deficit phase. Side-specific targets work that side only. */
export const TARGET_EXERCISES: { readonly [T in TargetCode]: readonly TargetExercise[] } = {
  lateral_trunk_left: [{ exerciseCode: 'side_bridge', extraSet: true }],
  lateral_trunk_right: [{ exerciseCode: 'side_bridge', extraSet: true }],
  hip_abductors_left: HIP_ABDUCTOR_EXERCISES,
  hip_abductors_right: HIP_ABDUCTOR_EXERCISES,
  trunk_extensors: [{ exerciseCode: 'bird_dog' }, { exerciseCode: 'glute_bridge' }],
  load_transfer: [{ exerciseCode: 'dead_bug', notes: LOAD_TRANSFER_NOTE }, { exerciseCode: 'glute_bridge' }],
};

/** Plan-level notes, in one place for review. */
export const PLAN_NOTES = {
  assessmentNeeded: 'A postural symmetry assessment is needed to personalise this plan: until then it holds the base exercises only.',
  assessmentPending: 'An assessment is pending: this plan covers settling only, until the cause is clearer.',
  loadTransfer: LOAD_TRANSFER_NOTE,
  reportRefers: 'The postural assessment found something to refer (see its findings): arrange that alongside this plan.',
} as const;

const TITLES: { readonly [C in Exclude<EpisodeCategory, 'referral'>]: string } = {
  overload: 'Overload recovery plan (6 weeks)',
  support_deficit: 'Back support rehabilitation plan (12 weeks)',
  unclear: 'Settling plan (assessment pending)',
};

function sideOf(target: TargetCode): Side | undefined {
  if (target.endsWith('_left')) return 'left';
  if (target.endsWith('_right')) return 'right';
  return undefined;
}

/** The library's default dose for a phase: the phase's frequency, and the easier version in `activate`. */
function dosed(code: ExerciseCode, rule: PhaseRule, side?: Side, extraNotes?: string): PlanExercise {
  const exercise = getExercise(code);
  const { sets, reps, holdSeconds, perSide, timesPerWeek, notes } = exercise.defaultDose;
  const notesText = [
    side ? `On your ${side} side only (the weaker side).` : undefined,
    rule.regressions ? `Start with the easier version: ${exercise.regression}` : undefined,
    notes,
    extraNotes,
  ]
    .filter((n): n is string => n !== undefined)
    .join(' ');
  return {
    exerciseCode: code,
    sets,
    reps,
    ...(holdSeconds !== undefined ? { holdSeconds } : {}),
    perSide: side ? false : perSide,
    timesPerWeek: rule.timesPerWeek ?? timesPerWeek,
    ...(side ? { side } : {}),
    notes: notesText,
  };
}

/** One extra side-bridge set on the weaker side: a single set of the pyramid's first step, same hold. */
function extraSet(code: ExerciseCode, rule: PhaseRule, side: Side): PlanExercise {
  return {
    ...dosed(code, rule),
    sets: 1,
    perSide: false,
    side,
    notes: `One extra set on your ${side} side (the weaker side), after the pyramid.`,
  };
}

const opposite = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/**
 * The exercises of a phase: the base, then each target's extras, without duplicates (same exercise and side).
 * When the same side-specific exercise is asked for on both sides, it becomes one entry for both sides.
 */
function phaseExercises(base: readonly ExerciseCode[], targets: readonly TargetCode[], rule: PhaseRule): PlanExercise[] {
  const list: PlanExercise[] = [];
  const add = (e: PlanExercise): void => {
    if (!list.some((x) => x.exerciseCode === e.exerciseCode && x.side === e.side)) list.push(e);
  };
  for (const code of base) add(dosed(code, rule));
  for (const target of targets) {
    const side = sideOf(target);
    for (const extra of TARGET_EXERCISES[target]) {
      if (extra.extraSet && side) add(extraSet(extra.exerciseCode, rule, side));
      else add(dosed(extra.exerciseCode, rule, side, extra.notes));
    }
  }
  const merged: PlanExercise[] = [];
  for (const e of list) {
    const bothSides = e.side !== undefined && list.some((x) => x.exerciseCode === e.exerciseCode && x.side === opposite(e.side as Side));
    if (!bothSides) merged.push(e);
    else if (!merged.some((x) => x.exerciseCode === e.exerciseCode && x.side === undefined)) {
      merged.push(dosed(e.exerciseCode, rule));
    }
  }
  return merged;
}

function validatePlanInput(input: unknown): asserts input is PlanSuggestionInput {
  const p = new Problems();
  if (checkRecord(p, 'input', input)) {
    if (checkRecord(p, 'classification', input.classification)) {
      checkCode(p, 'classification.category', input.classification.category, EPISODE_CATEGORIES);
      checkInteger(p, 'classification.reviewInDays', input.classification.reviewInDays, 0, 365);
    }
    const report = input.report;
    if (report !== undefined && report !== null && checkRecord(p, 'report', report)) {
      if (checkArray(p, 'report.targets', report.targets)) {
        eachItem(report.targets, (target, i) => {
          const path = field('report.targets', i);
          if (checkRecord(p, path, target)) checkCode(p, field(path, 'code'), target.code, TARGET_CODES);
        });
      }
      if (report.refer !== undefined) checkBoolean(p, 'report.refer', report.refer);
    }
    checkDate(p, 'startDate', input.startDate);
  }
  p.throwIfAny();
}

/**
 * Suggest a plan (rule 4).
 *
 * - `referral`: throws `PlanBlockedError` (no exercise plan while a red flag is open).
 * - `overload`: `settle` (weeks 0-2) then `recondition` (weeks 2-6).
 * - `support_deficit`: `settle` (0-2), `activate` (1-3, easier versions, daily), `strengthen` (3-8, 3 times a
 *   week), `maintain` (8-12 and beyond, twice a week). From `activate` on: McGill's three plus each target's
 *   exercises (`TARGET_EXERCISES`), in the report's priority order. Without a report the plan holds the base
 *   exercises and says an assessment is needed to personalise it.
 * - `unclear`: `settle` only, with a note that an assessment is pending.
 *
 * Doses come from the library defaults (`EXERCISES`); a phase with its own frequency overrides `timesPerWeek`.
 * `reviewDates`: start + `reviewInDays`, then start + 7 x `endWeek` of each phase, ascending, without duplicates.
 * `basedOn.targets` lists the report's targets whenever a report is given, even when the category does not use them.
 *
 * @throws DomainValidationError listing every bad field; PlanBlockedError for a referral.
 */
export function suggestPlan(input: PlanSuggestionInput): PlanDraft {
  validatePlanInput(input);
  const { classification, report, startDate } = input;
  const category = classification.category;
  if (category === 'referral') throw new PlanBlockedError(category);

  const targets = report ? report.targets.map((t) => t.code) : [];
  const phases: PlanPhase[] = CATEGORY_PHASES[category].map(({ key, exercises, withTargets }) => {
    const rule = PHASES[key];
    const goals = [...rule.goals];
    if (key === 'activate' && !report) goals.push('Personalise these exercises once the postural symmetry assessment is done.');
    return {
      key,
      title: rule.title,
      startWeek: rule.startWeek,
      endWeek: rule.endWeek,
      goals,
      exercises: phaseExercises(exercises, withTargets ? targets : [], rule),
    };
  });

  const notes: string[] = [];
  if (category === 'support_deficit' && !report) notes.push(PLAN_NOTES.assessmentNeeded);
  if (category === 'unclear') notes.push(PLAN_NOTES.assessmentPending);
  if (category === 'support_deficit' && targets.includes('load_transfer')) notes.push(PLAN_NOTES.loadTransfer);
  if (report?.refer === true) notes.push(PLAN_NOTES.reportRefers);

  const reviewDates = [...new Set([addDays(startDate, classification.reviewInDays), ...phases.map((phase) => addDays(startDate, 7 * phase.endWeek))])].sort();

  return {
    title: TITLES[category],
    category,
    phases,
    reviewDates,
    basedOn: { classification: { category, reviewInDays: classification.reviewInDays }, targets },
    notes,
    rulesetVersion: RULESET_VERSION,
  };
}
