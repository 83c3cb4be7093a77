import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/app-error.js';

/**
 * The route config key of the one route that takes a CSV body (POST /api/imports/patients, via @RouteConfig). The
 * cross-site check lets `text/csv` through only to routes that carry it, and the text/csv body parser reads bodies
 * only for them; every other route still answers 415 to anything but JSON.
 */
export const CSV_BODY = 'uprightCsvBody';

export const isCsvType = (type: string | undefined) => typeof type === 'string' && /^text\/csv\s*(;|$)/i.test(type);

/** Whether a request's route takes a CSV body. */
export function takesCsv(request: FastifyRequest): boolean {
  return (request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[CSV_BODY] === true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text/csv body parser (registered in app.factory.ts with its own size limit): UTF-8 only (a byte-order mark is
 * dropped), a charset other than UTF-8 is refused (415), and bytes that are not UTF-8 are a 400 that says how to save
 * the file, instead of text with replacement characters in patients' names.
 */
export function decodeCsvBody(request: FastifyRequest, body: Buffer): string {
  if (!takesCsv(request)) throw new AppError('unsupported_media_type', 'Send the request body as application/json.');
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(request.headers['content-type']))?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new AppError('unsupported_media_type', `Send the file as UTF-8 text (text/csv; charset=utf-8), not ${charset}.`);
  }
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new AppError('validation_failed', 'The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and try again.', [
      { field: 'file', message: 'is not UTF-8 text' },
    ]);
  }
}

/** The CSV text of the request; 415 when the body was not sent as text/csv. */
export const CsvBody = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  if (!isCsvType(request.headers['content-type']) || (request.body !== undefined && typeof request.body !== 'string')) {
    throw new AppError('unsupported_media_type', 'Send the file as the request body with Content-Type: text/csv (UTF-8).');
  }
  // An empty body is never parsed: it is an empty file.
  return typeof request.body === 'string' ? request.body : '';
});
