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

/**
 * A rate or a bound of its interval to 3 decimals exactly as rule 9 defines it, `Math.round(x * 1000) / 1000`,
 * so that two implementations agree to the last digit. Rates lie in [0, 1], where this and `roundTo` differ only
 * on binary noise at an exact half.
 */
export function roundRate(x: number): number {
  return Math.round(x * 1000) / 1000;
}
