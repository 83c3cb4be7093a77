import { statement } from '../database/sql.js';
import type { PlanPhaseDto } from '../plans/dto/plan.dto.js';
import type { NoteSections } from './default-templates.js';

/** The most diary entries, open alerts and outcome scores one prefill reads (the newest ones). */
export const PREFILL_LIMITS = { logs: 1000, alerts: 50, outcomes: 100 } as const;

/**
 * What a new note starts from, as one statement returns it: the choices the client made (each checked: null when it is
 * not this patient's in this practice), and what Upright knows about the patient since the last note.
 */
export interface PrefillRow {
  template: { id: string; name: string; prompts: NoteSections; active: boolean } | null;
  appointment: { id: string; episodeId: string | null; localDate: string } | null;
  /** The episode asked for, when it is this patient's. */
  askedEpisode: { id: string } | null;
  /** The appointment's note (not entered in error), when it already has one. */
  existingNoteId: string | null;
  /** The visit date: the appointment's local date, else today in the practice's zone. */
  visitDate: string;
  /** The patient's latest note (not entered in error) dated before the visit date. */
  lastNote: { visitDate: string; planId: string | null; planVersion: number | null } | null;
  /** The episode the note treats: the one asked for, else the appointment's, else the latest recorded. */
  episode: {
    id: string;
    onsetDate: string;
    category: string;
    urgency: string;
    status: 'recorded' | 'entered_in_error';
    redFlagReasons: string[];
  } | null;
  /** The active plan, else the latest (not entered in error), with its current version. */
  plan: {
    id: string;
    status: string;
    versionNumber: number;
    title: string;
    startDate: string;
    changeNote: string | null;
    phases: PlanPhaseDto[];
  } | null;
  /** The phases of the plan version the last note was written against, when the plan has changed since. */
  seenPhases: PlanPhaseDto[] | null;
  /** prefillSince: the last note's visit date, else the active plan's start, else null; never after today. */
  since: string | null;
  logs: { date: string; completedExercises: string[]; pain: number; difficulty: number; note: string | null }[];
  openPainAlerts: { date: string; pain: number; reasons: string[] }[];
  outcomes: { instrument: 'odi' | 'nprs' | 'rmdq' | 'psfs'; recordedOn: string; score: number; firstScore: number; isFirst: boolean }[];
  assessment: { id: string; assessedOn: string; findings: { code: string; text: string }[] } | null;
  /** Names of the practice's own exercises in the plan versions above (built-in ones come from the domain). */
  exerciseNames: { code: string; name: string }[];
}

/**
 * Everything a new note's prefill needs, in ONE statement. $1 the practice, $2 the patient, $3 a template or null,
 * $4 an appointment or null, $5 an episode or null, $6 the practice's time zone, $7 today in that zone. Every table
 * is read by (practice_id, patient_id, ...) so the statement stays on one Citus node.
 */
