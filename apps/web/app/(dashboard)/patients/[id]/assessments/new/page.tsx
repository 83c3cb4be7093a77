import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { loadPatient, patientLine, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { AssessmentForm } from './assessment-form';

export const metadata: Metadata = { title: 'New assessment' };

export default async function NewAssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  return (
    <div>
      <PageHeader
        back={{ href: `/patients/${patient.id}/assessments`, label: 'Assessments' }}
        title="New postural assessment"
        subtitle={patientLine(patient)}
      />
      <AssessmentForm patientId={patient.id} sex={patient.sex} dateOfBirth={patient.dateOfBirth} />
    </div>
  );
}
