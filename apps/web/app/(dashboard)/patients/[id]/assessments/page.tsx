import type { Metadata } from 'next';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { fullName, loadPatient, seesClinicalRecords } from '../_components/load';
import { ClinicalOnly, PatientNotFound } from '../_components/patient-not-found';
import { AssessmentList } from './assessment-list';

export const metadata: Metadata = { title: 'Assessments' };

export default async function AssessmentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const page = await ok((await serverApi()).GET('/api/patients/{id}/assessments', { params: { path: { id: patient.id }, query: { limit: 100 } } }));
  const base = `/patients/${patient.id}/assessments`;

  return (
    <div>
      <PageHeader
        back={{ href: `/patients/${patient.id}`, label: fullName(patient) }}
        title="Postural assessments"
        subtitle="Left/right symmetry, trunk endurance and posture, with the findings and strengthening targets they gave."
        actions={
          <ButtonLink href={`${base}/new`} variant="primary">
            New assessment
          </ButtonLink>
        }
      />
      {page.items.length === 0 ? (
        <EmptyState
          title="No assessments yet"
          action={
            <ButtonLink href={`${base}/new`} variant="primary">
              Record the first assessment
            </ButtonLink>
          }
        >
          Record the tests you did: Upright computes symmetry indices, findings and strengthening targets as you type.
        </EmptyState>
      ) : (
        <>
          <AssessmentList patientId={patient.id} items={page.items} />
          {page.nextCursor && <p className="mt-3 text-sm text-slate-600">Showing the 100 most recent assessments.</p>}
        </>
      )}
    </div>
  );
}
