import { applyDecorators, createParamDecorator, type ExecutionContext, type Type, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiPreconditionFailedResponse, ApiPreconditionRequiredResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { parseIfMatch } from './if-match.js';
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
 * version gets. Read the header with `@IfMatchVersion()` or `@OptionalIfMatchVersion()`.
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

const ifMatchHeader = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];

/** The version the client sent in If-Match (`parseIfMatch`: 428 when missing, 400 when malformed). */
export const IfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number => parseIfMatch(ifMatchHeader(context)));

/** The version the client sent in If-Match, or undefined when it sent none (400 when malformed). */
export const OptionalIfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined => {
  const header = ifMatchHeader(context);
  return header === undefined ? undefined : parseIfMatch(header);
});
