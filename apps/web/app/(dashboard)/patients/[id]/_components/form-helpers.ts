import { ClientApiError } from '@/lib/api-client';

/** "must not be empty" -> "Must not be empty", for a message shown beside its field. */
export function sentence(message: string): string {
  return message ? message[0].toUpperCase() + message.slice(1) : message;
}

/** The problem's detail and one message per field, capitalised, from any error a form's submit threw. */
export function describeError(error: unknown, fallback: string): { message: string; fields: Record<string, string> } {
  if (error instanceof ClientApiError) {
    const fields = Object.fromEntries(Object.entries(error.fieldErrors()).map(([field, message]) => [field, sentence(message)]));
    return { message: error.problem.detail || fallback, fields };
  }
  return { message: error instanceof Error && error.message ? error.message : fallback, fields: {} };
}
