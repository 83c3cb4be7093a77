import type { ComponentProps } from 'react';
import type {
  EpisodeCategory,
  FindingCode,
  FrequencyTrend,
  DischargeStatus,
  Instrument,
  OdiBand,
  PainAlertReason,
  PainArea,
  ProgressionAdviceCode,
  RecurrenceRisk,
  RedFlagCode,
  RedFlagLevel,
  Severity,
  SpasmCycle,
  SpasmTrend,
  TargetCode,
  Trigger,
  Urgency,
} from '@upright/domain';
import type { PlanStatus, Sex } from '@/lib/api/client';
import type { Badge } from '@/components/ui';

/**
 * Plain-language labels for the clinical codes of `@upright/domain`, shared by every dashboard page.
 * Codes never reach the screen on their own: render `LABEL[code]` instead. `Record<Code, string>` makes the
 * type checker insist on a label for every code the domain adds.
 */

/** The tones `Badge` accepts. */
export type BadgeTone = NonNullable<ComponentProps<typeof Badge>['tone']>;

export const CATEGORY_LABELS: Record<EpisodeCategory, string> = {
  overload: 'Overload',
  support_deficit: 'Support deficit',
  unclear: 'Unclear pattern',
  referral: 'Referral',
};

/** One sentence on what the category means, for the clinician. */
export const CATEGORY_EXPLANATIONS: Record<EpisodeCategory, string> = {
  overload: 'Muscles worked beyond their current conditioning. Usually settles with staying active and a graded return.',
  support_deficit: 'The trunk lacks support for ordinary loads. Assess posture and symmetry, then build a strengthening plan.',
  unclear: 'The history does not point clearly to one pattern. Assess the patient before planning exercise.',
  referral: 'A red flag needs a doctor first. No exercise plan until the patient has been seen.',
};

export function categoryTone(category: EpisodeCategory): BadgeTone {
  switch (category) {
    case 'overload':
      return 'info';
    case 'support_deficit':
      return 'brand';
    case 'unclear':
      return 'neutral';
    case 'referral':
      return 'danger';
  }
}

export const URGENCY_LABELS: Record<Urgency, string> = {
  routine: 'Routine',
  urgent: 'Urgent',
  emergency: 'Emergency',
};

export function urgencyTone(urgency: Urgency): BadgeTone {
  return urgency === 'emergency' ? 'danger' : urgency === 'urgent' ? 'warning' : 'neutral';
}

export const RED_FLAG_LEVEL_LABELS: Record<RedFlagLevel, string> = {
  clear: 'No red flags',
  review: 'Review',
  urgent: 'Urgent',
  emergency: 'Emergency',
};

export const TRIGGER_LABELS: Record<Trigger, string> = {
  unaccustomed_activity: 'Unaccustomed activity',
  load_increase: 'Increase in load',
  habitual_movement: 'Habitual, everyday movement',
  no_clear_trigger: 'No clear trigger',
  trauma: 'Trauma (fall, accident, blow)',
};

/** What each trigger looks like in a patient's words, shown under the choice. */
export const TRIGGER_EXPLANATIONS: Record<Trigger, string> = {
  unaccustomed_activity: 'Something not done for a while, such as a first long day in the garden after winter.',
  load_increase: 'Doing more than usual: back to running or the gym and overdoing it, moving house.',
  habitual_movement: 'A movement done countless times without trouble, such as bending to tie a shoe or lifting a kettle.',
  no_clear_trigger: 'The patient cannot link the pain to anything they did.',
  trauma: 'A fall, a road accident, a blow or a similar injury.',
};

export const FREQUENCY_TREND_LABELS: Record<FrequencyTrend, string> = {
  first_episode: 'First episode',
  decreasing: 'Less frequent lately',
  stable: 'About the same',
  increasing: 'More frequent lately',
  unknown: 'Not known',
};

export const PAIN_AREA_LABELS: Record<PainArea, string> = {
  lower_back: 'Lower back',
  upper_back: 'Upper back',
  hips: 'Hips',
  buttocks: 'Buttocks',
  thigh: 'Thigh',
  below_knee_one_leg: 'Below the knee, one leg',
  both_legs: 'Both legs',
};

