import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Me, ProblemBody } from '@upright/api/contracts';
import { apiOrigin } from './api-origin';
import { safeReturnPath } from './paths';

export class ApiError extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail);
  }
}

/**
 * Calls the API from a server component, forwarding the visitor's cookies. Never cached: answers hold
 * patient data and depend on who asks. A visitor whose session has ended is sent to sign in.
 */
export async function apiFetch<T>(path: string): Promise<T> {
  try {
    return await apiRequest<T>(path);
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) await redirectToSignIn();
    throw error;
  }
}

async function redirectToSignIn(): Promise<never> {
  redirect(`/sign-in?next=${encodeURIComponent(safeReturnPath((await headers()).get('x-upright-path')))}`);
}

/**
 * What the API needs to know about the visitor a server component calls it for: their cookies, and the
 * X-Forwarded-For the dashboard's server completed with the connecting address (server/client-address.ts), so
 * the API records and throttles the visitor's address, not the dashboard's own.
 */
export async function visitorHeaders(): Promise<Record<string, string>> {
  const forwardedFor = (await headers()).get('x-forwarded-for');
  return { cookie: (await cookies()).toString(), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) };
}

async function apiRequest<T>(path: string): Promise<T> {
  const response = await fetch(new URL(`/api${path}`, apiOrigin()), {
    headers: { ...(await visitorHeaders()), accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as ProblemBody | null;
    throw new ApiError(problem ?? { type: 'about:blank', title: response.statusText, status: response.status, detail: response.statusText, instance: path, code: 'unknown' });
  }
  return (await response.json()) as T;
}

/** The signed-in staff member, fetched once per request. */
export const getMe = cache(async (): Promise<Me | null> => {
  try {
    return await apiRequest<Me>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) return null;
    throw error;
  }
});

/** Sends the visitor to sign in (and back to the page they asked for afterwards) when there is no valid session. */
export async function requireMe(): Promise<Me> {
  return (await getMe()) ?? (await redirectToSignIn());
}
