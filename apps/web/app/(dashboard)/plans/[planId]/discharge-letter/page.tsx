import type { Metadata } from 'next';
import { TableFrame } from '@/components/table-frame';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { ApiError, type DischargeLetter, ok, requireMe, serverApi } from '@/lib/api/server';
import { CATEGORY_LABELS, DISCHARGE_STATUS_LABELS, TRIGGER_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { seesClinicalRecords } from '../../../patients/[id]/_components/load';
import { PrintButton } from '../../../patients/[id]/notes/_components/print-button';
import { PlanNotFound, PlansAreClinical } from '../../_components/not-found';

export const metadata: Metadata = { title: 'Discharge letter' };

/** The letter, or why there is none: not found (404/400) or the plan is not discharged yet (409). */
async function loadLetter(planId: string): Promise<DischargeLetter | 'not_found' | 'not_completed'> {
  try {
    return await ok((await serverApi()).GET('/api/plans/{planId}/discharge-letter', { params: { path: { planId } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 400)) return 'not_found';
    if (error instanceof ApiError && error.problem.status === 409) return 'not_completed';
    throw error;
  }
}

const label = <T extends string>(labels: Record<T, string>, code: string): string => (labels as Record<string, string>)[code] ?? code;

/**
 * The discharge letter of a completed plan, for the browser's print (.clinical-print: black on white, no navigation
 * or buttons): what the spasm was, what was found and done, the outcome scores before and after with what counts as a
 * change that matters, the review and the spasm history stored at discharge, and the maintenance programme. When the
 * clinician named the patient's doctor, the letter opens with the doctor's name and address for the copy.
 */
export default async function DischargeLetterPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const me = await requireMe();
  if (!seesClinicalRecords(me)) return <PlansAreClinical />;
  const letter = await loadLetter(planId);
  if (letter === 'not_found') return <PlanNotFound />;
  const back = { href: `/plans/${planId}`, label: 'Plan' };
  if (letter === 'not_completed') {
    return (
      <div>
        <PageHeader back={back} title="Discharge letter" />
        <EmptyState title="This plan has not been discharged" action={<ButtonLink href={`/plans/${planId}`}>Back to the plan</ButtonLink>}>
          A discharge letter is written when the patient is discharged from the plan page.
        </EmptyState>
      </div>
    );
  }

  const sectionTitle = 'text-base font-semibold text-slate-900';
  return (
    <div className="clinical-print discharge-letter">
      <PageHeader
        back={back}
        title={`Discharge letter: ${letter.patient.name}`}
        subtitle={<span className="print:hidden">Ready to print.</span>}
        actions={<PrintButton />}
      />
      <article
        aria-label="Letter"
        className="space-y-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:border-0 print:p-0 print:shadow-none sm:p-8"
        data-testid="discharge-letter"
      >
        <header className="flex flex-wrap justify-between gap-4 border-b border-slate-200 pb-4">
          <div>
            <p className="text-lg font-semibold">{letter.practice.name}</p>
            <p className="text-sm text-slate-700">{letter.clinician.name}</p>
          </div>
          <p className="text-sm text-slate-700">{formatDate(letter.completedOn)}</p>
        </header>

        {letter.letterToDoctor && (
          <section aria-labelledby="letter-to" data-testid="letter-to-doctor">
            <h2 id="letter-to" className="text-sm font-medium text-slate-500">
              To
            </h2>
            <p className="font-medium">{letter.letterToDoctor.name}</p>
            {letter.letterToDoctor.address && <p className="text-sm whitespace-pre-line">{letter.letterToDoctor.address}</p>}
          </section>
        )}

        <section aria-labelledby="letter-patient">
          <h2 id="letter-patient" className={sectionTitle}>
            Re: {letter.patient.name}, born {formatDate(letter.patient.dateOfBirth)}
          </h2>
          <p className="mt-1 text-sm">
            Discharged on {formatDate(letter.completedOn)} from the exercise plan “{letter.plan.title}”.
          </p>
          <p className="mt-1 text-sm whitespace-pre-line">Reason: {letter.reason}</p>
        </section>

        <section aria-labelledby="letter-episodes">
          <h2 id="letter-episodes" className={sectionTitle}>
            Back spasm episodes
          </h2>
          {letter.episodes.length === 0 ? (
            <p className="mt-1 text-sm">None recorded.</p>
          ) : (
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
              {letter.episodes.map((e) => (
                <li key={`${e.onsetDate}-${e.category}-${e.trigger}`}>
                  From {formatDate(e.onsetDate)}
                  {e.resolvedOn ? ` to ${formatDate(e.resolvedOn)}` : ''}: {label(CATEGORY_LABELS, e.category)},{' '}
                  {label(TRIGGER_LABELS, e.trigger).toLowerCase()}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm">{letter.history.reasons.map((r) => r.text).join(' ')}</p>
        </section>

        {letter.findings.length > 0 && (
          <section aria-labelledby="letter-findings">
            <h2 id="letter-findings" className={sectionTitle}>
              Findings at assessment
            </h2>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
              {letter.findings.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="letter-plan">
          <h2 id="letter-plan" className={sectionTitle}>
            Exercise plan
          </h2>
          <ul className="mt-1 space-y-1 text-sm">
            {letter.plan.phases.map((p) => (
              <li key={p.title}>
                <span className="font-medium">{p.title}:</span> {p.exercises.join(', ')}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="letter-outcomes">
          <h2 id="letter-outcomes" className={sectionTitle}>
            Outcomes, before and after
          </h2>
          {letter.outcomes.length === 0 ? (
            <p className="mt-1 text-sm">No outcome scores were recorded.</p>
          ) : (
            <TableFrame label="Outcome scores" className="mt-2">
              <table className="w-full min-w-[32rem] text-left text-sm" data-testid="letter-outcomes">
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-1.5 pr-3 font-medium">
                      Measure
                    </th>
                    <th scope="col" className="py-1.5 pr-3 font-medium">
                      Before
                    </th>
                    <th scope="col" className="py-1.5 pr-3 font-medium">
                      After
                    </th>
                    <th scope="col" className="py-1.5 pr-3 font-medium">
                      Change
                    </th>
                    <th scope="col" className="py-1.5 font-medium">
                      A change that matters?
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {letter.outcomes.map((o) => (
                    <tr key={o.instrument} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-1.5 pr-3 font-normal">
                        {o.label}
                      </th>
                      <td className="py-1.5 pr-3">{o.baseline}</td>
                      <td className="py-1.5 pr-3">{o.latest}</td>
                      <td className="py-1.5 pr-3">{o.change > 0 ? `+${o.change}` : o.change}</td>
                      <td className="py-1.5">
                        {o.meaningful ? 'Yes' : 'No'} <span className="text-slate-600">({o.mcid})</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
          )}
          <p className="mt-2 text-sm">
            Discharge review: {label(DISCHARGE_STATUS_LABELS, letter.review.status)}. {letter.review.reasons.map((r) => r.text).join(' ')}
          </p>
        </section>

        <section aria-labelledby="letter-maintenance">
          <h2 id="letter-maintenance" className={sectionTitle}>
            Maintenance programme
          </h2>
          <p className="mt-1 text-sm">{letter.maintenance.text}</p>
          {letter.maintenance.exercises.length > 0 && (
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
              {letter.maintenance.exercises.map((e) => (
                <li key={e.name}>
                  {e.name}: {e.dose}
                </li>
              ))}
            </ul>
          )}
        </section>

        <footer className="border-t border-slate-200 pt-4 text-sm">
          <p>{letter.clinician.name}</p>
          <p>{letter.practice.name}</p>
          <p className="mt-2 text-xs text-slate-500">
            Suggestions computed with Upright’s clinical rules, version {letter.rulesetVersion}; the clinical decisions are the clinician’s.
          </p>
        </footer>
      </article>
    </div>
  );
}
