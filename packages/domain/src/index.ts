/**
 * @upright/domain: the clinical rules of Upright (ruleset `RULESET_VERSION`). Pure functions: no I/O, no clock,
 * no randomness. Each rule lives in its own file, named after it.
 */
export * from './codes.js';
export { DomainValidationError, PlanBlockedError, type FieldError } from './errors.js';
export { isIsoDate, addDays, daysBetween, calendarDateIn } from './dates.js';
export { ACTIONS, type Action } from './actions.js';
export {
  screenRedFlags,
  EMERGENCY_RED_FLAGS,
  URGENT_RED_FLAGS,
  MINOR_TRAUMA_URGENT_AFTER_AGE,
  REVIEW_AGE,
  BILATERAL_PAIN_AREA,
  RED_FLAG_TEXTS,
  type RedFlagInput,
  type RedFlagReason,
  type RedFlagScreen,
} from './red-flags.js';
export {
  classifyEpisode,
  isRecurring,
  EPISODE_THRESHOLDS,
  CATEGORY_RULES,
  CATEGORY_ACTIONS,
  REFERRAL_ACTIONS,
  REFERRAL_REVIEW_IN_DAYS,
  type EpisodeFacts,
  type EpisodeClassification,
} from './episode.js';
export {
  assessPosture,
  comparePosture,
  symmetryIndex,
  POSTURE_THRESHOLDS,
  FINDING_TARGETS,
  type Bilateral,
  type LegLengthDifference,
  type HeightDifference,
  type PosturalMeasurements,
  type PosturalInput,
  type Finding,
  type Target,
  type PostureIndices,
  type PosturalReport,
  type PostureIndexChange,
} from './posture.js';
export { EXERCISES, MCGILL_PYRAMID_NOTE, STRENGTH_PROGRESSION_RULE, getExercise, isExerciseCode, type Exercise, type ExerciseDose } from './exercises.js';
export {
  suggestPlan,
  PHASES,
  MCGILL_BIG_THREE,
  CATEGORY_PHASES,
  TARGET_EXERCISES,
  LOAD_TRANSFER_NOTE,
  PLAN_NOTES,
  type PlanExercise,
  type PlanPhase,
  type PlanDraft,
  type PlanSuggestionInput,
} from './plan.js';
export {
  scoreOdi,
  scoreRmdq,
  scorePsfs,
  scoreNprs,
  odiBand,
  meaningfulChange,
  ODI,
  ODI_BAND_LIMITS,
  RMDQ_ITEMS,
  PSFS,
  MEANINGFUL_CHANGE,
  type OdiScore,
  type OutcomeChange,
} from './outcomes.js';
export { adherence, LOW_ADHERENCE_PERCENT, SATISFACTORY_ADHERENCE_PERCENT, type AdherencePlan, type ExerciseLog, type Adherence } from './adherence.js';
export { painAlert, PAIN_ALERT_THRESHOLDS, type PainLog, type PainAlert } from './pain-alert.js';
export {
  spasmHistory,
  SPASM_HISTORY_RULES,
  type SpasmEpisode,
  type SpasmHistoryInput,
  type DistinctEpisode,
  type SpasmHistoryReason,
  type SpasmHistory,
} from './spasm-history.js';
export {
  progressionAdvice,
  PROGRESSION_RULES,
  type ProgressionLog,
  type ProgressionInput,
  type ProgressionReason,
  type ProgressionAction,
  type ProgressionAdvice,
} from './progression.js';
export {
  dischargeReview,
  DISCHARGE_RULES,
  type OutcomePair,
  type DischargeOutcomes,
  type DischargeInput,
  type DischargeReason,
  type Maintenance,
  type DischargeReview,
} from './discharge.js';
export { clinicOutcomes, wilsonInterval, CLINIC_OUTCOME_RULES, type ClosedPlanOutcome, type OutcomeRate, type ClinicOutcomes } from './clinic-outcomes.js';
export { visitNotePrefill, VISIT_NOTE_PREFILL_RULES, type VisitNotePrefillFacts, type VisitNoteSections } from './visit-note-prefill.js';
export {
  workingIntervals,
  isWithinWorkingHours,
  freeSlots,
  mergeIntervals,
  zonedInstant,
  toZonedIso,
  isoWeekday,
  isLocalTime,
  SLOT_STEP_MINUTES,
  type WeeklyHours,
  type HoursException,
  type WorkingHours,
  type Interval,
} from './scheduling.js';
