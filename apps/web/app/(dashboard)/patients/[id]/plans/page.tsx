import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { TableFrame } from '@/components/table-frame';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { CATEGORY_LABELS, PLAN_STATUS_LABELS, planStatusTone } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { fullName, loadPatient, seesClinicalRecords } from '../_components/load';
import { ArchivedNotice } from '../_components/archived-notice';
import { ClinicalOnly, PatientNotFound } from '../_components/patient-not-found';

export const metadata: Metadata = { title: 'Plans' };

export default async function PatientPlansPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const plans = await ok((await serverApi()).GET('/api/patients/{id}/plans', { params: { path: { id: patient.id }, query: { limit: 100 } } }));
  const newHref = `/patients/${patient.id}/plans/new`;
  const active = patient.archivedAt === null;

  return (
    <div>
      <PageHeader
        back={{ href: `/patients/${patient.id}`, label: fullName(patient) }}
        title="Rehabilitation plans"
        subtitle="Drafted from the episode and assessment, edited by you, shared with the patient. A patient has at most one active plan."
        actions={
          active && (
            <ButtonLink href={newHref} variant="primary">
              New plan
            </ButtonLink>
          )
        }
      />
      {!active && (
        <div className="mb-4">
          <ArchivedNotice patientId={patient.id} />
        </div>
      )}
      {plans.items.length === 0 ? (
        <EmptyState
          title="No plans yet"
          action={
            active && (
              <ButtonLink href={newHref} variant="primary">
                Draft the first plan
              </ButtonLink>
            )
          }
        >
          Upright drafts a phased exercise plan from the latest episode and, for a support deficit, the assessment’s strengthening targets.
        </EmptyState>
      ) : (
        <TableFrame label="Plans" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Plans, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Plan
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
                <th scope="col" className="px-4 py-3">
                  Version
                </th>
                <th scope="col" className="px-4 py-3">
                  Starts
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="plan-rows">
              {plans.items.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-3">
                    <Link href={`/plans/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.current.title}
                    </Link>
                    {p.category && <span className="block text-xs text-slate-500">{CATEGORY_LABELS[p.category] ?? p.category}</span>}
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={planStatusTone(p.status)}>{PLAN_STATUS_LABELS[p.status]}</Badge>
                  </td>
                  <td className="px-4 py-3 tabular-nums">Version {p.currentVersion}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDate(p.current.startDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      {plans.nextCursor && <p className="mt-3 text-sm text-slate-600">Showing the 100 most recent plans.</p>}
    </div>
  );
}
