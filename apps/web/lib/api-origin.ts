/** Where the API listens, seen from the dashboard's server (API_URL, else the local default port). */
export function apiOrigin(): string {
  return process.env.API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? '3001'}`;
}
