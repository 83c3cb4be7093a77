/** Only same-site paths are followed after sign-in (no open redirect to another site). */
export function safeReturnPath(value: string | undefined | null, fallback = '/patients'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/sign-in')) return fallback;
  return value;
}
