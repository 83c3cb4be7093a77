import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from './app-error.js';

/** ?limit=&cursor= of every list (keyset pagination; a limit outside 1-100 is a 400, not clamped). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100)
  limit: number = 25;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** The position after the last row of a page: its sort timestamp and id (ties broken by id). */
export interface Keyset {
  at: Date;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.at.toISOString(), key.id])).toString('base64url');
}

/** A UUID as PostgreSQL reads it (8-4-4-4-12 hex digits). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Positions the API can have issued: record dates and timestamps from 1900 to 9999 (PostgreSQL has no year 0). */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) throw new Error('bad cursor');
    const [at, id] = parsed as [unknown, unknown];
    const date = typeof at === 'string' ? new Date(at) : new Date(NaN);
    const time = date.getTime();
    if (Number.isNaN(time) || time < EARLIEST || time > LATEST || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new AppError('validation_failed', 'cursor: is not a cursor this API issued', [{ field: 'cursor', message: 'is not a cursor this API issued' }]);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Builds a page from limit + 1 rows fetched in keyset order. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, keyOf: (row: R) => Date, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: more && last ? encodeCursor({ at: keyOf(last), id: last.id }) : null };
}
