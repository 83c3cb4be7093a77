import { Injectable } from '@nestjs/common';
import { addDays } from '@upright/domain';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import { Sql, statement, type Statement } from '../database/sql.js';
import type { PlanPhaseDto } from '../plans/dto/plan.dto.js';
import { ADHERENCE_DEFAULT_DAYS } from '../portal/clinician/patient-logs.service.js';

/**
 * The facts of the spasm cycle (clinical rules section 9) as the database holds them, read in ONE statement per
 * patient or per plan. The pure functions of `cycle-facts.ts` turn them into the domain's inputs.
 */

/** One entry of a patient's spasm history: a recorded episode, or a follow-up answered "yes, a spasm" not recorded as one. */
export interface HistoryEpisodeRow {
  id: string;
  /** YYYY-MM-DD */
  onsetDate: string;
  /** YYYY-MM-DD, null while open (always null for a follow-up). */
  resolvedOn: string | null;
  source: 'episode' | 'follow_up';
}

/** The plan a patient's history is told against: the active one, else the most recently completed one. */
export interface HistoryPlanRow {
  id: string;
  status: 'active' | 'completed';
  /** Version 1's start date (the plan start), YYYY-MM-DD. */
  startDate: string;
}

export interface PatientCycleFacts {
  /** False (and nothing audited) for a patient outside the practice. */
  found: boolean;
  /** Sorted by onset, then id. */
  episodes: HistoryEpisodeRow[];
  historyPlan: HistoryPlanRow | null;
}

/** A plan with its current version, as the cycle rules read it. */
export interface CyclePlanRow {
  id: string;
  patientId: string;
  status: 'draft' | 'active' | 'completed' | 'entered_in_error';
  /** Concurrency token (ETag). */
  version: number;
  currentVersion: number;
  title: string;
  /** The current version's start date, YYYY-MM-DD. */
  startDate: string;
  /** Version 1's start date: the plan start (planStartDate). */
  planStartDate: string;
  phases: PlanPhaseDto[];
  reviewDates: string[];
  notes: string[];
  episodeId: string | null;
  completedOn: string | null;
  dischargeReason: string | null;
  dischargedBy: string | null;
  /** The stored discharge snapshot (never recomputed), for a completed plan. */
  discharge: unknown;
  reachedMeaningfulChange: boolean | null;
  activatedBy: string | null;
  createdBy: string;
}

/** A log of the patient in the adherence window (the 28 days up to asOf), with what progression reads. */
export interface CycleLogRow {
  planId: string;
  /** YYYY-MM-DD */
  date: string;
  completedExercises: string[];
  pain: number;
  settledByNextMorning: boolean | null;
}

/** One instrument's first and latest recorded score (rule 6). */
export interface OutcomePairRow {
  instrument: 'odi' | 'rmdq' | 'nprs' | 'psfs';
  baseline: number;
  latest: number;
  /** YYYY-MM-DD */
  baselineOn: string;
  /** YYYY-MM-DD */
  latestOn: string;
}

export interface PlanCycleFacts {
  /** Null (and nothing audited) for a plan outside the practice. */
  plan: CyclePlanRow | null;
  /** The patient's spasm history entries, sorted by onset, then id. */
  episodes: HistoryEpisodeRow[];
  /** The patient's logs dated asOf-27..asOf (every plan's: adherence counts the patient's days), oldest first. */
  logs: CycleLogRow[];
  /** The patient's latest log date on or before asOf. */
  lastLogDate: string | null;
  /** A log of this plan with an alert no clinician has acknowledged. */
  openPainAlert: boolean;
  /** Per recorded instrument, in the order odi, rmdq, nprs, psfs. */
  outcomes: OutcomePairRow[];
  /** The patient's latest recorded episode (by onset_date, created_at). */
  latestEpisode: { id: string; redFlags: string[]; resolvedOn: string | null } | null;
  /** The practice's own exercises the plan names (built-in ones come from the domain). */
  ownExercises: { code: string; name: string; progression: string; regression: string }[];
}

/**
 * The SQL of a patient's spasm-history entries (`history` CTE): recorded episodes, and follow-ups answered with
 * spasm_since and no episode recorded from them. `$P` is the practice, `patient` the SQL naming the patient id.
 */
const historyCte = (practice: string, patient: string) => `history AS (
      SELECT e.id::text AS id, to_char(e.onset_date, 'YYYY-MM-DD') AS "onsetDate", to_char(e.resolved_on, 'YYYY-MM-DD') AS "resolvedOn",
             'episode' AS source, e.onset_date AS sort_on
        FROM episodes e
       WHERE e.practice_id = ${practice} AND e.patient_id = ${patient} AND e.status = 'recorded'
      UNION ALL
      SELECT f.id::text, to_char(f.spasm_on, 'YYYY-MM-DD'), NULL, 'follow_up', f.spasm_on
        FROM discharge_follow_ups f
       WHERE f.practice_id = ${practice} AND f.patient_id = ${patient} AND f.spasm_since AND f.episode_id IS NULL AND f.spasm_on IS NOT NULL)`;