export const PREFILL_FACTS = statement<PrefillRow>(
  'visit_note_prefill_facts',
  `WITH tpl AS (SELECT t.id, t.name, t.prompts, t.active FROM note_templates t WHERE t.practice_id = $1 AND t.id = $3::uuid),
        appt AS (SELECT a.id, a.episode_id, (a.start_at AT TIME ZONE $6::text)::date AS local_date
                   FROM appointments a WHERE a.practice_id = $1 AND a.patient_id = $2 AND a.id = $4::uuid),
        asked AS (SELECT e.id FROM episodes e WHERE e.practice_id = $1 AND e.patient_id = $2 AND e.id = $5::uuid),
        visit AS (SELECT COALESCE((SELECT local_date FROM appt), $7::date) AS day),
        last_note AS (
          SELECT n.visit_date, n.plan_id, n.plan_version FROM visit_notes n
           WHERE n.practice_id = $1 AND n.patient_id = $2 AND n.status <> 'entered_in_error' AND n.visit_date < (SELECT day FROM visit)
           ORDER BY n.visit_date DESC, n.created_at DESC, n.id DESC LIMIT 1),
        episode AS (
          SELECT e.id, e.onset_date, e.category, e.urgency, e.status, e.classification FROM episodes e
           WHERE e.practice_id = $1 AND e.patient_id = $2
             AND e.id = COALESCE((SELECT id FROM asked), (SELECT episode_id FROM appt),
                                 (SELECT l.id FROM episodes l WHERE l.practice_id = $1 AND l.patient_id = $2 AND l.status = 'recorded'
                                   ORDER BY l.created_at DESC, l.id DESC LIMIT 1))),
        plan AS (
          SELECT p.id, p.status::text AS status, p.current_version FROM plans p
           WHERE p.practice_id = $1 AND p.patient_id = $2 AND p.status <> 'entered_in_error'
           ORDER BY (p.status = 'active') DESC, p.created_at DESC, p.id DESC LIMIT 1),
        version AS (
          SELECT v.number, v.title, v.start_date, v.change_note, v.phases FROM plan_versions v
           WHERE v.practice_id = $1 AND v.plan_id = (SELECT id FROM plan) AND v.number = (SELECT current_version FROM plan)),
        seen AS (
          SELECT v.phases FROM plan_versions v, last_note l
           WHERE v.practice_id = $1 AND v.plan_id = l.plan_id AND v.number = l.plan_version
             AND l.plan_id = (SELECT id FROM plan) AND l.plan_version < (SELECT current_version FROM plan)),
        since AS (
          SELECT CASE WHEN found.day > $7::date THEN $7::date ELSE found.day END AS day
            FROM (SELECT COALESCE((SELECT visit_date FROM last_note),
                                  (SELECT v.start_date FROM version v WHERE (SELECT status FROM plan) = 'active')) AS day) found),
        logs AS (
          SELECT l.id, l.date, l.completed_exercises, l.pain, l.difficulty, l.note FROM patient_logs l
           WHERE l.practice_id = $1 AND l.patient_id = $2 AND l.date <= $7::date
             AND ((SELECT day FROM since) IS NULL OR l.date >= (SELECT day FROM since))
           ORDER BY l.date DESC, l.id DESC LIMIT ${PREFILL_LIMITS.logs}),
        alerts AS (
          SELECT l.id, l.date, l.pain, l.alert_reasons, l.created_at FROM patient_logs l
           WHERE l.practice_id = $1 AND l.patient_id = $2 AND cardinality(l.alert_reasons) > 0 AND l.alert_acknowledged_at IS NULL
           ORDER BY l.date DESC, l.created_at DESC LIMIT ${PREFILL_LIMITS.alerts}),
        firsts AS (
          SELECT DISTINCT ON (f.instrument) f.instrument, f.id, f.score FROM outcome_scores f
           WHERE f.practice_id = $1 AND f.patient_id = $2 AND f.status = 'recorded'
           ORDER BY f.instrument, f.recorded_on, f.created_at, f.id),
        outcomes AS (
          SELECT o.id, o.instrument, o.recorded_on, o.score, o.created_at FROM outcome_scores o
           WHERE o.practice_id = $1 AND o.patient_id = $2 AND o.status = 'recorded'
             AND ((SELECT day FROM since) IS NULL OR o.recorded_on >= (SELECT day FROM since))
           ORDER BY o.recorded_on DESC, o.created_at DESC LIMIT ${PREFILL_LIMITS.outcomes}),
        assessment AS (
          SELECT a.id, a.assessed_on, a.report FROM assessments a
           WHERE a.practice_id = $1 AND a.patient_id = $2 AND a.status = 'recorded'
           ORDER BY a.assessed_on DESC, a.created_at DESC, a.id DESC LIMIT 1),
        codes AS (
          SELECT DISTINCT x.entry ->> 'exerciseCode' AS code
            FROM (SELECT phases FROM version UNION ALL SELECT phases FROM seen) v,
                 jsonb_array_elements(v.phases) ph, jsonb_array_elements(ph.value -> 'exercises') AS x(entry))
   SELECT (SELECT json_build_object('id', id, 'name', name, 'prompts', prompts, 'active', active) FROM tpl) AS template,
          (SELECT json_build_object('id', id, 'episodeId', episode_id, 'localDate', to_char(local_date, 'YYYY-MM-DD')) FROM appt) AS appointment,
          (SELECT json_build_object('id', id) FROM asked) AS "askedEpisode",
          (SELECT n.id FROM visit_notes n WHERE n.practice_id = $1 AND n.appointment_id = $4::uuid AND n.status <> 'entered_in_error' LIMIT 1) AS "existingNoteId",
          (SELECT to_char(day, 'YYYY-MM-DD') FROM visit) AS "visitDate",
          (SELECT json_build_object('visitDate', to_char(visit_date, 'YYYY-MM-DD'), 'planId', plan_id, 'planVersion', plan_version) FROM last_note) AS "lastNote",
          (SELECT json_build_object('id', id, 'onsetDate', to_char(onset_date, 'YYYY-MM-DD'), 'category', category, 'urgency', urgency, 'status', status,
                                    'redFlagReasons', COALESCE((SELECT json_agg(r.value ->> 'code' ORDER BY r.n)
                                                                  FROM jsonb_array_elements(COALESCE(classification -> 'redFlags' -> 'reasons', '[]'::jsonb))
                                                                       WITH ORDINALITY AS r(value, n)), '[]'))
             FROM episode) AS episode,
          (SELECT json_build_object('id', p.id, 'status', p.status, 'versionNumber', v.number, 'title', v.title, 'startDate', to_char(v.start_date, 'YYYY-MM-DD'),
                                    'changeNote', v.change_note, 'phases', v.phases)
             FROM plan p, version v) AS plan,
          (SELECT phases FROM seen) AS "seenPhases",
          (SELECT to_char(day, 'YYYY-MM-DD') FROM since) AS since,
          (SELECT COALESCE(json_agg(json_build_object('date', to_char(date, 'YYYY-MM-DD'), 'completedExercises', completed_exercises, 'pain', pain,
                                                      'difficulty', difficulty, 'note', note) ORDER BY date, id), '[]') FROM logs) AS logs,
          (SELECT COALESCE(json_agg(json_build_object('date', to_char(date, 'YYYY-MM-DD'), 'pain', pain, 'reasons', alert_reasons)
                                    ORDER BY date, created_at, id), '[]') FROM alerts) AS "openPainAlerts",
          (SELECT COALESCE(json_agg(json_build_object('instrument', o.instrument, 'recordedOn', to_char(o.recorded_on, 'YYYY-MM-DD'), 'score', o.score,
                                                      'firstScore', f.score, 'isFirst', f.id = o.id) ORDER BY o.recorded_on, o.created_at, o.id), '[]')
             FROM outcomes o JOIN firsts f ON f.instrument = o.instrument) AS outcomes,
          (SELECT json_build_object('id', id, 'assessedOn', to_char(assessed_on, 'YYYY-MM-DD'),
                                    'findings', COALESCE((SELECT json_agg(json_build_object('code', f.value ->> 'code', 'text', f.value ->> 'text') ORDER BY f.n)
                                                            FROM jsonb_array_elements(COALESCE(report -> 'findings', '[]'::jsonb)) WITH ORDINALITY AS f(value, n)), '[]'))
             FROM assessment) AS assessment,
          (SELECT COALESCE(json_agg(json_build_object('code', e.code, 'name', e.name) ORDER BY e.code), '[]')
             FROM practice_exercises e WHERE e.practice_id = $1 AND e.code IN (SELECT code FROM codes)) AS "exerciseNames"`,
);
