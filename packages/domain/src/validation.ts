/**
 * Small shared validators. Rules receive data from JavaScript callers (the API, imports), so every check
 * accepts `unknown` and never throws a TypeError on a wrong type: it records the problem and carries on, so
 * that one `DomainValidationError` can list every bad field at once.
 */
import { isIsoDate } from './dates.js';
import { DomainValidationError, type FieldError } from './errors.js';

/** Collects field errors; `throwIfAny` raises them together. */
export class Problems {
  readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  get any(): boolean {
    return this.errors.length > 0;
  }

  throwIfAny(): void {
    if (this.any) throw new DomainValidationError([...this.errors]);
  }
}

/** Path of a child field: `field('measurements', 'aslr')` is `measurements.aslr`; an empty base gives the key. */
export function field(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/**
 * Visit every index of an array, holes included (`forEach` skips the holes of a sparse array, which would let
 * a missing value through unchecked).
 */
export function eachItem<T>(array: readonly T[], visit: (item: T, index: number) => void): void {
  for (let i = 0; i < array.length; i++) visit(array[i], i);
}

/** Adds "is required" for a missing (undefined) value and says whether it was missing. */
function missing(p: Problems, path: string, value: unknown): boolean {
  if (value !== undefined) return false;
  p.add(path, 'is required');
  return true;
}

/** Rule 9's convention: a value given as `null` counts as absent, like one left out. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain object (see `isRecord`). */
export function checkRecord(p: Problems, path: string, value: unknown): value is Record<string, unknown> {
  if (isRecord(value)) return true;
  if (missing(p, path, value)) return false;
  p.add(path, 'must be an object');
  return false;
}

/** An array. */
export function checkArray(p: Problems, path: string, value: unknown): value is unknown[] {
  if (Array.isArray(value)) return true;
  if (missing(p, path, value)) return false;
  p.add(path, 'must be an array');
  return false;
}

function rangeText(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER || max === Number.POSITIVE_INFINITY) return `>= ${min}`;
  return `between ${min} and ${max}`;
}

/** A finite number in [min, max]. */
export function checkNumber(p: Problems, path: string, value: unknown, min: number, max: number = Number.POSITIVE_INFINITY): value is number {
  if (missing(p, path, value)) return false;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    p.add(path, 'must be a number');
    return false;
  }
  if (value < min || value > max) {
    p.add(path, `must be ${rangeText(min, max)}`);
    return false;
  }
  return true;
}

/** An integer in [min, max]. */
export function checkInteger(p: Problems, path: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): value is number {
  if (missing(p, path, value)) return false;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    p.add(path, 'must be an integer');
    return false;
  }
  if (value < min || value > max) {
    p.add(path, `must be ${rangeText(min, max)}`);
    return false;
  }
  return true;
}

/** `true` or `false`. */
export function checkBoolean(p: Problems, path: string, value: unknown): value is boolean {
  if (typeof value === 'boolean') return true;
  if (missing(p, path, value)) return false;
  p.add(path, 'must be true or false');
  return false;
}

/** `true`, `false` or `null` (not known, not answered); left out is not allowed. */
export function checkNullableBoolean(p: Problems, path: string, value: unknown): value is boolean | null {
  if (typeof value === 'boolean' || value === null) return true;
  if (missing(p, path, value)) return false;
  p.add(path, 'must be true, false or null');
  return false;
}

/** A non-empty string, such as an id. */
export function checkText(p: Problems, path: string, value: unknown): value is string {
  if (typeof value === 'string' && value !== '') return true;
  if (missing(p, path, value)) return false;
  p.add(path, 'must be a non-empty string');
  return false;
}

/** One of the known codes in `allowed`. */
export function checkCode<T extends string>(p: Problems, path: string, value: unknown, allowed: readonly T[]): value is T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
  if (missing(p, path, value)) return false;
  p.add(path, `must be one of: ${allowed.join(', ')}`);
  return false;
}

/** An array of known codes; each bad item is reported with its index (`painAreas[2]`). */
export function checkCodeList<T extends string>(p: Problems, path: string, value: unknown, allowed: readonly T[]): value is T[] {
  if (!checkArray(p, path, value)) return false;
  const before = p.errors.length;
  eachItem(value, (item, i) => checkCode(p, field(path, i), item, allowed));
  return p.errors.length === before;
}

/** A real calendar date written `YYYY-MM-DD`. */
export function checkDate(p: Problems, path: string, value: unknown): value is string {
  if (isIsoDate(value)) return true;
  if (missing(p, path, value)) return false;
  p.add(path, 'must be a valid date written YYYY-MM-DD');
  return false;
}
