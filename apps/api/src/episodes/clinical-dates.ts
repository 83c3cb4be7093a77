import { AppError } from '../common/app-error.js';
import { toIsoDate } from '../common/dates.js';

/**
 * A clinical date (onset, assessment, outcome) cannot be before the patient was born. The DTO has already checked
 * that it is a real date and not in the future; this needs the patient, so the service calls it.
 */
export function requireNotBeforeBirth(dateOfBirth: Date, day: string, field: string): void {
  const born = toIsoDate(dateOfBirth);
  if (day < born) {
    const message = `cannot be before the patient's date of birth (${born})`;
    throw AppError.field(field, message);
  }
}
