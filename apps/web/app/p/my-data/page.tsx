import type { Metadata } from 'next';
import type { Bundle } from '@medplum/fhirtypes';
import { DownloadButton } from '@/components/download-button';
import { ButtonLink } from '@/components/ui';
import { ok, portalServerApi } from '@/lib/api/server';
import { formatDate } from '@/lib/format';
import { LocalTime } from '../plan/local-time';
import { PrintButton } from './print-button';
import { appointmentInWords, diaryInWords, episodeInWords, isCurrentEpisode, summarise } from './record';

export const metadata: Metadata = { title: 'Your record' };

const DIARY_SHOWN = 30;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:break-inside-avoid print:border-0 print:p-0 print:shadow-none"
    >
      <h2 id={id} className="text-xl font-semibold tracking-tight">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-slate-600">{children}</p>;
}

/**
 * The patient's whole record in plain words, printable: read from the same FHIR file "Download my data" gives them
 * (GET /api/portal/my-data, recorded in the practice's audit log as the patient's own export).
 */
export default async function MyDataPage() {
  const api = await portalServerApi();
  const bundle = (await ok(api.GET('/api/portal/my-data'))) as unknown as Bundle;
  const { patient, episodes, plan, diary, appointments, counts } = summarise(bundle);
  const name = patient?.name?.[0];
  const email = patient?.telecom?.find((t) => t.system === 'email')?.value;
  const phone = patient?.telecom?.find((t) => t.system === 'phone')?.value;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Your record</h1>
          <p className="mt-2 text-slate-700">
            Everything your practice holds about you, in plain words. The download has the same in FHIR, a standard format other clinics and health apps can
            read.
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2 print:hidden">
          <ButtonLink href="/p/plan" className="min-h-11 px-4 text-base!">
            Back to your plan
          </ButtonLink>
          <PrintButton />
        </div>
      </div>
      <div className="print:hidden">
        <DownloadButton portal path="/api/portal/my-data" label="Download my data" fallbackName="my-health-record.fhir.json" className="[&_button]:min-h-11" />
      </div>

      <Section id="details-heading" title="Your details">
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Name</dt>
          <dd className="font-medium">{name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || '—')}</dd>
          <dt className="text-slate-600">Date of birth</dt>
          <dd>{patient?.birthDate ? formatDate(patient.birthDate) : '—'}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd className="break-words">{email ?? '—'}</dd>
          <dt className="text-slate-600">Phone</dt>
          <dd>{phone ?? '—'}</dd>
        </dl>
      </Section>

      <Section id="episodes-heading" title="Your back spasms">
        {episodes.length === 0 ? (
          <Empty>None recorded.</Empty>
        ) : (
          <ul className="space-y-3">
            {episodes.map((episode) => (
              <li key={episode.id}>
                <div className="font-medium">
                  Started {episode.onsetDateTime ? formatDate(episode.onsetDateTime) : 'on a date not recorded'}
                  {isCurrentEpisode(episode) && <span className="ml-2 text-brand-700">the latest</span>}
                </div>
                <div className="text-slate-700">{episodeInWords(episode)}</div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="plan-heading" title="Your plan">
        {!plan ? (
          <Empty>You have no exercise plan yet.</Empty>
        ) : (
          <>
            <p className="font-medium">{plan.title}</p>
            {plan.period?.start && (
              <p className="text-slate-600">
                From {formatDate(plan.period.start)}
                {plan.period.end && <> to {formatDate(plan.period.end)}</>}
              </p>
            )}
            <ul className="mt-3 space-y-2">
              {(plan.activity ?? []).map((activity, i) => (
                <li key={i}>
                  <span className="font-medium">{activity.detail?.code?.text}</span>
                  <span className="block text-slate-700">{activity.detail?.description}</span>
                </li>
              ))}
            </ul>
            {(plan.note ?? []).length > 0 && (
              <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
                {(plan.note ?? []).map((note, i) => (
                  <li key={i}>{note.text}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </Section>

      <Section id="diary-heading" title="Your diary">
        {diary.length === 0 ? (
          <Empty>You have not logged any exercise days yet.</Empty>
        ) : (
          <>
            {diary.length > DIARY_SHOWN && <p className="mb-2 text-slate-600">Your latest {DIARY_SHOWN} days (the download has them all).</p>}
            <ul className="divide-y divide-slate-200">
              {diary.slice(0, DIARY_SHOWN).map((entry) => {
                const day = diaryInWords(entry);
                return (
                  <li key={entry.id} className="py-2">
                    <div className="font-medium">{entry.effectiveDateTime ? formatDate(entry.effectiveDateTime) : ''}</div>
                    <div className="text-slate-700">
                      Pain {day.pain ?? '—'} out of 10 · difficulty {day.difficulty ?? '—'} out of 10 · done: {day.exercises ?? 'none'}
                    </div>
                    {entry.note?.map((note, i) => (
                      <div key={i} className="text-slate-600 italic">
                        “{note.text}”
                      </div>
                    ))}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </Section>

      <Section id="appointments-heading" title="Your appointments">
        {appointments.length === 0 ? (
          <Empty>None booked.</Empty>
        ) : (
          <ul className="divide-y divide-slate-200">
            {appointments.map((appointment) => (
              <li key={appointment.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
                <span>
                  <span className="font-medium">{appointment.start ? <LocalTime iso={appointment.start} /> : 'No time set'}</span>
                  <span className="text-slate-700"> · {appointment.appointmentType?.text ?? appointment.description}</span>
                  {appointment.participant[1]?.actor?.display && <span className="text-slate-700"> with {appointment.participant[1].actor.display}</span>}
                </span>
                <span className="text-slate-600">{appointmentInWords(appointment)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="more-heading" title="Also in your record">
        <p className="text-slate-700">
          {counts.assessments} posture {counts.assessments === 1 ? 'assessment' : 'assessments'}, {counts.scores} questionnaire{' '}
          {counts.scores === 1 ? 'score' : 'scores'}, {counts.notes} signed visit {counts.notes === 1 ? 'note' : 'notes'} and {counts.planVersions}{' '}
          {counts.planVersions === 1 ? 'version' : 'versions'} of your plans. They are all in the download, with every measurement and note in full.
        </p>
      </Section>
    </div>
  );
}
