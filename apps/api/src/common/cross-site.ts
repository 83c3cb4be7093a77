import { AppError } from './app-error.js';

/** Methods that change state: every one of them must come from the product's own pages (or a non-browser client). */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origins whose pages may change data: the dashboard's (WEB_ORIGIN) and the API's own (its documentation page).
 * In development the loopback names of the same scheme and port are the same place (localhost:3000 and
 * 127.0.0.1:3000); a sibling port or host never is.
 */
export function allowedOrigins(webOrigin: string, development: boolean): (origin: string, host: string | undefined) => boolean {
  const web = new URL(webOrigin);
  const same = (a: URL, b: URL) =>
    a.protocol === b.protocol && a.port === b.port && (a.hostname === b.hostname || (development && LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname)));
  return (origin, host) => {
    let candidate: URL;
    try {
      candidate = new URL(origin);
    } catch {
      return false;
    }
    if (candidate.origin !== origin) return false; // a path, credentials or "null"
    if (same(candidate, web)) return true;
    // The API's own pages (Swagger UI) post to the API from its own origin.
    return host !== undefined && candidate.host === host;
  };
}

/**
 * CSRF defence for every state-changing request, staff and portal alike. Browsers say where a request comes from:
 * `Sec-Fetch-Site` (same-origin, same-site, cross-site, none) and `Origin`. A request is refused when either names
 * another site, including a sibling subdomain or another port of the same host (same-site but not same-origin).
 * A body must be JSON: HTML forms (urlencoded, multipart, text/plain) cannot send it without a CORS preflight,
 * which this API never grants. The one route that takes a file also accepts text/csv, which no form can send
 * without a preflight either. Clients that are not browsers send neither header and are judged by their session.
 */
export function assertSameOrigin(
  request: { method: string; headers: Record<string, string | string[] | undefined> },
  isAllowed: (origin: string, host: string | undefined) => boolean,
  /** The route takes a CSV file (the patient import): text/csv is accepted too. */
  csvAllowed = false,
): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new AppError('forbidden', 'This request came from another site and was refused.');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && !isAllowed(origin, typeof request.headers.host === 'string' ? request.headers.host : undefined)) {
    throw new AppError('forbidden', 'This request came from another origin and was refused.');
  }
  const type = request.headers['content-type'];
  if (typeof type === 'string' && !/^application\/json\s*(;|$)/i.test(type) && !(csvAllowed && /^text\/csv\s*(;|$)/i.test(type))) {
    throw new AppError('unsupported_media_type', csvAllowed ? 'Send the file as text/csv.' : 'Send the request body as application/json.');
  }
}
