import { Injectable } from '@nestjs/common';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import { iso, Sql, statement } from '../database/sql.js';

/** One calendar row as the list statement answers it (timestamps still instants: the service writes them in the practice zone). */
export interface CalendarRow {
  id: string;
  patientId: string;
  firstName: string;
  lastName: string;
  clinicianId: string;
  typeId: string;
  startAt: Date;
  endAt: Date;
  status: string;
  cancelReason: string | null;
  overrideReason: string | null;
  episodeId: string | null;
  planId: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The most rows one calendar read answers (a 31-day range of a large practice stays well below it). */
export const CALENDAR_LIMIT = 5000;

/**
 * The calendar for a range, in ONE statement with its audit row ($1-$6 the audit context): every appointment of the
 * practice starting in [$7, $8), optionally of one clinician ($9) or patient ($10), with the patient's name, in
 * start order; the audit row lists the patients shown. Served by appointments (practice_id, clinician_id, start_at)
 * or (practice_id, start_at), and the patients' primary key.
 */
const CALENDAR = statement<CalendarRow>(
  'appointment_calendar',
  `WITH listed AS (
     SELECT a.id AS "id", a.patient_id AS "patientId", p.first_name AS "firstName", p.last_name AS "lastName",
            a.clinician_id AS "clinicianId", a.type_id AS "typeId", a.start_at AS "startAt", a.end_at AS "endAt",
            a.status::text AS "status", a.cancel_reason AS "cancelReason", a.override_reason AS "overrideReason",
            a.episode_id AS "episodeId", a.plan_id AS "planId", a.note AS "note", a.created_by AS "createdBy",
            ${iso('a.created_at')} AS "createdAt", ${iso('a.updated_at')} AS "updatedAt", a.version AS "version"
       FROM appointments a
       JOIN patients p ON p.practice_id = a.practice_id AND p.id = a.patient_id
      WHERE a.practice_id = $1 AND a.start_at >= $7::timestamptz AND a.start_at < $8::timestamptz
        AND ($9::uuid IS NULL OR a.clinician_id = $9::uuid) AND ($10::uuid IS NULL OR a.patient_id = $10::uuid)
      ORDER BY a.start_at, a.clinician_id, a.id
      LIMIT ${CALENDAR_LIMIT}),
        shown AS (SELECT coalesce(array_agg(DISTINCT "patientId"), '{}'::uuid[]) AS ids FROM listed),
        audited AS (${auditInsert('read', 'appointment', 'shown', 'NULL', '$10::uuid', 'shown.ids')})
   SELECT * FROM listed ORDER BY "startAt", "clinicianId", "id"`,
);

@Injectable()
export class AppointmentsRepository {
  constructor(private readonly sql: Sql) {}

  calendar(audit: AuditContext, start: Date, end: Date, clinicianId: string | null, patientId: string | null): Promise<CalendarRow[]> {
    return this.sql.rows(CALENDAR, [...auditValues(audit), start, end, clinicianId, patientId]);
  }
}
