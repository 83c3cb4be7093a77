/**
 * The API's answers as plain types, shared with the dashboard (`import type { ... } from '@upright/api/contracts'`).
 * The API's DTO classes implement these, so the two cannot drift apart.
 */

export type Role = 'admin' | 'clinician' | 'reception';
export type Sex = 'female' | 'male' | 'unspecified';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem document: every error of the API. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldError[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Me {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** timeZone: the practice's IANA time zone, what "today" means for its dates. */
  practice: { id: string; name: string; timeZone: string };
}

export interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: Sex;
  email: string | null;
  phone: string | null;
  notes: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Health {
  status: 'ok' | 'error';
  db: 'up' | 'down';
}

/** One row of the audit log, with the acting user's name when the actor is a staff member. */
export interface AuditEventView {
  id: string;
  at: string;
  practiceId: string;
  actorType: 'user' | 'patient' | 'system';
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  action: 'read' | 'create' | 'update' | 'archive' | 'login' | 'login_failed' | 'logout' | 'denied' | 'share' | 'revoke' | 'export';
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  /** For a read that listed patients (a list, a search, Today): the patients it showed. */
  patientIds: string[];
  outcome: string;
  ip: string | null;
  requestId: string | null;
}

/** One entry of a patient's clinical timeline (newest first). */
export interface TimelineEntry {
  kind: 'episode' | 'assessment' | 'plan' | 'outcome';
  id: string;
  /** The clinical date: onset / assessment / plan start / score date (YYYY-MM-DD). */
  date: string;
  recordedAt: string;
  title: string;
  /** A short line: category and urgency, findings count, plan status, score. */
  summary: string;
  status: string;
}

export interface Timeline {
  patientId: string;
  entries: TimelineEntry[];
  /** True when older records exist beyond the per-kind limit. */
  truncated: boolean;
}

export * from './patients.js';
export * from './users.js';
export * from './plans.js';
export * from './records.js';
export * from './portal.js';
export * from './today.js';
