import { auditInsert } from '../audit/audit-sql.js';
import { iso, statement } from '../database/sql.js';
import type { Patient } from '../generated/prisma/client.js';
import type { DuplicateDto } from './dto/patient-duplicates.dto.js';
import type { PatientDto } from './dto/patient.dto.js';
import { duplicateRule } from './patient-identity.js';

/** The columns of a patient as the API answers them (PostgreSQL formats the dates). */
const PATIENT_COLUMNS = `p.id AS "id", p.first_name AS "firstName", p.last_name AS "lastName",
  to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.sex::text AS "sex", p.email AS "email", p.phone AS "phone",
  p.notes AS "notes", ${iso('p.archived_at')} AS "archivedAt", ${iso('p.created_at')} AS "createdAt",
  ${iso('p.updated_at')} AS "updatedAt", p.version AS "version"`;

/** One patient and its audit row ($1-$6 the audit context, $7 the patient id): nothing, and no row, when unknown. */
export const PATIENT_BY_ID = statement<PatientDto>(
  'patient_by_id',
  `WITH found AS (SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.practice_id = $1 AND p.id = $7),
        audited AS (${auditInsert('read', 'patient', 'found', 'found."id"::text', 'found."id"')})
   SELECT * FROM found`,
);

/**
 * A page of the patient list, newest first, keyset on (created_at, id) and its audit row. $7/$8 the position after
 * the previous page ('infinity' and the largest uuid for the first page), $9 the rows to fetch, and for the
 * search $10 a LIKE pattern over search_text (a name, an email, phone digits or a date: patient-identity.ts). Four
 * statements rather than one with optional parts, so each keeps a plan that uses its index: current or archived,
 * with or without a search.
 */
function listStatement(archived: boolean, search: boolean) {
  return statement<PatientDto>(
    `patient_list_${archived ? 'archived' : 'current'}${search ? '_search' : ''}`,
    `WITH page AS (
       SELECT ${PATIENT_COLUMNS} FROM patients p
        WHERE p.practice_id = $1 AND p.archived_at IS ${archived ? 'NOT NULL' : 'NULL'}
          ${search ? 'AND p.search_text LIKE $10' : ''}
          AND (p.created_at, p.id) < ($7::timestamptz, $8::uuid)
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT $9),
          one AS (SELECT 1),
          -- The patients this page shows (not the one fetched only to tell whether there is a next page).
          audited AS (${auditInsert('read', 'patient_list', 'one', 'NULL', 'NULL', `COALESCE((SELECT array_agg(s."id") FROM (SELECT page."id" FROM page ORDER BY page."createdAt" DESC, page."id" DESC LIMIT $9::int - 1) s), '{}'::uuid[])`)})
     SELECT * FROM page`,
  );
}

export const PATIENT_LIST = {
  current: listStatement(false, false),
  currentSearch: listStatement(false, true),
  archived: listStatement(true, false),
  archivedSearch: listStatement(true, true),
};

/**
 * A patient as Prisma's `Patient` (dates as Date; the date of birth as its UTC midnight), for the checks other
 * modules make before touching a patient's records ($1 practice, $2 patient). Not audited: the caller audits.
 */
export const PATIENT_ROW = statement<Patient>(
  'patient_row',
  `SELECT p.id AS "id", p.practice_id AS "practiceId", p.first_name AS "firstName", p.last_name AS "lastName", p.search_name AS "searchName",
          p.search_text AS "searchText", p.phone_digits AS "phoneDigits",
          (p.date_of_birth::timestamp AT TIME ZONE 'UTC') AS "dateOfBirth", p.sex::text AS "sex", p.email AS "email", p.phone AS "phone",
          p.notes AS "notes", p.archived_at AS "archivedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
          p.created_by AS "createdBy", p.version AS "version"
     FROM patients p WHERE p.practice_id = $1 AND p.id = $2`,
);

const DUPLICATE_RULE = duplicateRule('p', { name: '$7::text', born: '$8::date', email: '$9::text', phone: '$10::text' });

/**
 * Existing patients (archived ones too) that a record being registered looks like, closest first, at most 10, and
 * the read's audit row listing the ids shown. $7 the name key and $8 the date of birth (both or neither), $9 the
 * email, $10 the phone's significant digits; a NULL key matches nothing (patient-identity.ts).
 */
export const PATIENT_DUPLICATES = statement<DuplicateDto>(
  'patient_duplicates',
  `WITH found AS (
     SELECT p.id AS "id", p.first_name AS "firstName", p.last_name AS "lastName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
            p.archived_at IS NOT NULL AS "archived", ${DUPLICATE_RULE.matchedOn} AS "matchedOn",
            row_number() OVER (ORDER BY ${DUPLICATE_RULE.order}) AS rank
       FROM patients p
      WHERE p.practice_id = $1 AND ${DUPLICATE_RULE.where}
      ORDER BY ${DUPLICATE_RULE.order}
      LIMIT 10),
        one AS (SELECT 1),
        audited AS (${auditInsert('read', 'patient_duplicates', 'one', 'NULL', 'NULL', `COALESCE((SELECT array_agg(found."id") FROM found), '{}'::uuid[])`)})
   SELECT "id", "firstName", "lastName", "dateOfBirth", "archived", "matchedOn" FROM found ORDER BY rank`,
);
