/**
 * The public vocabulary of Upright's clinical rules.
 *
 * Every code here is stored by the API, rendered by the dashboard and the patient page, and checked by
 * tests, so a code never changes meaning within a ruleset. Each list is a `readonly` tuple: the API uses it
 * to validate input, the dashboard to fill select options, and the union type next to it is derived from it.
 */

/**
 * Version of the rules in this package. Every result carries it so an old result can be reproduced (and
 * recognised as old) after the rules change. 2026.12 added the spasm-cycle rules (history, progression,
 * discharge review, clinic outcomes); the earlier rules did not change.
 */
export const RULESET_VERSION = '2026.12' as const;
/** Every ruleset a stored result may carry: results keep the stamp they were computed with. */
export type RulesetVersion = '2026.11' | typeof RULESET_VERSION;

/**
 * Red flags the clinician ticks during the history. Which level each one raises is in `red-flags.ts`.
 *
 * - `saddle_anaesthesia`: numbness around the anus, genitals or inner thighs (possible cauda equina).
 * - `bilateral_leg_symptoms`: pain, numbness or weakness in both legs (also implied by the pain area `both_legs`).
 * - `new_sexual_dysfunction`: new loss of sexual function since the back pain started.
 * - `major_trauma`: a road accident, a fall from height or similar.
 * - `minor_trauma`: a fall from standing height or less; urgent only with age over 50 or osteoporosis.
 * - `immunosuppression_or_steroids`: immunosuppressed, or long-term oral corticosteroids (infection, fracture risk).
 * - `night_pain_unrelieved`: constant night pain that no position or rest relieves.
 * - `thoracic_pain`: pain in the thoracic spine (between the shoulder blades), not only the low back.
 * - `structural_deformity`: a visible spinal deformity that is new or progressing.
 * - `progressive_leg_weakness`: leg weakness that is getting worse (progressive neurological deficit).
 */
export const RED_FLAG_CODES = [
  'saddle_anaesthesia',
  'bladder_dysfunction',
  'bowel_incontinence',
  'bilateral_leg_symptoms',
  'new_sexual_dysfunction',
  'chest_pain',
  'major_trauma',
  'fever',
  'unexplained_weight_loss',
  'cancer_history',
  'iv_drug_use',
  'immunosuppression_or_steroids',
  'night_pain_unrelieved',
  'thoracic_pain',
  'structural_deformity',
  'progressive_leg_weakness',
  'minor_trauma',
  'osteoporosis',
] as const;
export type RedFlagCode = (typeof RED_FLAG_CODES)[number];

/**
 * Levels of the red-flag screen, lowest first.
 * `review` means "look harder" (age or a low-risk flag), never a referral on its own.
 */
export const RED_FLAG_LEVELS = ['clear', 'review', 'urgent', 'emergency'] as const;
export type RedFlagLevel = (typeof RED_FLAG_LEVELS)[number];

/**
 * Where the patient feels the pain. `below_knee_one_leg` suggests possible nerve-root involvement;
 * `both_legs` counts as the emergency red flag `bilateral_leg_symptoms`.
 */
export const PAIN_AREAS = ['lower_back', 'upper_back', 'hips', 'buttocks', 'thigh', 'below_knee_one_leg', 'both_legs'] as const;
export type PainArea = (typeof PAIN_AREAS)[number];

/**
 * How the episode came about.
 * - `unaccustomed_activity`: something done for the first time in a while (a day of gardening at the start of spring).
 * - `load_increase`: getting back into running or the gym and overdoing it.
 * - `habitual_movement`: an innocuous movement done countless times before without trouble.
 */
