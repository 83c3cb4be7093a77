import { iso } from '../database/sql.js';

/**
 * Everything Upright holds about one patient, as one row of JSON built by PostgreSQL: what the FHIR export turns
 * into resources. Dates are YYYY-MM-DD, timestamps ISO 8601 UTC; the JSON columns (measurements, report, phases,
 * answers, classification) are as the API stored them.
 */
export interface PatientRecord {
  patient: {
    id: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    sex: 'female' | 'male' | 'unspecified';
    email: string | null;
    phone: string | null;
    archivedAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
  episodes: EpisodeRecord[];
  assessments: AssessmentRecord[];
  plans: PlanRecord[];
  outcomes: OutcomeRecord[];
  appointments: AppointmentRecord[];
  notes: NoteRecord[];
  logs: LogRecord[];
}

export type RecordStatus = 'recorded' | 'entered_in_error';

export interface EpisodeRecord {
  id: string;
  onsetDate: string;
  recordedOn: string;
  trigger: string;
  episodesLast12Months: number;
  frequencyTrend: string;
  painNprs: number;
  painAreas: string[];
  redFlags: string[];
  notes: string | null;
  /** The domain's EpisodeClassification as stored (its redFlags screen gives the level and the reasons' words). */
  classification: { redFlags?: { level?: string; reasons?: { code: string; text: string }[] } } | null;
  category: string;
  urgency: string;
  reviewInDays: number;
  rulesetVersion: string;
  status: RecordStatus;
  statusReason: string | null;
  createdAt: string;
}

export interface AssessmentRecord {
  id: string;
  assessedOn: string;
  /** The domain's PosturalMeasurements, as entered. */
  measurements: Record<string, unknown>;
  /** The domain's PosturalReport. */
  report: { findings?: { code: string; severity: string; side?: string; text: string }[]; indices?: Record<string, number>; refer?: boolean } | null;
  notes: string | null;
  refer: boolean;
  rulesetVersion: string;
  status: RecordStatus;
  statusReason: string | null;
  createdAt: string;
}

export interface PlanExerciseRecord {
  exerciseCode: string;
  sets: number;
  reps: number;
  holdSeconds?: number;
  perSide: boolean;
  timesPerWeek: number;
  side?: 'left' | 'right';
  notes?: string;
}

export interface PlanPhaseRecord {
  key: string;
  title: string;
  startWeek: number;
  endWeek: number;
  goals?: string[];
  exercises: PlanExerciseRecord[];
}

export interface PlanVersionRecord {
  number: number;
  title: string;
  startDate: string;
  phases: PlanPhaseRecord[];
  reviewDates: string[];
  notes: string[];
  changeNote: string | null;
  createdAt: string;
}

export interface PlanRecord {
  id: string;
  episodeId: string | null;
  assessmentId: string | null;
  status: 'draft' | 'active' | 'completed' | 'entered_in_error';
  statusReason: string | null;
  currentVersion: number;
  activatedAt: string | null;
  createdAt: string;
  /** Oldest first. */
  versions: PlanVersionRecord[];
}

export interface OutcomeRecord {
  id: string;
  instrument: 'odi' | 'nprs' | 'rmdq' | 'psfs';
  recordedOn: string;
  answers: unknown;
  score: number;
  band: string | null;
  rulesetVersion: string;
  status: RecordStatus;
  statusReason: string | null;
  createdAt: string;
}

export interface AppointmentRecord {
  id: string;
  clinicianName: string;
  typeName: string;
  start: string;
  end: string;
  status: 'booked' | 'arrived' | 'completed' | 'cancelled' | 'no_show';
  cancelReason: string | null;
  episodeId: string | null;
  planId: string | null;
  note: string | null;
  createdAt: string;
}

export interface NoteRecord {
  id: string;
  appointmentId: string | null;
  episodeId: string | null;
  planId: string | null;
  planVersion: number | null;
  visitDate: string;
  templateName: string | null;
  sections: { subjective: string; objective: string; assessment: string; plan: string };
  status: 'draft' | 'signed' | 'entered_in_error';
  statusReason: string | null;
  authorName: string;
  signedAt: string | null;
  signedByName: string | null;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  addenda: { text: string; authorName: string; createdAt: string }[];
}

export interface LogRecord {
  id: string;
  planId: string;
  planVersion: number;
  date: string;
  completedExercises: string[];
  pain: number;
  difficulty: number;
  note: string | null;
  createdAt: string;
}

/**
 * The SELECT list of one patient's whole record, for a `patients p` row: the patient and, in correlated subqueries
 * along each table's (practice_id, patient_id, ...) index, every episode, assessment, plan with its versions, outcome
 * score, appointment (with its type's and clinician's names), visit note (with its addenda and the names of those who
 * wrote and signed) and diary log. Every join carries practice_id. One row per patient.
 */
export const PATIENT_RECORD_COLUMNS = `
  json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name, 'dateOfBirth', to_char(p.date_of_birth, 'YYYY-MM-DD'),
                    'sex', p.sex, 'email', p.email, 'phone', p.phone, 'archivedAt', ${iso('p.archived_at')},
                    'createdAt', ${iso('p.created_at')}, 'updatedAt', ${iso('p.updated_at')}) AS patient,
  (SELECT COALESCE(json_agg(json_build_object(
            'id', e.id, 'onsetDate', to_char(e.onset_date, 'YYYY-MM-DD'), 'recordedOn', to_char(e.recorded_on, 'YYYY-MM-DD'),
            'trigger', e.trigger, 'episodesLast12Months', e.episodes_last_12_months, 'frequencyTrend', e.frequency_trend,
            'painNprs', e.pain_nprs, 'painAreas', e.pain_areas, 'redFlags', e.red_flags, 'notes', e.notes, 'classification', e.classification,
            'category', e.category, 'urgency', e.urgency, 'reviewInDays', e.review_in_days, 'rulesetVersion', e.ruleset_version,
            'status', e.status, 'statusReason', e.status_reason, 'createdAt', ${iso('e.created_at')})
          ORDER BY e.created_at, e.id), '[]')
     FROM episodes e WHERE e.practice_id = p.practice_id AND e.patient_id = p.id) AS episodes,
  (SELECT COALESCE(json_agg(json_build_object(
            'id', a.id, 'assessedOn', to_char(a.assessed_on, 'YYYY-MM-DD'), 'measurements', a.measurements, 'report', a.report,
            'notes', a.notes, 'refer', a.refer, 'rulesetVersion', a.ruleset_version, 'status', a.status, 'statusReason', a.status_reason,
            'createdAt', ${iso('a.created_at')})
          ORDER BY a.assessed_on, a.id), '[]')
     FROM assessments a WHERE a.practice_id = p.practice_id AND a.patient_id = p.id) AS assessments,
  (SELECT COALESCE(json_agg(json_build_object(
            'id', pl.id, 'episodeId', pl.episode_id, 'assessmentId', pl.assessment_id, 'status', pl.status, 'statusReason', pl.status_reason,
            'currentVersion', pl.current_version, 'activatedAt', ${iso('pl.activated_at')}, 'createdAt', ${iso('pl.created_at')},
            'versions', (SELECT COALESCE(json_agg(json_build_object(
                                  'number', v.number, 'title', v.title, 'startDate', to_char(v.start_date, 'YYYY-MM-DD'), 'phases', v.phases,
                                  'reviewDates', v.review_dates, 'notes', v.notes, 'changeNote', v.change_note, 'createdAt', ${iso('v.created_at')})
                                ORDER BY v.number), '[]')
                           FROM plan_versions v WHERE v.practice_id = pl.practice_id AND v.plan_id = pl.id))
          ORDER BY pl.created_at, pl.id), '[]')
     FROM plans pl WHERE pl.practice_id = p.practice_id AND pl.patient_id = p.id) AS plans,
  (SELECT COALESCE(json_agg(json_build_object(
            'id', o.id, 'instrument', o.instrument, 'recordedOn', to_char(o.recorded_on, 'YYYY-MM-DD'), 'answers', o.answers, 'score', o.score,
            'band', o.band, 'rulesetVersion', o.ruleset_version, 'status', o.status, 'statusReason', o.status_reason,
            'createdAt', ${iso('o.created_at')})
          ORDER BY o.recorded_on, o.id), '[]')
     FROM outcome_scores o WHERE o.practice_id = p.practice_id AND o.patient_id = p.id) AS outcomes,
  (SELECT COALESCE(json_agg(json_build_object(
            'id', ap.id, 'clinicianName', cu.name, 'typeName', ty.name, 'start', ${iso('ap.start_at')}, 'end', ${iso('ap.end_at')},
            'status', ap.status, 'cancelReason', ap.cancel_reason, 'episodeId', ap.episode_id, 'planId', ap.plan_id, 'note', ap.note,
            'createdAt', ${iso('ap.created_at')})
          ORDER BY ap.start_at, ap.id), '[]')
     FROM appointments ap
     JOIN users cu ON cu.practice_id = ap.practice_id AND cu.id = ap.clinician_id
     JOIN appointment_types ty ON ty.practice_id = ap.practice_id AND ty.id = ap.type_id
    WHERE ap.practice_id = p.practice_id AND ap.patient_id = p.id) AS appointments,
  (SELECT COALESCE(json_agg(json_build_object(
            'id', n.id, 'appointmentId', n.appointment_id, 'episodeId', n.episode_id, 'planId', n.plan_id, 'planVersion', n.plan_version,
            'visitDate', to_char(n.visit_date, 'YYYY-MM-DD'), 'templateName', t.name,
            'sections', json_build_object('subjective', n.subjective, 'objective', n.objective, 'assessment', n.assessment, 'plan', n.plan),
            'status', n.status, 'statusReason', n.status_reason, 'authorName', au.name, 'signedAt', ${iso('n.signed_at')}, 'signedByName', si.name,
            'createdAt', ${iso('n.created_at')}, 'updatedAt', ${iso('n.updated_at')},
            'addenda', (SELECT COALESCE(json_agg(json_build_object('text', ad.text, 'authorName', aa.name, 'createdAt', ${iso('ad.created_at')})
                                         ORDER BY ad.created_at, ad.id), '[]')
                          FROM visit_note_addenda ad JOIN users aa ON aa.practice_id = ad.practice_id AND aa.id = ad.author_id
                         WHERE ad.practice_id = n.practice_id AND ad.note_id = n.id))
          ORDER BY n.created_at, n.id), '[]')
     FROM visit_notes n
     JOIN users au ON au.practice_id = n.practice_id AND au.id = n.author_id
     LEFT JOIN users si ON si.practice_id = n.practice_id AND si.id = n.signed_by
     LEFT JOIN note_templates t ON t.practice_id = n.practice_id AND t.id = n.template_id
    WHERE n.practice_id = p.practice_id AND n.patient_id = p.id) AS notes,
  (SELECT COALESCE(json_agg(json_build_object(
            'id', l.id, 'planId', l.plan_id, 'planVersion', l.plan_version, 'date', to_char(l.date, 'YYYY-MM-DD'),
            'completedExercises', l.completed_exercises, 'pain', l.pain, 'difficulty', l.difficulty, 'note', l.note,
            'createdAt', ${iso('l.created_at')})
          ORDER BY l.date, l.created_at, l.id), '[]')
     FROM patient_logs l WHERE l.practice_id = p.practice_id AND l.patient_id = p.id) AS logs`;
