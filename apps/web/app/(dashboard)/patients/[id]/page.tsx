import type { Metadata } from 'next';
import Link from 'next/link';
import { addDays } from '@upright/domain';
import { DownloadButton } from '@/components/download-button';
import { Badge, ButtonLink, Card, EmptyState, PageHeader } from '@/components/ui';
import { type Me, ok, type Patient, type PlanStatus, requireMe, serverApi, type TimelineEntry } from '@/lib/api/server';
import { PLAN_STATUS_LABELS, SEX_LABELS, planStatusTone } from '@/lib/clinical-labels';
import { ageOn, formatDate } from '@/lib/format';
import { ArchiveControl } from './_components/archive-control';
import { ClassificationBadges, RedFlagBanner } from './_components/classification';
import { HomeProgramme } from './_components/home-programme';
import { fullName, loadPatient, seesClinicalRecords } from './_components/load';
import { PatientAppointments } from './_components/patient-appointments';
import { PatientNotFound } from './_components/patient-not-found';
import { SpasmHistorySection } from './_components/spasm-history';
import { VisitNotesSection } from './notes/_components/visit-notes-section';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const patient = await loadPatient((await params).id);
  return { title: patient ? fullName(patient) : 'Patient not found' };
}

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  const clinical = seesClinicalRecords(me);
  const name = fullName(patient);

  return (
    <div>
      <PageHeader
        back={{ href: '/patients', label: 'Patients' }}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {name}
            {patient.archivedAt && <Badge tone="warning">Archived</Badge>}
          </span>
        }
        subtitle={
          <>
            {ageOn(patient.dateOfBirth)} years · born {formatDate(patient.dateOfBirth)} · {SEX_LABELS[patient.sex]}
          </>
        }
        actions={
          <>
            <ButtonLink href={`/patients/${patient.id}/edit`}>Edit</ButtonLink>
            <ArchiveControl patientId={patient.id} name={name} archived={patient.archivedAt !== null} />
          </>
        }
      />

      {patient.archivedAt && (
        <p className="mb-6 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Archived on {formatDate(patient.archivedAt)}: hidden from the patient list and search, and no new records can be added. Nothing was deleted; restore
          the patient to list them again and record new episodes, assessments, plans or scores.
        </p>
      )}

      <div className={clinical ? 'grid gap-6 lg:grid-cols-3' : 'max-w-2xl'}>
        <div className="space-y-6">
          <PatientDetails patient={patient} />
          <PatientAppointments patientId={patient.id} timeZone={me.practice.timeZone} active={patient.archivedAt === null} />
        </div>
        {clinical && (
          <div className="space-y-6 lg:col-span-2">
            <ClinicalSection patient={patient} me={me} />
          </div>
        )}
      </div>
    </div>
  );
}

