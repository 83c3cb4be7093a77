/**
 * Rule 9.4, clinic outcomes: how often a practice's closed plans reached a change that matters, and how often the
 * spasms came back within a year, each with a 95 % Wilson score interval so a small clinic does not over-read
 * its numbers.
 */
import { RULESET_VERSION, type RulesetVersion } from './codes.js';
import { roundRate } from './rounding.js';
import { Problems, checkArray, checkNullableBoolean, checkRecord, eachItem, field } from './validation.js';

/** One closed plan; null: not known (for example no follow-up yet). */
export interface ClosedPlanOutcome {
  reachedMeaningfulChange: boolean | null;
  recurredWithin12Months: boolean | null;
}

/** A proportion among the cases where it is known. */
export interface OutcomeRate {
  /** Cases with a known value. */
  n: number;
  /** Of those, the cases where it is true. */
  count: number;
  /** count / n to 3 decimals; null when n < 10 (too few to say). */
  rate: number | null;
  /** 95 % Wilson score interval, to 3 decimals; null when n < 10. */
  low: number | null;
  high: number | null;
}

export interface ClinicOutcomes {
  meaningfulChange: OutcomeRate;
  recurrence: OutcomeRate;
  rulesetVersion: RulesetVersion;
}

/** The numbers of rule 9.4. */
export const CLINIC_OUTCOME_RULES = {
  /** Below this many known cases, no rate or interval is given. */
  minCases: 10,
  /** z for a two-sided 95 % interval. */
  z: 1.96,
} as const;

/**
 * The Wilson score interval of `count` successes in `n` trials (n >= 1), unrounded. Mathematically it lies in
 * [0, 1] and contains count / n; the clamp only removes floating-point noise at 0 and 1.
 */
export function wilsonInterval(count: number, n: number, z: number = CLINIC_OUTCOME_RULES.z): { low: number; high: number } {
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

function rateOf(values: readonly (boolean | null)[]): OutcomeRate {
  const known = values.filter((v): v is boolean => v !== null);
  const n = known.length;
  const count = known.filter((v) => v).length;
  if (n < CLINIC_OUTCOME_RULES.minCases) return { n, count, rate: null, low: null, high: null };
  const { low, high } = wilsonInterval(count, n);
  return { n, count, rate: roundRate(count / n), low: roundRate(low), high: roundRate(high) };
}

/**
 * Clinic outcomes (rule 9.4) over a practice's closed plans: for reaching a meaningful change and for a recurrence
 * within 12 months, `n` (cases with a known value), `count` (true), `rate` = count / n and its 95 % Wilson score
 * interval (z = 1.96), each rounded to 3 decimals; with fewer than 10 known cases, `rate`, `low` and `high` are null.
 *
 * @throws DomainValidationError when `cases` is not a list, or a value is not true, false or null
 *   (`cases[3].recurredWithin12Months`).
 */
export function clinicOutcomes(cases: readonly ClosedPlanOutcome[]): ClinicOutcomes {
  const p = new Problems();
  if (checkArray(p, 'cases', cases)) {
    eachItem(cases, (c, i) => {
      const path = field('cases', i);
      if (!checkRecord(p, path, c)) return;
      checkNullableBoolean(p, field(path, 'reachedMeaningfulChange'), c.reachedMeaningfulChange);
      checkNullableBoolean(p, field(path, 'recurredWithin12Months'), c.recurredWithin12Months);
    });
  }
  p.throwIfAny();
  return {
    meaningfulChange: rateOf(cases.map((c) => c.reachedMeaningfulChange)),
    recurrence: rateOf(cases.map((c) => c.recurredWithin12Months)),
    rulesetVersion: RULESET_VERSION,
  };
}
