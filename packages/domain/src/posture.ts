/**
 * Rule 3, the postural symmetry assessment: turn what the clinician measured into findings, strengthening
 * targets and indices.
 *
 * Evidence links low trunk-extensor endurance, trunk endurance imbalance and hip-abductor weakness to back
 * pain, but not static asymmetries such as shoulder or pelvic height (Nourbakhsh & Arab 2002; small left/right
 * differences are normal). So static measurements are recorded and shown as observational findings, and never
 * become strengthening targets on their own.
 */
import {
  LATERAL_SHIFTS,
  POSTURE_INDICES,
  RULESET_VERSION,
  SEXES,
  SIDES,
  type FindingCode,
  type FindingUnit,
  type LateralShift,
  type PostureIndex,
  type RulesetVersion,
  type Severity,
  type Sex,
  type Side,
  type TargetCode,
} from './codes.js';
import { checkAge } from './red-flags.js';
import { roundTo } from './rounding.js';
import { Problems, checkBoolean, checkCode, checkInteger, checkNumber, checkRecord, field } from './validation.js';

/** A measurement taken on both sides. */
export interface Bilateral<T = number> {
  left: T;
  right: T;
}

/** A static difference between sides, and which side is longer / higher. */
export interface LegLengthDifference {
  value: number;
  longer: Side;
}
export interface HeightDifference {
  value: number;
  higher: Side;
}

/**
 * What the clinician measured. Every measurement is optional (`null` or absent = not tested), so the clinician
 * records only what was actually tested. Times in seconds, lengths in centimetres, angles in degrees.
 */
export interface PosturalMeasurements {
  /** Side-bridge endurance hold, seconds, >= 0 (left = lying on the left side). */
  sideBridgeS?: Bilateral | null;
  /** Hip-abduction strength, any force unit as long as both sides use the same, >= 0. */
  hipAbduction?: Bilateral | null;
  /** Trendelenburg test, `true` = positive when standing on that leg. */
  trendelenburg?: Bilateral<boolean> | null;
  /** Trunk flexor endurance hold, seconds, >= 0. */
  trunkFlexorS?: number | null;
  /** Biering-Sorensen extensor endurance hold, seconds, 0-240 (the test stops at 240 s). */
  trunkExtensorS?: number | null;
  /** Active straight-leg raise, integer score 0-5 per side. */
  aslr?: Bilateral | null;
  legLengthDifferenceCm?: LegLengthDifference | null;
  /** Scoliometer angle of trunk rotation, degrees, >= 0. */
  trunkRotationDeg?: number | null;
  shoulderHeightDifferenceCm?: HeightDifference | null;
  pelvicHeightDifferenceCm?: HeightDifference | null;
  /** Craniovertebral angle, degrees, 0-90. */
  craniovertebralAngleDeg?: number | null;
  lateralShift?: LateralShift | null;
}

export interface PosturalInput {
  sex: Sex;
  /** Whole years, 0-120. */
  age: number;
  measurements: PosturalMeasurements;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The weaker side for an asymmetry; the side tested, longer, higher or shifted to otherwise. */
  side?: Side;
  /** The figure the rule was applied to (rounded as shown), `true` for a positive test, or a shift direction. */
  value: number | boolean | LateralShift;
  /** The cut-off that was reached, when there is one. */
  threshold?: number;
  unit: FindingUnit;
  /** True for static asymmetries that are recorded and shown but not linked to back pain. */
  observational: boolean;
  text: string;
}

/** A strengthening target: priority 1 when one of its findings is `marked`, else 2. */
export interface Target {
  code: TargetCode;
  priority: 1 | 2;
  because: FindingCode[];
}

/** Symmetry indices in % (1 decimal) and McGill ratios (2 decimals); lower is better for all four. */
export type PostureIndices = { [I in PostureIndex]?: number };

export interface PosturalReport {
  findings: Finding[];
  targets: Target[];
  indices: PostureIndices;
  /** True when any finding has severity `refer`. */
  refer: boolean;
  rulesetVersion: RulesetVersion;
}

