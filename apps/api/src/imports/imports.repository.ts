import { Injectable } from '@nestjs/common';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import type { Tx } from '../database/prisma.service.js';
import type { Sex } from '../generated/prisma/enums.js';
import { duplicateRule, type DuplicateKeys } from '../patients/patient-identity.js';

/** A row to look up: its line and the duplicate rule's keys. */
export interface ImportLookup extends DuplicateKeys {
  line: number;
}

/** A patient to add, with the keys patient-identity.ts derives. */
export interface ImportedPatient {
  id: string;
  firstName: string;
  lastName: string;
  searchName: string;
  searchText: string;
  phoneDigits: string | null;
  dateOfBirth: string;
  sex: Sex;
  email: string | null;
  phone: string | null;
  notes: string | null;
}

/** The key of a practice's import lock, for practice id $1 (the transaction-scoped advisory lock taken by an import). */
export const IMPORT_LOCK_KEY = `hashtextextended('upright.patient_import.' || $1::text, 0)`;

const RULE = duplicateRule('p', { name: 'r.name', born: 'r.born', email: 'r.email', phone: 'r.phone' });

/**
 * For each row (unnested from arrays, $2-$6), the closest existing patient of the practice ($1) it duplicates, if any:
 * the duplicate rule of patient-identity.ts. Each part of the rule is its own equi-join of all the rows with the
 * practice's patients, so the planner can hash-join a whole file at once; the candidates are then ranked per line
 * with the rule's order. (A probe per row with the rule's OR, as this was first written, read 58,332 blocks for
 * 10,000 rows and under disk load ran past the statement timeout; this reads under a thousand.)
 */
export const EXISTING_DUPLICATES = `
  WITH r AS (SELECT * FROM unnest($2::int[], $3::text[], $4::date[], $5::text[], $6::text[]) AS r(line, name, born, email, phone)),
       candidate AS (
         SELECT r.line, p.id FROM r JOIN patients p ON p.practice_id = $1::uuid AND p.search_name = r.name AND p.date_of_birth = r.born
         UNION
         SELECT r.line, p.id FROM r JOIN patients p ON p.practice_id = $1::uuid AND p.email = r.email
         UNION
         SELECT r.line, p.id FROM r JOIN patients p ON p.practice_id = $1::uuid AND p.phone_digits = r.phone)
  SELECT DISTINCT ON (c.line) c.line AS "line", p.id::text AS "patientId"
    FROM candidate c
    JOIN r ON r.line = c.line
    JOIN patients p ON p.practice_id = $1::uuid AND p.id = c.id
   ORDER BY c.line, ${RULE.order}`;

/**
 * The import's writes, in one statement: the new patients (INSERT … SELECT FROM unnest of one array per column,
 * $7-$17), one `create` audit row per patient, one `create` row for the import itself listing them, and, when the
 * answer shows existing patients as duplicates ($18), one `read` row listing those. $1-$6 the audit context (the
 * actor, $3, is also created_by).
 */
const INSERT_IMPORTED = `
  WITH added AS (
         INSERT INTO patients (id, practice_id, first_name, last_name, search_name, search_text, phone_digits, date_of_birth, sex, email, phone, notes, created_by, updated_at)
         SELECT r.id, $1::uuid, r.first_name, r.last_name, r.search_name, r.search_text, r.phone_digits, r.born, r.sex, r.email, r.phone, r.notes, $3::uuid, now()
           FROM unnest($7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::date[], $14::"Sex"[], $15::text[], $16::text[], $17::text[])
                AS r(id, first_name, last_name, search_name, search_text, phone_digits, born, sex, email, phone, notes)
         RETURNING id),
       audited AS (${auditInsert('create', 'patient', 'added', 'added.id::text', 'added.id')}),
       one AS (SELECT 1),
       import_audited AS (${auditInsert('create', 'patient_import', 'one', 'NULL', 'NULL', `COALESCE((SELECT array_agg(added.id) FROM added), '{}'::uuid[])`)}),
       shown AS (SELECT 1 WHERE cardinality($18::uuid[]) > 0),
       shown_audited AS (${auditInsert('read', 'patient_import', 'shown', 'NULL', 'NULL', '$18::uuid[]')})
  SELECT count(*)::int AS "count" FROM added`;

/** The import's database work; every method runs inside the caller's transaction. */
@Injectable()
export class ImportsRepository {
  /**
   * Holds the practice's import lock until the transaction ends: a second import of the same practice waits here,
   * then sees the first one's patients, so two imports at once cannot both add the same patient. `timeout` is how
   * long this transaction's statements may run (waiting included), above the connection's default.
   */
  async lockPracticeImports(practiceId: string, timeout: string, tx: Tx): Promise<void> {
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '${timeout.replace(/[^0-9a-z ]/g, '')}'`);
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`, practiceId);
  }

  /** Line → the existing patient each row duplicates (rows without one are absent). */
  async existingDuplicates(practiceId: string, rows: ImportLookup[], tx: Tx): Promise<Map<number, string>> {
    if (!rows.length) return new Map();
    const found = await tx.$queryRawUnsafe<{ line: number; patientId: string }[]>(
      EXISTING_DUPLICATES,
      practiceId,
      rows.map((r) => r.line),
      rows.map((r) => r.name),
      rows.map((r) => r.born),
      rows.map((r) => r.email),
      rows.map((r) => r.phone),
    );
    return new Map(found.map((f) => [Number(f.line), f.patientId]));
  }

  /** Adds the patients with their audit rows (see INSERT_IMPORTED); answers how many were added. */
  async insert(audit: AuditContext, patients: ImportedPatient[], shownDuplicates: string[], tx: Tx): Promise<number> {
    const column = <K extends keyof ImportedPatient>(key: K) => patients.map((p) => p[key]);
    const [{ count }] = await tx.$queryRawUnsafe<{ count: number }[]>(
      INSERT_IMPORTED,
      ...auditValues(audit),
      column('id'),
      column('firstName'),
      column('lastName'),
      column('searchName'),
      column('searchText'),
      column('phoneDigits'),
      column('dateOfBirth'),
      column('sex'),
      column('email'),
      column('phone'),
      column('notes'),
      shownDuplicates,
    );
    return count;
  }
}
