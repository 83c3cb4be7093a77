import type { Metadata } from 'next';
import { type AccessLogEntry, ok, type PlanChange, type PortalPhase, portalServerApi } from '@/lib/api/server';
import { DownloadButton } from '@/components/download-button';
import { Badge, ButtonLink } from '@/components/ui';
import { formatDate } from '@/lib/format';
import { LocalTime } from './local-time';
import { LogSection } from './log-section';
import { NextAppointment } from './next-appointment';
import { Phase } from './phase';
import { PlanActions } from './plan-actions';
import { accessInWords, roleInWords } from './words';
import { CheckIns } from './check-ins';
import { EaseOff, Maintenance, SpasmCycle } from './spasm-cycle';

export const metadata: Metadata = { title: 'Your rehab plan' };

const CHANGE_BADGE: Record<PlanChange['kind'], { label: string; tone: 'success' | 'neutral' | 'info' }> = {
  added: { label: 'Added', tone: 'success' },
  removed: { label: 'Removed', tone: 'neutral' },
  dose_changed: { label: 'New dose', tone: 'info' },
};

function relationTo(phase: PortalPhase, current: PortalPhase | undefined, index: number, currentIndex: number): 'earlier' | 'current' | 'later' {
  if (phase === current) return 'current';
  if (!current) return 'later';
  return phase.startWeek < current.startWeek || (phase.startWeek === current.startWeek && index < currentIndex) ? 'earlier' : 'later';
}

const ACCESS_SHOWN = 10;

function AccessList({ entries }: { entries: AccessLogEntry[] }) {
  return (
    <ul className="mt-3 divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white">
      {entries.map((entry, i) => (
        <li key={i} className="px-4 py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className="font-medium">
              {entry.actorName ?? 'Practice staff'} <span className="font-normal text-slate-600">· {roleInWords(entry.role)}</span>
            </span>
            <span className="text-sm text-slate-600">
              <LocalTime iso={entry.at} />
            </span>
          </div>
          <div className="text-slate-700">{accessInWords(entry)}</div>
        </li>
      ))}
    </ul>
  );
}

