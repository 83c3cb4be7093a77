import type { Metadata } from 'next';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { fullName, loadPatient, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { NewPlan } from './new-plan';

export const metadata: Metadata = { title: 'New plan' };

export default async function NewPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ episodeId?: string; assessmentId?: string }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const api = await serverApi();
  const [episodes, assessments, library] = await Promise.all([
    ok(api.GET('/api/patients/{id}/episodes', { params: { path: { id: patient.id }, query: { limit: 100, status: 'recorded' } } })),
    ok(api.GET('/api/patients/{id}/assessments', { params: { path: { id: patient.id }, query: { limit: 100, status: 'recorded' } } })),
    ok(api.GET('/api/exercises')),
  ]);
  const header = (
    <PageHeader
      back={{ href: `/patients/${patient.id}/plans`, label: 'Plans' }}
      title="New plan"
      subtitle={`${fullName(patient)} · start from the suggestion, then make it the patient’s own`}
    />
  );

  if (episodes.items.length === 0) {
    return (
      <div>
        {header}
        <EmptyState
          title="Record an episode first"
          action={
            <ButtonLink href={`/patients/${patient.id}/episodes/new`} variant="primary">
              Record an episode
            </ButtonLink>
          }
        >
          A plan is drafted from the episode’s classification (overload, support deficit or unclear), so the patient needs a recorded episode.
        </EmptyState>
      </div>
    );
  }

  const episodeIds = new Set(episodes.items.map((e) => e.id));
  const assessmentIds = new Set(assessments.items.map((a) => a.id));
  return (
    <div>
      {header}
      <NewPlan
        patientId={patient.id}
        episodes={episodes.items}
        assessments={assessments.items}
        library={library.items}
        initialEpisodeId={query.episodeId && episodeIds.has(query.episodeId) ? query.episodeId : episodes.items[0].id}
        initialAssessmentId={query.assessmentId && assessmentIds.has(query.assessmentId) ? query.assessmentId : (assessments.items[0]?.id ?? '')}
      />
    </div>
  );
}
