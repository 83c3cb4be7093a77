/**
 * Rule 2, episode classification: what kind of back spasm this is, what to do now, and when to review.
 * The same spasm means different things depending on how it came about: an overload after unaccustomed
 * activity settles with activity and a graded return, while a spasm from an everyday movement, or a
 * recurring one, says the back lacks support and needs an assessment and a strengthening plan.
 */
import { action, type Action } from './actions.js';
import {
  FREQUENCY_TRENDS,
  PAIN_AREAS,
  RED_FLAG_CODES,
  RULESET_VERSION,
  TRIGGERS,
  type ActionCode,
  type EpisodeCategory,
  type FrequencyTrend,
  type PainArea,
  type Reason,
  type ReasonCode,
  type RedFlagCode,
  type RulesetVersion,
  type Trigger,
  type Urgency,
} from './codes.js';
import { checkAge, screenValidRedFlags, type RedFlagScreen } from './red-flags.js';
import { Problems, checkCode, checkCodeList, checkInteger, checkRecord } from './validation.js';

/** What the clinician records about an episode. The API computes `age` and `daysSinceOnset` from dates. */
export interface EpisodeFacts {
  /** Whole years, 0-120. */
  age: number;
  /** Whole days since the episode started, >= 0. */
  daysSinceOnset: number;
  /** Current pain on the Numeric Pain Rating Scale, integer 0-10. */
  painNprs: number;
  trigger: Trigger;
  /** Previous episodes in the 12 months before this one, integer >= 0. */
  episodesLast12Months: number;
  frequencyTrend: FrequencyTrend;
  painAreas: readonly PainArea[];
  redFlags: readonly RedFlagCode[];
}

export interface EpisodeClassification {
  category: EpisodeCategory;
  /** The red-flag level for a referral; `routine` for every other category. */
  urgency: Urgency;
  redFlags: RedFlagScreen;
  /** The rule that chose the category first, then the modifiers. */
  reasons: Reason[];
  actions: Action[];
  /** Days until the next review; 0 for a referral (now). */
  reviewInDays: number;
  rulesetVersion: RulesetVersion;
}

/** The numbers of rule 2, in one place. */
export const EPISODE_THRESHOLDS = {
  /** Recurring: at least this many previous episodes in the last 12 months (or frequency `increasing`). */
  recurringFromEpisodes: 2,
  /** Persistent: more than this many days since onset (6 weeks). */
  persistentAfterDays: 42,
  /** Not settling: an overload episode older than this many days... */
  notSettlingAfterDays: 14,
  /** ...with pain still at least this on the NPRS. */
  notSettlingFromNprs: 4,
} as const;

type NonReferral = Exclude<EpisodeCategory, 'referral'>;
/** The reasons this rule gives itself (the screen's reasons are red-flag codes and `age_review`). */
type EpisodeReasonCode = Exclude<ReasonCode, RedFlagCode | 'age_review'>;
interface CategoryRule {
  category: NonReferral;
  /** The rule(s) that chose the category, named as reasons. */
  reasons: readonly EpisodeReasonCode[];
}

/** Category by trigger, for an episode that is not recurring and one that is (no emergency or urgent red flag). */
export const CATEGORY_RULES: { readonly [T in Trigger]: { notRecurring: CategoryRule; recurring: CategoryRule } } = {
  unaccustomed_activity: {
    notRecurring: { category: 'overload', reasons: ['overload_trigger'] },
    recurring: { category: 'unclear', reasons: ['mixed_pattern'] },
  },
  load_increase: {
    notRecurring: { category: 'overload', reasons: ['overload_trigger'] },
    recurring: { category: 'unclear', reasons: ['mixed_pattern'] },
  },
  habitual_movement: {
    notRecurring: { category: 'support_deficit', reasons: ['innocuous_trigger'] },
    recurring: { category: 'support_deficit', reasons: ['innocuous_trigger', 'recurring_pattern'] },
  },
  no_clear_trigger: {
    notRecurring: { category: 'unclear', reasons: ['no_clear_trigger'] },
    recurring: { category: 'support_deficit', reasons: ['recurring_pattern'] },
  },
  trauma: {
    notRecurring: { category: 'unclear', reasons: ['trauma_trigger'] },
    recurring: { category: 'unclear', reasons: ['trauma_trigger'] },
  },
};

