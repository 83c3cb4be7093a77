import type { Metadata } from 'next';
import { BodyDiagram } from '@/components/body-diagram';
import { Badge, ButtonLink, Card, EmptyState, PageHeader } from '@/components/ui';
import { ApiError, type Assessment, ok, requireMe, serverApi } from '@/lib/api/server';
import { FINDING_LABELS, SEVERITY_LABELS, TARGET_LABELS, severityTone } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { EnteredInErrorButton } from '../../_components/entered-in-error';
import { fullName, loadPatient, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { describeMeasurements } from '../_components/posture-labels';
import { ReferBanner, SymmetryFigures } from '../_components/symmetry';

export const metadata: Metadata = { title: 'Assessment' };

async function loadAssessment(patientId: string, assessmentId: string): Promise<Assessment | null> {
  try {
    return await ok((await serverApi()).GET('/api/patients/{id}/assessments/{assessmentId}', { params: { path: { id: patientId, assessmentId } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 400)) return null;
    throw error;
  }
}

export default async function AssessmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; assessmentId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id, assessmentId }, { saved }] = await Promise.all([params, searchParams]);
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const assessment = await loadAssessment(patient.id, assessmentId);
  const base = `/patients/${patient.id}/assessments`;
  const back = { href: base, label: 'Assessments' };
  if (!assessment) {
    return (
      <div>
        <PageHeader back={back} title="Assessment not found" />
        <EmptyState title="This assessment does not exist for this patient">The link may be old or mistyped.</EmptyState>
      </div>
    );
  }

  const { report } = assessment;
  const inError = assessment.status === 'entered_in_error';
  const rows = describeMeasurements(assessment.measurements);

  return (
    <div>
      <PageHeader
        back={back}
        title={`Assessment of ${formatDate(assessment.assessedOn)}`}
        subtitle={`${fullName(patient)} · ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} · ${report.targets.length} strengthening target${report.targets.length === 1 ? '' : 's'}`}
        actions={
          <>
            {!inError && (
              <ButtonLink href={`/patients/${patient.id}/plans/new?assessmentId=${assessment.id}`} variant="primary">
                Plan from this assessment
              </ButtonLink>
            )}
            {!inError && <EnteredInErrorButton record={{ patientId: patient.id, assessmentId: assessment.id }} what="assessment" />}
          </>
        }
      />

      {saved && !inError && (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
          Assessment saved. These are the findings Upright stored with it.
        </p>
      )}
      {inError && (
        <div role="note" className="mb-6 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Entered in error</p>
          <p className="mt-0.5">Reason: {assessment.statusReason ?? 'not given'}. It is kept for the record but is no longer used for plans or comparisons.</p>
        </div>
      )}

      <div className={`space-y-6 ${inError ? 'opacity-70' : ''}`}>
        <ReferBanner report={report} />
        <div className="grid gap-6 lg:grid-cols-5">
          <div className="space-y-6 lg:col-span-3">
            <Card title="Body diagram">
              <BodyDiagram findings={report.findings} targets={report.targets} />
            </Card>
            <Card title="Findings">
              {report.findings.length === 0 ? (
                <p className="text-sm text-slate-600">No findings: every measurement is within the rules’ limits.</p>
              ) : (
                <ul className="space-y-3" data-testid="findings">
                  {report.findings.map((f, i) => (
                    <li key={`${f.code}-${f.side ?? ''}-${i}`} className="text-sm">
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-medium text-slate-900">{FINDING_LABELS[f.code]}</span>
                        <Badge tone={severityTone(f.severity)}>{SEVERITY_LABELS[f.severity]}</Badge>
                        {f.side && <span className="text-slate-600">{f.side === 'left' ? 'Left' : 'Right'}</span>}
                        {f.observational && <span className="text-xs text-slate-500">Observational only</span>}
                      </span>
                      <span className="mt-0.5 block text-slate-700">{f.text}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
          <div className="space-y-6 lg:col-span-2">
            <Card title="Strengthening targets">
              {report.targets.length === 0 ? (
                <p className="text-sm text-slate-600">None: no finding asks for targeted strengthening.</p>
              ) : (
                <ol className="space-y-2 text-sm">
                  {report.targets.map((t) => (
                    <li key={t.code} className="flex flex-wrap items-center gap-2">
                      <Badge tone={t.priority === 1 ? 'brand' : 'neutral'}>Priority {t.priority}</Badge>
                      <span className="font-medium">{TARGET_LABELS[t.code]}</span>
                      <span className="text-slate-600">because of {t.because.map((c) => FINDING_LABELS[c].toLowerCase()).join(', ')}</span>
                    </li>
                  ))}
                </ol>
              )}
            </Card>
            <Card title="Symmetry and ratios">
              <SymmetryFigures measurements={assessment.measurements} indices={report.indices} />
            </Card>
            <Card title="Measurements">
              <dl className="divide-y divide-slate-100 text-sm">
                {rows.map((r) => (
                  <div key={r.key} className="flex flex-wrap justify-between gap-x-4 py-2">
                    <dt className="text-slate-600">{r.label}</dt>
                    <dd className="font-medium tabular-nums">{r.value}</dd>
                  </div>
                ))}
              </dl>
              <p className="mt-3 text-xs text-slate-500">Only the tests that were done are listed. Rules version {report.rulesetVersion}.</p>
            </Card>
            {assessment.notes && (
              <Card title="Notes">
                <p className="text-sm whitespace-pre-line text-slate-800">{assessment.notes}</p>
              </Card>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
