import { Injectable } from '@nestjs/common';
import { iso, Sql, statement } from '../database/sql.js';
import type { PlanPhaseDto } from '../plans/dto/plan.dto.js';
import type { PainAlertItemDto } from '../portal/clinician/dto/patient-logs.dto.js';

/** A patient who needs attention, from their latest recorded episode (one row of `attention`). */
export interface AttentionRow {
  kind: 'referral' | 'review';
  episodeId: string;
  patientId: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  category: string;
  urgency: string;
  /** YYYY-MM-DD */
  onsetDate: string;
  /** YYYY-MM-DD */
  recordedOn: string;
  /** YYYY-MM-DD: recordedOn + reviewInDays. */
  dueOn: string;
  overdueDays: number;
  /** Who recorded the episode: the clinician a review is booked with. */
  clinicianId: string;
  /** The patient's next booked (or under way) appointment, ISO UTC, or null. */
  nextAppointmentAt: string | null;
  /** Codes of the screen's emergency and urgent reasons, in the screen's order (emergency first). */
  redFlags: string[];
}

export interface TodayPatientRow {
  id: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}

/** Everything the Today page is computed from. */
export interface TodayRows {
  attention: AttentionRow[];
  /** Open pain alerts of current patients, newest first, with their patient. */
  alerts: (PainAlertItemDto & { patient: TodayPatientRow })[];
  /** Current patients with an active plan, most recently registered first. */
  onPlans: TodayPatientRow[];
  /**
   * Their active plans (newest activation first) with the current version's start and phases, the patient's name,
   * and whether a log of the plan has a pain alert no clinician has acknowledged (progression's openPainAlert).
   */
  plans: { id: string; patientId: string; patientName: string; startDate: string; phases: PlanPhaseDto[]; openPainAlert: boolean }[];
  /** Their logs dated in the adherence window (the 28 days up to today: adherence and progression read them). */
  windowLogs: { patientId: string; planId: string; date: string; completedExercises: string[]; pain: number; settledByNextMorning: boolean | null }[];
  /** Each one's latest log date on or before the window's end. */
  lastLogs: { patientId: string; date: string }[];
  /** The signed-in clinician's drafts older than the practice's unsigned_note_hours, oldest first. */
  unsignedNotes: { id: string; patientId: string; patientName: string; visitDate: string; createdAt: string }[];
  /** Follow-ups answered with a spasm, no episode recorded from them, not reviewed; current patients, longest waiting first. */
  followUpSpasms: { followUpId: string; patientId: string; patientName: string; spasmOn: string; months: number }[];
}

