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
  practice: { id: string; name: string };
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
