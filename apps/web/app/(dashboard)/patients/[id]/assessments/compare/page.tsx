import type { Metadata } from 'next';
import type { PostureIndexChange } from '@upright/domain';
import { BodyDiagram } from '@/components/body-diagram';
import { Badge, ButtonLink, Card, EmptyState, ErrorMessage, PageHeader, buttonClass } from '@/components/ui';
import { TableFrame } from '@/components/table-frame';
import { ApiError, type Assessment, type AssessmentComparison, ok, requireMe, serverApi } from '@/lib/api/server';
import { formatDate } from '@/lib/format';
import { fullName, loadPatient, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { POSTURE_INDEX_LABELS, formatIndex } from '../_components/posture-labels';
import { ReferBanner } from '../_components/symmetry';

export const metadata: Metadata = { title: 'Compare assessments' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CompareAssessmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ before?: string | string[]; after?: string | string[] }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const base = `/patients/${patient.id}/assessments`;
  const before = typeof query.before === 'string' ? query.before : '';
  const after = typeof query.after === 'string' ? query.after : '';

  const list = await ok(
    (await serverApi()).GET('/api/patients/{id}/assessments', { params: { path: { id: patient.id }, query: { limit: 100, status: 'recorded' } } }),
  );
  const header = (
    <PageHeader
      back={{ href: base, label: 'Assessments' }}
      title="Compare assessments"
      subtitle={`${fullName(patient)} · how the indices moved from one assessment to another`}
    />
  );

  if (list.items.length < 2) {
    return (
      <div>
        {header}
        <EmptyState
          title="Two assessments are needed to compare"
          action={
            <ButtonLink href={`${base}/new`} variant="primary">
              New assessment
            </ButtonLink>
          }
        >
          This patient has {list.items.length === 0 ? 'no assessment' : 'one assessment'} so far.
        </EmptyState>
      </div>
    );
  }

  const valid = UUID.test(before) && UUID.test(after) && before !== after;
  let comparison: AssessmentComparison | null = null;
  let problem: string | null = null;
  if (valid) {
    try {
      comparison = await ok(
        (await serverApi()).GET('/api/patients/{id}/assessments/compare', { params: { path: { id: patient.id }, query: { before, after } } }),
      );
    } catch (error) {
      if (error instanceof ApiError && [400, 404, 409].includes(error.problem.status)) problem = error.problem.detail;
      else throw error;
    }
  } else if (before || after) {
    problem = before === after && before ? 'Choose two different assessments.' : 'Choose the two assessments to compare.';
  }

  const byId = new Map(list.items.map((a) => [a.id, a]));
  const first = comparison ? (byId.get(comparison.before.id) ?? null) : null;
  const second = comparison ? (byId.get(comparison.after.id) ?? null) : null;

  return (
    <div>
      {header}
      <Picker items={list.items} before={before} after={after} />
      {problem && (
        <div className="mt-4">
          <ErrorMessage>{problem}</ErrorMessage>
        </div>
      )}
      {comparison && (
        <div className="mt-6 space-y-6">
          {comparison.before.assessedOn > comparison.after.assessedOn && (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              “Before” is the later of the two: the changes below run backwards in time.
            </p>
          )}
          <Card title={`${formatDate(comparison.before.assessedOn)} → ${formatDate(comparison.after.assessedOn)}`}>
            <ChangeTable changes={comparison.changes} />
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            {[
              { label: 'Before', a: first, ref: comparison.before },
              { label: 'After', a: second, ref: comparison.after },
            ].map(({ label, a, ref }) => (
              <Card key={label} title={`${label}: ${formatDate(ref.assessedOn)}`} actions={<ButtonLink href={`${base}/${ref.id}`}>Open</ButtonLink>}>
                {a ? (
                  <div className="space-y-4">
                    <ReferBanner report={a.report} />
                    <BodyDiagram findings={a.report.findings} targets={a.report.targets} label={`${label}, ${formatDate(ref.assessedOn)}`} />
                  </div>
                ) : (
                  <p className="text-sm text-slate-600">This assessment is not among the 100 most recent: open it to see its diagram.</p>
                )}
              </Card>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

/** Chooses the two assessments: a plain GET form, so it works before any script has loaded. */
function Picker({ items, before, after }: { items: Assessment[]; before: string; after: string }) {
  const ids = new Set(items.map((a) => a.id));
  // Newest first in the API; the defaults are the latest two, earlier one first.
  const defBefore = ids.has(before) ? before : items[1].id;
  const defAfter = ids.has(after) ? after : items[0].id;
  const options = items.map((a) => (
    <option key={a.id} value={a.id}>
      {formatDate(a.assessedOn)} · {a.report.findings.length} finding{a.report.findings.length === 1 ? '' : 's'}
    </option>
  ));
  const select =
    'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none';
  return (
    <form method="get" className="flex flex-wrap items-end gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="min-w-[12rem] flex-1">
        <label htmlFor="before" className="block text-sm font-medium text-slate-700">
          Before
        </label>
        <select id="before" name="before" defaultValue={defBefore} className={select}>
          {options}
        </select>
      </div>
      <div className="min-w-[12rem] flex-1">
        <label htmlFor="after" className="block text-sm font-medium text-slate-700">
          After
        </label>
        <select id="after" name="after" defaultValue={defAfter} className={select}>
          {options}
        </select>
      </div>
      <button type="submit" className={buttonClass('secondary')}>
        Compare
      </button>
    </form>
  );
}

function ChangeTable({ changes }: { changes: PostureIndexChange[] }) {
  if (changes.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No index was measured in both assessments. Indices come from the side bridge, hip abduction and the trunk endurance times: repeat the same tests to
        compare.
      </p>
    );
  }
  return (
    <>
      <TableFrame label="Index changes">
        <table className="w-full text-left text-sm" data-testid="index-changes">
          <caption className="sr-only">Index changes; lower is better for every index</caption>
          <thead className="border-b border-slate-200 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Index
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                Before
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                After
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                Change
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">Direction</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {changes.map((c) => {
              const sign = c.change > 0 ? '+' : c.change < 0 ? '−' : '±';
              const magnitude = formatIndex(c.index, Math.abs(c.change));
              return (
                <tr key={c.index}>
                  <th scope="row" className="py-3 pr-4 font-medium text-slate-900">
                    {POSTURE_INDEX_LABELS[c.index].label}
                    <span className="block text-xs font-normal text-slate-500">{POSTURE_INDEX_LABELS[c.index].explanation}</span>
                  </th>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatIndex(c.index, c.before)}</td>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatIndex(c.index, c.after)}</td>
                  <td className="py-3 pr-4 text-right font-medium tabular-nums">
                    {sign}
                    {magnitude}
                  </td>
                  <td className="py-3">
                    {c.towardSymmetry ? (
                      <Badge tone="success">↓ Moved toward symmetry</Badge>
                    ) : c.change > 0 ? (
                      <Badge tone="warning">↑ Moved away</Badge>
                    ) : (
                      <Badge tone="neutral">No change</Badge>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
      <p className="mt-3 text-xs text-slate-500">Lower is better for all four: symmetry indices toward 0 %, McGill ratios toward their balanced range.</p>
    </>
  );
}
