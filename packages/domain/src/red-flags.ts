/**
 * Rule 1, the red-flag screen. It runs before anything else and overrides everything else.
 * Sources: NICE NG59; BASS 2018 cauda equina guidance; AHCPR red-flag table (NBK52120); NHS patient guidance.
 */
import { PAIN_AREAS, RED_FLAG_CODES, type PainArea, type RedFlagCode, type RedFlagLevel } from './codes.js';
import { Problems, checkCodeList, checkInteger, checkRecord } from './validation.js';

/** Any one of these means a same-day emergency department visit (possible cauda equina or other emergency). */
export const EMERGENCY_RED_FLAGS = [
  'saddle_anaesthesia',
  'bladder_dysfunction',
  'bowel_incontinence',
  'bilateral_leg_symptoms',
  'new_sexual_dysfunction',
  'chest_pain',
  'major_trauma',
] as const satisfies readonly RedFlagCode[];

/**
 * Any one of these means a medical review the same day. `minor_trauma` joins them only with age over
 * `MINOR_TRAUMA_URGENT_AFTER_AGE` or `osteoporosis` (fracture risk); see `screenRedFlags`.
 */
export const URGENT_RED_FLAGS = [
  'fever',
  'unexplained_weight_loss',
  'cancer_history',
  'iv_drug_use',
  'immunosuppression_or_steroids',
  'night_pain_unrelieved',
  'thoracic_pain',
  'structural_deformity',
  'progressive_leg_weakness',
] as const satisfies readonly RedFlagCode[];

/** Minor trauma is urgent above this age (strictly greater). */
export const MINOR_TRAUMA_URGENT_AFTER_AGE = 50;

/**
 * Ages outside [youngest, oldest] raise the `review` level: a reason to look harder, not a diagnosis.
 * Both bounds are inclusive for "no review": 20 and 50 are clear, 19 and 51 are review.
 */
export const REVIEW_AGE = { youngest: 20, oldest: 50 } as const;

/** The pain area that counts as the red flag `bilateral_leg_symptoms`. */
export const BILATERAL_PAIN_AREA: PainArea = 'both_legs';

/** Clinician text for each red flag, as a reason. */
export const RED_FLAG_TEXTS: { readonly [C in RedFlagCode]: string } = {
  saddle_anaesthesia: 'Saddle anaesthesia: possible cauda equina syndrome.',
  bladder_dysfunction: 'Bladder dysfunction (retention, loss of sensation or incontinence): possible cauda equina syndrome.',
  bowel_incontinence: 'Bowel incontinence: possible cauda equina syndrome.',
  bilateral_leg_symptoms: 'Symptoms in both legs: possible cauda equina syndrome.',
  new_sexual_dysfunction: 'New sexual dysfunction: possible cauda equina syndrome.',
  chest_pain: 'Chest pain with back pain: rule out a cardiac or aortic cause.',
  major_trauma: 'Major trauma: rule out fracture or instability.',
  fever: 'Fever: rule out spinal infection.',
  unexplained_weight_loss: 'Unexplained weight loss: rule out malignancy.',
  cancer_history: 'History of cancer: rule out spinal metastasis.',
  iv_drug_use: 'Intravenous drug use: rule out spinal infection.',
  immunosuppression_or_steroids: 'Immunosuppression or long-term steroids: risk of infection and fracture.',
  night_pain_unrelieved: 'Constant night pain not relieved by rest or position: rule out serious pathology.',
  thoracic_pain: 'Thoracic pain: a less common site for mechanical pain; rule out serious pathology.',
  structural_deformity: 'New or progressive structural deformity of the spine.',
  progressive_leg_weakness: 'Progressive leg weakness: progressive neurological deficit.',
  minor_trauma: 'Minor trauma at age 50 or under without osteoporosis: recorded, low fracture risk.',
  osteoporosis: 'Osteoporosis without trauma: recorded, keep fracture risk in mind.',
};

export interface RedFlagInput {
  /** Age in whole years, 0-120. */
  age: number;
  redFlags: readonly RedFlagCode[];
  /** Optional: `both_legs` counts as `bilateral_leg_symptoms`. */
  painAreas?: readonly PainArea[] | null;
}

/** A reason of the screen: a red-flag code or `age_review`, with the level it raises. */
export interface RedFlagReason {
  code: RedFlagCode | 'age_review';
  level: Exclude<RedFlagLevel, 'clear'>;
  text: string;
}

