'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { Assessment } from '@/lib/api/client';
import { Badge, ButtonLink } from '@/components/ui';
import { TableFrame } from '@/components/table-frame';
import { TARGET_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';

/** Earlier first: by assessment date, then by when it was recorded. */
function chronological(a: Assessment, b: Assessment): number {
  return a.assessedOn === b.assessedOn ? a.createdAt.localeCompare(b.createdAt) : a.assessedOn.localeCompare(b.assessedOn);
}

/**
 * The patient's assessments (newest first) with a tick box on each to pick two to compare. The latest two are
 * picked to start with, so the usual comparison is one click away.
 */
export function AssessmentList({ patientId, items }: { patientId: string; items: Assessment[] }) {
  const recorded = items.filter((a) => a.status === 'recorded');
  const [picked, setPicked] = useState<string[]>(recorded.slice(0, 2).map((a) => a.id));
  const base = `/patients/${patientId}/assessments`;
  const chosen = recorded.filter((a) => picked.includes(a.id)).sort(chronological);
  const compareHref = chosen.length === 2 ? `${base}/compare?before=${chosen[0].id}&after=${chosen[1].id}` : null;

  function toggle(id: string, on: boolean) {
    setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));
  }

  return (
    <div className="space-y-3">
      {recorded.length >= 2 && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3">
          <p className="text-sm text-slate-700" aria-live="polite">
            {chosen.length === 2
              ? `Compare ${formatDate(chosen[0].assessedOn)} with ${formatDate(chosen[1].assessedOn)}.`
              : `Tick two assessments to compare them (${chosen.length} of 2 chosen).`}
          </p>
          {compareHref ? (
            <ButtonLink href={compareHref} variant="primary">
              Compare selected
            </ButtonLink>
          ) : (
            <span
              aria-disabled="true"
              className="inline-flex cursor-not-allowed items-center rounded-lg bg-slate-200 px-3.5 py-2 text-sm font-medium text-slate-500"
            >
              Compare selected
            </span>
          )}
        </div>
      )}
      <TableFrame label="Postural assessments" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Postural assessments, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              {recorded.length >= 2 && (
                <th scope="col" className="w-12 px-4 py-3">
                  <span className="sr-only">Compare</span>
                </th>
              )}
              <th scope="col" className="px-4 py-3">
                Date
              </th>
              <th scope="col" className="px-4 py-3">
                Findings
              </th>
              <th scope="col" className="px-4 py-3">
                Strengthening targets
              </th>
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Status</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="assessment-rows">
            {items.map((a) => {
              const inError = a.status === 'entered_in_error';
              const isPicked = picked.includes(a.id);
              return (
                <tr key={a.id} className={inError ? 'text-slate-500' : ''}>
                  {recorded.length >= 2 && (
                    <td className="px-4 py-3">
                      {!inError && (
                        <input
                          type="checkbox"
                          checked={isPicked}
                          disabled={!isPicked && chosen.length >= 2}
                          onChange={(e) => toggle(a.id, e.target.checked)}
                          aria-label={`Compare the assessment of ${formatDate(a.assessedOn)}`}
                          className="h-4 w-4 accent-brand-600 disabled:opacity-40"
                        />
                      )}
                    </td>
                  )}
                  <td className="px-4 py-3 whitespace-nowrap">
                    <Link href={`${base}/${a.id}`} className={`font-medium text-brand-700 hover:underline ${inError ? 'line-through' : ''}`}>
                      {formatDate(a.assessedOn)}
                    </Link>
                  </td>
                  <td className="px-4 py-3 tabular-nums">
                    {a.report.findings.length} finding{a.report.findings.length === 1 ? '' : 's'}
                  </td>
                  <td className="px-4 py-3">
                    {a.report.targets.length === 0 ? (
                      <span className="text-slate-500">None</span>
                    ) : (
                      <ul className="flex flex-wrap gap-1">
                        {a.report.targets.map((t) => (
                          <li key={t.code}>
                            <Badge tone={t.priority === 1 ? 'brand' : 'neutral'}>
                              {TARGET_LABELS[t.code]}
                              {t.priority === 1 && <span className="sr-only"> (priority 1)</span>}
                            </Badge>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-4 py-3 text-right">
                    <span className="inline-flex flex-wrap justify-end gap-1">
                      {a.report.refer && <Badge tone="danger">Refer</Badge>}
                      {inError && <Badge tone="danger">Entered in error</Badge>}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
    </div>
  );
}