/** Every cut-off of rule 3 in one place. */
export const POSTURE_THRESHOLDS = {
  /** Symmetry index (%) from which an asymmetry is `mild` (the common cut-off)... */
  symmetryMildPct: 10,
  /** ...and `marked` (a strong flag). */
  symmetryMarkedPct: 15,
  /** McGill: flexor/extensor endurance is balanced below 1.0. */
  flexorExtensorRatio: 1.0,
  /** McGill: mean side bridge/extensor endurance is balanced below 0.75. */
  sideBridgeExtensorRatio: 0.75,
  /** Biering-Sorensen under 176 s predicted back pain within a year in men; no cut-off for other sexes. */
  maleExtensorEnduranceS: 176,
  /** The Biering-Sorensen test stops at 240 s. */
  bieringSorensenMaxS: 240,
  /** ASLR sum (left + right) from which it is positive... */
  aslrPositiveSum: 1,
  /** ...and marked. */
  aslrMarkedSum: 6,
  /** Leg-length difference from which it is recorded (info), inclusive... */
  legLengthInfoCm: 0.6,
  /** ...and above which it is clinically significant (refer). */
  legLengthReferAboveCm: 2.0,
  /** Scoliometer degrees from which to recheck (info)... */
  trunkRotationInfoDeg: 5,
  /** ...and to refer for imaging (about a 20 degree Cobb angle). */
  trunkRotationReferDeg: 7,
  /** Craniovertebral angle below which the head is forward. */
  forwardHeadBelowDeg: 50,
} as const;

type TargetBase = 'lateral_trunk' | 'hip_abductors' | 'trunk_extensors' | 'load_transfer';

/**
 * The target each finding asks for. `lateral_trunk` and `hip_abductors` get the finding's side
 * (`hip_abductors_left`). Findings not listed here (static, info or refer) never become targets.
 */
export const FINDING_TARGETS: { readonly [F in FindingCode]?: TargetBase } = {
  side_bridge_asymmetry: 'lateral_trunk',
  hip_abduction_asymmetry: 'hip_abductors',
  trendelenburg_positive: 'hip_abductors',
  flexor_extensor_ratio_high: 'trunk_extensors',
  side_bridge_extensor_ratio_high: 'trunk_extensors',
  low_extensor_endurance: 'trunk_extensors',
  aslr_positive: 'load_transfer',
};

/**
 * Symmetry index (Herzog 1989): |R - L| / ((R + L) / 2) x 100, rounded to 1 decimal; 0 when both are 0.
 */
export function symmetryIndex(left: number, right: number): number {
  if (left + right === 0) return 0;
  return roundTo((Math.abs(right - left) / ((right + left) / 2)) * 100, 1);
}

type Validator = (p: Problems, path: string, value: unknown) => void;

function bilateral(check: (p: Problems, path: string, value: unknown) => unknown): Validator {
  return (p, path, value) => {
    if (!checkRecord(p, path, value)) return;
    check(p, field(path, 'left'), value.left);
    check(p, field(path, 'right'), value.right);
  };
}

function sidedValue(sideKey: 'longer' | 'higher'): Validator {
  return (p, path, value) => {
    if (!checkRecord(p, path, value)) return;
    checkNumber(p, field(path, 'value'), value.value, 0);
    checkCode(p, field(path, sideKey), value[sideKey], SIDES);
  };
}

const seconds: Validator = (p, path, value) => checkNumber(p, path, value, 0);

/** How each measurement is checked; a key not listed here is rejected, so a misspelt test is never lost. */
const MEASUREMENT_CHECKS: { readonly [K in keyof PosturalMeasurements]-?: Validator } = {
  sideBridgeS: bilateral(seconds),
  hipAbduction: bilateral(seconds),
  trendelenburg: bilateral(checkBoolean),
  trunkFlexorS: seconds,
  trunkExtensorS: (p, path, value) => checkNumber(p, path, value, 0, POSTURE_THRESHOLDS.bieringSorensenMaxS),
  aslr: bilateral((p, path, value) => checkInteger(p, path, value, 0, 5)),
  legLengthDifferenceCm: sidedValue('longer'),
  trunkRotationDeg: (p, path, value) => checkNumber(p, path, value, 0),
  shoulderHeightDifferenceCm: sidedValue('higher'),
  pelvicHeightDifferenceCm: sidedValue('higher'),
  craniovertebralAngleDeg: (p, path, value) => checkNumber(p, path, value, 0, 90),
  lateralShift: (p, path, value) => checkCode(p, path, value, LATERAL_SHIFTS),
};

