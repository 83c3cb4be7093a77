import { ButtonLink, EmptyState } from '@/components/ui';

/** Shown for an unknown patient id (or one from another practice: the API does not say which). */
export function PatientNotFound() {
  return (
    <EmptyState page title="Patient not found" action={<ButtonLink href="/patients">Back to patients</ButtonLink>}>
      This patient does not exist in your practice. The link may be old or mistyped.
    </EmptyState>
  );
}

/** Shown to reception on a clinical page they opened by its address. */
export function ClinicalOnly({ patientId }: { patientId: string }) {
  return (
    <EmptyState page title="Clinical records are for clinicians" action={<ButtonLink href={`/patients/${patientId}`}>Back to the patient</ButtonLink>}>
      Your role can see and update a patient’s details, but not their clinical records.
    </EmptyState>
  );
}