/** `level` is the highest level raised; `reasons` lists every contributing code, highest level first. */
export interface RedFlagScreen {
  level: RedFlagLevel;
  reasons: RedFlagReason[];
}

/** Checks an age in whole years (0-120); shared with the episode rule. */
export function checkAge(p: Problems, path: string, value: unknown): value is number {
  return checkInteger(p, path, value, 0, 120);
}

/**
 * Screen for red flags (rule 1).
 *
 * - `emergency`: any of `EMERGENCY_RED_FLAGS` (or the pain area `both_legs`).
 * - `urgent`: any of `URGENT_RED_FLAGS`, or `minor_trauma` with age over 50 or `osteoporosis`
 *   (then `osteoporosis` is listed as an urgent reason too).
 * - `review`: age under 20 or over 50 (`age_review`), `osteoporosis` alone, or `minor_trauma` alone at 50 or under.
 * - `clear`: none of these.
 *
 * The highest level wins. `reasons` lists every code that contributed, whatever its level, ordered emergency,
 * urgent, then review; each reason carries its own `level`.
 *
 * @throws DomainValidationError listing every bad field (age not an integer 0-120, unknown codes).
 */
export function screenRedFlags(input: RedFlagInput): RedFlagScreen {
  const p = new Problems();
  if (checkRecord(p, 'input', input)) {
    checkAge(p, 'age', input.age);
    checkCodeList(p, 'redFlags', input.redFlags, RED_FLAG_CODES);
    if (input.painAreas !== undefined && input.painAreas !== null) {
      checkCodeList(p, 'painAreas', input.painAreas, PAIN_AREAS);
    }
  }
  p.throwIfAny();
  return screenValidRedFlags(input.age, input.redFlags, input.painAreas ?? []);
}

/** The screen itself, on input already validated (used by `classifyEpisode`, which validates its own facts). */
export function screenValidRedFlags(age: number, redFlags: readonly RedFlagCode[], painAreas: readonly PainArea[]): RedFlagScreen {
  const present = new Set<RedFlagCode>(redFlags);
  const bilateralFromPainArea = painAreas.includes(BILATERAL_PAIN_AREA) && !present.has('bilateral_leg_symptoms');
  if (bilateralFromPainArea) present.add('bilateral_leg_symptoms');

  const reasons: RedFlagReason[] = [];
  for (const code of EMERGENCY_RED_FLAGS) {
    if (!present.has(code)) continue;
    const text =
      code === 'bilateral_leg_symptoms' && bilateralFromPainArea
        ? 'Pain in both legs (pain area both_legs): bilateral leg symptoms, possible cauda equina syndrome.'
        : RED_FLAG_TEXTS[code];
    reasons.push({ code, level: 'emergency', text });
  }
  for (const code of URGENT_RED_FLAGS) {
    if (present.has(code)) reasons.push({ code, level: 'urgent', text: RED_FLAG_TEXTS[code] });
  }

  const minorTrauma = present.has('minor_trauma');
  const osteoporosis = present.has('osteoporosis');
  const olderThanTraumaAge = age > MINOR_TRAUMA_URGENT_AFTER_AGE;
  const minorTraumaUrgent = minorTrauma && (olderThanTraumaAge || osteoporosis);
  if (minorTraumaUrgent) {
    const because = [olderThanTraumaAge ? `age ${age}` : '', osteoporosis ? 'osteoporosis' : ''].filter((s) => s !== '').join(' and ');
    reasons.push({ code: 'minor_trauma', level: 'urgent', text: `Minor trauma with ${because}: rule out fracture.` });
    if (osteoporosis) {
      reasons.push({
        code: 'osteoporosis',
        level: 'urgent',
        text: 'Osteoporosis makes the minor trauma urgent: fracture risk.',
      });
    }
  } else {
    if (minorTrauma) reasons.push({ code: 'minor_trauma', level: 'review', text: RED_FLAG_TEXTS.minor_trauma });
    if (osteoporosis) reasons.push({ code: 'osteoporosis', level: 'review', text: RED_FLAG_TEXTS.osteoporosis });
  }

  if (age < REVIEW_AGE.youngest || age > REVIEW_AGE.oldest) {
    reasons.push({
      code: 'age_review',
      level: 'review',
      text: `Age ${age} is outside ${REVIEW_AGE.youngest}-${REVIEW_AGE.oldest}: serious causes are more likely, so look harder (not a referral on its own).`,
    });
  }

  return { level: reasons[0]?.level ?? 'clear', reasons };
}