/** The patient's plan, opened through a share link: what to do now, the whole plan, a diary, and who viewed the record. */
export default async function PatientPlanPage() {
  // The plan first: reading it is what records "seen" for the next visit's changes.
  const api = await portalServerApi();
  const view = await ok(api.GET('/api/portal/plan'));
  const [logs, access, next] = await Promise.all([
    ok(api.GET('/api/portal/logs')),
    ok(api.GET('/api/portal/access-log')),
    ok(api.GET('/api/portal/appointments/next')),
  ]);
  const { plan, patient, changes } = view;
  const { cycle, easeOff, settleQuestion, episodeQuestion, discharged, followUp } = view;

  const currentIndex = plan.phases.findIndex((phase) => phase.key === plan.currentPhaseKey);
  const current = plan.phases[currentIndex];
  const exerciseNames = Object.fromEntries(plan.phases.flatMap((phase) => phase.exercises.map((e) => [e.exerciseCode, e.name])));
  const today = new Date().toISOString().slice(0, 10);
  const nextReview = plan.reviewDates.find((date) => date >= today);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Hello, {patient.firstName}</h1>
          <p className="mt-2 text-lg text-slate-700">{plan.title}</p>
          <p className="mt-1 text-slate-600">
            Started {formatDate(plan.startDate)}
            {discharged ? <> · Finished {formatDate(discharged.completedOn)}</> : nextReview && <> · Next check-in {formatDate(nextReview)}</>}
          </p>
        </div>
        <PlanActions />
      </div>

      <SpasmCycle patientText={cycle.patientText} />

      {easeOff && <EaseOff patientText={easeOff.patientText} />}

      <CheckIns settleQuestion={settleQuestion} episodeQuestion={episodeQuestion} followUp={followUp} completedOn={discharged?.completedOn ?? null} />

      <NextAppointment next={next} />

      {changes && (
        <section aria-labelledby="changes-heading" className="rounded-2xl border border-sky-300 bg-sky-50 p-5 print:hidden">
          <h2 id="changes-heading" className="text-lg font-semibold text-sky-950">
            What changed since your last visit
          </h2>
          {changes.items.length === 0 ? (
            <p className="mt-2 text-sky-950">Your physiotherapist updated your plan’s details. Your exercises are the same.</p>
          ) : (
            <ul className="mt-3 space-y-2">
              {changes.items.map((item, i) => (
                <li key={`${item.phaseKey}-${item.exerciseCode}-${i}`} className="flex items-start gap-2 text-sky-950">
                  <Badge tone={CHANGE_BADGE[item.kind].tone}>{CHANGE_BADGE[item.kind].label}</Badge>
                  <span>{item.text}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {discharged ? (
        <Maintenance completedOn={discharged.completedOn} patientText={discharged.maintenance.patientText} phase={discharged.maintenance.phase} />
      ) : (
        <section aria-labelledby="plan-heading">
          <h2 id="plan-heading" className="text-xl font-semibold tracking-tight">
            Your exercises
          </h2>
          {plan.phases.length === 0 ? (
            <p className="mt-2 rounded-2xl border border-dashed border-slate-300 bg-white p-5 text-slate-600">
              Your plan has no exercises yet. Your physiotherapist will add them.
            </p>
          ) : (
            <div className="mt-3 space-y-3">
              {plan.phases.map((phase, index) => (
                <Phase key={phase.key} phase={phase} startDate={plan.startDate} relation={relationTo(phase, current, index, currentIndex)} />
              ))}
            </div>
          )}
        </section>
      )}

      <LogSection initialLogs={logs.items} exerciseNames={exerciseNames} />

      {(plan.reviewDates.length > 0 || plan.notes.length > 0) && (
        <section aria-labelledby="about-heading" className="portal-about rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="about-heading" className="text-xl font-semibold tracking-tight">
            About your plan
          </h2>
          {plan.reviewDates.length > 0 && (
            <>
              <h3 className="mt-3 font-medium text-slate-800">Check-ins with your physiotherapist</h3>
              <ul className="mt-1 space-y-1">
                {plan.reviewDates.map((date) => (
                  <li key={date} className={date < today ? 'text-slate-500' : 'text-slate-800'}>
                    {formatDate(date)}
                    {date === nextReview && <span className="ml-2 font-medium text-brand-700">next</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {plan.notes.length > 0 && (
            <>
              <h3 className="mt-4 font-medium text-slate-800">Notes</h3>
              <ul className="mt-1 list-disc space-y-1 pl-6 leading-relaxed text-slate-700">
                {plan.notes.map((note, i) => (
                  <li key={i}>{note}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="record-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:hidden">
        <h2 id="record-heading" className="text-xl font-semibold tracking-tight">
          Your record
        </h2>
        <p className="mt-1 text-slate-700">
          A copy of everything the practice holds about you: your details, back spasms, assessments, scores, plans, diary, appointments and visit notes. The
          file is in FHIR, a standard format other clinics and health apps can read; the summary says the same in plain words.
        </p>
        <div className="mt-3 flex flex-wrap items-start gap-3">
          <DownloadButton
            portal
            path="/api/portal/my-data"
            label="Download my data"
            fallbackName="my-health-record.fhir.json"
            className="[&_button]:min-h-11"
          />
          <ButtonLink href="/p/my-data" className="min-h-11 px-4 text-base!">
            Read the summary
          </ButtonLink>
        </div>
      </section>

      <section aria-labelledby="access-heading" className="print:hidden">
        <h2 id="access-heading" className="text-xl font-semibold tracking-tight">
          Who has viewed your record
        </h2>
        <p className="mt-1 text-slate-600">Everyone at the practice who opened or changed your record, newest first.</p>
        {access.items.length === 0 ? (
          <p className="mt-3 rounded-2xl border border-dashed border-slate-300 bg-white p-5 text-slate-600">
            No one at the practice has opened your record yet.
          </p>
        ) : (
          <>
            <AccessList entries={access.items.slice(0, ACCESS_SHOWN)} />
            {access.items.length > ACCESS_SHOWN && (
              <details className="mt-2">
                <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">Show {access.items.length - ACCESS_SHOWN} more</summary>
                <AccessList entries={access.items.slice(ACCESS_SHOWN)} />
              </details>
            )}
          </>
        )}
      </section>
    </div>
  );
}
