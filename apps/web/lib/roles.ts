import type { Role } from '@/lib/api/client';

/** Staff roles in words, wherever the dashboard names one. */
export const ROLE_LABELS: Record<Role, string> = { admin: 'Administrator', clinician: 'Clinician', reception: 'Reception' };

/** What each role may do, in one line, under the role choice. */
export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Everything, plus staff accounts and the audit log.',
  clinician: 'Patients and all their clinical records.',
  reception: 'Patient registration and details only; no clinical records.',
};

export const ROLE_OPTIONS = Object.keys(ROLE_LABELS) as Role[];
