import { HttpException, HttpStatus } from '@nestjs/common';
import { AppError, ERROR_STATUS, ERROR_TITLES, ErrorCode, FieldError, fieldsDetail, type ProblemExtensions } from './app-error.js';
import { databaseFailure } from './database-errors.js';

/** An RFC 9457 problem document, as every error of the API is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  errors?: FieldError[];
  /** note_exists: the existing note's id (an RFC 9457 extension member). */
  noteId?: string;
  /** advice_changed: the current progression advice (an RFC 9457 extension member). */
  advice?: string;
}

const STATUS_CODES = new Map<number, ErrorCode>([
  [400, 'bad_request'],
  [401, 'unauthenticated'],
  [403, 'forbidden'],
  [404, 'not_found'],
  [405, 'method_not_allowed'],
  [408, 'request_timeout'],
  [409, 'conflict'],
  [410, 'link_expired'],
  [412, 'version_stale'],
  [413, 'payload_too_large'],
  [414, 'uri_too_long'],
  [415, 'unsupported_media_type'],
  [423, 'locked'],
  [428, 'version_required'],
  [429, 'too_many_requests'],
  [431, 'headers_too_large'],
  [503, 'service_unavailable'],
]);

/** The problem `type` URI of an error code. */
export function problemType(code: ErrorCode): string {
  return `https://upright.example/problems/${code.replace(/_/g, '-')}`;
}

/** The error code the API answers with for a bare HTTP status. */
export function codeForStatus(status: number): ErrorCode {
  return STATUS_CODES.get(status) ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

interface KnownPrismaError {
  name: string;
  code: string;
  meta?: { target?: string[] | string };
}

function isPrismaKnownError(error: unknown): error is KnownPrismaError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: string }).name === 'PrismaClientKnownRequestError' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

interface DomainValidationLike {
  name: string;
  errors: FieldError[];
  message: string;
}

function isDomainValidationError(error: unknown): error is DomainValidationLike {
  return error instanceof Error && error.name === 'DomainValidationError' && Array.isArray((error as { errors?: unknown }).errors);
}

/** Errors raised by Fastify itself (body parsing, limits) carry a statusCode and an FST_ code. */
function fastifyStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

/**
 * Turns anything thrown while serving a request into a problem document. Unknown errors become a 500 with a
 * generic text: no stack trace or internal message ever reaches the client.
 */
export function toProblem(error: unknown, instance: string): { problem: Problem; headers?: Record<string, string>; unexpected: boolean } {
  let code: ErrorCode;
  let detail: string | undefined;
  let errors: FieldError[] | undefined;
  let headers: Record<string, string> | undefined;
  let extensions: ProblemExtensions | undefined;
  let unexpected = false;
  let failure: ReturnType<typeof databaseFailure>;

  if (error instanceof AppError) {
    ({ code, detail, errors, headers, extensions } = error);
  } else if (isDomainValidationError(error)) {
    code = 'validation_failed';
    errors = error.errors;
    detail = fieldsDetail(errors);
  } else if (isPrismaKnownError(error) && error.code === 'P2002') {
    code = 'already_exists';
    detail = 'A record with the same unique value already exists.';
  } else if (isPrismaKnownError(error) && error.code === 'P2025') {
    code = 'not_found';
  } else if ((failure = databaseFailure(error))) {
    code = failure.code;
    detail = failure.detail;
    if (failure.retryAfter) headers = { 'retry-after': String(failure.retryAfter) };
    // Logged (as the filter logs unexpected errors): an outage must show in the logs, not only to clients.
    unexpected = failure.code === 'service_unavailable';
  } else if (error instanceof HttpException) {
    const status = error.getStatus();
    code = codeForStatus(status);
    unexpected = status >= 500;
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    // Nest's own exceptions carry a string, validation failures a list of strings.
    if (!unexpected) detail = typeof message === 'string' ? message : Array.isArray(message) ? message.join(',') : error.message;
  } else if (fastifyStatus(error)) {
    const status = fastifyStatus(error)!;
    code = codeForStatus(status);
    unexpected = status >= 500;
    if (!unexpected) detail = (error as Error).message;
  } else {
    code = 'internal_error';
    unexpected = true;
  }

  const status = ERROR_STATUS[code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
  const problem: Problem = {
    type: problemType(code),
    title: ERROR_TITLES[code],
    status,
    detail: detail ?? ERROR_TITLES[code],
    instance,
    code,
    ...(errors?.length ? { errors } : {}),
    ...extensions,
  };
  return { problem, headers, unexpected };
}
