/** The query of one page of the list (`archived`: the archived patients instead of the current ones). */
export function patientListQuery(q: string, archived: boolean, cursor?: string): { limit: number; q?: string; archived?: boolean; cursor?: string } {
  return { limit: 25, ...(q ? { q } : {}), ...(archived ? { archived: true } : {}), ...(cursor ? { cursor } : {}) };
}