const historyJson = `(SELECT COALESCE(json_agg(json_build_object('id', h.id, 'onsetDate', h."onsetDate", 'resolvedOn', h."resolvedOn", 'source', h.source)
                                 ORDER BY h.sort_on, h.id), '[]') FROM history h)`;

/** Placeholders of one variant: audited statements take the audit context as $1-$6, then their own parameters. */
interface Params {
  practice: string;
  subject: string;
  asOf: string;
}
const AUDITED: Params = { practice: '$1', subject: '$7::uuid', asOf: '$8::date' };
const PLAIN: Params = { practice: '$1::uuid', subject: '$2::uuid', asOf: '$3::date' };

function patientFactsSql({ practice, subject }: Params, audit: string | null): string {
  return `WITH patient AS (SELECT p.id FROM patients p WHERE p.practice_id = ${practice} AND p.id = ${subject}),
        ${audit ? `audited AS (${auditInsert('read', audit, 'patient', 'patient.id::text', 'patient.id')}),` : ''}
        ${historyCte(practice, '(SELECT id FROM patient)')},
        history_plan AS (
          SELECT pl.id, pl.status::text AS status, to_char(v.start_date, 'YYYY-MM-DD') AS "startDate"
            FROM plans pl
            JOIN plan_versions v ON v.practice_id = ${practice} AND v.plan_id = pl.id AND v.number = 1
           WHERE pl.practice_id = ${practice} AND pl.patient_id = (SELECT id FROM patient) AND pl.status IN ('active', 'completed')
           ORDER BY (pl.status = 'active') DESC, pl.completed_on DESC NULLS LAST, pl.updated_at DESC, pl.id DESC
           LIMIT 1)
   SELECT EXISTS (SELECT 1 FROM patient) AS found,
          ${historyJson} AS episodes,
          (SELECT json_build_object('id', id, 'status', status, 'startDate', "startDate") FROM history_plan) AS "historyPlan"`;
}

function planFactsSql({ practice, subject, asOf }: Params, audit: string | null): string {
  return `WITH plan_row AS (SELECT pl.* FROM plans pl WHERE pl.practice_id = ${practice} AND pl.id = ${subject}),
        ${audit ? `audited AS (${auditInsert('read', audit, 'plan_row', 'plan_row.id::text', 'plan_row.patient_id')}),` : ''}
        current_version AS (
          SELECT v.* FROM plan_versions v, plan_row pl WHERE v.practice_id = ${practice} AND v.plan_id = pl.id AND v.number = pl.current_version),
        first_version AS (
          SELECT v.start_date FROM plan_versions v, plan_row pl WHERE v.practice_id = ${practice} AND v.plan_id = pl.id AND v.number = 1),
        ${historyCte(practice, '(SELECT patient_id FROM plan_row)')},
        window_logs AS (
          SELECT l.id, l.plan_id, l.date, l.completed_exercises, l.pain, l.settled_by_next_morning
            FROM patient_logs l
           WHERE l.practice_id = ${practice} AND l.patient_id = (SELECT patient_id FROM plan_row)
             AND l.date BETWEEN ${asOf} - ${ADHERENCE_DEFAULT_DAYS - 1} AND ${asOf}),
        firsts AS (
          SELECT DISTINCT ON (o.instrument) o.instrument, o.score, o.recorded_on FROM outcome_scores o
           WHERE o.practice_id = ${practice} AND o.patient_id = (SELECT patient_id FROM plan_row) AND o.status = 'recorded'
           ORDER BY o.instrument, o.recorded_on, o.id),
        lasts AS (
          SELECT DISTINCT ON (o.instrument) o.instrument, o.score, o.recorded_on FROM outcome_scores o
           WHERE o.practice_id = ${practice} AND o.patient_id = (SELECT patient_id FROM plan_row) AND o.status = 'recorded'
           ORDER BY o.instrument, o.recorded_on DESC, o.id DESC),
        latest_episode AS (
          SELECT e.id, e.red_flags, e.resolved_on FROM episodes e
           WHERE e.practice_id = ${practice} AND e.patient_id = (SELECT patient_id FROM plan_row) AND e.status = 'recorded'
           ORDER BY e.onset_date DESC, e.created_at DESC, e.id DESC LIMIT 1),
        codes AS (
          SELECT DISTINCT x.entry ->> 'exerciseCode' AS code
            FROM current_version v, jsonb_array_elements(v.phases) ph, jsonb_array_elements(ph.value -> 'exercises') AS x(entry))
   SELECT (SELECT json_build_object(
             'id', pl.id, 'patientId', pl.patient_id, 'status', pl.status, 'version', pl.version, 'currentVersion', pl.current_version,
             'title', v.title, 'startDate', to_char(v.start_date, 'YYYY-MM-DD'), 'planStartDate', to_char(f.start_date, 'YYYY-MM-DD'),
             'phases', v.phases, 'reviewDates', v.review_dates, 'notes', v.notes, 'episodeId', pl.episode_id,
             'completedOn', to_char(pl.completed_on, 'YYYY-MM-DD'), 'dischargeReason', pl.discharge_reason, 'dischargedBy', pl.discharged_by,
             'discharge', pl.discharge, 'reachedMeaningfulChange', pl.reached_meaningful_change,
             'activatedBy', pl.activated_by, 'createdBy', pl.created_by)
             FROM plan_row pl, current_version v, first_version f) AS plan,
          ${historyJson} AS episodes,
          (SELECT COALESCE(json_agg(json_build_object('planId', l.plan_id, 'date', to_char(l.date, 'YYYY-MM-DD'), 'completedExercises', l.completed_exercises,
                                                      'pain', l.pain, 'settledByNextMorning', l.settled_by_next_morning) ORDER BY l.date, l.id), '[]')
             FROM window_logs l) AS logs,
          (SELECT to_char(max(l.date), 'YYYY-MM-DD') FROM patient_logs l
            WHERE l.practice_id = ${practice} AND l.patient_id = (SELECT patient_id FROM plan_row) AND l.date <= ${asOf}) AS "lastLogDate",
          EXISTS (SELECT 1 FROM patient_logs l
                   WHERE l.practice_id = ${practice} AND l.patient_id = (SELECT patient_id FROM plan_row) AND l.plan_id = (SELECT id FROM plan_row)
                     AND cardinality(l.alert_reasons) > 0 AND l.alert_acknowledged_at IS NULL) AS "openPainAlert",
          (SELECT COALESCE(json_agg(json_build_object('instrument', f.instrument, 'baseline', f.score, 'latest', l.score,
                                                      'baselineOn', to_char(f.recorded_on, 'YYYY-MM-DD'), 'latestOn', to_char(l.recorded_on, 'YYYY-MM-DD'))
                                    ORDER BY array_position(ARRAY['odi', 'rmdq', 'nprs', 'psfs'], f.instrument)), '[]')
             FROM firsts f JOIN lasts l ON l.instrument = f.instrument) AS outcomes,
          (SELECT json_build_object('id', id, 'redFlags', red_flags, 'resolvedOn', to_char(resolved_on, 'YYYY-MM-DD')) FROM latest_episode) AS "latestEpisode",
          (SELECT COALESCE(json_agg(json_build_object('code', e.code, 'name', e.name, 'progression', e.progression, 'regression', e.regression) ORDER BY e.code), '[]')
             FROM practice_exercises e WHERE e.practice_id = ${practice} AND e.code IN (SELECT code FROM codes)) AS "ownExercises"`;
}

