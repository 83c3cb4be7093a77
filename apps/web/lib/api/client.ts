/**
 * The one typed client of the API (openapi-fetch over the types generated from its OpenAPI document), shared by the
 * dashboard and the patient page, in the browser (./browser.ts) and in server components (./server.ts). Every
 * call goes through `ok()`, which gives the answer's body or throws an ApiError holding a problem+json document.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { FieldError, Problem, paths } from './schema';

export * from './schema';

export type ApiClient = Client<paths>;

/** An API error as the dashboard and the patient page show it: the problem's detail, plus one message per bad field. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }

  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e: FieldError) => [e.field, e.message]));
  }
}

/**
 * The problem standing for an answer that carried none (a proxy's error page, an empty body) or for no answer at
 * all (`status` 0, code network_error).
 */
export function fallbackProblem(status: number, instance: string, detail = 'Something went wrong. Please try again.'): Problem {
  const network = status === 0;
  return { type: 'about:blank', title: network ? 'Network error' : detail, status, detail, instance, code: network ? 'network_error' : 'unknown' };
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && typeof (body as Problem).status === 'number' && typeof (body as Problem).title === 'string';

/** The body of a successful answer, or an ApiError with the API's problem (or a fallback one). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(isProblem(error) ? error : fallbackProblem(response.status, new URL(response.url || '/', 'http://x').pathname));
}

/** The If-Match header of a PATCH: the version the user read. */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/**
 * A POST is sent once more, with the same Idempotency-Key, when the first attempt got no answer (network) or a
 * 503/504, after a second: the API records it at most once, even if the first attempt did reach it.
 */
async function sendWithRetry(request: Request): Promise<Response> {
  if (request.method !== 'POST') return fetch(request);
  const again = request.clone();
  try {
    const first = await fetch(request);
    if (first.status !== 503 && first.status !== 504) return first;
  } catch {
    // No answer: try once more below.
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return fetch(again);
}

const idempotencyKey: Middleware = {
  onRequest({ request }) {
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', crypto.randomUUID());
  },
};

export interface ApiClientOptions {
  /** '' in the browser (same-origin /api, forwarded to the API); the API's origin on the dashboard's server. */
  baseUrl: string;
  headers?: Record<string, string>;
  /** What a visitor reads when the API could not be reached. */
  networkDetail: string;
  middleware?: Middleware[];
}

/** A client of the API. Answers are never cached: they hold patient data and depend on who asks. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { accept: 'application/json', ...options.headers },
    credentials: 'same-origin',
    cache: 'no-store',
    fetch: sendWithRetry,
  });
  const networkError: Middleware = {
    onError: ({ request }) => new ApiError(fallbackProblem(0, new URL(request.url).pathname, options.networkDetail)),
  };
  client.use(idempotencyKey, networkError, ...(options.middleware ?? []));
  return client;
}
