import { Injectable } from '@nestjs/common';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import { PrismaService, Tx } from '../database/prisma.service.js';
import { Sql, statement } from '../database/sql.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { PlanPhaseDto } from '../plans/dto/plan.dto.js';

/** What a discharge letter is made from, in one row (see DISCHARGE_LETTER). */
export interface DischargeLetterRow {
  plan: {
    id: string;
    patientId: string;
    status: string;
    completedOn: string | null;
    reason: string | null;
    discharge: unknown;
    title: string;
    phases: PlanPhaseDto[];
  } | null;
  practiceName: string;
  patient: { name: string; dateOfBirth: string } | null;
  clinicianName: string | null;
  episodes: { onsetDate: string; resolvedOn: string | null; category: string; trigger: string }[];
  assessment: { findings?: { text: string }[]; targets?: { code: string }[] } | null;
  ownExercises: { code: string; name: string }[];
}

/**
 * A completed plan's discharge letter facts and its audit row in ONE statement ($1-$6 the audit context, $7 the
 * plan): the plan with its current version, the practice, the patient, the discharging clinician, the patient's
 * recorded episodes, the latest recorded assessment's report, and the names of the practice's own exercises in the
 * version. The read is audited only for a discharged plan (nothing is shown otherwise).
 */
const DISCHARGE_LETTER = statement<DischargeLetterRow>(
  'cycle_discharge_letter',
  `WITH plan_row AS (SELECT pl.* FROM plans pl WHERE pl.practice_id = $1 AND pl.id = $7::uuid),
        letter_plan AS (SELECT * FROM plan_row WHERE status = 'completed' AND discharge IS NOT NULL),
        audited AS (${auditInsert('read', 'discharge_letter', 'letter_plan', 'letter_plan.id::text', 'letter_plan.patient_id')}),
        version AS (SELECT v.title, v.phases FROM plan_versions v, plan_row p WHERE v.practice_id = $1 AND v.plan_id = p.id AND v.number = p.current_version),
        codes AS (
          SELECT DISTINCT x.entry ->> 'exerciseCode' AS code
            FROM version v, jsonb_array_elements(v.phases) ph, jsonb_array_elements(ph.value -> 'exercises') AS x(entry))
   SELECT (SELECT json_build_object('id', p.id, 'patientId', p.patient_id, 'status', p.status, 'completedOn', to_char(p.completed_on, 'YYYY-MM-DD'),
                                    'reason', p.discharge_reason, 'discharge', p.discharge, 'title', v.title, 'phases', v.phases)
             FROM plan_row p, version v) AS plan,
          (SELECT pr.name FROM practices pr WHERE pr.id = $1) AS "practiceName",
          (SELECT json_build_object('name', pa.first_name || ' ' || pa.last_name, 'dateOfBirth', to_char(pa.date_of_birth, 'YYYY-MM-DD'))
             FROM patients pa WHERE pa.practice_id = $1 AND pa.id = (SELECT patient_id FROM plan_row)) AS patient,
          (SELECT u.name FROM users u WHERE u.practice_id = $1 AND u.id = (SELECT discharged_by FROM plan_row)) AS "clinicianName",
          (SELECT COALESCE(json_agg(json_build_object('onsetDate', to_char(e.onset_date, 'YYYY-MM-DD'), 'resolvedOn', to_char(e.resolved_on, 'YYYY-MM-DD'),
                                                      'category', e.category, 'trigger', e.trigger) ORDER BY e.onset_date, e.created_at, e.id), '[]')
             FROM episodes e WHERE e.practice_id = $1 AND e.patient_id = (SELECT patient_id FROM plan_row) AND e.status = 'recorded') AS episodes,
          (SELECT a.report FROM assessments a
            WHERE a.practice_id = $1 AND a.patient_id = (SELECT patient_id FROM plan_row) AND a.status = 'recorded'
            ORDER BY a.assessed_on DESC, a.created_at DESC, a.id DESC LIMIT 1) AS assessment,
          (SELECT COALESCE(json_agg(json_build_object('code', e.code, 'name', e.name) ORDER BY e.code), '[]')
             FROM practice_exercises e WHERE e.practice_id = $1 AND e.code IN (SELECT code FROM codes)) AS "ownExercises"`,
);

/** One clinician's discharged plans, counted by what is known of each (see PRACTICE_OUTCOMES). */
export interface OutcomeCountsRow {
  clinicianId: string;
  name: string | null;
  cases: number;
  reachedYes: number;
  reachedNo: number;
  recurredYes: number;
  recurredNo: number;
}

/**
 * The practice's discharged plans (status completed, with a completion day) per clinician (who activated the plan,
 * else who created it), counted in SQL, with the audit row, in ONE statement ($1-$6 the audit context, $7 asOf).
 * Recurrence within 12 months of a plan: yes when the patient has a recorded episode, or a follow-up answered yes,
 * with its onset in (completedOn, completedOn + 365]; else no when the plan's 12-month follow-up was answered no or
 * the 12 months have passed; else unknown.
 */