export const RED_FLAG_LABELS: Record<RedFlagCode, string> = {
  saddle_anaesthesia: 'Numbness around the back passage, genitals or inner thighs (saddle area)',
  bladder_dysfunction: 'New difficulty passing urine, or loss of bladder control',
  bowel_incontinence: 'Loss of bowel control',
  bilateral_leg_symptoms: 'Pain, numbness or weakness in both legs',
  new_sexual_dysfunction: 'New loss of sexual function since the pain started',
  chest_pain: 'Chest pain',
  major_trauma: 'Major trauma (road accident, fall from a height)',
  fever: 'Fever or feeling generally unwell',
  unexplained_weight_loss: 'Unexplained weight loss',
  cancer_history: 'History of cancer',
  iv_drug_use: 'Intravenous drug use',
  immunosuppression_or_steroids: 'Immunosuppressed, or long-term steroid tablets',
  night_pain_unrelieved: 'Constant night pain that no position relieves',
  thoracic_pain: 'Pain between the shoulder blades (thoracic spine)',
  structural_deformity: 'New or worsening visible spinal deformity',
  progressive_leg_weakness: 'Leg weakness that is getting worse',
  minor_trauma: 'Minor fall (from standing height or less)',
  osteoporosis: 'Osteoporosis',
};

/** Short names for chips and lists where the full label is too long. */
export const RED_FLAG_SHORT_LABELS: Record<RedFlagCode, string> = {
  saddle_anaesthesia: 'Saddle anaesthesia',
  bladder_dysfunction: 'Bladder dysfunction',
  bowel_incontinence: 'Bowel incontinence',
  bilateral_leg_symptoms: 'Symptoms in both legs',
  new_sexual_dysfunction: 'New sexual dysfunction',
  chest_pain: 'Chest pain',
  major_trauma: 'Major trauma',
  fever: 'Fever',
  unexplained_weight_loss: 'Unexplained weight loss',
  cancer_history: 'History of cancer',
  iv_drug_use: 'IV drug use',
  immunosuppression_or_steroids: 'Immunosuppression or steroids',
  night_pain_unrelieved: 'Unrelieved night pain',
  thoracic_pain: 'Thoracic pain',
  structural_deformity: 'Structural deformity',
  progressive_leg_weakness: 'Progressive leg weakness',
  minor_trauma: 'Minor trauma',
  osteoporosis: 'Osteoporosis',
};

export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  odi: 'Oswestry Disability Index (ODI)',
  nprs: 'Pain rating (NPRS)',
  rmdq: 'Roland-Morris Disability Questionnaire (RMDQ)',
  psfs: 'Patient-Specific Functional Scale (PSFS)',
};

export const INSTRUMENT_SHORT_LABELS: Record<Instrument, string> = {
  odi: 'ODI',
  nprs: 'NPRS',
  rmdq: 'RMDQ',
  psfs: 'PSFS',
};

/** Unit and range of each instrument's score, for axis labels and table headers. */
export const INSTRUMENT_SCALES: Record<Instrument, { min: number; max: number; unit: string; higherIsBetter: boolean }> = {
  odi: { min: 0, max: 100, unit: '%', higherIsBetter: false },
  nprs: { min: 0, max: 10, unit: '/10', higherIsBetter: false },
  rmdq: { min: 0, max: 24, unit: '/24', higherIsBetter: false },
  psfs: { min: 0, max: 10, unit: '/10', higherIsBetter: true },
};

/** Oswestry bands (Fairbank): what a percentage means. */
export const ODI_BAND_LABELS: Record<OdiBand, string> = {
  minimal: 'Minimal disability',
  moderate: 'Moderate disability',
  severe: 'Severe disability',
  crippled: 'Crippling back pain',
  bed_bound: 'Bed-bound',
};

/**
 * Topics of the 10 ODI sections, in order. Only the topics: the questionnaire's wording is licensed and is not
 * shipped, so the clinician enters each section's 0-5 score from their own licensed copy.
 */
export const ODI_SECTION_TOPICS = [
  'Pain intensity',
  'Personal care',
  'Lifting',
  'Walking',
  'Sitting',
  'Standing',
  'Sleeping',
  'Sex life',
  'Social life',
  'Travelling',
] as const;

export const FINDING_LABELS: Record<FindingCode, string> = {
  side_bridge_asymmetry: 'Side-bridge asymmetry',
  hip_abduction_asymmetry: 'Hip abduction strength asymmetry',
  trendelenburg_positive: 'Positive Trendelenburg sign',
  flexor_extensor_ratio_high: 'Trunk flexors strong relative to extensors',
  side_bridge_extensor_ratio_high: 'Side bridge strong relative to extensors',
  low_extensor_endurance: 'Low back-extensor endurance',
  aslr_positive: 'Positive active straight-leg raise',
  leg_length_difference: 'Leg length difference',
  trunk_rotation: 'Trunk rotation (scoliometer)',
  shoulder_height_difference: 'Shoulder height difference',
  pelvic_height_difference: 'Pelvic height difference',
  forward_head_posture: 'Forward head posture',
  lateral_shift: 'Lateral shift of the trunk',
};

