import type { Metadata } from 'next';
import { CLINIC_OUTCOME_RULES, type OutcomeRate } from '@upright/domain';
import { ButtonLink, Card, EmptyState, PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { formatDate } from '@/lib/format';
import { seesClinicalRecords } from '../patients/[id]/_components/load';

export const metadata: Metadata = { title: 'Outcomes' };

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** A rate in plain words: "62% (95% interval 41% to 79%)", or why there is none yet. */
function rateText(rate: OutcomeRate): string {
  if (rate.rate === null || rate.low === null || rate.high === null) {
    return `Too few cases to say (n = ${rate.n}; at least ${CLINIC_OUTCOME_RULES.minCases} needed)`;
  }
  return `${percent(rate.rate)} (95% interval ${percent(rate.low)} to ${percent(rate.high)})`;
}

function RateFigure({ title, rate, known }: { title: string; rate: OutcomeRate; known: string }) {
  const tooFew = rate.rate === null;
  return (
    <div className="rounded-xl bg-slate-50 px-4 py-3">
      <dt className="text-sm font-medium text-slate-600">{title}</dt>
      <dd className="mt-1">
        <span className={tooFew ? 'block text-sm font-medium text-slate-800' : 'block text-2xl font-semibold tracking-tight text-slate-900'}>
          {tooFew ? rateText(rate) : percent(rate.rate ?? 0)}
        </span>
        {!tooFew && rate.low !== null && rate.high !== null && (
          <span className="block text-sm text-slate-600">
            95% interval {percent(rate.low)} to {percent(rate.high)}
          </span>
        )}
        <span className="mt-1 block text-xs text-slate-500">
          {rate.count} of {rate.n} {rate.n === 1 ? 'case' : 'cases'} {known}
        </span>
      </dd>
    </div>
  );
}

/**
 * The practice's outcomes (rule 9.4) over its discharged plans: how often patients reached a change that matters, and
 * how often the spasm came back within 12 months, each with its 95% interval, overall and per clinician. Below 10
 * known cases a rate says "too few cases" instead of a number a small clinic could over-read.
 */
export default async function OutcomesPage() {
  const me = await requireMe();
  if (!seesClinicalRecords(me)) {
    return (
      <EmptyState page title="Outcomes are for clinicians" action={<ButtonLink href="/today">Back to Today</ButtonLink>}>
        Your role can see and update patients’ details, but not their clinical results.
      </EmptyState>
    );
  }
  const outcomes = await ok((await serverApi()).GET('/api/practice/outcomes'));
  const { overall } = outcomes;

  return (
    <div>
      <PageHeader
        title="Outcomes"
        subtitle={`${overall.cases} discharged ${overall.cases === 1 ? 'plan' : 'plans'} · as of ${formatDate(outcomes.asOf)} · rules version ${overall.rulesetVersion}`}
      />
      {overall.cases === 0 ? (
        <EmptyState title="No discharged patients yet">
          When patients are discharged from their plans, how many reached a change that matters, and how many had their spasm come back within a year, appear
          here.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Card title="The practice">
            <dl className="grid gap-3 sm:grid-cols-2" data-testid="outcomes-overall">
              <RateFigure title="Reached a change that matters" rate={overall.meaningfulChange} known="reached it, among those with scores" />
              <RateFigure title="Spasm came back within 12 months" rate={overall.recurrence} known="had a spasm, among those known" />
            </dl>
            <p className="mt-3 text-xs text-slate-500">
              A case counts once its answer is known: a change that matters needs outcome scores before and after; a recurrence needs the 12-month follow-up or
              a year gone by. With fewer than {CLINIC_OUTCOME_RULES.minCases} known cases no rate is given.
            </p>
          </Card>
          <Card title="By clinician">
            {outcomes.byClinician.length === 0 ? (
              <p className="text-sm text-slate-600">No clinician has discharged a patient yet.</p>
            ) : (
              <ul className="space-y-4" data-testid="outcomes-by-clinician">
                {outcomes.byClinician.map((c) => (
                  <li key={c.clinicianId} className="rounded-xl border border-slate-200 p-4">
                    <h3 className="font-medium text-slate-900">
                      {c.name}{' '}
                      <span className="text-sm font-normal text-slate-600">
                        · {c.cases} discharged {c.cases === 1 ? 'plan' : 'plans'}
                      </span>
                    </h3>
                    <dl className="mt-2 grid gap-3 sm:grid-cols-2">
                      <RateFigure title="Reached a change that matters" rate={c.meaningfulChange} known="reached it" />
                      <RateFigure title="Spasm came back within 12 months" rate={c.recurrence} known="had a spasm" />
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
