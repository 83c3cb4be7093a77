/** Lower-case, accents removed: "Zoë Ångström" -> "zoe angstrom". Stored beside names for accent-insensitive search. */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
