import { AppError } from '../common/app-error.js';

/** Plan versions are paged on their number (newest first): the cursor is the last number of the page, opaque. */
export function encodeVersionCursor(number: number): string {
  return Buffer.from(JSON.stringify({ v: number })).toString('base64url');
}

export function decodeVersionCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const { v } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v: unknown };
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error('bad cursor');
    return v;
  } catch {
    throw new AppError('validation_failed', 'cursor: is not a cursor this API issued', [{ field: 'cursor', message: 'is not a cursor this API issued' }]);
  }
}
