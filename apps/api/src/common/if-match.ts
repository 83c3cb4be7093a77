import type { FastifyReply } from 'fastify';
import { AppError } from './app-error.js';

/**
 * The version a client read, from `If-Match: "<version>"` (weak and unquoted forms accepted).
 * Missing: 428; not a version: 400. Compare it with the stored version inside the update's WHERE clause so two
 * concurrent writers cannot both succeed.
 */
export function parseIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') {
    throw new AppError('version_required', 'Send the version you edited in an If-Match header (the ETag of your last read).');
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) {
    throw new AppError('validation_failed', 'If-Match must be an ETag such as "3".', [{ field: 'If-Match', message: 'must be an ETag such as "3"' }]);
  }
  return Number(match[1]);
}

/** `parseIfMatch` for a route where If-Match is optional: undefined when the client sent none. */
export function parseOptionalIfMatch(header: string | string[] | undefined): number | undefined {
  return header === undefined ? undefined : parseIfMatch(header);
}

export function etag(version: number): string {
  return `"${version}"`;
}

/** Sets the ETag of a versioned record on the answer. */
export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etag(version));
}

export function staleVersion(current: number): AppError {
  return new AppError('version_stale', `This record was changed by someone else (now version ${current}). Reload it and apply your change again.`, undefined, {
    etag: etag(current),
  });
}
