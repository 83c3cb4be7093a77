import { ButtonLink, EmptyState } from '@/components/ui';

export function PlanNotFound() {
  return (
    <EmptyState page title="Plan not found" action={<ButtonLink href="/patients">Back to patients</ButtonLink>}>
      This plan does not exist in your practice. The link may be old or mistyped.
    </EmptyState>
  );
}

/** Shown to reception, who may not see plans (the API refuses them too). */
export function PlansAreClinical() {
  return (
    <EmptyState page title="Plans are for clinicians" action={<ButtonLink href="/patients">Back to patients</ButtonLink>}>
      Your role can see and update a patient’s details, but not their exercise plans.
    </EmptyState>
  );
}
