import { POSTURE_THRESHOLDS, type PosturalMeasurements, type PostureIndex } from '@upright/domain';

/**
 * Labels for the postural assessment screens that `lib/clinical-labels.ts` does not have (yet): the tests the
 * clinician can record and the four indices of a report.
 */

export type MeasurementKey = keyof PosturalMeasurements;

/** The tests of the assessment form, in the order of the rule table. */
export const MEASUREMENT_LABELS: Record<MeasurementKey, { title: string; hint: string }> = {
  sideBridgeS: { title: 'Side bridge endurance', hint: 'Seconds held on each side (left = lying on the left side).' },
  hipAbduction: { title: 'Hip abduction strength', hint: 'Force on each side, in the same unit on both (e.g. N or kg).' },
  trendelenburg: { title: 'Trendelenburg test', hint: 'Tick a side when the pelvis drops standing on that leg.' },
  trunkFlexorS: { title: 'Trunk flexor endurance', hint: 'Seconds held (McGill flexor test).' },
  trunkExtensorS: { title: 'Back extensor endurance (Biering-Sørensen)', hint: 'Seconds held; the test stops at 240 s.' },
  aslr: { title: 'Active straight-leg raise', hint: 'Score 0-5 on each side (0 = no difficulty).' },
  legLengthDifferenceCm: { title: 'Leg length difference', hint: 'Difference in cm, and which leg is longer.' },
  trunkRotationDeg: { title: 'Trunk rotation (scoliometer)', hint: 'Angle of trunk rotation in degrees.' },
  shoulderHeightDifferenceCm: { title: 'Shoulder height difference', hint: 'Difference in cm, and which shoulder is higher.' },
  pelvicHeightDifferenceCm: { title: 'Pelvic height difference', hint: 'Difference in cm, and which side is higher.' },
  craniovertebralAngleDeg: { title: 'Craniovertebral angle', hint: 'Degrees (0-90); under 50 is a forward head.' },
  lateralShift: { title: 'Lateral shift', hint: 'A visible sideways shift of the trunk in standing.' },
};

export const MEASUREMENT_KEYS = Object.keys(MEASUREMENT_LABELS) as MeasurementKey[];

export const POSTURE_INDEX_LABELS: Record<PostureIndex, { label: string; unit: string; explanation: string }> = {
  sideBridgeSI: {
    label: 'Side-bridge symmetry index',
    unit: '%',
    explanation: `Mild from ${POSTURE_THRESHOLDS.symmetryMildPct} %, marked from ${POSTURE_THRESHOLDS.symmetryMarkedPct} %.`,
  },
  hipAbductionSI: {
    label: 'Hip-abduction symmetry index',
    unit: '%',
    explanation: `Mild from ${POSTURE_THRESHOLDS.symmetryMildPct} %, marked from ${POSTURE_THRESHOLDS.symmetryMarkedPct} %.`,
  },
  flexorExtensorRatio: {
    label: 'Flexor/extensor endurance ratio',
    unit: '',
    explanation: `Balanced below ${POSTURE_THRESHOLDS.flexorExtensorRatio.toFixed(2)}.`,
  },
  sideBridgeExtensorRatio: {
    label: 'Side-bridge/extensor endurance ratio',
    unit: '',
    explanation: `Balanced below ${POSTURE_THRESHOLDS.sideBridgeExtensorRatio.toFixed(2)}.`,
  },
};

export function formatIndex(index: PostureIndex, value: number): string {
  const { unit } = POSTURE_INDEX_LABELS[index];
  return unit === '%' ? `${value.toFixed(1)} %` : value.toFixed(2);
}

/** Whether an index is at or over its cut-off (the symmetry indices: the mild cut-off). */
export function indexOverLimit(index: PostureIndex, value: number): boolean {
  const t = POSTURE_THRESHOLDS;
  switch (index) {
    case 'sideBridgeSI':
    case 'hipAbductionSI':
      return value >= t.symmetryMildPct;
    case 'flexorExtensorRatio':
      return value >= t.flexorExtensorRatio;
    case 'sideBridgeExtensorRatio':
      return value >= t.sideBridgeExtensorRatio;
  }
}

const sideWord = (side: string) => (side === 'left' ? 'left' : 'right');

/** The measurements that were taken, each as a label and a readable value, in the order of the form. */
export function describeMeasurements(m: PosturalMeasurements): { key: MeasurementKey; label: string; value: string }[] {
  const rows: { key: MeasurementKey; label: string; value: string }[] = [];
  const add = (key: MeasurementKey, value: string) => rows.push({ key, label: MEASUREMENT_LABELS[key].title, value });
  for (const key of MEASUREMENT_KEYS) {
    switch (key) {
      case 'sideBridgeS':
        if (m.sideBridgeS) add(key, `Left ${m.sideBridgeS.left} s · right ${m.sideBridgeS.right} s`);
        break;
      case 'hipAbduction':
        if (m.hipAbduction) add(key, `Left ${m.hipAbduction.left} · right ${m.hipAbduction.right}`);
        break;
      case 'trendelenburg':
        if (m.trendelenburg) add(key, `Left ${m.trendelenburg.left ? 'positive' : 'negative'} · right ${m.trendelenburg.right ? 'positive' : 'negative'}`);
        break;
      case 'trunkFlexorS':
        if (m.trunkFlexorS != null) add(key, `${m.trunkFlexorS} s`);
        break;
      case 'trunkExtensorS':
        if (m.trunkExtensorS != null) add(key, `${m.trunkExtensorS} s`);
        break;
      case 'aslr':
        if (m.aslr) add(key, `Left ${m.aslr.left}/5 · right ${m.aslr.right}/5`);
        break;
      case 'legLengthDifferenceCm':
        if (m.legLengthDifferenceCm) add(key, `${m.legLengthDifferenceCm.value} cm, ${sideWord(m.legLengthDifferenceCm.longer)} longer`);
        break;
      case 'trunkRotationDeg':
        if (m.trunkRotationDeg != null) add(key, `${m.trunkRotationDeg}°`);
        break;
      case 'shoulderHeightDifferenceCm':
        if (m.shoulderHeightDifferenceCm) add(key, `${m.shoulderHeightDifferenceCm.value} cm, ${sideWord(m.shoulderHeightDifferenceCm.higher)} higher`);
        break;
      case 'pelvicHeightDifferenceCm':
        if (m.pelvicHeightDifferenceCm) add(key, `${m.pelvicHeightDifferenceCm.value} cm, ${sideWord(m.pelvicHeightDifferenceCm.higher)} higher`);
        break;
      case 'craniovertebralAngleDeg':
        if (m.craniovertebralAngleDeg != null) add(key, `${m.craniovertebralAngleDeg}°`);
        break;
      case 'lateralShift':
        if (m.lateralShift) add(key, m.lateralShift === 'none' ? 'None' : `Shifted to the ${m.lateralShift}`);
        break;
    }
  }
  return rows;
}
