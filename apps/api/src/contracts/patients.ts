/**
 * Patient demographics: the answers (re-exported from index.ts, where `Patient` is defined once) and the bodies
 * the dashboard sends to register or correct a patient.
 */
import type { Patient, Sex } from './index.js';

export type { Patient, Sex };

/** POST /api/patients */
export interface NewPatient {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, not in the future, not before 1900 */
  dateOfBirth: string;
  sex: Sex;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
}

/** PATCH /api/patients/:id (with If-Match): only the fields sent change; null clears email, phone or notes. */
export interface PatientChanges {
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  sex?: Sex;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
}