/** Actions, in order, and days to the review, by category. A referral's single action depends on its urgency. */
export const CATEGORY_ACTIONS: {
  readonly [C in NonReferral]: { actions: readonly ActionCode[]; reviewInDays: number };
} = {
  overload: {
    actions: ['stay_active', 'apply_heat', 'massage_or_physio_as_pain_eases', 'graded_return_to_activity'],
    reviewInDays: 14,
  },
  support_deficit: {
    actions: ['stay_active', 'apply_heat', 'postural_symmetry_assessment', 'strengthening_plan'],
    reviewInDays: 7,
  },
  unclear: { actions: ['stay_active', 'apply_heat', 'clinical_assessment'], reviewInDays: 7 },
};

/** The only action of a referral, by the screen's level; a referral is reviewed at once (0 days). */
export const REFERRAL_ACTIONS = { emergency: 'refer_emergency', urgent: 'refer_urgent' } as const;
export const REFERRAL_REVIEW_IN_DAYS = 0;

const TREND_WORDS: { readonly [T in FrequencyTrend]: string } = {
  first_episode: 'first episode',
  decreasing: 'episodes becoming less frequent',
  stable: 'episodes about as frequent as before',
  increasing: 'episodes becoming more frequent',
  unknown: 'frequency unknown',
};

function history(f: EpisodeFacts): string {
  return `${f.episodesLast12Months} previous episode(s) in the last 12 months, ${TREND_WORDS[f.frequencyTrend]}`;
}

/** Clinician text of each reason this rule can give, built from the facts so it explains itself. */
const REASON_TEXTS: { readonly [C in EpisodeReasonCode]: (f: EpisodeFacts, screen: RedFlagScreen) => string } = {
  overload_trigger: (f) =>
    `Started with ${f.trigger === 'load_increase' ? 'a jump in training load' : 'unaccustomed activity'} and no recurring pattern: muscles overloaded beyond their current conditioning.`,
  innocuous_trigger: () =>
    'Started with an everyday movement done many times before: even at a first episode this says the back lacks support for ordinary loads.',
  recurring_pattern: (f) => `Recurring pattern (${history(f)}): the back lacks support; assess and strengthen.`,
  mixed_pattern: (f) => `Overload trigger but a recurring pattern (${history(f)}): overload alone does not explain it; assess before deciding.`,
  no_clear_trigger: () => 'No clear trigger and no recurring pattern: the cause is not clear from the history; assess.',
  trauma_trigger: () => 'Started with trauma: assess for injury before any loading.',
  red_flag: (_f, screen) =>
    `Red-flag screen ${screen.level} (${screen.reasons
      .filter((r) => r.level === screen.level)
      .map((r) => r.code)
      .join(', ')}): refer before any exercise plan.`,
  persistent: (f) => `${f.daysSinceOnset} days since onset, more than 6 weeks: persistent pain needs a review.`,
  not_settling: (f) =>
    `Overload episode ${f.daysSinceOnset} days old with pain still ${f.painNprs}/10: most overload spasms improve markedly within about 2 weeks.`,
  below_knee_pain: () => 'Pain below the knee in one leg: possible nerve-root involvement.',
};

function reason(code: EpisodeReasonCode, f: EpisodeFacts, screen: RedFlagScreen): Reason {
  return { code, text: REASON_TEXTS[code](f, screen) };
}

/**
 * Recurring: `episodesLast12Months >= 2` or `frequencyTrend = increasing`.
 */
export function isRecurring(f: Pick<EpisodeFacts, 'episodesLast12Months' | 'frequencyTrend'>): boolean {
  return f.episodesLast12Months >= EPISODE_THRESHOLDS.recurringFromEpisodes || f.frequencyTrend === 'increasing';
}