const PRACTICE_OUTCOMES = statement<OutcomeCountsRow>(
  'cycle_practice_outcomes',
  `WITH one AS (SELECT 1),
        audited AS (${auditInsert('read', 'practice_outcomes', 'one', 'NULL', 'NULL')}),
        cases AS (
          SELECT COALESCE(pl.activated_by, pl.created_by) AS clinician_id, pl.reached_meaningful_change AS reached,
                 CASE WHEN EXISTS (SELECT 1 FROM episodes e
                                    WHERE e.practice_id = $1 AND e.patient_id = pl.patient_id AND e.status = 'recorded'
                                      AND e.onset_date > pl.completed_on AND e.onset_date <= pl.completed_on + 365)
                        OR EXISTS (SELECT 1 FROM discharge_follow_ups f
                                    WHERE f.practice_id = $1 AND f.patient_id = pl.patient_id AND f.spasm_since
                                      AND f.spasm_on > pl.completed_on AND f.spasm_on <= pl.completed_on + 365) THEN true
                      WHEN EXISTS (SELECT 1 FROM discharge_follow_ups f
                                    WHERE f.practice_id = $1 AND f.plan_id = pl.id AND f.months = 12 AND f.spasm_since = false)
                        OR $7::date > pl.completed_on + 365 THEN false
                 END AS recurred
            FROM plans pl
           WHERE pl.practice_id = $1 AND pl.status = 'completed' AND pl.completed_on IS NOT NULL)
   SELECT c.clinician_id::text AS "clinicianId", u.name, count(*)::int AS cases,
          (count(*) FILTER (WHERE c.reached))::int AS "reachedYes", (count(*) FILTER (WHERE NOT c.reached))::int AS "reachedNo",
          (count(*) FILTER (WHERE c.recurred))::int AS "recurredYes", (count(*) FILTER (WHERE NOT c.recurred))::int AS "recurredNo"
     FROM cases c
     LEFT JOIN users u ON u.practice_id = $1 AND u.id = c.clinician_id
    GROUP BY c.clinician_id, u.name
    ORDER BY u.name, c.clinician_id`,
);

export interface DischargeWrite {
  completedOn: Date;
  reason: string;
  dischargedBy: string;
  snapshot: Prisma.InputJsonObject;
  reachedMeaningfulChange: boolean | null;
}

/** Reads and writes of the discharge and its follow-ups. Every query is scoped by practice_id. */
@Injectable()
export class DischargeRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Sql,
  ) {}

  async letterAudited(audit: AuditContext, planId: string): Promise<DischargeLetterRow> {
    return (await this.sql.one(DISCHARGE_LETTER, [...auditValues(audit), planId]))!;
  }

  outcomesAudited(audit: AuditContext, asOf: string): Promise<OutcomeCountsRow[]> {
    return this.sql.rows(PRACTICE_OUTCOMES, [...auditValues(audit), asOf]);
  }

  /** Active -> completed with the discharge, only while the plan is still active at `expected`; bumps the version. */
  async discharge(tx: Tx, practiceId: string, planId: string, expected: number, d: DischargeWrite): Promise<boolean> {
    const { count } = await tx.plan.updateMany({
      where: { practiceId, id: planId, version: expected, status: 'active' },
      data: {
        status: 'completed',
        completedOn: d.completedOn,
        dischargeReason: d.reason,
        dischargedBy: d.dischargedBy,
        discharge: d.snapshot,
        reachedMeaningfulChange: d.reachedMeaningfulChange,
        version: { increment: 1 },
      },
    });
    return count === 1;
  }

  async createFollowUps(tx: Tx, practiceId: string, followUps: { id: string; patientId: string; planId: string; months: number; dueOn: Date }[]) {
    await tx.dischargeFollowUp.createMany({ data: followUps.map((f) => ({ ...f, practiceId })) });
  }

  findFollowUp(practiceId: string, id: string, db: Tx | PrismaService = this.prisma) {
    return db.dischargeFollowUp.findUnique({ where: { practiceId_id: { practiceId, id } } });
  }

  /** The recorded episode, only when it is this patient's in this practice. */
  findRecordedEpisode(practiceId: string, patientId: string, id: string) {
    return this.prisma.episode.findFirst({ where: { practiceId, patientId, id, status: 'recorded' }, select: { id: true } });
  }

  markFollowUpReviewed(tx: Tx, practiceId: string, id: string, by: string, episodeId: string | null) {
    return tx.dischargeFollowUp.update({
      where: { practiceId_id: { practiceId, id } },
      data: { reviewedAt: new Date(), reviewedBy: by, ...(episodeId ? { episodeId } : {}) },
    });
  }
}
