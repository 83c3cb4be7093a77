const HERE = 'http://dashboard.invalid';

/**
 * A return path (`?next=` after sign-in, the path a signed-out visitor asked for) as a path of the dashboard itself,
 * or `fallback`: never a way to another site (open redirect), never a value that breaks a Location header.
 *
 * Browsers drop tabs and line breaks from a URL and read a backslash as a slash, so "/\t/evil.example",
 * "/%0a/evil.example" (decoded by the query parser) and "/\evil.example" all reach "//evil.example", another host;
 * and a line break in a redirect's Location makes the server fail. Hence: control characters, spaces and
 * backslashes anywhere make a value unsafe, it must resolve to this origin, and the path it resolves to (dot
 * segments removed, "/.//evil" is "//evil") must itself start with exactly one slash. The sign-in page (a loop)
 * and the API's addresses (not pages) are not destinations either.
 */
export function safeReturnPath(value: string | undefined | null, fallback = '/patients'): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u0020\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith('/') || path.startsWith('//') || /^\/(sign-in|api)(\/|\?|#|$)/.test(path)) return fallback;
  return path;
}
