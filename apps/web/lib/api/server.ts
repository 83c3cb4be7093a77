/**
 * The API from the dashboard's server components (and the patient page's), at the API's own origin, on behalf of
 * the visitor: their cookies and address are forwarded. Never cached: answers hold patient data and depend on who
 * asks.
 */
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { apiOrigin } from '../api-origin';
import { safeReturnPath } from '../paths';
import { type ApiClient, ApiError, createApiClient, type Me, ok } from './client';

export * from './client';

/**
 * What the API needs to know about the visitor a server component calls it for: their cookies, and the
 * X-Forwarded-For the dashboard's server completed with the connecting address (server/client-address.ts), so
 * the API records and throttles the visitor's address, not the dashboard's own.
 */
export async function visitorHeaders(): Promise<Record<string, string>> {
  const forwardedFor = (await headers()).get('x-forwarded-for');
  return { cookie: (await cookies()).toString(), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) };
}

async function redirectToSignIn(): Promise<never> {
  redirect(`/sign-in?next=${encodeURIComponent(safeReturnPath((await headers()).get('x-upright-path')))}`);
}

async function visitorClient(on401?: () => Promise<never>): Promise<ApiClient> {
  return createApiClient({
    baseUrl: apiOrigin(),
    headers: await visitorHeaders(),
    networkDetail: 'Upright could not reach its server. Please try again.',
    middleware: on401 ? [{ onResponse: async ({ response }) => (response.status === 401 ? await on401() : undefined) }] : [],
  });
}

/** The dashboard's client in a server component: a visitor whose session has ended is sent to sign in. */
export function serverApi(): Promise<ApiClient> {
  return visitorClient(redirectToSignIn);
}

/**
 * The patient page's client in a server component (the portal cookie, never a staff session: the portal routes read
 * only their own cookie). A patient whose portal session has ended (401) or whose link no longer works (410) is
 * sent to /p/expired, never to the staff sign-in.
 */
export async function portalServerApi(): Promise<ApiClient> {
  const client = await visitorClient();
  client.use({
    onResponse({ response }) {
      if (response.status === 401 || response.status === 410) redirect('/p/expired');
    },
  });
  return client;
}

/** The signed-in staff member, fetched once per request. */
export const getMe = cache(async (): Promise<Me | null> => {
  try {
    return await ok((await visitorClient()).GET('/api/auth/me'));
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) return null;
    throw error;
  }
});

/** Sends the visitor to sign in (and back to the page they asked for afterwards) when there is no valid session. */
export async function requireMe(): Promise<Me> {
  return (await getMe()) ?? (await redirectToSignIn());
}
