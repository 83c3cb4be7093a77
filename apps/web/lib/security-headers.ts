/**
 * What the dashboard and the patient page may load: only their own origin (the API is reached through it), images
 * from data: URLs (the QR code), no framing, no plugins. Next's hydration writes inline scripts, hence
 * 'unsafe-inline' for scripts; nothing may be fetched from or sent to another origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The headers on every answer of the dashboard's origin: its pages (next.config.ts) and the API answers it forwards
 * under /api (server/forward-api.ts, where an API answer's own header of the same name wins).
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];
