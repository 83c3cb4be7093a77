import type { Metadata } from 'next';
import { EmptyState, ButtonLink } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { loadPatient, seesClinicalRecords } from '../../../patients/[id]/_components/load';
import { loadLibrary, loadPlan } from '../../_components/load';
import { PlanNotFound, PlansAreClinical } from '../../_components/not-found';
import { PlanHeader } from '../../_components/plan-header';
import { EditPlan } from './edit-plan';

export const metadata: Metadata = { title: 'Edit plan' };

export default async function EditPlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const me = await requireMe();
  if (!seesClinicalRecords(me)) return <PlansAreClinical />;
  const plan = await loadPlan(planId);
  if (!plan) return <PlanNotFound />;
  const [patient, library] = await Promise.all([loadPatient(plan.patientId), loadLibrary()]);
  const back = { href: `/plans/${plan.id}`, label: 'Back to the plan' };

  if (plan.status !== 'draft' && plan.status !== 'active') {
    return (
      <div>
        <PlanHeader plan={plan} patient={patient} back={back} title="Edit plan" />
        <EmptyState title="This plan can no longer be changed" action={<ButtonLink href={`/plans/${plan.id}`}>Back to the plan</ButtonLink>}>
          Completed plans and plans entered in error are kept as they were. Draft a new plan instead.
        </EmptyState>
      </div>
    );
  }
  return (
    <div>
      <PlanHeader plan={plan} patient={patient} back={back} title={`Edit: ${plan.current.title}`} subtitle={`Version ${plan.currentVersion}`} />
      {/* A new read (after a reload) starts a fresh form from that version. */}
      <EditPlan key={plan.version} plan={plan} library={library} />
    </div>
  );
}