function PatientDetails({ patient }: { patient: Patient }) {
  return (
    <Card title="Details">
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="text-slate-500">Email</dt>
          <dd className="break-words">
            {patient.email ? (
              <a className="text-brand-700 hover:underline" href={`mailto:${patient.email}`}>
                {patient.email}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Phone</dt>
          <dd>
            {patient.phone ? (
              <a className="text-brand-700 hover:underline" href={`tel:${patient.phone.replace(/[^\d+]/g, '')}`}>
                {patient.phone}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Notes</dt>
          <dd className="whitespace-pre-line">{patient.notes ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Registered</dt>
          <dd>{formatDate(patient.createdAt)}</dd>
        </div>
      </dl>
    </Card>
  );
}

async function ClinicalSection({ patient, me }: { patient: Patient; me: Me }) {
  const api = await serverApi();
  const [timeline, recorded, history] = await Promise.all([
    ok(api.GET('/api/patients/{id}/timeline', { params: { path: { id: patient.id } } })),
    // Newest first: the first is the latest episode; all of them give the spasm history their category and version.
    ok(api.GET('/api/patients/{id}/episodes', { params: { path: { id: patient.id }, query: { limit: 100, status: 'recorded' } } })),
    ok(api.GET('/api/patients/{id}/spasm-history', { params: { path: { id: patient.id } } })),
  ]);
  const episode = recorded.items[0];
  const base = `/patients/${patient.id}`;
  // An archived patient's records stay readable; new ones wait until the patient is restored (the API refuses them).
  const active = patient.archivedAt === null;

  return (
    <>
      <nav aria-label="Clinical actions" className="flex flex-wrap gap-2">
        {active && (
          <>
            <ButtonLink href={`${base}/episodes/new`} variant="primary">
              Record episode
            </ButtonLink>
            <ButtonLink href={`${base}/assessments/new`}>Record assessment</ButtonLink>
          </>
        )}
        <ButtonLink href={`${base}/assessments`}>Assessments</ButtonLink>
        <ButtonLink href={`${base}/plans`}>Plans</ButtonLink>
        <ButtonLink href={`${base}/outcomes`}>Outcomes</ButtonLink>
        <DownloadButton inline path={`/api/patients/${patient.id}/fhir`} label="Download FHIR" fallbackName={`patient-${patient.id}.fhir.json`} />
      </nav>

      <Card
        title="Latest episode"
        actions={
          episode && (
            <Link href={`${base}/episodes/${episode.id}`} className="text-sm font-medium text-brand-700 hover:underline">
              Open episode
            </Link>
          )
        }
      >
        {episode ? (
          <div className="space-y-3" data-testid="latest-episode">
            <ClassificationBadges classification={episode.classification} reviewOn={addDays(episode.recordedOn, episode.classification.reviewInDays)} />
            <p className="text-sm text-slate-700">
              Started {formatDate(episode.onsetDate)} · pain {episode.painNprs}/10 · recorded {formatDate(episode.recordedOn)}
            </p>
            {episode.classification.reasons[0] && <p className="text-sm text-slate-600">{episode.classification.reasons[0].text}</p>}
            <RedFlagBanner screen={episode.classification.redFlags} compact />
            {active && episode.classification.category !== 'referral' && (
              // The review with the clinician who recorded the episode, at their next free time.
              <ButtonLink href={`/calendar/book?${new URLSearchParams({ review: '1', patient: patient.id, clinician: episode.createdBy }).toString()}`}>
                Book review
              </ButtonLink>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-600">No episode recorded yet. Record one to classify the spasm and get the next steps.</p>
        )}
      </Card>

      <SpasmHistorySection patientId={patient.id} history={history} episodes={recorded.items} active={active} />

      <VisitNotesSection patientId={patient.id} me={me} active={active} />

      <HomeProgramme patientId={patient.id} />

      <Card title="Clinical timeline">
        {timeline.entries.length === 0 ? (
          <EmptyState
            title="No clinical records yet"
            action={
              active && (
                <ButtonLink href={`${base}/episodes/new`} variant="primary">
                  Record the first episode
                </ButtonLink>
              )
            }
          >
            Episodes, assessments, plans and outcome scores will appear here, newest first.
          </EmptyState>
        ) : (
          <>
            <ol className="divide-y divide-slate-100" data-testid="timeline">
              {timeline.entries.map((entry) => (
                <TimelineItem key={`${entry.kind}-${entry.id}`} entry={entry} patientId={patient.id} />
              ))}
            </ol>
            {timeline.truncated && <p className="mt-3 text-xs text-slate-500">Only the most recent records of each kind are shown.</p>}
          </>
        )}
      </Card>
    </>
  );
}

const KIND: Record<TimelineEntry['kind'], { label: string; dot: string }> = {
  episode: { label: 'Episode', dot: 'bg-red-400' },
  assessment: { label: 'Assessment', dot: 'bg-sky-500' },
  plan: { label: 'Plan', dot: 'bg-brand-500' },
  outcome: { label: 'Outcome', dot: 'bg-amber-500' },
  note: { label: 'Visit note', dot: 'bg-violet-500' },
};

function entryHref(entry: TimelineEntry, patientId: string): string {
  switch (entry.kind) {
    case 'episode':
      return `/patients/${patientId}/episodes/${entry.id}`;
    case 'assessment':
      return `/patients/${patientId}/assessments/${entry.id}`;
    case 'plan':
      return `/plans/${entry.id}`;
    case 'outcome':
      return `/patients/${patientId}/outcomes`;
    case 'note':
      return `/patients/${patientId}/notes/${entry.id}`;
  }
}

function TimelineItem({ entry, patientId }: { entry: TimelineEntry; patientId: string }) {
  const inError = entry.status === 'entered_in_error';
  return (
    <li>
      <Link href={entryHref(entry, patientId)} className="group flex gap-3 rounded-lg px-2 py-3 hover:bg-slate-50">
        <span aria-hidden="true" className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${KIND[entry.kind].dot}`} />
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className={`font-medium text-slate-900 group-hover:text-brand-700 ${inError ? 'line-through decoration-slate-400' : ''}`}>
              <span className="sr-only">{KIND[entry.kind].label}: </span>
              {entry.title}
            </span>
            <time dateTime={entry.date} className="text-xs whitespace-nowrap text-slate-500">
              {formatDate(entry.date)}
            </time>
          </span>
          <span className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            {entry.kind === 'plan' && entry.status in PLAN_STATUS_LABELS ? (
              <Badge tone={planStatusTone(entry.status as PlanStatus)}>{PLAN_STATUS_LABELS[entry.status as PlanStatus]}</Badge>
            ) : (
              inError && <Badge tone="danger">Entered in error</Badge>
            )}
            {entry.kind === 'plan' ? entry.summary.replace(`${entry.status} · `, '') : entry.summary}
          </span>
        </span>
      </Link>
    </li>
  );
}
