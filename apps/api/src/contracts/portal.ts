/**
 * Answers of the patient portal (`/api/portal/*`: the patient's own plan page, opened from a share link) and of
 * the clinician's view of what patients log (`/api/patients/:id/logs`, `/adherence`, `/pain-alerts`), as plain
 * types shared with the dashboard and the patient page. The domain's result types (PainAlert, Adherence, ...) come
 * from `@upright/domain`.
 */
import type { Adherence, PainAlert, PainAlertReason, Side } from '@upright/domain';

export type { PainAlert, PainAlertReason } from '@upright/domain';

/** POST /api/portal/session: the link and birth year matched; the portal cookie is set. */
export interface PortalSessionOpened {
  patient: { firstName: string };
  planId: string;
}

/** One exercise as the patient page shows it: the dose of the plan and the library's instructions. */
export interface PortalExercise {
  exerciseCode: string;
  name: string;
  /** Plain sentences the patient follows. */
  steps: string[];
  sets: number;
  reps: number;
  holdSeconds: number | null;
  perSide: boolean;
  timesPerWeek: number;
  /** Only this side, for side-specific extras. */
  side: Side | null;
  /** The clinician's note on this exercise in the plan. */
  notes: string | null;
  regression: string;
  progression: string;
  safety: string;
}

export interface PortalPhase {
  key: string;
  title: string;
  startWeek: number;
  endWeek: number;
  goals: string[];
  /** The phase the patient is in today. */
  current: boolean;
  exercises: PortalExercise[];
}

export interface PortalPlan {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  startDate: string;
  versionNumber: number;
  /** YYYY-MM-DD, ascending. */
  reviewDates: string[];
  notes: string[];
  /** The latest-starting phase whose weeks contain today (clamped to the first and last phase); null without phases. */
  currentPhaseKey: string | null;
  phases: PortalPhase[];
}

export type PlanChangeKind = 'added' | 'removed' | 'dose_changed';

/** One change to the patient's exercises between two versions of the plan, in plain words. */
export interface PlanChange {
  kind: PlanChangeKind;
  exerciseCode: string;
  name: string;
  phaseKey: string;
  text: string;
}

/** What changed since the version the patient last saw through this link. */
export interface PlanChanges {
  sinceVersion: number;
  /** Empty when only the title, dates or notes changed. */
  items: PlanChange[];
}

/** GET /api/portal/plan */
export interface PortalPlanView {
  patient: { firstName: string };
  plan: PortalPlan;
  /** null on the first visit through this link and when the plan has not changed since the last one. */
  changes: PlanChanges | null;
}

/** A patient's log as the patient sees it. */
export interface PatientLogEntry {
  id: string;
  /** YYYY-MM-DD: the day the exercises were done. */
  date: string;
  planId: string;
  planVersion: number;
  completedExercises: string[];
  pain: number;
  difficulty: number;
  note: string | null;
  createdAt: string;
}

/** POST /api/portal/logs */
export interface PatientLogCreated {
  log: PatientLogEntry;
  /** The domain's pain alert for the clinician (pain >= 7, or 3+ points above the previous log); null when none. */
  painAlert: PainAlert | null;
  /** Gentle advice for the patient when the pain alert fired; null otherwise. */
  message: string | null;
}

/** GET /api/portal/logs: newest first, at most 100. */
export interface PatientLogList {
  items: PatientLogEntry[];
}

/** One access to the patient's record by someone at the practice. */
export interface AccessLogEntry {
  at: string;
  actorName: string | null;
  role: string | null;
  action: string;
  resourceType: string;
}

/** GET /api/portal/access-log: newest first, at most 100. */
export interface AccessLog {
  items: AccessLogEntry[];
}

/** A patient's log as the clinician sees it, with its pain alert state. */
export interface ClinicianPatientLog extends PatientLogEntry {
  patientId: string;
  /** Empty when the log raised no pain alert. */
  alertReasons: PainAlertReason[];
  alertAcknowledgedAt: string | null;
  alertAcknowledgedBy: string | null;
}

export interface ClinicianPatientLogPage {
  items: ClinicianPatientLog[];
  nextCursor: string | null;
}

/** An open pain alert: a log with alert reasons that no clinician has acknowledged yet. */
export interface PainAlertItem {
  logId: string;
  patientId: string;
  planId: string;
  /** YYYY-MM-DD of the log. */
  date: string;
  pain: number;
  difficulty: number;
  note: string | null;
  reasons: PainAlertReason[];
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface PainAlertList {
  items: PainAlertItem[];
}

/** Open pain alerts of one patient (what the Today page lists). */
export interface PatientPainAlerts {
  patientId: string;
  /** Newest first. */
  alerts: PainAlertItem[];
}

/**
 * GET /api/patients/:id/adherence: the domain's Adherence for the patient's active plan in the window.
 * Without an active plan, `planId` and `percent` are null and nothing is prescribed.
 */
export interface PatientAdherence extends Omit<Adherence, 'percent'> {
  planId: string | null;
  percent: number | null;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}