export const TRIGGERS = ['unaccustomed_activity', 'load_increase', 'habitual_movement', 'no_clear_trigger', 'trauma'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** How often episodes have been happening lately, as the patient reports it. */
export const FREQUENCY_TRENDS = ['first_episode', 'decreasing', 'stable', 'increasing', 'unknown'] as const;
export type FrequencyTrend = (typeof FREQUENCY_TRENDS)[number];

/**
 * What kind of episode this is.
 * - `overload`: muscles overloaded beyond their conditioning; settles with activity and a graded return.
 * - `support_deficit`: the trunk lacks support for ordinary loads; needs assessment and a strengthening plan.
 * - `unclear`: the pattern does not say which; a clinician assesses first.
 * - `referral`: an emergency or urgent red flag; no exercise plan until a doctor has seen the patient.
 */
export const EPISODE_CATEGORIES = ['overload', 'support_deficit', 'unclear', 'referral'] as const;
export type EpisodeCategory = (typeof EPISODE_CATEGORIES)[number];

/** How soon the patient must be seen: `routine` unless the red-flag screen is `urgent` or `emergency`. */
export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Why a classification came out as it did. The first reason is the rule that chose the category:
 * - `overload_trigger`: unaccustomed activity or a load increase, not recurring.
 * - `innocuous_trigger`: a habitual, innocuous movement.
 * - `recurring_pattern`: 2+ episodes in the last 12 months, or episodes becoming more frequent.
 * - `mixed_pattern`: an overload trigger, but a recurring pattern.
 * - `no_clear_trigger`, `trauma_trigger`: as named.
 * - `red_flag`: an emergency or urgent red flag forced a referral.
 * Then the modifiers:
 * - `persistent`: more than 6 weeks since onset.
 * - `not_settling`: an overload episode over 2 weeks old with pain still 4/10 or more.
 * - `below_knee_pain`: pain below the knee in one leg (possible nerve-root involvement).
 * - `age_review`: age under 20 or over 50 (the screen's `review` level).
 * - any red-flag code, as itself.
 */
export const REASON_CODES = [
  'overload_trigger',
  'innocuous_trigger',
  'recurring_pattern',
  'mixed_pattern',
  'no_clear_trigger',
  'trauma_trigger',
  'red_flag',
  'persistent',
  'not_settling',
  'below_knee_pain',
  'age_review',
  ...RED_FLAG_CODES,
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What to do next. Texts for clinicians and patients are in `actions.ts`. */
export const ACTION_CODES = [
  'refer_emergency',
  'refer_urgent',
  'clinician_review',
  'stay_active',
  'apply_heat',
  'massage_or_physio_as_pain_eases',
  'graded_return_to_activity',
  'postural_symmetry_assessment',
  'strengthening_plan',
  'clinical_assessment',
  'neurological_examination',
  'review_persistent_pain',
  'reassess',
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

export const SEXES = ['female', 'male', 'unspecified'] as const;
export type Sex = (typeof SEXES)[number];

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

/** Direction of a lateral (trunk) shift seen in standing. */
export const LATERAL_SHIFTS = ['none', 'left', 'right'] as const;
export type LateralShift = (typeof LATERAL_SHIFTS)[number];

/**
 * How much a postural finding matters.
 * - `info`: recorded and shown; no target, no referral.
 * - `mild` / `marked`: a deficit that becomes a strengthening target (marked ones first).
 * - `refer`: outside physiotherapy's remit alone (e.g. imaging); the report's `refer` flag is set.
 */
export const SEVERITIES = ['info', 'mild', 'marked', 'refer'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Postural assessment findings.
 * - `side_bridge_asymmetry`, `hip_abduction_asymmetry`: symmetry index of 10 % or more; side = the weaker side.
 * - `trendelenburg_positive`: the pelvis drops when standing on that leg (weak hip abductors on that side).
 * - `flexor_extensor_ratio_high`: trunk flexor endurance at least equal to extensor endurance (McGill ratio >= 1.0).
 * - `side_bridge_extensor_ratio_high`: mean side-bridge time at least 0.75 of extensor time (McGill).
 * - `low_extensor_endurance`: Biering-Sorensen hold under 176 s in a man.
 * - `aslr_positive`: active straight-leg raise scored 1 or more (impaired load transfer through the pelvis).
 * - `trunk_rotation`: scoliometer angle of trunk rotation of 5 degrees or more.
 * - `shoulder_height_difference`, `pelvic_height_difference`: static asymmetry, recorded as observational only.
 * - `forward_head_posture`: craniovertebral angle under 50 degrees (outside this ruleset's scope, shown only).
 * - `lateral_shift`: a visible sideways shift of the trunk in standing.
 */
export const FINDING_CODES = [
  'side_bridge_asymmetry',
  'hip_abduction_asymmetry',
  'trendelenburg_positive',
  'flexor_extensor_ratio_high',
  'side_bridge_extensor_ratio_high',
  'low_extensor_endurance',
  'aslr_positive',
  'leg_length_difference',
  'trunk_rotation',
  'shoulder_height_difference',
  'pelvic_height_difference',
  'forward_head_posture',
  'lateral_shift',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Units of a finding's `value`: `percent` for symmetry indices, `result` for a yes/no test or a direction. */
export const FINDING_UNITS = ['percent', 'ratio', 'seconds', 'points', 'cm', 'degrees', 'result'] as const;
export type FindingUnit = (typeof FINDING_UNITS)[number];

/**
 * What a strengthening plan should work on.
 * - `lateral_trunk_left` / `_right`: the lateral trunk (quadratus lumborum, obliques) on the weaker side-bridge side.
 * - `hip_abductors_left` / `_right`: gluteus medius and friends on that side.
 * - `trunk_extensors`: back-extensor endurance.
 * - `load_transfer`: control of load through the pelvis (positive active straight-leg raise).
 */
export const TARGET_CODES = [
  'lateral_trunk_left',
  'lateral_trunk_right',
  'hip_abductors_left',
  'hip_abductors_right',
  'trunk_extensors',
  'load_transfer',
] as const;
export type TargetCode = (typeof TARGET_CODES)[number];

/** Built-in exercises; the library itself is in `exercises.ts`. */
export const EXERCISE_CODES = [
  'cat_camel',
  'walking',
  'curl_up',
  'side_bridge',
  'bird_dog',
  'glute_bridge',
  'single_leg_bridge',
  'dead_bug',
  'pallof_press',
  'clamshell',
  'side_lying_hip_abduction',
] as const;
export type ExerciseCode = (typeof EXERCISE_CODES)[number];

/**
 * Outcome measures: `odi` Oswestry Disability Index (0-100 %), `nprs` Numeric Pain Rating Scale (0-10),
 * `rmdq` Roland-Morris Disability Questionnaire (0-24), `psfs` Patient-Specific Functional Scale (0-10, higher is better).
 */
export const INSTRUMENTS = ['odi', 'nprs', 'rmdq', 'psfs'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Oswestry bands: 0-20 minimal, >20-40 moderate, >40-60 severe, >60-80 crippled, >80 bed-bound. */
export const ODI_BANDS = ['minimal', 'moderate', 'severe', 'crippled', 'bed_bound'] as const;
export type OdiBand = (typeof ODI_BANDS)[number];

/** Phases a suggested plan can have; their weeks and goals are in `plan.ts`. */
export const PHASE_KEYS = ['settle', 'recondition', 'activate', 'strengthen', 'maintain'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

/** Why a patient log raised a pain alert: `pain_high` pain 7/10 or more; `pain_jump` 3+ points above the previous log. */
export const PAIN_ALERT_REASONS = ['pain_high', 'pain_jump'] as const;
export type PainAlertReason = (typeof PAIN_ALERT_REASONS)[number];

/** Indices of a postural report that can be compared between two assessments (lower is better for all four). */
export const POSTURE_INDICES = ['sideBridgeSI', 'hipAbductionSI', 'flexorExtensorRatio', 'sideBridgeExtensorRatio'] as const;
export type PostureIndex = (typeof POSTURE_INDICES)[number];

/** A reason, finding or action always explains itself with a code and a clinician text. */
export interface Reason {
  code: ReasonCode;
  text: string;
}

/**
 * How often distinct spasm episodes have come lately (rule 9.1): `none` (no episode), `first` (a single distinct
 * episode in all), otherwise the last 12 months against the 12 months before.
 */
export const SPASM_TRENDS = ['none', 'first', 'increasing', 'decreasing', 'stable'] as const;
export type SpasmTrend = (typeof SPASM_TRENDS)[number];

/**
 * Risk of another episode from the number of distinct episodes before the latest (rule 9.1): `baseline` none,
 * `raised` 1-2, `high` 3 or more (more than two previous episodes is the one consistent predictor).
 */
export const RECURRENCE_RISKS = ['baseline', 'raised', 'high'] as const;
export type RecurrenceRisk = (typeof RECURRENCE_RISKS)[number];

/**
 * Whether the spasm cycle is ending since the plan began (rule 9.1).
 * - `no_plan`: no plan start date, so nothing to judge.
 * - `recurred`: a new distinct episode since the plan began, starting less than a year ago.
 * - `too_early`: fewer than 90 days without a spasm.
 * - `holding`: 90 days or more without a spasm.
 * - `broken`: a year or more without a spasm.
 */
export const SPASM_CYCLES = ['no_plan', 'too_early', 'holding', 'broken', 'recurred'] as const;
export type SpasmCycle = (typeof SPASM_CYCLES)[number];

/** The three reasons of a spasm history: one each for its trend, its recurrence risk and its cycle. */
export const SPASM_HISTORY_REASON_CODES = [
  'trend_none',
  'trend_first',
  'trend_increasing',
  'trend_decreasing',
  'trend_stable',
  'risk_baseline',
  'risk_raised',
  'risk_high',
  'cycle_no_plan',
  'cycle_too_early',
  'cycle_holding',
  'cycle_broken',
  'cycle_recurred',
] as const;
export type SpasmHistoryReasonCode = (typeof SPASM_HISTORY_REASON_CODES)[number];

/**
 * What to do with the current plan phase (rule 9.2), a suggestion the clinician confirms.
 * - `regress`: step back (pain is not being tolerated).
 * - `review`: talk about adherence before changing anything.
 * - `hold`: stay in the phase at the same dose.
 * - `progress`: move to the next phase, or progress each exercise in the last phase.
 * - `maintain`: in the maintenance phase and doing well: keep going, consider a discharge review.
 */
export const PROGRESSION_ADVICE = ['regress', 'review', 'hold', 'progress', 'maintain'] as const;
export type ProgressionAdviceCode = (typeof PROGRESSION_ADVICE)[number];

/**
 * Why a progression advice came out as it did, in rule order.
 * - `pain_alert_open`: a pain alert (rule 7) is still open.
 * - `pain_above_5`: a log of the last 7 days has pain above 5/10 (the pain-monitoring rule of thumb).
 * - `not_settling_twice`: the two most recent answered logs both say the pain had not settled by the next morning.
 * - `pain_rising`: mean pain of the last 7 days at least 1 point above the 7 days before (2+ logs in each).
 * - `low_adherence`: under 50 % of the prescribed sessions logged.
 * - `too_soon`: fewer than 14 days in the phase.
 * - `adherence_below_80`: under 80 % of the prescribed sessions logged (the usual "satisfactory" level).
 * - `too_few_logs`: logs on fewer than 3 days of the last 14.
 * - `not_settled`: the most recent answered log says the pain had not settled by the next morning.
 * - `ready_to_progress`, `maintaining_well`: none of the above.
 */
export const PROGRESSION_REASON_CODES = [
  'pain_alert_open',
  'pain_above_5',
  'not_settling_twice',
  'pain_rising',
  'low_adherence',
  'too_soon',
  'adherence_below_80',
  'too_few_logs',
  'not_settled',
  'ready_to_progress',
  'maintaining_well',
] as const;
export type ProgressionReasonCode = (typeof PROGRESSION_REASON_CODES)[number];

/** The single action of a progression advice, one per advice (texts in `progression.ts`). */
export const PROGRESSION_ACTION_CODES = ['regress_phase', 'review_adherence', 'hold_phase', 'progress_phase', 'keep_maintaining'] as const;
export type ProgressionActionCode = (typeof PROGRESSION_ACTION_CODES)[number];

/**
 * Where a patient stands on the way to discharge (rule 9.3), a suggestion the clinician confirms.
 * - `not_applicable`: a red flag is open; no discharge talk until it is dealt with.
 * - `review`: pain is worse, or no change that matters after 4 weeks.
 * - `refer_or_reassess`: no change that matters after 12 weeks.
 * - `ready`: function improved, an acceptable symptom state, and adherent.
 * - `continue`: keep going; the reasons say what is still missing.
 */
export const DISCHARGE_STATUSES = ['not_applicable', 'review', 'refer_or_reassess', 'ready', 'continue'] as const;
export type DischargeStatus = (typeof DISCHARGE_STATUSES)[number];

/**
 * Why a discharge review came out as it did. Only the reasons of the rule that decided are listed.
 * - `red_flag_open`; `pain_worse` (NPRS 2+ points above baseline); `no_meaningful_change_12_weeks`,
 *   `no_meaningful_change_4_weeks` (no recorded instrument improved by a change that matters);
 * - `ready`: `function_improved`, `acceptable_state` (ODI <= 22 when recorded and NPRS <= 4), `adherent` (80 %+);
 * - `continue`: each unmet condition of `ready` (`function_missing`: neither ODI nor RMDQ recorded;
 *   `nprs_missing`: no NPRS, so the symptom state is unknown), or `no_outcomes` when nothing is recorded.
 */
export const DISCHARGE_REASON_CODES = [
  'red_flag_open',
  'pain_worse',
  'no_meaningful_change_12_weeks',
  'no_meaningful_change_4_weeks',
  'function_improved',
  'acceptable_state',
  'adherent',
  'function_missing',
  'function_not_improved',
  'odi_above_22',
  'pain_above_4',
  'nprs_missing',
  'psfs_not_improved',
  'adherence_below_80',
  'no_outcomes',
] as const;
export type DischargeReasonCode = (typeof DISCHARGE_REASON_CODES)[number];
