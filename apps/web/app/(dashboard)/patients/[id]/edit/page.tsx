import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui';
import { fullName, loadPatient } from '../_components/load';
import { PatientForm } from '../_components/patient-form';
import { PatientNotFound } from '../_components/patient-not-found';

export const metadata: Metadata = { title: 'Edit patient' };

export default async function EditPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const patient = await loadPatient(id);
  if (!patient) return <PatientNotFound />;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={`Edit ${fullName(patient)}`}
        subtitle="Correct the patient’s details. Only the fields you change are saved."
        back={{ href: `/patients/${patient.id}`, label: fullName(patient) }}
      />
      <Card>
        {/* The key resets the form when the page is reloaded with a newer version. */}
        <PatientForm key={patient.version} patient={patient} />
      </Card>
    </div>
  );
}