/** The audit resource types a cycle read is recorded under. */
export type CyclePatientRead = 'spasm_history';
export type CyclePlanRead = 'progression' | 'discharge_review' | 'discharge_letter';

const PATIENT_FACTS = statement<PatientCycleFacts>('cycle_patient_facts', patientFactsSql(PLAIN, null));
const PATIENT_FACTS_AUDITED: Record<CyclePatientRead, Statement<PatientCycleFacts>> = {
  spasm_history: statement('cycle_patient_facts_spasm_history', patientFactsSql(AUDITED, 'spasm_history')),
};
const PLAN_FACTS = statement<PlanCycleFacts>('cycle_plan_facts', planFactsSql(PLAIN, null));
const PLAN_FACTS_AUDITED: Record<CyclePlanRead, Statement<PlanCycleFacts>> = {
  progression: statement('cycle_plan_facts_progression', planFactsSql(AUDITED, 'progression')),
  discharge_review: statement('cycle_plan_facts_discharge_review', planFactsSql(AUDITED, 'discharge_review')),
  discharge_letter: statement('cycle_plan_facts_discharge_letter', planFactsSql(AUDITED, 'discharge_letter')),
};

/**
 * Loads the spasm-cycle facts of one patient or one plan in ONE statement each, scoped to the practice. The
 * `audited` variants write their `read` audit row in the same statement (only when the patient or plan exists);
 * the plain ones audit nothing (for callers that write their own row, e.g. inside a write's transaction, or a page
 * that audits once for everything it shows).
 */
@Injectable()
export class CycleRepository {
  constructor(private readonly sql: Sql) {}

  async patientFacts(practiceId: string, patientId: string): Promise<PatientCycleFacts> {
    return (await this.sql.one(PATIENT_FACTS, [practiceId, patientId]))!;
  }

  async patientFactsAudited(audit: AuditContext, read: CyclePatientRead, patientId: string): Promise<PatientCycleFacts> {
    return (await this.sql.one(PATIENT_FACTS_AUDITED[read], [...auditValues(audit), patientId]))!;
  }

  async planFacts(practiceId: string, planId: string, asOf: string): Promise<PlanCycleFacts> {
    return (await this.sql.one(PLAN_FACTS, [practiceId, planId, asOf]))!;
  }

  async planFactsAudited(audit: AuditContext, read: CyclePlanRead, planId: string, asOf: string): Promise<PlanCycleFacts> {
    return (await this.sql.one(PLAN_FACTS_AUDITED[read], [...auditValues(audit), planId, asOf]))!;
  }
}

/** First day of the adherence window ending on asOf (rule 7's 28 days). */
export const adherenceFrom = (asOf: string) => addDays(asOf, -(ADHERENCE_DEFAULT_DAYS - 1));
