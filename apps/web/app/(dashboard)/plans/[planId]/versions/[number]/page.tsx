import type { Metadata } from 'next';
import { PlanView } from '@/components/plan-builder/plan-view';
import { EmptyState, TextLink } from '@/components/ui';
import { ApiError, ok, type PlanVersionDetail, requireMe, serverApi } from '@/lib/api/server';
import { formatDate } from '@/lib/format';
import { loadPatient, seesClinicalRecords } from '../../../../patients/[id]/_components/load';
import { loadLibrary, loadPlan } from '../../../_components/load';
import { PlanNotFound, PlansAreClinical } from '../../../_components/not-found';
import { PlanHeader } from '../../../_components/plan-header';

export const metadata: Metadata = { title: 'Plan version' };

async function loadVersion(planId: string, number: string): Promise<PlanVersionDetail | null> {
  if (!/^\d{1,6}$/.test(number)) return null;
  try {
    return await ok((await serverApi()).GET('/api/plans/{planId}/versions/{number}', { params: { path: { planId, number: Number(number) } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 400)) return null;
    throw error;
  }
}

export default async function PlanVersionPage({ params }: { params: Promise<{ planId: string; number: string }> }) {
  const { planId, number } = await params;
  const me = await requireMe();
  if (!seesClinicalRecords(me)) return <PlansAreClinical />;
  const plan = await loadPlan(planId);
  if (!plan) return <PlanNotFound />;
  const [patient, library, version] = await Promise.all([loadPatient(plan.patientId), loadLibrary(), loadVersion(plan.id, number)]);
  const back = { href: `/plans/${plan.id}`, label: 'Current version' };
  if (!version) {
    return (
      <div>
        <PlanHeader plan={plan} patient={patient} back={back} />
        <EmptyState title={`This plan has no version ${number}`}>
          It has {plan.currentVersion} version{plan.currentVersion === 1 ? '' : 's'}.
        </EmptyState>
      </div>
    );
  }
  const current = version.number === plan.currentVersion;
  return (
    <div>
      <PlanHeader
        plan={plan}
        patient={patient}
        back={back}
        title={version.title}
        subtitle={
          <>
            Version {version.number} of {plan.currentVersion} · made {formatDate(version.createdAt)} · starts {formatDate(version.startDate)}
          </>
        }
      />
      <div role="note" className="mb-6 rounded-lg border border-slate-200 bg-slate-100 px-4 py-3 text-sm text-slate-800" data-testid="read-only-note">
        <p className="font-semibold">
          Read-only: version {version.number}
          {current ? ' (the current version)' : ''}
        </p>
        {!current && (
          <p className="mt-0.5">
            This is how the plan was before a later change. <TextLink href={`/plans/${plan.id}`}>See the current version ({plan.currentVersion})</TextLink>.
          </p>
        )}
        {version.changeNote && <p className="mt-0.5">Change note: {version.changeNote}</p>}
      </div>
      <PlanView phases={version.phases} notes={version.notes} reviewDates={version.reviewDates} library={library} />
    </div>
  );
}
