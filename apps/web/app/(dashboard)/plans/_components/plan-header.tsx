import type { ReactNode } from 'react';
import type { Patient, Plan } from '@/lib/api/client';
import { Badge, PageHeader } from '@/components/ui';
import { PLAN_STATUS_LABELS, planStatusTone } from '@/lib/clinical-labels';

/** The heading of every plan page: title with its status, and the patient it belongs to. */
export function PlanHeader({
  plan,
  patient,
  title,
  subtitle,
  actions,
  back,
}: {
  plan: Plan;
  patient: Patient | null;
  title?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  back?: { href: string; label: string };
}) {
  const name = patient ? `${patient.firstName} ${patient.lastName}` : 'Patient';
  return (
    <PageHeader
      back={back ?? { href: `/patients/${plan.patientId}/plans`, label: `${name}’s plans` }}
      title={
        <span className="flex flex-wrap items-center gap-2">
          {title ?? plan.current.title}
          <Badge tone={planStatusTone(plan.status)}>{PLAN_STATUS_LABELS[plan.status]}</Badge>
        </span>
      }
      subtitle={subtitle}
      actions={actions}
    />
  );
}
