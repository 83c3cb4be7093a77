import { Injectable } from '@nestjs/common';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import { iso, Sql, statement } from '../database/sql.js';

/** Records per kind on one timeline; older ones are reached through each kind's own paginated list. */
export const TIMELINE_LIMIT_PER_KIND = 100;

export interface TimelineRows {
  found: boolean;
  episodes: { id: string; date: string; recordedAt: string; category: string; urgency: string; painNprs: number; reviewInDays: number; status: string }[];
  assessments: { id: string; date: string; recordedAt: string; findings: number; targets: number; refer: boolean; status: string }[];
  plans: { id: string; date: string; recordedAt: string; title: string | null; currentVersion: number; status: string }[];
  outcomes: { id: string; date: string; recordedAt: string; instrument: string; score: number; band: string | null; status: string }[];
  notes: {
    id: string;
    date: string;
    recordedAt: string;
    status: string;
    templateName: string | null;
    authorName: string;
    signedByName: string | null;
    signedAt: string | null;
  }[];
}

const take = TIMELINE_LIMIT_PER_KIND + 1;

/**
 * A patient's whole timeline and its audit row in ONE statement ($1-$6 the audit context, $7 the patient id): up
 * to TIMELINE_LIMIT_PER_KIND + 1 newest records of each kind, each kind from its (practice_id, patient_id, ...)
 * index, the plans with their current version's title and start, the visit notes with their template's, author's
 * and signer's names. `found` is false (and nothing is audited) for a
 * patient outside the practice.
 */
const TIMELINE = statement<TimelineRows>(
  'patient_timeline',
  `WITH patient AS (SELECT p.id FROM patients p WHERE p.practice_id = $1 AND p.id = $7),
        audited AS (${auditInsert('read', 'timeline', 'patient', 'patient.id::text', 'patient.id')}),
        e AS (SELECT e.id, to_char(e.onset_date, 'YYYY-MM-DD') AS date, ${iso('e.created_at')} AS "recordedAt", e.category, e.urgency,
                     e.pain_nprs AS "painNprs", e.review_in_days AS "reviewInDays", e.status::text AS status, e.created_at AS sort_at
                FROM episodes e WHERE e.practice_id = $1 AND e.patient_id = $7
               ORDER BY e.created_at DESC, e.id DESC LIMIT ${take}),
        a AS (SELECT a.id, to_char(a.assessed_on, 'YYYY-MM-DD') AS date, ${iso('a.created_at')} AS "recordedAt",
                     COALESCE(jsonb_array_length(a.report -> 'findings'), 0) AS findings, COALESCE(jsonb_array_length(a.report -> 'targets'), 0) AS targets,
                     a.refer, a.status::text AS status, a.assessed_on AS sort_on, a.id AS sort_id
                FROM assessments a WHERE a.practice_id = $1 AND a.patient_id = $7
               ORDER BY a.assessed_on DESC, a.id DESC LIMIT ${take}),
        pl AS (SELECT p.id, to_char(COALESCE(v.start_date, (p.created_at AT TIME ZONE 'UTC')::date), 'YYYY-MM-DD') AS date,
                      ${iso('p.created_at')} AS "recordedAt", v.title, p.current_version AS "currentVersion", p.status::text AS status,
                      p.created_at AS sort_at
                 FROM (SELECT * FROM plans p WHERE p.practice_id = $1 AND p.patient_id = $7 ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}) p
                 LEFT JOIN plan_versions v ON v.practice_id = $1 AND v.plan_id = p.id AND v.number = p.current_version),
        o AS (SELECT o.id, to_char(o.recorded_on, 'YYYY-MM-DD') AS date, ${iso('o.created_at')} AS "recordedAt", o.instrument,
                     o.score, o.band, o.status::text AS status, o.recorded_on AS sort_on, o.id AS sort_id
                FROM outcome_scores o WHERE o.practice_id = $1 AND o.patient_id = $7
               ORDER BY o.recorded_on DESC, o.id DESC LIMIT ${take}),
        n AS (SELECT n.id, to_char(n.visit_date, 'YYYY-MM-DD') AS date, ${iso('n.created_at')} AS "recordedAt", n.status::text AS status,
                     t.name AS "templateName", au.name AS "authorName", si.name AS "signedByName", ${iso('n.signed_at')} AS "signedAt",
                     n.visit_date AS sort_on, n.created_at AS sort_at
                FROM (SELECT * FROM visit_notes n WHERE n.practice_id = $1 AND n.patient_id = $7 ORDER BY n.created_at DESC, n.id DESC LIMIT ${take}) n
                JOIN users au ON au.practice_id = $1 AND au.id = n.author_id
                LEFT JOIN users si ON si.practice_id = $1 AND si.id = n.signed_by
                LEFT JOIN note_templates t ON t.practice_id = $1 AND t.id = n.template_id)
   SELECT EXISTS (SELECT 1 FROM patient) AS found,
          (SELECT COALESCE(json_agg(e ORDER BY e.sort_at DESC, e.id DESC), '[]') FROM e) AS episodes,
          (SELECT COALESCE(json_agg(a ORDER BY a.sort_on DESC, a.sort_id DESC), '[]') FROM a) AS assessments,
          (SELECT COALESCE(json_agg(pl ORDER BY pl.sort_at DESC, pl.id DESC), '[]') FROM pl) AS plans,
          (SELECT COALESCE(json_agg(o ORDER BY o.sort_on DESC, o.sort_id DESC), '[]') FROM o) AS outcomes,
          (SELECT COALESCE(json_agg(n ORDER BY n.sort_at DESC, n.id DESC), '[]') FROM n) AS notes`,
);

@Injectable()
export class TimelineRepository {
  constructor(private readonly sql: Sql) {}

  async loadAudited(audit: AuditContext, patientId: string): Promise<TimelineRows> {
    return (await this.sql.one(TIMELINE, [...auditValues(audit), patientId]))!;
  }
}
