/**
 * The API's answers for a patient's clinical records (episodes, postural assessments, outcome scores), as plain
 * types shared with the dashboard. The clinical results inside them are the domain's own types, imported from
 * `@upright/domain`, never re-declared here.
 */
import type {
  EpisodeClassification,
  FrequencyTrend,
  Instrument,
  OdiBand,
  OutcomeChange,
  PainArea,
  PosturalMeasurements,
  PosturalReport,
  PostureIndexChange,
  RedFlagCode,
  Trigger,
} from '@upright/domain';

/** A clinical record is never deleted: a mistake is marked `entered_in_error`, with the reason in `statusReason`. */
export type RecordStatus = 'recorded' | 'entered_in_error';

/** A back-spasm episode with the classification the server computed when it was recorded. */
export interface Episode {
  id: string;
  patientId: string;
  /** YYYY-MM-DD */
  onsetDate: string;
  /** YYYY-MM-DD: the day the facts were recorded; age and days since onset were computed on this day. */
  recordedOn: string;
  trigger: Trigger;
  episodesLast12Months: number;
  frequencyTrend: FrequencyTrend;
  painNprs: number;
  painAreas: PainArea[];
  redFlags: RedFlagCode[];
  notes: string | null;
  classification: EpisodeClassification;
  status: RecordStatus;
  statusReason: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

/** A postural symmetry assessment: what was measured and the report the server computed from it. */
export interface Assessment {
  id: string;
  patientId: string;
  /** YYYY-MM-DD */
  assessedOn: string;
  /** Only the measurements that were taken (untested ones are left out). */
  measurements: PosturalMeasurements;
  notes: string | null;
  report: PosturalReport;
  status: RecordStatus;
  statusReason: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

export interface AssessmentRef {
  id: string;
  /** YYYY-MM-DD */
  assessedOn: string;
}

/** How the postural indices moved from one assessment to another (the domain's `comparePosture`). */
export interface AssessmentComparison {
  before: AssessmentRef;
  after: AssessmentRef;
  changes: PostureIndexChange[];
}

/**
 * Answers of an outcome measure, by instrument: `odi` 10 section scores (0-5, `null` = unanswered);
 * `nprs` one integer 0-10; `rmdq` 24 yes/no answers; `psfs` 1-5 activity ratings 0-10.
 */
export type OutcomeAnswers = (number | null)[] | number | boolean[];

/** The change from the patient's first (baseline) score of the same instrument. */
export interface OutcomeChangeFromBaseline extends OutcomeChange {
  /** The first recorded score of this instrument. */
  baseline: number;
}

/** An outcome measure with the score the server computed. */
export interface OutcomeScore {
  id: string;
  patientId: string;
  instrument: Instrument;
  /** YYYY-MM-DD */
  recordedOn: string;
  answers: OutcomeAnswers;
  /** ODI percent, NPRS 0-10, RMDQ 0-24, PSFS mean 0-10. */
  score: number;
  /** The ODI band; `null` for the other instruments. */
  band: OdiBand | null;
  /** `null` for the baseline itself and for a score marked entered in error. */
  change: OutcomeChangeFromBaseline | null;
  /** The ruleset the score was computed with. */
  rulesetVersion: string;
  status: RecordStatus;
  statusReason: string | null;
  createdAt: string;
  createdBy: string;
}

/** A patient's outcome scores, oldest first (for charts); one answer holds at most 500. */
export interface OutcomeScoreList {
  items: OutcomeScore[];
  /** True when the patient has more scores than one answer holds (the oldest ones are returned). */
  truncated: boolean;
}
