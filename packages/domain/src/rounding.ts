/**
 * Round half away from zero to `decimals` places, as a clinician would on paper.
 * `toPrecision(12)` first removes binary noise, so 1.005 rounds to 1.01 and 9.95 to 10.0 (not 9.9).
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(12));
  const rounded = Math.round(scaled) / factor;
  return value < 0 ? -rounded : rounded;
}
