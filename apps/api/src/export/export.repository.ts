import { Injectable } from '@nestjs/common';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import { iso, Sql, statement, type Statement } from '../database/sql.js';
import { PATIENT_RECORD_COLUMNS, type PatientRecord } from './patient-record.js';

/** Before every UUID: the keyset position a practice-wide export starts after. */
export const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface PracticeExerciseName {
  code: string;
  name: string;
}

export interface AuditedRecord extends PatientRecord {
  practiceName: string;
  exercises: PracticeExerciseName[];
}

/**
 * One patient's whole record and its `export` audit row (resource fhir_bundle) in ONE statement ($1-$6 the audit
 * context, $7 the patient), with the practice's name and its own exercises' names. No row, and no audit row, for a
 * patient outside the practice.
 */
const PATIENT_RECORD = statement<AuditedRecord>(
  'export_patient_record',
  `WITH found AS (SELECT p.* FROM patients p WHERE p.practice_id = $1 AND p.id = $7),
        audited AS (${auditInsert('export', 'fhir_bundle', 'found', 'found.id::text', 'found.id')})
   SELECT ${PATIENT_RECORD_COLUMNS},
          (SELECT pr.name FROM practices pr WHERE pr.id = $1) AS "practiceName",
          (SELECT COALESCE(json_agg(json_build_object('code', x.code, 'name', x.name)), '[]') FROM practice_exercises x WHERE x.practice_id = $1) AS exercises
     FROM found p`,
);

/** The practice's name and its own exercises' names, for a practice-wide export ($1 the practice). */
const PRACTICE_CONTEXT = statement<{ practiceName: string; exercises: PracticeExerciseName[] }>(
  'export_practice_context',
  `SELECT pr.name AS "practiceName",
          (SELECT COALESCE(json_agg(json_build_object('code', x.code, 'name', x.name)), '[]') FROM practice_exercises x WHERE x.practice_id = pr.id) AS exercises
     FROM practices pr WHERE pr.id = $1`,
);

/**
 * The audit row of one batch of a practice-wide export: `export` of `resourceType`, naming the patients the batch
 * holds (patient_ids). Written by the first batch even when the practice has nothing to export, and by every later
 * batch that holds rows. `batch` must have a "patient" column.
 */
const batchAudit = (resourceType: string, resourceId: string) => `
  one AS (SELECT 1 WHERE $7::uuid = '${FIRST_ID}'::uuid OR EXISTS (SELECT 1 FROM batch)),
  audited AS (${auditInsert('export', resourceType, 'one', resourceId, 'NULL', `COALESCE((SELECT array_agg(DISTINCT b.patient) FROM batch b), '{}'::uuid[])`)})`;

/**
 * The next batch of the practice's patients, each with its whole record, after the position $7 (keyset on the
 * primary key (practice_id, id)), at most $8 of them, and the batch's audit row: ONE statement per batch.
 */
const RECORD_BATCH = statement<PatientRecord & { id: string }>(
  'export_record_batch',
  `WITH batch AS (SELECT p.*, p.id AS patient FROM patients p WHERE p.practice_id = $1 AND p.id > $7::uuid ORDER BY p.id LIMIT $8),
        ${batchAudit('fhir_ndjson', 'NULL')}
   SELECT p.id, ${PATIENT_RECORD_COLUMNS} FROM batch p ORDER BY p.id`,
);

export const CSV_KINDS = ['patients', 'episodes', 'assessments', 'outcomes', 'appointments'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];
export const isCsvKind = (value: string): value is CsvKind => (CSV_KINDS as readonly string[]).includes(value);

/** A row of a CSV export as PostgreSQL gives it: dates as YYYY-MM-DD text, timestamps ISO 8601 UTC, JSON as parsed. */
export type CsvRow = Record<string, unknown> & { id: string };

/**
 * The rows of one CSV export, batch by batch, each with its audit row (`export` of csv_export, resource id the kind,
 * the batch's patients in patient_ids): $1-$6 the audit context, $7 the id to start after, $8 the batch size. Keyset
 * on each table's primary key (practice_id, id).
 */
function csvBatch(kind: CsvKind, select: string, from: string, patientColumn: string): Statement<CsvRow> {
  return statement<CsvRow>(
    `export_csv_${kind}`,
    `WITH batch AS (SELECT ${select}, ${patientColumn} AS patient FROM ${from} WHERE t.practice_id = $1 AND t.id > $7::uuid ORDER BY t.id LIMIT $8),
          ${batchAudit('csv_export', `'${kind}'`)}
     SELECT * FROM batch ORDER BY id`,
  );
}