function validatePosturalInput(input: unknown): asserts input is PosturalInput {
  const p = new Problems();
  if (checkRecord(p, 'input', input)) {
    checkCode(p, 'sex', input.sex, SEXES);
    checkAge(p, 'age', input.age);
    const m = input.measurements;
    if (checkRecord(p, 'measurements', m)) {
      for (const [key, value] of Object.entries(m)) {
        const path = field('measurements', key);
        if (!Object.hasOwn(MEASUREMENT_CHECKS, key)) p.add(path, 'is not a known measurement');
        else if (value !== null && value !== undefined) {
          MEASUREMENT_CHECKS[key as keyof PosturalMeasurements](p, path, value);
        }
      }
    }
  }
  p.throwIfAny();
}

function weakerSide(pair: Bilateral): Side {
  return pair.left < pair.right ? 'left' : 'right';
}

function asymmetryFinding(
  code: 'side_bridge_asymmetry' | 'hip_abduction_asymmetry',
  pair: Bilateral,
  si: number,
  label: string,
  unit: string,
): Finding | undefined {
  const t = POSTURE_THRESHOLDS;
  if (si < t.symmetryMildPct) return undefined;
  const marked = si >= t.symmetryMarkedPct;
  const side = weakerSide(pair);
  return {
    code,
    severity: marked ? 'marked' : 'mild',
    side,
    value: si,
    threshold: marked ? t.symmetryMarkedPct : t.symmetryMildPct,
    unit: 'percent',
    observational: false,
    text: `${label} ${pair.left}${unit} left, ${pair.right}${unit} right: symmetry index ${si} % (${marked ? 'marked, 15 % or more' : 'mild, 10 % or more'}); the ${side} side is weaker.`,
  };
}

function heightFinding(code: 'shoulder_height_difference' | 'pelvic_height_difference', label: string, d: HeightDifference): Finding {
  const where = d.value > 0 ? ` (${d.higher} higher)` : '';
  return {
    code,
    severity: 'info',
    ...(d.value > 0 ? { side: d.higher } : {}),
    value: d.value,
    unit: 'cm',
    observational: true,
    text: `${label} height difference ${d.value} cm${where}: observational only; small left/right differences are normal and not linked to back pain.`,
  };
}

