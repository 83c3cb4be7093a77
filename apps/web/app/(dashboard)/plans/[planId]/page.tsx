import type { Metadata } from 'next';
import Link from 'next/link';
import { PlanView } from '@/components/plan-builder/plan-view';
import { ButtonLink, Card, TextLink } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { CATEGORY_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { loadPatient, seesClinicalRecords } from '../../patients/[id]/_components/load';
import { loadLibrary, loadPlan } from '../_components/load';
import { PlanNotFound, PlansAreClinical } from '../_components/not-found';
import { PlanHeader } from '../_components/plan-header';
import { ActivatePlan } from './activate-plan';
import { DischargedNotice, DischargePanel } from './discharge-panel';
import { ProgressionPanel } from './progression-panel';
import { SharePanel } from './share-panel';

export async function generateMetadata({ params }: { params: Promise<{ planId: string }> }): Promise<Metadata> {
  const me = await requireMe();
  if (!seesClinicalRecords(me)) return { title: 'Plan' };
  const plan = await loadPlan((await params).planId);
  return { title: plan ? plan.current.title : 'Plan not found' };
}

export default async function PlanDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<{ created?: string; saved?: string; activated?: string; progressed?: string; discharged?: string }>;
}) {
  const [{ planId }, flags] = await Promise.all([params, searchParams]);
  const me = await requireMe();
  if (!seesClinicalRecords(me)) return <PlansAreClinical />;
  const plan = await loadPlan(planId);
  if (!plan) return <PlanNotFound />;
  const api = await serverApi();
  const active = plan.status === 'active';
  const [patient, library, versions, shares, patientPlans, progression, review] = await Promise.all([
    loadPatient(plan.patientId),
    loadLibrary(),
    ok(api.GET('/api/plans/{planId}/versions', { params: { path: { planId: plan.id }, query: { limit: 100 } } })),
    ok(api.GET('/api/plans/{planId}/share', { params: { path: { planId: plan.id } } })),
    plan.status === 'draft'
      ? ok(api.GET('/api/patients/{id}/plans', { params: { path: { id: plan.patientId }, query: { limit: 100 } } }))
      : Promise.resolve(null),
    active ? ok(api.GET('/api/plans/{planId}/progression', { params: { path: { planId: plan.id } } })) : Promise.resolve(null),
    active || plan.status === 'completed'
      ? ok(api.GET('/api/plans/{planId}/discharge-review', { params: { path: { planId: plan.id } } }))
      : Promise.resolve(null),
  ]);
  const v = plan.current;
  const editable = plan.status === 'draft' || active;
  const phaseTitles = Object.fromEntries(v.phases.map((p) => [p.key, p.title]));
  // The first version's start: discharge cannot come before the plan began.
  const firstStart = versions.items.find((ver) => ver.number === 1)?.startDate ?? v.startDate;
  const otherActive = patientPlans?.items.find((p) => p.status === 'active' && p.id !== plan.id);

  return (
    <div>
      <PlanHeader
        plan={plan}
        patient={patient}
        subtitle={
          <>
            {patient && (
              <>
                <TextLink href={`/patients/${patient.id}`}>
                  {patient.firstName} {patient.lastName}
                </TextLink>{' '}
                ·{' '}
              </>
            )}
            <span data-testid="plan-version">Version {plan.currentVersion}</span> · starts {formatDate(v.startDate)}
          </>
        }
        actions={
          <>
            {editable && <ButtonLink href={`/plans/${plan.id}/edit`}>Edit plan</ButtonLink>}
            {plan.status === 'draft' && <ActivatePlan planId={plan.id} />}
          </>
        }
      />

      <div className="mb-6 space-y-3">
        {flags.created && plan.status === 'draft' && (
          <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
            Draft saved. Activate it when it is ready, then share it with the patient.
          </p>
        )}
        {flags.saved && (
          <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
            Changes saved{plan.status === 'active' ? ` as version ${plan.currentVersion}` : ''}.
          </p>
        )}
        {flags.activated && plan.status === 'active' && (
          <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
            Plan activated. Share it with the patient below.
          </p>
        )}
        {plan.status === 'draft' && otherActive && (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Activating this draft completes the patient’s active plan,{' '}
            <Link href={`/plans/${otherActive.id}`} className="font-medium underline">
              {otherActive.current.title}
            </Link>
            .
          </p>
        )}
        {plan.overrideReason && (
          <div role="note" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
            <p className="font-semibold">Activated while a red flag was open</p>
            <p className="mt-0.5">Reason given: {plan.overrideReason}</p>
          </div>
        )}
        {flags.progressed && active && (
          <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
            Progression applied as version {plan.currentVersion}. The patient sees the change on their page.
          </p>
        )}
        {flags.discharged && plan.status === 'completed' && (
          <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
            Patient discharged. Print the discharge letter below.
          </p>
        )}
        {plan.status === 'completed' && plan.completedOn ? (
          <DischargedNotice planId={plan.id} completedOn={plan.completedOn} reason={plan.dischargeReason ?? null} />
        ) : (
          (plan.status === 'completed' || plan.status === 'entered_in_error') && (
            <p className="rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700">
              {plan.status === 'completed' ? 'This plan is completed: it can no longer be changed or shared.' : 'This plan was entered in error.'}
              {plan.statusReason ? ` ${plan.statusReason}` : ''}
            </p>
          )
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {progression && <ProgressionPanel planId={plan.id} planVersion={plan.version} progression={progression} phaseTitles={phaseTitles} />}
          {review && <DischargePanel planId={plan.id} planVersion={plan.version} startDate={firstStart} review={review} canDischarge={active} />}
          <PlanView phases={v.phases} notes={v.notes} reviewDates={v.reviewDates} library={library} />
        </div>
        <div className="space-y-6">
          <Card title="Share with the patient">
            <SharePanel planId={plan.id} active={plan.status === 'active'} initialLinks={shares.items} />
          </Card>
          <Card title="Versions">
            <ol className="space-y-2 text-sm" data-testid="versions">
              {versions.items.map((ver) => (
                <li key={ver.number}>
                  <Link href={`/plans/${plan.id}/versions/${ver.number}`} className="font-medium text-brand-700 hover:underline">
                    Version {ver.number}
                  </Link>
                  {ver.number === plan.currentVersion && <span className="ml-1 text-xs text-slate-500">(current)</span>}
                  <span className="block text-xs text-slate-600">
                    {formatDate(ver.createdAt)}
                    {ver.changeNote ? ` · ${ver.changeNote}` : ''}
                  </span>
                </li>
              ))}
            </ol>
            {plan.status === 'active' && <p className="mt-3 text-xs text-slate-500">Editing an active plan makes a new version; earlier ones stay readable.</p>}
          </Card>
          <Card title="Drafted from">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-slate-500">Episode</dt>
                <dd>
                  {plan.episodeId ? (
                    <Link href={`/patients/${plan.patientId}/episodes/${plan.episodeId}`} className="text-brand-700 hover:underline">
                      {plan.category ? (CATEGORY_LABELS[plan.category] ?? plan.category) : 'Open the episode'}
                    </Link>
                  ) : (
                    'None'
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Assessment</dt>
                <dd>
                  {plan.assessmentId ? (
                    <Link href={`/patients/${plan.patientId}/assessments/${plan.assessmentId}`} className="text-brand-700 hover:underline">
                      Open the assessment
                    </Link>
                  ) : (
                    'None'
                  )}
                </dd>
              </div>
              {plan.activatedAt && (
                <div>
                  <dt className="text-slate-500">Activated</dt>
                  <dd>{formatDate(plan.activatedAt)}</dd>
                </div>
              )}
              {plan.rulesetVersion && (
                <div>
                  <dt className="text-slate-500">Rules version</dt>
                  <dd>{plan.rulesetVersion}</dd>
                </div>
              )}
            </dl>
          </Card>
        </div>
      </div>
    </div>
  );
}