const CSV_BATCH: Record<CsvKind, Statement<CsvRow>> = {
  patients: csvBatch(
    'patients',
    `t.id, t.first_name AS "firstName", t.last_name AS "lastName", to_char(t.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", t.sex::text AS sex,
     t.email, t.phone, t.notes, ${iso('t.archived_at')} AS "archivedAt", ${iso('t.created_at')} AS "createdAt", ${iso('t.updated_at')} AS "updatedAt"`,
    'patients t',
    't.id',
  ),
  episodes: csvBatch(
    'episodes',
    `t.id, t.patient_id AS "patientId", to_char(t.onset_date, 'YYYY-MM-DD') AS "onsetDate", to_char(t.recorded_on, 'YYYY-MM-DD') AS "recordedOn",
     t.trigger, t.episodes_last_12_months AS "episodesLast12Months", t.frequency_trend AS "frequencyTrend", t.pain_nprs AS "painNprs",
     t.pain_areas AS "painAreas", t.red_flags AS "redFlags", t.classification -> 'redFlags' ->> 'level' AS "redFlagLevel", t.category, t.urgency,
     t.review_in_days AS "reviewInDays", t.ruleset_version AS "rulesetVersion", t.status::text AS status, t.status_reason AS "statusReason",
     t.notes, ${iso('t.created_at')} AS "createdAt"`,
    'episodes t',
    't.patient_id',
  ),
  assessments: csvBatch(
    'assessments',
    `t.id, t.patient_id AS "patientId", to_char(t.assessed_on, 'YYYY-MM-DD') AS "assessedOn", t.measurements, t.report, t.refer,
     t.ruleset_version AS "rulesetVersion", t.status::text AS status, t.status_reason AS "statusReason", t.notes, ${iso('t.created_at')} AS "createdAt"`,
    'assessments t',
    't.patient_id',
  ),
  outcomes: csvBatch(
    'outcomes',
    `t.id, t.patient_id AS "patientId", t.instrument, to_char(t.recorded_on, 'YYYY-MM-DD') AS "recordedOn", t.score, t.band, t.answers,
     t.ruleset_version AS "rulesetVersion", t.status::text AS status, t.status_reason AS "statusReason", ${iso('t.created_at')} AS "createdAt"`,
    'outcome_scores t',
    't.patient_id',
  ),
  appointments: csvBatch(
    'appointments',
    `t.id, t.patient_id AS "patientId", t.clinician_id AS "clinicianId", (SELECT u.name FROM users u WHERE u.practice_id = t.practice_id AND u.id = t.clinician_id) AS "clinicianName",
     (SELECT ty.name FROM appointment_types ty WHERE ty.practice_id = t.practice_id AND ty.id = t.type_id) AS "type",
     ${iso('t.start_at')} AS start, ${iso('t.end_at')} AS "end", t.status::text AS status, t.cancel_reason AS "cancelReason",
     t.episode_id AS "episodeId", t.plan_id AS "planId", t.note, ${iso('t.created_at')} AS "createdAt"`,
    'appointments t',
    't.patient_id',
  ),
};

/** The reads of the exports: every one is a prepared statement that writes its own audit row. */
@Injectable()
export class ExportRepository {
  constructor(private readonly sql: Sql) {}

  /** One patient's record (audited as an export of a FHIR bundle), or undefined for a patient outside the practice. */
  patientRecordAudited(audit: AuditContext, patientId: string): Promise<AuditedRecord | undefined> {
    return this.sql.one(PATIENT_RECORD, [...auditValues(audit), patientId]);
  }

  async practiceContext(practiceId: string): Promise<{ practiceName: string; exercises: PracticeExerciseName[] }> {
    return (await this.sql.one(PRACTICE_CONTEXT, [practiceId])) ?? { practiceName: '', exercises: [] };
  }

  /** The next `size` patients after `afterId`, each with their record; the batch is audited. */
  recordBatchAudited(audit: AuditContext, afterId: string, size: number): Promise<(PatientRecord & { id: string })[]> {
    return this.sql.rows(RECORD_BATCH, [...auditValues(audit), afterId, size]);
  }

  /** The next `size` rows of a CSV export after `afterId`; the batch is audited. */
  csvBatchAudited(audit: AuditContext, kind: CsvKind, afterId: string, size: number): Promise<CsvRow[]> {
    return this.sql.rows(CSV_BATCH[kind], [...auditValues(audit), afterId, size]);
  }
}
