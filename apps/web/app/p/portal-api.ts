import { redirect } from 'next/navigation';
import type { ProblemBody } from '@upright/api/contracts';
import { ApiError, visitorHeaders } from '@/lib/api-server';
import { apiOrigin } from '@/lib/api-origin';

/**
 * Calls the portal API from the patient's server components, forwarding the visitor's cookies (the portal cookie,
 * never a staff session: the portal routes read only their own cookie). Never cached. A patient whose portal session
 * has ended (401) or whose link no longer works (410) is sent to /p/expired, never to the staff sign-in.
 */
export async function portalFetch<T>(path: `/portal/${string}`): Promise<T> {
  const response = await fetch(new URL(`/api${path}`, apiOrigin()), {
    headers: { ...(await visitorHeaders()), accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 401 || response.status === 410) redirect('/p/expired');
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as ProblemBody | null;
    throw new ApiError(problem ?? { type: 'about:blank', title: response.statusText, status: response.status, detail: response.statusText, instance: path, code: 'unknown' });
  }
  return (await response.json()) as T;
}
