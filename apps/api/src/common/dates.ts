import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@upright/domain';

/** A calendar date (YYYY-MM-DD) as the UTC midnight Date Prisma stores in a `date` column. */
export function fromIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** The YYYY-MM-DD of a `date` column (or any Date, in UTC). */
export function toIsoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Today's date in UTC, as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return toIsoDate(now);
}

/** Whole years between a date of birth and a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: 'must be a date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

/** A date not after today (UTC): onset, assessment and outcome dates cannot be in the future. */
export function IsNotFutureDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotFutureDate',
      target: object.constructor,
      propertyName,
      options: { message: 'cannot be in the future', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !isIsoDate(value) || value <= todayIso() },
    });
}
