import type { ProblemBody } from '@upright/api/contracts';
import { ClientApiError, sendToApi } from '@/lib/api-client';

/**
 * Calls the portal API from the patient's browser (same-origin /api). Unlike the dashboard's `api()`, a 401 is
 * not a reason to go to the staff sign-in: it is a wrong birth year, or an ended portal session, and the caller
 * decides what to show. Errors are the dashboard's ClientApiError, so `.problem` and `.fieldErrors()` work the same.
 */
export async function portalApi<T>(path: `/portal/${string}`, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await sendToApi(path, init);
  } catch {
    throw new ClientApiError(problem(0, 'network_error', 'We could not reach the practice’s server. Check your connection and try again.', path));
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ClientApiError((body as ProblemBody | null) ?? problem(response.status, 'unknown', 'Something went wrong. Please try again.', path));
  return body as T;
}

function problem(status: number, code: string, detail: string, instance: string): ProblemBody {
  return { type: 'about:blank', title: detail, status, detail, instance, code };
}

/** Where a patient goes when their portal session has ended or the link no longer works. */
export function isSessionOver(error: unknown): boolean {
  return error instanceof ClientApiError && (error.problem.status === 401 || error.problem.status === 410);
}