const patientJson = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'firstName', ${alias}.first_name, 'lastName', ${alias}.last_name, 'dateOfBirth', to_char(${alias}.date_of_birth, 'YYYY-MM-DD'))`;

/**
 * Everything the Today page is computed from, in ONE statement whatever the number of patients (its audit row,
 * which lists the patients the page shows, is written once the page is computed). Parameters: $1 the practice,
 * $2 the practice's today, $3 the rows per attention list, $4 the first day of the adherence window, $5 the most
 * open alerts, $6 the most patients on plans scanned for adherence, $7 the clinician whose unsigned drafts to list
 * (null: none, for admins and reception), $8 the most of them.
 *
 * Attention: each current (not archived) patient's latest recorded episode (DISTINCT ON over the (practice_id,
 * patient_id, created_at desc, id desc) index; entered-in-error episodes never count), kept when it is a referral
 * or its review date (recorded_on + review_in_days) is on or before today; at most $3 rows per kind, referrals
 * emergency first then most recently recorded, reviews most overdue first.
 *
 * The spasm cycle (issue 19): each active plan's facts for progression (rule 9.2) as the shared cycle facts read one
 * plan (apps/api/src/cycle: the current version, the patient's logs of the 28 days with pain and the next-morning
 * answer, the last log date, an open pain alert of the plan), and the follow-ups answered with a spasm that no one
 * has reviewed (at most $3).
 */
const TODAY = statement<TodayRows>(
  'today',
  `WITH latest AS (
        SELECT DISTINCT ON (e.patient_id)
               e.id, e.patient_id, e.category, e.urgency, e.onset_date, e.recorded_on, e.review_in_days,
               e.classification, e.created_at, e.created_by
          FROM episodes e
         WHERE e.practice_id = $1
           AND e.status = 'recorded'
         ORDER BY e.patient_id, e.created_at DESC, e.id DESC
      ),
      attention AS (
        SELECT l.*, p.first_name, p.last_name, p.date_of_birth,
               CASE WHEN l.category = 'referral' THEN 'referral' ELSE 'review' END AS kind,
               (l.recorded_on + l.review_in_days) AS due_on
          FROM latest l
          JOIN patients p ON p.practice_id = $1 AND p.id = l.patient_id
         WHERE p.archived_at IS NULL
           AND (l.category = 'referral' OR l.recorded_on + l.review_in_days <= $2::date)
      ),
      ranked AS (
        SELECT a.*,
               row_number() OVER (
                 PARTITION BY a.kind
                 ORDER BY CASE a.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END,
                          CASE WHEN a.kind = 'referral' THEN a.created_at END DESC,
                          a.due_on, a.last_name, a.first_name, a.patient_id
               ) AS position
          FROM attention a
      ),
   attention_rows AS (
      SELECT r.kind AS "kind", r.position AS position,
             r.id::text AS "episodeId",
             r.patient_id::text AS "patientId",
             r.first_name AS "firstName",
             r.last_name AS "lastName",
             to_char(r.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
             r.category AS "category",
             r.urgency AS "urgency",
             to_char(r.onset_date, 'YYYY-MM-DD') AS "onsetDate",
             to_char(r.recorded_on, 'YYYY-MM-DD') AS "recordedOn",
             to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
             ($2::date - r.due_on)::int AS "overdueDays",
             r.created_by::text AS "clinicianId",
             (SELECT ${iso('min(ap.start_at)')}
                FROM appointments ap
               WHERE ap.practice_id = $1 AND ap.patient_id = r.patient_id
                 AND ap.status IN ('booked', 'arrived') AND ap.end_at > now()) AS "nextAppointmentAt",
             ARRAY(
               SELECT reason.value ->> 'code'
                 FROM jsonb_array_elements(COALESCE(r.classification -> 'redFlags' -> 'reasons', '[]'::jsonb)) WITH ORDINALITY AS reason(value, n)
                WHERE reason.value ->> 'level' IN ('emergency', 'urgent')
                ORDER BY reason.n
             ) AS "redFlags"
        FROM ranked r
       WHERE r.position <= $3::int),
   alerts AS (
     SELECT l.id AS "logId", l.patient_id AS "patientId", l.plan_id AS "planId", to_char(l.date, 'YYYY-MM-DD') AS "date", l.pain, l.difficulty,
            l.note, l.alert_reasons AS reasons, ${iso('l.created_at')} AS "createdAt", NULL::text AS "acknowledgedAt", NULL::uuid AS "acknowledgedBy",
            ${patientJson('p')} AS patient
       FROM patient_logs l
       JOIN patients p ON p.practice_id = $1 AND p.id = l.patient_id AND p.archived_at IS NULL
      WHERE l.practice_id = $1 AND cardinality(l.alert_reasons) > 0 AND l.alert_acknowledged_at IS NULL
      ORDER BY l.created_at DESC, l.id DESC
      LIMIT $5),
   on_plans AS (
     SELECT p.id, p.first_name, p.last_name, p.date_of_birth, p.created_at
       FROM patients p
      WHERE p.practice_id = $1 AND p.archived_at IS NULL
        AND EXISTS (SELECT 1 FROM plans pl WHERE pl.practice_id = $1 AND pl.patient_id = p.id AND pl.status = 'active')
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT $6),
   active_plans AS (
     SELECT pl.id, pl.patient_id AS "patientId", op.first_name || ' ' || op.last_name AS "patientName",
            to_char(v.start_date, 'YYYY-MM-DD') AS "startDate", v.phases, pl.activated_at,
            EXISTS (SELECT 1 FROM patient_logs l
                     WHERE l.practice_id = $1 AND l.patient_id = op.id AND l.plan_id = pl.id
                       AND cardinality(l.alert_reasons) > 0 AND l.alert_acknowledged_at IS NULL) AS "openPainAlert"
       FROM on_plans op
       JOIN plans pl ON pl.practice_id = $1 AND pl.patient_id = op.id AND pl.status = 'active'
       JOIN plan_versions v ON v.practice_id = $1 AND v.plan_id = pl.id AND v.number = pl.current_version),
   window_logs AS (
     SELECT l.patient_id AS "patientId", l.plan_id AS "planId", to_char(l.date, 'YYYY-MM-DD') AS "date", l.completed_exercises AS "completedExercises",
            l.pain, l.settled_by_next_morning AS "settledByNextMorning", l.date AS sort_on, l.id AS sort_id
       FROM on_plans op
       JOIN patient_logs l ON l.practice_id = $1 AND l.patient_id = op.id AND l.date BETWEEN $4::date AND $2::date),
   last_logs AS (
     SELECT op.id AS "patientId", to_char(last.date, 'YYYY-MM-DD') AS "date"
       FROM on_plans op
       JOIN LATERAL (SELECT l.date FROM patient_logs l WHERE l.practice_id = $1 AND l.patient_id = op.id AND l.date <= $2::date
                      ORDER BY l.date DESC LIMIT 1) last ON true),
   unsigned_notes AS (
     SELECT n.id, n.patient_id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName",
            to_char(n.visit_date, 'YYYY-MM-DD') AS "visitDate", ${iso('n.created_at')} AS "createdAt", n.created_at AS sort_at
       FROM visit_notes n
       JOIN patients p ON p.practice_id = $1 AND p.id = n.patient_id
      WHERE n.practice_id = $1 AND n.author_id = $7::uuid AND n.status = 'draft'
        AND n.created_at < now() - make_interval(hours => (SELECT pr.unsigned_note_hours FROM practices pr WHERE pr.id = $1))
      ORDER BY n.created_at, n.id
      LIMIT $8),
   follow_up_spasms AS (
     SELECT f.id AS "followUpId", f.patient_id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName",
            to_char(f.spasm_on, 'YYYY-MM-DD') AS "spasmOn", f.months, f.answered_at AS sort_at
       FROM discharge_follow_ups f
       JOIN patients p ON p.practice_id = $1 AND p.id = f.patient_id AND p.archived_at IS NULL
      WHERE f.practice_id = $1 AND f.spasm_since AND f.episode_id IS NULL AND f.reviewed_at IS NULL
      ORDER BY f.answered_at, f.id
      LIMIT $3)
   SELECT (SELECT COALESCE(json_agg(a ORDER BY a.kind, a.position), '[]') FROM attention_rows a) AS attention,
          (SELECT COALESCE(json_agg(a ORDER BY a."createdAt" DESC, a."logId" DESC), '[]') FROM alerts a) AS alerts,
          (SELECT COALESCE(json_agg(${patientJson('op')} ORDER BY op.created_at DESC, op.id DESC), '[]') FROM on_plans op) AS "onPlans",
          (SELECT COALESCE(json_agg(ap ORDER BY ap.activated_at DESC NULLS FIRST), '[]') FROM active_plans ap) AS plans,
          (SELECT COALESCE(json_agg(w ORDER BY w.sort_on, w.sort_id), '[]') FROM window_logs w) AS "windowLogs",
          (SELECT COALESCE(json_agg(ll), '[]') FROM last_logs ll) AS "lastLogs",
          (SELECT COALESCE(json_agg(u ORDER BY u.sort_at, u.id), '[]') FROM unsigned_notes u) AS "unsignedNotes",
          (SELECT COALESCE(json_agg(f ORDER BY f.sort_at, f."followUpId"), '[]') FROM follow_up_spasms f) AS "followUpSpasms"`,
);

export interface TodayQuery {
  today: string;
  /** Rows per attention list (one more than shown, to tell whether it was cut). */
  take: number;
  /** First day of the adherence window, YYYY-MM-DD. */
  windowFrom: string;
  alertLimit: number;
  adherenceScanLimit: number;
  /** Whose unsigned drafts to list (a clinician), or null. */
  noteAuthorId: string | null;
  /** Unsigned drafts to fetch (one more than shown). */
  unsignedNoteLimit: number;
}

@Injectable()
export class TodayRepository {
  constructor(private readonly sql: Sql) {}

  async load(practiceId: string, q: TodayQuery): Promise<TodayRows> {
    return (await this.sql.one(TODAY, [practiceId, q.today, q.take, q.windowFrom, q.alertLimit, q.adherenceScanLimit, q.noteAuthorId, q.unsignedNoteLimit]))!;
  }
}
