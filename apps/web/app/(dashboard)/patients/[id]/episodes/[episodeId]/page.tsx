import type { Metadata } from 'next';
import { addDays, daysBetween } from '@upright/domain';
import { ButtonLink, Card, EmptyState, PageHeader } from '@/components/ui';
import { ApiError, type Episode, ok, requireMe, serverApi } from '@/lib/api/server';
import { CATEGORY_LABELS, FREQUENCY_TREND_LABELS, PAIN_AREA_LABELS, RED_FLAG_SHORT_LABELS, TRIGGER_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { notesPrintHref } from '@/lib/notes';
import { ClassificationDetails } from '../../_components/classification';
import { EnteredInErrorButton } from '../../_components/entered-in-error';
import { fullName, loadPatient, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';

export const metadata: Metadata = { title: 'Episode' };

async function loadEpisode(patientId: string, episodeId: string): Promise<Episode | null> {
  try {
    return await ok((await serverApi()).GET('/api/patients/{id}/episodes/{episodeId}', { params: { path: { id: patientId, episodeId } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 400)) return null;
    throw error;
  }
}

export default async function EpisodePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; episodeId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id, episodeId }, { saved }] = await Promise.all([params, searchParams]);
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const episode = await loadEpisode(patient.id, episodeId);
  const back = { href: `/patients/${patient.id}`, label: fullName(patient) };
  if (!episode) {
    return (
      <div>
        <PageHeader back={back} title="Episode not found" />
        <EmptyState title="This episode does not exist for this patient">The link may be old or mistyped.</EmptyState>
      </div>
    );
  }

  const c = episode.classification;
  const inError = episode.status === 'entered_in_error';
  const reviewOn = addDays(episode.recordedOn, c.reviewInDays);
  const daysAtRecording = daysBetween(episode.onsetDate, episode.recordedOn);
  const base = `/patients/${patient.id}`;

  return (
    <div>
      <PageHeader
        back={back}
        title={`Episode: ${CATEGORY_LABELS[c.category]}`}
        subtitle={`${fullName(patient)} · started ${formatDate(episode.onsetDate)} · recorded ${formatDate(episode.recordedOn)}`}
        actions={
          <>
            <ButtonLink href={notesPrintHref(patient.id, episode.id)}>Print notes</ButtonLink>
            {!inError && <EnteredInErrorButton record={{ patientId: patient.id, episodeId: episode.id }} what="episode" />}
          </>
        }
      />

      {saved && !inError && (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
          Episode saved. This is the classification Upright stored with it.
        </p>
      )}
      {inError && (
        <div role="note" className="mb-6 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Entered in error</p>
          <p className="mt-0.5">Reason: {episode.statusReason ?? 'not given'}. It is kept for the record but no longer counts as the patient’s episode.</p>
        </div>
      )}

      <div className={`grid gap-6 lg:grid-cols-3 ${inError ? 'opacity-70' : ''}`}>
        <Card title="Classification" className="lg:col-span-2">
          <div data-testid="stored-classification">
            <ClassificationDetails classification={c} patientAdvice />
          </div>
        </Card>

        <div className="space-y-6">
          <Card title="Next steps">
            <p className="text-sm text-slate-700">
              {c.reviewInDays === 0 ? (
                <>Refer today. No exercise plan until a doctor has seen the patient.</>
              ) : (
                <>
                  Review on <strong>{formatDate(reviewOn)}</strong> ({c.reviewInDays} days after recording).
                </>
              )}
            </p>
            {!inError && c.category !== 'referral' && (
              <div className="mt-4 flex flex-wrap gap-2">
                {c.category !== 'overload' && <ButtonLink href={`${base}/assessments/new`}>Record assessment</ButtonLink>}
                <ButtonLink href={`${base}/plans`}>Plans</ButtonLink>
              </div>
            )}
          </Card>

          <Card title="Recorded facts">
            <dl className="space-y-2.5 text-sm">
              <Fact label="Onset">
                {formatDate(episode.onsetDate)} (
                {daysAtRecording === 0 ? 'the day it was recorded' : `${daysAtRecording} day${daysAtRecording === 1 ? '' : 's'} before recording`})
              </Fact>
              <Fact label="Trigger">{TRIGGER_LABELS[episode.trigger]}</Fact>
              <Fact label="Previous episodes, last 12 months">{episode.episodesLast12Months}</Fact>
              <Fact label="How often lately">{FREQUENCY_TREND_LABELS[episode.frequencyTrend]}</Fact>
              <Fact label="Pain">{episode.painNprs}/10</Fact>
              <Fact label="Where">{episode.painAreas.map((a) => PAIN_AREA_LABELS[a]).join(', ') || '—'}</Fact>
              <Fact label="Red flags reported">{episode.redFlags.length ? episode.redFlags.map((f) => RED_FLAG_SHORT_LABELS[f]).join(', ') : 'None'}</Fact>
              {episode.notes && (
                <Fact label="Notes">
                  <span className="whitespace-pre-line">{episode.notes}</span>
                </Fact>
              )}
            </dl>
          </Card>
        </div>
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}
