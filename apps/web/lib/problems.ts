import { ApiError } from '@/lib/api/client';

/** "must not be empty" -> "Must not be empty", for a message shown beside its field. */
export function sentence(message: string): string {
  return message ? message[0].toUpperCase() + message.slice(1) : message;
}

/**
 * What a form shows for an error its submit threw: the API's own detail (or `fallback`), one capitalised message
 * per bad field, and the HTTP status (null when the API was not reached) for callers that treat 412 or 409 apart.
 */
export function describeError(error: unknown, fallback: string): { message: string; fields: Record<string, string>; status: number | null } {
  if (error instanceof ApiError) {
    const fields = Object.fromEntries(Object.entries(error.fieldErrors()).map(([field, message]) => [field, sentence(message)]));
    return { message: error.problem.detail || fallback, fields, status: error.problem.status || null };
  }
  return { message: error instanceof Error && error.message ? error.message : fallback, fields: {}, status: null };
}