/** The findings and indices of the measurements, in the order of the rule table. */
function evaluate(sex: Sex, m: PosturalMeasurements): { findings: Finding[]; indices: PostureIndices } {
  const t = POSTURE_THRESHOLDS;
  const findings: Finding[] = [];
  const indices: PostureIndices = {};
  const add = (f: Finding | undefined): void => {
    if (f) findings.push(f);
  };

  if (m.sideBridgeS) {
    indices.sideBridgeSI = symmetryIndex(m.sideBridgeS.left, m.sideBridgeS.right);
    add(asymmetryFinding('side_bridge_asymmetry', m.sideBridgeS, indices.sideBridgeSI, 'Side bridge', ' s'));
  }
  if (m.hipAbduction) {
    indices.hipAbductionSI = symmetryIndex(m.hipAbduction.left, m.hipAbduction.right);
    add(asymmetryFinding('hip_abduction_asymmetry', m.hipAbduction, indices.hipAbductionSI, 'Hip abduction', ''));
  }
  if (m.trendelenburg) {
    for (const side of SIDES) {
      if (!m.trendelenburg[side]) continue;
      add({
        code: 'trendelenburg_positive',
        severity: 'marked',
        side,
        value: true,
        unit: 'result',
        observational: false,
        text: `Trendelenburg positive standing on the ${side} leg: the ${side} hip abductors do not hold the pelvis level.`,
      });
    }
  }

  const extensor = m.trunkExtensorS ?? undefined;
  // A ratio needs an extensor time above 0; with 0 s it cannot be computed and is left out.
  if (extensor !== undefined && extensor > 0) {
    if (m.trunkFlexorS !== undefined && m.trunkFlexorS !== null) {
      const ratio = roundTo(m.trunkFlexorS / extensor, 2);
      indices.flexorExtensorRatio = ratio;
      if (ratio >= t.flexorExtensorRatio) {
        add({
          code: 'flexor_extensor_ratio_high',
          severity: 'mild',
          value: ratio,
          threshold: t.flexorExtensorRatio,
          unit: 'ratio',
          observational: false,
          text: `Trunk flexor/extensor endurance ratio ${ratio} (${m.trunkFlexorS} s / ${extensor} s): balanced is below 1.0, so the extensors lag behind.`,
        });
      }
    }
    if (m.sideBridgeS) {
      const mean = (m.sideBridgeS.left + m.sideBridgeS.right) / 2;
      const ratio = roundTo(mean / extensor, 2);
      indices.sideBridgeExtensorRatio = ratio;
      if (ratio >= t.sideBridgeExtensorRatio) {
        add({
          code: 'side_bridge_extensor_ratio_high',
          severity: 'mild',
          value: ratio,
          threshold: t.sideBridgeExtensorRatio,
          unit: 'ratio',
          observational: false,
          text: `Side-bridge/extensor endurance ratio ${ratio} (mean side bridge ${mean} s / ${extensor} s): balanced is below 0.75, so the extensors lag behind.`,
        });
      }
    }
  }
  if (extensor !== undefined && sex === 'male' && extensor < t.maleExtensorEnduranceS) {
    add({
      code: 'low_extensor_endurance',
      severity: 'mild',
      value: extensor,
      threshold: t.maleExtensorEnduranceS,
      unit: 'seconds',
      observational: false,
      text: `Biering-Sorensen hold ${extensor} s, under 176 s: in men this predicted back pain within a year.`,
    });
  }

  if (m.aslr) {
    const sum = m.aslr.left + m.aslr.right;
    if (sum >= t.aslrPositiveSum) {
      const marked = sum >= t.aslrMarkedSum;
      add({
        code: 'aslr_positive',
        severity: marked ? 'marked' : 'mild',
        value: sum,
        threshold: marked ? t.aslrMarkedSum : t.aslrPositiveSum,
        unit: 'points',
        observational: false,
        text: `Active straight-leg raise ${m.aslr.left} left + ${m.aslr.right} right = ${sum}/10 (${marked ? 'marked, 6 or more' : 'mild, 1-5'}): load transfer through the pelvis is impaired.`,
      });
    }
  }

  const legs = m.legLengthDifferenceCm;
  if (legs && legs.value >= t.legLengthInfoCm) {
    const refer = legs.value > t.legLengthReferAboveCm;
    add({
      code: 'leg_length_difference',
      severity: refer ? 'refer' : 'info',
      side: legs.longer,
      value: legs.value,
      threshold: refer ? t.legLengthReferAboveCm : t.legLengthInfoCm,
      unit: 'cm',
      observational: false,
      text: refer
        ? `Leg-length difference ${legs.value} cm (${legs.longer} longer), over 2 cm: clinically significant, refer for assessment.`
        : `Leg-length difference ${legs.value} cm (${legs.longer} longer): recorded; up to 2 cm is common and not significant on its own.`,
    });
  }

  const rotation = m.trunkRotationDeg;
  if (rotation !== undefined && rotation !== null && rotation >= t.trunkRotationInfoDeg) {
    const refer = rotation >= t.trunkRotationReferDeg;
    add({
      code: 'trunk_rotation',
      severity: refer ? 'refer' : 'info',
      value: rotation,
      threshold: refer ? t.trunkRotationReferDeg : t.trunkRotationInfoDeg,
      unit: 'degrees',
      observational: false,
      text: refer
        ? `Scoliometer ${rotation} degrees (7 or more, about a 20 degree Cobb angle): refer for imaging.`
        : `Scoliometer ${rotation} degrees (5 to under 7): recheck at the next visit.`,
    });
  }

  if (m.shoulderHeightDifferenceCm) add(heightFinding('shoulder_height_difference', 'Shoulder', m.shoulderHeightDifferenceCm));
  if (m.pelvicHeightDifferenceCm) add(heightFinding('pelvic_height_difference', 'Pelvic', m.pelvicHeightDifferenceCm));

  const cva = m.craniovertebralAngleDeg;
  if (cva !== undefined && cva !== null && cva < t.forwardHeadBelowDeg) {
    add({
      code: 'forward_head_posture',
      severity: 'info',
      value: cva,
      threshold: t.forwardHeadBelowDeg,
      unit: 'degrees',
      observational: false,
      text: `Craniovertebral angle ${cva} degrees (under 50): forward head posture; outside this ruleset's scope, shown for information.`,
    });
  }

  if (m.lateralShift === 'left' || m.lateralShift === 'right') {
    add({
      code: 'lateral_shift',
      severity: 'info',
      side: m.lateralShift,
      value: m.lateralShift,
      unit: 'result',
      observational: false,
      text: `Lateral shift of the trunk to the ${m.lateralShift}: take it into account in the examination.`,
    });
  }

  return { findings, indices };
}