function validateFacts(facts: unknown): asserts facts is EpisodeFacts {
  const p = new Problems();
  if (checkRecord(p, 'input', facts)) {
    checkAge(p, 'age', facts.age);
    checkInteger(p, 'daysSinceOnset', facts.daysSinceOnset, 0);
    checkInteger(p, 'painNprs', facts.painNprs, 0, 10);
    checkCode(p, 'trigger', facts.trigger, TRIGGERS);
    checkInteger(p, 'episodesLast12Months', facts.episodesLast12Months, 0);
    checkCode(p, 'frequencyTrend', facts.frequencyTrend, FREQUENCY_TRENDS);
    checkCodeList(p, 'painAreas', facts.painAreas, PAIN_AREAS);
    checkCodeList(p, 'redFlags', facts.redFlags, RED_FLAG_CODES);
  }
  p.throwIfAny();
}

/**
 * Classify a back-spasm episode (rule 2).
 *
 * 1. Red-flag screen (rule 1): `emergency` or `urgent` gives category `referral`, urgency = that level,
 *    the single action `refer_emergency` / `refer_urgent`, review in 0 days.
 * 2. Otherwise the category comes from `CATEGORY_RULES` by trigger and whether the episode is recurring
 *    (`isRecurring`), with the actions and review days of `CATEGORY_ACTIONS`; urgency `routine`.
 * 3. Modifiers add reasons and actions but never change the category:
 *    screen `review` -> its reasons and `clinician_review`; `below_knee_one_leg` -> `below_knee_pain` and
 *    `neurological_examination`; more than 42 days -> `persistent` and `review_persistent_pain`; an overload over
 *    14 days with NPRS >= 4 -> `not_settling` and `reassess`. A referral keeps only its referral action:
 *    modifiers add their reasons to it, never actions.
 *
 * @throws DomainValidationError listing every bad field (ranges, integers, unknown codes).
 */
export function classifyEpisode(facts: EpisodeFacts): EpisodeClassification {
  validateFacts(facts);
  const screen = screenValidRedFlags(facts.age, facts.redFlags, facts.painAreas);

  let category: EpisodeCategory;
  let urgency: Urgency = 'routine';
  let reasonCodes: readonly EpisodeReasonCode[];
  let actionCodes: ActionCode[];
  let reviewInDays: number;
  if (screen.level === 'emergency' || screen.level === 'urgent') {
    category = 'referral';
    urgency = screen.level;
    reasonCodes = ['red_flag'];
    actionCodes = [REFERRAL_ACTIONS[screen.level]];
    reviewInDays = REFERRAL_REVIEW_IN_DAYS;
  } else {
    const rule = CATEGORY_RULES[facts.trigger][isRecurring(facts) ? 'recurring' : 'notRecurring'];
    category = rule.category;
    reasonCodes = rule.reasons;
    actionCodes = [...CATEGORY_ACTIONS[rule.category].actions];
    reviewInDays = CATEGORY_ACTIONS[rule.category].reviewInDays;
  }
  const reasons: Reason[] = reasonCodes.map((code) => reason(code, facts, screen));

  // Modifiers, in a fixed order. A referral takes their reasons but keeps its single action.
  const modifierActions: ActionCode[] = [];
  if (screen.level === 'review') {
    reasons.push(...screen.reasons.map(({ code, text }) => ({ code, text })));
    modifierActions.push('clinician_review');
  }
  if (facts.painAreas.includes('below_knee_one_leg')) {
    reasons.push(reason('below_knee_pain', facts, screen));
    modifierActions.push('neurological_examination');
  }
  if (facts.daysSinceOnset > EPISODE_THRESHOLDS.persistentAfterDays) {
    reasons.push(reason('persistent', facts, screen));
    modifierActions.push('review_persistent_pain');
  }
  if (category === 'overload' && facts.daysSinceOnset > EPISODE_THRESHOLDS.notSettlingAfterDays && facts.painNprs >= EPISODE_THRESHOLDS.notSettlingFromNprs) {
    reasons.push(reason('not_settling', facts, screen));
    modifierActions.push('reassess');
  }
  if (category !== 'referral') actionCodes.push(...modifierActions);

  return {
    category,
    urgency,
    redFlags: screen,
    reasons,
    actions: actionCodes.map(action),
    reviewInDays,
    rulesetVersion: RULESET_VERSION,
  };
}
