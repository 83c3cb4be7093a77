/**
 * Answers of the exercise library, plan suggestion, plans (with versions) and share-link routes, as plain types
 * shared with the dashboard. The domain's own result types (PlanDraft, PlanExercise, ...) come from
 * `@upright/domain`; the types here only widen them where a practice may add its own exercises.
 */
import type { ExerciseDose, PlanDraft, PlanExercise, PlanPhase, TargetCode } from '@upright/domain';

export type { PlanDraft } from '@upright/domain';

/** GET /api/patients/:id/plan-suggestion: the domain's PlanDraft and the records it was drafted from. */
export interface PlanSuggestion extends PlanDraft {
  episodeId: string;
  /** The assessment whose targets personalised it; null when none was asked for. */
  assessmentId: string | null;
}

/** A dose as the library gives it: the built-in ones may carry a `notes` on how to build up. */
export type LibraryDose = ExerciseDose;

/** One exercise of the library: built in (`@upright/domain`'s EXERCISES) or added by the practice. */
export interface LibraryExercise {
  /** snake_case; unique across the built-in library and the practice's own. */
  code: string;
  name: string;
  targets: TargetCode[];
  defaultDose: LibraryDose;
  steps: string[];
  regression: string;
  progression: string;
  safety: string;
  builtIn: boolean;
}

export interface ExerciseList {
  items: LibraryExercise[];
}

/** An exercise in a plan's phase: the domain's PlanExercise, but the code may also be one of the practice's own. */
export type PlanExerciseEntry = Omit<PlanExercise, 'exerciseCode'> & { exerciseCode: string };

/** A phase of a plan: the domain's PlanPhase, with a free key (clinicians may add their own phases). */
export type PlanPhaseEntry = Omit<PlanPhase, 'key' | 'exercises'> & { key: string; exercises: PlanExerciseEntry[] };

export type PlanStatus = 'draft' | 'active' | 'completed' | 'entered_in_error';

/** A version of a plan without its content: what lists show. */
export interface PlanVersionSummary {
  number: number;
  title: string;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD, ascending. */
  reviewDates: string[];
  changeNote: string | null;
  createdAt: string;
  createdBy: string;
}

/** One version of a plan with its content. */
export interface PlanVersionDetail extends PlanVersionSummary {
  phases: PlanPhaseEntry[];
  notes: string[];
}

interface PlanBase {
  id: string;
  patientId: string;
  status: PlanStatus;
  statusReason: string | null;
  /** Number of the version in force (the latest). */
  currentVersion: number;
  /** Concurrency token: send it back in If-Match to change the plan. */
  version: number;
  episodeId: string | null;
  assessmentId: string | null;
  /** The episode's category when the plan was made from an episode. */
  category: string | null;
  rulesetVersion: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
  /** Why the plan was activated although the latest episode was a referral. */
  overrideReason: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** A plan with the full content of its current version. */
export interface Plan extends PlanBase {
  current: PlanVersionDetail;
}

/** A plan in a list: its current version without the phases. */
export interface PlanListItem extends PlanBase {
  current: PlanVersionSummary;
}

export interface PlanPage {
  items: PlanListItem[];
  nextCursor: string | null;
}

export interface PlanVersionPage {
  items: PlanVersionSummary[];
  nextCursor: string | null;
}

/** The one time a share link's token is visible: right after it is made. */
export interface CreatedShareLink {
  linkId: string;
  /** `<web origin>/p/<token>` */
  url: string;
  expiresAt: string;
}

export type ShareLinkState = 'active' | 'expired' | 'revoked' | 'locked';

/** A share link as the clinician sees it later (never with its token). */
export interface ShareLinkInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lockedAt: string | null;
  failedAttempts: number;
  lastOpenedAt: string | null;
  state: ShareLinkState;
}

export interface ShareLinkList {
  items: ShareLinkInfo[];
}
