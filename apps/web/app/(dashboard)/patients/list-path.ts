/** The API path of one page of the list (`archived`: the archived patients instead of the current ones). */
export function patientListPath(q: string, archived: boolean, cursor?: string): string {
  const params = new URLSearchParams({ limit: '25' });
  if (q) params.set('q', q);
  if (archived) params.set('archived', 'true');
  if (cursor) params.set('cursor', cursor);
  return `/patients?${params}`;
}
