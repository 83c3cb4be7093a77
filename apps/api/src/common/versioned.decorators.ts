import { applyDecorators, type Type, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiPreconditionFailedResponse, ApiPreconditionRequiredResponse } from '@nestjs/swagger';
import { VersionEtagInterceptor } from './version-etag.interceptor.js';

/**
 * The decorators every route of a versioned record (optimistic concurrency through ETag and If-Match) shares, so a
 * controller says once per route what it answers and whether it needs If-Match, and the OpenAPI document says it the
 * same way everywhere.
 */

/** The ETag response header of a versioned record, as the OpenAPI document describes it. */
export function etagHeader(description = 'The version, to send back in If-Match') {
  return { etag: { description, schema: { type: 'string', example: '"1"' } } };
}

/**
 * The route answers one versioned record (`type`, with a numeric `version`): `ETag: "<version>"` is set on the answer
 * and documented. `created`: the answer is a 201.
 */
export function VersionedAnswer(type: Type<unknown>, options: { created?: boolean; etag?: string } = {}) {
  const response = { type, headers: etagHeader(options.etag) };
  return applyDecorators(UseInterceptors(VersionEtagInterceptor), options.created ? ApiCreatedResponse(response) : ApiOkResponse(response));
}

/**
 * Documents the route's If-Match: `required` (428 without it) or `optional` (checked when sent), and the 412 a stale
 * version gets. The handler reads the header with `@Headers('if-match')` and parses it in its body (`parseIfMatch`,
 * `parseOptionalIfMatch`), not in a parameter decorator: Nest resolves parameter decorators before the body's
 * validation finishes, and a bad body must be answered (400, each field named) before a missing If-Match (428).
 */
export function IfMatch(mode: 'required' | 'optional', options: { header?: string; stale?: string } = {}) {
  const header =
    options.header ?? (mode === 'required' ? 'The ETag (version) you read, e.g. "1"' : 'Optional: the ETag you read; when sent, a stale version answers 412');
  return applyDecorators(
    ApiHeader({ name: 'If-Match', required: mode === 'required', description: header }),
    ApiPreconditionFailedResponse({ description: options.stale ?? 'Changed since your read; the ETag header carries the current version' }),
    ...(mode === 'required' ? [ApiPreconditionRequiredResponse({ description: 'If-Match header missing' })] : []),
  );
}
