import type { EpisodeCategory } from './codes.js';

/** One bad input field: `field` is a path such as `painAreas[2]` or `measurements.sideBridgeS.left`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Thrown when the input of a rule is invalid. `errors` lists every bad field at once (not just the first),
 * so the API can answer a single 400 that names them all.
 */
export class DomainValidationError extends Error {
  override readonly name = 'DomainValidationError';
  readonly code = 'validation_failed' as const;
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(`Invalid input: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.errors = errors;
  }
}

/**
 * Thrown by `suggestPlan` for a `referral` episode: no exercise plan while a red flag is open.
 * `code` matches the API's 409 `red_flag_open`.
 */
export class PlanBlockedError extends Error {
  override readonly name = 'PlanBlockedError';
  readonly code = 'red_flag_open' as const;
  readonly category: EpisodeCategory;

  constructor(category: EpisodeCategory) {
    super('No exercise plan while a red flag is open: the patient needs medical review first.');
    this.category = category;
  }
}
