/**
 * Small helpers for the English texts of results, so that counts read naturally ("1 day", "3 days").
 */

/** `count` followed by the noun, singular for exactly 1: `counted(1, 'day')` is `1 day`, `counted(0, 'day')` `0 days`. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