/** The targets of the findings: unique, priority 1 with a marked finding, then 2; ties keep the table's order. */
function targetsOf(findings: readonly Finding[]): Target[] {
  const byCode = new Map<TargetCode, { because: FindingCode[]; marked: boolean }>();
  for (const f of findings) {
    const base = FINDING_TARGETS[f.code];
    if (!base) continue;
    const code = (f.side ? `${base}_${f.side}` : base) as TargetCode;
    const entry = byCode.get(code) ?? { because: [], marked: false };
    entry.because.push(f.code); // a finding code gives at most one finding per target
    entry.marked ||= f.severity === 'marked';
    byCode.set(code, entry);
  }
  return [...byCode].map(([code, e]): Target => ({ code, priority: e.marked ? 1 : 2, because: e.because })).sort((a, b) => a.priority - b.priority);
}

/**
 * Assess postural symmetry (rule 3).
 *
 * Thresholds apply to the rounded figure the clinician sees (symmetry indices to 1 decimal, ratios to 2).
 * Design decisions where the rule table is silent:
 * - the McGill ratios need an extensor time above 0 s; with 0 s they are left out of `indices` and findings;
 * - a shoulder or pelvic difference of 0 cm is still recorded (info), without a side;
 * - `null` or absent measurements were not tested; an unknown measurement key is a validation error.
 *
 * @throws DomainValidationError listing every bad field, e.g. `measurements.sideBridgeS.left`.
 */
export function assessPosture(input: PosturalInput): PosturalReport {
  validatePosturalInput(input);
  const { findings, indices } = evaluate(input.sex, input.measurements);
  return {
    findings,
    targets: targetsOf(findings),
    indices,
    refer: findings.some((f) => f.severity === 'refer'),
    rulesetVersion: RULESET_VERSION,
  };
}

/** How one index moved between two assessments. */
export interface PostureIndexChange {
  index: PostureIndex;
  before: number;
  after: number;
  /** `after - before`, rounded like the index (SI 1 decimal, ratios 2). */
  change: number;
  /** True when the index went down: lower is better for all four. */
  towardSymmetry: boolean;
}

const INDEX_DECIMALS: { readonly [I in PostureIndex]: number } = {
  sideBridgeSI: 1,
  hipAbductionSI: 1,
  flexorExtensorRatio: 2,
  sideBridgeExtensorRatio: 2,
};

function validateIndices(p: Problems, path: string, report: unknown): void {
  if (!checkRecord(p, path, report)) return;
  const indices = report.indices;
  if (!checkRecord(p, field(path, 'indices'), indices)) return;
  for (const index of POSTURE_INDICES) {
    const value = indices[index];
    if (value !== undefined && value !== null) checkNumber(p, field(field(path, 'indices'), index), value, 0);
  }
}

/**
 * Compare two postural reports, for every index present in both (in the order sideBridgeSI, hipAbductionSI,
 * flexorExtensorRatio, sideBridgeExtensorRatio).
 *
 * "Toward symmetry" means the index went down. For the symmetry indices lower is more symmetric; for the McGill
 * ratios lower moves toward (or further below) the balanced range (< 1.0 and < 0.75), so lower is better too.
 * No change is not toward symmetry.
 *
 * @throws DomainValidationError when a report has no `indices` object or an index is not a number >= 0.
 */
export function comparePosture(before: Pick<PosturalReport, 'indices'>, after: Pick<PosturalReport, 'indices'>): PostureIndexChange[] {
  const p = new Problems();
  validateIndices(p, 'before', before);
  validateIndices(p, 'after', after);
  p.throwIfAny();
  const changes: PostureIndexChange[] = [];
  for (const index of POSTURE_INDICES) {
    const b = before.indices[index];
    const a = after.indices[index];
    if (!isNumber(b) || !isNumber(a)) continue;
    changes.push({ index, before: b, after: a, change: roundTo(a - b, INDEX_DECIMALS[index]), towardSymmetry: a < b });
  }
  return changes;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}
