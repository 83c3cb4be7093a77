import { registerDecorator, ValidationOptions } from 'class-validator';
import { ClsServiceManager } from 'nestjs-cls';
import { calendarDateIn, isIsoDate } from '@upright/domain';

/** A calendar date (YYYY-MM-DD) as the UTC midnight Date Prisma stores in a `date` column. */
export function fromIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** The YYYY-MM-DD of a `date` column (or any Date, in UTC). */
export function toIsoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Whether `zone` is an IANA time zone this runtime knows (Europe/London, America/New_York, UTC). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    calendarDateIn(zone, new Date(0));
    return true;
  } catch {
    return false;
  }
}

/** The time zone of the practice the current request acts for (set by the access guard); UTC outside a request. */
export function currentTimeZone(): string {
  const cls = ClsServiceManager.getClsService();
  return (cls.isActive() ? cls.get('timeZone') : undefined) ?? 'UTC';
}

/**
 * Today's date for the practice the request acts for, as YYYY-MM-DD: a clinic in Auckland records an episode on
 * its own Tuesday morning, not on Monday UTC.
 */
export function todayIso(now = new Date(), timeZone = currentTimeZone()): string {
  return calendarDateIn(timeZone, now);
}

/** An IANA time zone name. */
export function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: 'must be an IANA time zone such as Europe/London', ...options },
      validator: { validate: (value: unknown) => isTimeZone(value) },
    });
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

/** A date not after the practice's today: onset, assessment and outcome dates cannot be in the future. */
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
