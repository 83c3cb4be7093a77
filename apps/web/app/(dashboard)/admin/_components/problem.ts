import { ClientApiError } from '@/lib/api-client';

/** "must not be empty" -> "Must not be empty", for a message shown beside its field. */
function sentence(message: string): string {
  return message ? message[0].toUpperCase() + message.slice(1) : message;
}

/**
 * What to tell the admin about a failed call: the API's own detail (e.g. why you cannot demote yourself), a
 * plain explanation for a stale version, and one message per bad field.
 */
export function describeProblem(error: unknown, fallback: string): { message: string; fields: Record<string, string>; status: number | null } {
  if (error instanceof ClientApiError) {
    const fields = Object.fromEntries(Object.entries(error.fieldErrors()).map(([field, message]) => [field, sentence(message)]));
    const status = error.problem.status;
    if (status === 412) {
      return { message: 'Someone else changed this account while you were looking at it. The list now shows the latest details: check them and try again.', fields, status };
    }
    return { message: error.problem.detail || fallback, fields, status };
  }
  return { message: error instanceof Error && error.message ? error.message : fallback, fields: {}, status: null };
}

/** The If-Match header of a PATCH: the version the admin saw. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
