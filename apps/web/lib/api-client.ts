'use client';
import type { FieldError, ProblemBody } from '@upright/api/contracts';

/** An API error as the dashboard shows it: the problem's detail, plus one message per bad field. */
export class ClientApiError extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail || problem.title);
  }

  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e: FieldError) => [e.field, e.message]));
  }
}

/**
 * One request to the API through the dashboard's origin. A POST carries a fresh Idempotency-Key and is sent once
 * more with the same key when the first attempt got no answer (network) or a 503/504: the API then records it at
 * most once, even if the first attempt did reach it.
 */
export async function sendToApi(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
  if (method === 'POST' && !headers['idempotency-key']) headers['idempotency-key'] = crypto.randomUUID();
  const send = () => fetch(`/api${path}`, { method, headers, body: init.body !== undefined ? JSON.stringify(init.body) : undefined, credentials: 'same-origin', cache: 'no-store' });
  if (method !== 'POST') return send();
  try {
    const first = await send();
    if (first.status !== 503 && first.status !== 504) return first;
  } catch {
    // No answer: try once more below.
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return send();
}

/** Calls the API from the browser through the dashboard's own origin (/api is forwarded to the API). */
export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  let response: Response;
  try {
    response = await sendToApi(path, init);
  } catch {
    throw new ClientApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: 'Could not reach Upright. Check your connection and try again.', instance: path, code: 'network_error' });
  }
  if (response.status === 401 && !path.startsWith('/auth/')) {
    // The session ended (idle timeout, sign-out elsewhere): sign in again and come back here.
    // A full page load on purpose: the ended session's client state goes with it.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
    window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ClientApiError(
      (body as ProblemBody | null) ?? { type: 'about:blank', title: response.statusText, status: response.status, detail: 'Something went wrong. Please try again.', instance: path, code: 'unknown' },
    );
  }
  return body as T;
}
