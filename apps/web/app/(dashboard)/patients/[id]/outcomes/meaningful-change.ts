import { MEANINGFUL_CHANGE, type Instrument } from '@upright/domain';

/**
 * The smallest improvement from `baseline` that matters, in points, as `meaningfulChange` decides it:
 * the instrument's points, or for NPRS the share of the baseline when that is smaller (2 points or 30 %).
 */
export function improvementThreshold(instrument: Instrument, baseline: number): number {
  const rule = MEANINGFUL_CHANGE[instrument];
  const byPercent = rule.percentOfBaseline === undefined ? Number.POSITIVE_INFINITY : (baseline * rule.percentOfBaseline) / 100;
  return Math.min(rule.points, byPercent);
}

/**
 * Where a chart marks meaningful change: the band of scores within the threshold of the baseline either way
 * (no change that matters), and the score a meaningful improvement reaches (null when the scale ends first).
 */
export function changeMarks(instrument: Instrument, baseline: number): { band: [number, number]; improvementAt: number | null; threshold: number } {
  const rule = MEANINGFUL_CHANGE[instrument];
  const threshold = improvementThreshold(instrument, baseline);
  const band: [number, number] = [Math.max(rule.min, baseline - threshold), Math.min(rule.max, baseline + threshold)];
  const at = rule.higherIsBetter ? baseline + threshold : baseline - threshold;
  return { band, improvementAt: at >= rule.min && at <= rule.max && threshold > 0 ? at : null, threshold };
}

/** How a threshold reads to a clinician: "10 points", or "2 points or 30 % of the first score". */
export function thresholdText(instrument: Instrument): string {
  const rule = MEANINGFUL_CHANGE[instrument];
  return `${rule.points} points${rule.percentOfBaseline !== undefined ? ` or ${rule.percentOfBaseline} % of the first score` : ''}`;
}
