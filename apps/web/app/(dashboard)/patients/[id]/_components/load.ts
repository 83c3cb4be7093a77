import { cache } from 'react';
import { ApiError, type Me, ok, type Patient, serverApi } from '@/lib/api/server';
import { SEX_LABELS } from '@/lib/clinical-labels';
import { ageOn, formatDate } from '@/lib/format';

/**
 * The patient of a `/patients/[id]/...` page, or null when there is no such patient in the practice
 * (the API answers 404 for another practice's patient too, and 400 for an id that is not a UUID).
 * Fetched once per request, so a page and its metadata share one (audited) read.
 */
export const loadPatient = cache(async (id: string): Promise<Patient | null> => {
  try {
    return await ok((await serverApi()).GET('/api/patients/{id}', { params: { path: { id } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 400)) return null;
    throw error;
  }
});

/** Clinicians and admins see clinical records; reception sees demographics only (the API refuses them anyway). */
export function seesClinicalRecords(me: Me): boolean {
  return me.role === 'clinician' || me.role === 'admin';
}

export function fullName(patient: Pick<Patient, 'firstName' | 'lastName'>): string {
  return `${patient.firstName} ${patient.lastName}`;
}

/** "Aoife Brennan · 36 years (born 15 Jan 1990) · Female": who a clinical form is about, under its title. */
export function patientLine(patient: Patient): string {
  return `${fullName(patient)} · ${ageOn(patient.dateOfBirth)} years (born ${formatDate(patient.dateOfBirth)}) · ${SEX_LABELS[patient.sex]}`;
}
