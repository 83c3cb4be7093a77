import { searchable } from '../common/names.js';

/**
 * How Upright tells that two records are probably the same person, and how a patient is found by any detail. The
 * keys here are stored beside each patient (written by the API with every registration and correction, backfilled
 * by the migration 20261207193759_patient_identity) so the duplicate rule and the search are plain index lookups:
 *   - `search_name`: first + last name through `searchable()` (accents, case, spaces);
 *   - `phone_digits`: the phone's significant digits (`phoneDigits`);
 *   - `search_text`: everything the search box matches (`searchTextOf`), in the practice's trigram index.
 * Emails are stored lower-cased (the patient DTO lower-cases them), so an email compares as it is stored.
 */

/**
 * Country calling codes of two digits (ITU-T E.164 assignments); 1 and 7 are the codes of one digit, and every
 * other code has three. The codes are prefix-free, so the first digits of an international number say how long its
 * code is. The same lists are in the SQL function `patient_phone_digits` (the migration), which backfilled the
 * existing rows; apps/api/test/patient-identity.spec.ts keeps the two equal.
 */
const ONE_DIGIT_CODE = /^[17]/;
const TWO_DIGIT_CODE = /^(?:2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/;

/**
 * The significant digits of a phone number, whatever its formatting: every non-digit removed; then, for an
 * international number (`+44 …` or `0044 …`), the country code; then one leading 0 (a national trunk prefix, or the
 * `(0)` written after a country code). `+44 7700 900123`, `0044 7700 900123`, `+44 (0)7700 900123` and
 * `07700 900123` all give `7700900123`. Empty when the text has no significant digit.
 */
export function phoneDigits(text: string): string {
  let digits = text.replace(/[^0-9]/g, '');
  if (/^[ (]*[+]/.test(text) || digits.startsWith('00')) {
    const dialled = digits.replace(/^00/, '');
    digits = dialled.slice(ONE_DIGIT_CODE.test(dialled) ? 1 : TWO_DIGIT_CODE.test(dialled) ? 2 : 3);
  }
  return digits.replace(/^0/, '');
}

/** The least number of significant digits a search must give to be read as (part of) a phone number. */
export const PHONE_SEARCH_MIN_DIGITS = 6;

export interface IdentityFields {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
}

/** The stored name key: first and last name compared together after `searchable()`. */
export const nameKeyOf = (firstName: string, lastName: string) => searchable(`${firstName} ${lastName}`);

/** The stored phone key: significant digits, or null when there are none. */
export const phoneKeyOf = (phone: string | null | undefined) => (phone ? phoneDigits(phone) || null : null);

/** The stored email key: trimmed and lower-cased, or null. */
export const emailKeyOf = (email: string | null | undefined) => (email ? email.trim().toLowerCase() || null : null);

/**
 * The text the patient search matches, one detail per line (a search never matches across two: it has no line
 * break): the name key, the email, the date of birth as YYYY-MM-DD, and last every digit of the phone (so a search by
 * significant digits is contained in it whether the number was stored with its country code or its trunk 0). The
 * phone comes last so that a search that is not a phone number can be kept off it (`searchPatternOf`).
 */
export function searchTextOf(p: IdentityFields): string {
  return [nameKeyOf(p.firstName, p.lastName), emailKeyOf(p.email) ?? '', p.dateOfBirth, p.phone?.replace(/[^0-9]/g, '') ?? ''].join('\n');
}

/** The derived columns a registration or a correction writes beside the patient's own fields. */
export function identityColumns(p: IdentityFields): { searchName: string; searchText: string; phoneDigits: string | null } {
  return { searchName: nameKeyOf(p.firstName, p.lastName), searchText: searchTextOf(p), phoneDigits: phoneKeyOf(p.phone) };
}

/** `YYYY-MM-DD`, or `DD/MM/YYYY` (also with `.` or `-`, and one-digit day or month), as YYYY-MM-DD when a real date. */
export function isoDateOf(text: string): string | undefined {
  const trimmed = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(trimmed))) [d, m, y] = [Number(match[1]), Number(match[3]), Number(match[4])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `YYYY-MM`, or `MM/YYYY` (also with `.` or `-`, and a one-digit month), as YYYY-MM when the month is real. */
export function isoMonthOf(text: string): string | undefined {
  const trimmed = text.trim();
  const yearFirst = /^(\d{4})-(\d{2})$/.exec(trimmed);
  const monthFirst = /^(\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const [year, month] = yearFirst ? [yearFirst[1], yearFirst[2]] : monthFirst ? [monthFirst[2], monthFirst[1].padStart(2, '0')] : [];
  if (!year || !month) return undefined;
  return Number(month) >= 1 && Number(month) <= 12 ? `${year}-${month}` : undefined;
}

/** `text` for a LIKE pattern: its own % _ and \ taken literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The LIKE pattern the patient search matches `search_text` against, from what was typed (undefined when nothing is
 * left to look for):
 *   - a phone number (only digits and phone punctuation, at least 6 significant digits): its significant digits,
 *     anywhere (so in the phone line, whatever its country code or trunk 0);
 *   - a date of birth (YYYY-MM-DD, or DD/MM/YYYY and its variants): as YYYY-MM-DD;
 *   - a year and month (YYYY-MM, or MM/YYYY and its variants): the dates of birth in that month (not phone digits,
 *     though it has six);
 *   - anything else (part of a name or an email, a year) through `searchable()`.
 * A date or text must be followed by a line break: found in the name, email or date line, never inside the phone's
 * digits (the last line), so "0123" or "1984" does not turn up everyone whose number contains it.
 */
export function searchPatternOf(query: string): string | undefined {
  const date = isoDateOf(query);
  if (date) return `%${date}%\n%`;
  const month = isoMonthOf(query);
  if (month) return `%${month}-%\n%`;
  if (/^[\d\s+().-]+$/.test(query.trim())) {
    const digits = phoneDigits(query);
    if (digits.length >= PHONE_SEARCH_MIN_DIGITS) return `%${digits}%`;
  }
  const text = searchable(query);
  return text ? `%${likeLiteral(text)}%\n%` : undefined;
}

/** Why a record looks like an existing patient, as the API names it. */
export const MATCH_REASONS = ['name_and_date_of_birth', 'email', 'phone'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** The keys of the duplicate rule for a record being registered (null: that part of the rule does not apply). */
export interface DuplicateKeys {
  /** `nameKeyOf(first, last)`, with `born`: both or neither. */
  name: string | null;
  /** YYYY-MM-DD */
  born: string | null;
  email: string | null;
  phone: string | null;
}

export function duplicateKeysOf(p: Partial<IdentityFields>): DuplicateKeys {
  const named = p.firstName && p.lastName && p.dateOfBirth;
  return {
    name: named ? nameKeyOf(p.firstName!, p.lastName!) : null,
    born: named ? p.dateOfBirth! : null,
    email: emailKeyOf(p.email),
    phone: phoneKeyOf(p.phone),
  };
}

/**
 * The duplicate rule in SQL, for patient row `p` against keys given as SQL expressions (parameters or columns; a
 * NULL key matches nothing): same name and date of birth, or same email, or same phone. Each part is a lookup in
 * its own index ((practice_id, date_of_birth, search_name), (practice_id, email), (practice_id, phone_digits)).
 * `matchedOn` lists the parts that hold, `order` puts the closest match first (most parts, current before archived,
 * newest).
 */
export function duplicateRule(p: string, keys: { name: string; born: string; email: string; phone: string }) {
  const parts: Record<MatchReason, string> = {
    name_and_date_of_birth: `(${p}.search_name = ${keys.name} AND ${p}.date_of_birth = ${keys.born})`,
    email: `${p}.email = ${keys.email}`,
    phone: `${p}.phone_digits = ${keys.phone}`,
  };
  const matchedOn = `array_remove(ARRAY[${MATCH_REASONS.map((reason) => `CASE WHEN ${parts[reason]} THEN '${reason}' END`).join(', ')}], NULL)`;
  return {
    where: `(${MATCH_REASONS.map((reason) => parts[reason]).join(' OR ')})`,
    matchedOn,
    order: `cardinality(${matchedOn}) DESC, ${p}.archived_at IS NOT NULL, ${p}.created_at DESC, ${p}.id DESC`,
  };
}
