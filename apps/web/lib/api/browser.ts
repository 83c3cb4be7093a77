/**
 * The API from the browser, through the page's own origin (/api is forwarded to the API): `api` for the dashboard,
 * `portalApi` for the patient's plan page.
 */
import { ApiError, createApiClient } from './client';

export * from './client';

/** The dashboard's client: a 401 (idle timeout, sign-out elsewhere) outside /auth/* sends the user to sign in again. */
export const api = createApiClient({
  baseUrl: '',
  networkDetail: 'Could not reach Upright. Check your connection and try again.',
  middleware: [
    {
      onResponse({ response, schemaPath }) {
        if (response.status === 401 && !schemaPath.startsWith('/api/auth/')) {
          // A full page load on purpose: the session is over, so no client state of the old session may survive.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see the line above
          window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
        }
      },
    },
  ],
});

/**
 * The patient page's client. A 401 is not a reason to go to the staff sign-in: it is a wrong birth year, or an
 * ended portal session, and the caller decides what to show (see isSessionOver below).
 */
export const portalApi = createApiClient({
  baseUrl: '',
  networkDetail: 'We could not reach the practice’s server. Check your connection and try again.',
});

/** Where a patient goes when their portal session has ended or the link no longer works. */
export function isSessionOver(error: unknown): boolean {
  return error instanceof ApiError && (error.problem.status === 401 || error.problem.status === 410);
}