export const TARGET_LABELS: Record<TargetCode, string> = {
  lateral_trunk_left: 'Lateral trunk, left',
  lateral_trunk_right: 'Lateral trunk, right',
  hip_abductors_left: 'Hip abductors, left',
  hip_abductors_right: 'Hip abductors, right',
  trunk_extensors: 'Trunk extensors',
  load_transfer: 'Load transfer through the pelvis',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  info: 'For information',
  mild: 'Mild',
  marked: 'Marked',
  refer: 'Refer',
};

export function severityTone(severity: Severity): BadgeTone {
  switch (severity) {
    case 'info':
      return 'neutral';
    case 'mild':
      return 'warning';
    case 'marked':
      return 'danger';
    case 'refer':
      return 'danger';
  }
}

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  completed: 'Completed',
  entered_in_error: 'Entered in error',
};

export function planStatusTone(status: PlanStatus): BadgeTone {
  switch (status) {
    case 'draft':
      return 'neutral';
    case 'active':
      return 'success';
    case 'completed':
      return 'info';
    case 'entered_in_error':
      return 'danger';
  }
}

export const SEX_LABELS: Record<Sex, string> = { female: 'Female', male: 'Male', unspecified: 'Not specified' };

/** Why a patient's log raised a pain alert (the domain's `painAlert`). */
export const PAIN_ALERT_LABELS: Record<PainAlertReason, string> = {
  pain_high: 'High pain',
  pain_jump: 'Sharp rise',
};

/** The spasm cycle since the plan began (rule 9.1). */
export const SPASM_CYCLE_LABELS: Record<SpasmCycle, string> = {
  no_plan: 'No plan yet',
  too_early: 'Too early to tell',
  holding: 'Holding',
  broken: 'Cycle broken',
  recurred: 'Spasm came back',
};

export function spasmCycleTone(cycle: SpasmCycle): BadgeTone {
  switch (cycle) {
    case 'no_plan':
    case 'too_early':
      return 'neutral';
    case 'holding':
      return 'info';
    case 'broken':
      return 'success';
    case 'recurred':
      return 'warning';
  }
}

export const SPASM_TREND_LABELS: Record<SpasmTrend, string> = {
  none: 'No episodes',
  first: 'First episode',
  increasing: 'More frequent',
  decreasing: 'Less frequent',
  stable: 'About the same',
};

export const RECURRENCE_RISK_LABELS: Record<RecurrenceRisk, string> = {
  baseline: 'Usual risk',
  raised: 'Raised risk',
  high: 'High risk',
};

export function recurrenceRiskTone(risk: RecurrenceRisk): BadgeTone {
  return risk === 'high' ? 'danger' : risk === 'raised' ? 'warning' : 'neutral';
}

/** The progression advice (rule 9.2) as the clinician reads it on a badge. */
export const PROGRESSION_ADVICE_LABELS: Record<ProgressionAdviceCode, string> = {
  progress: 'Ready to progress',
  regress: 'Ease off',
  review: 'Talk about adherence',
  hold: 'Hold',
  maintain: 'Keep maintaining',
};

export function progressionAdviceTone(advice: ProgressionAdviceCode): BadgeTone {
  switch (advice) {
    case 'progress':
      return 'success';
    case 'regress':
      return 'danger';
    case 'review':
      return 'warning';
    case 'hold':
      return 'neutral';
    case 'maintain':
      return 'info';
  }
}

/** Where the patient stands on the way to discharge (rule 9.3). */
export const DISCHARGE_STATUS_LABELS: Record<DischargeStatus, string> = {
  ready: 'Ready for discharge',
  continue: 'Keep going',
  review: 'Review needed',
  refer_or_reassess: 'Reassess or refer',
  not_applicable: 'Not now: red flag open',
};

export function dischargeStatusTone(status: DischargeStatus): BadgeTone {
  switch (status) {
    case 'ready':
      return 'success';
    case 'continue':
      return 'neutral';
    case 'review':
      return 'warning';
    case 'refer_or_reassess':
      return 'warning';
    case 'not_applicable':
      return 'danger';
  }
}
