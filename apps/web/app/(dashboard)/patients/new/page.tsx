import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui';
import { PatientForm } from '../[id]/_components/patient-form';

export const metadata: Metadata = { title: 'New patient' };

export default function NewPatientPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="New patient"
        subtitle="Register the patient’s details. Clinical records are added from their page."
        back={{ href: '/patients', label: 'Patients' }}
      />
      <Card>
        <PatientForm />
      </Card>
    </div>
  );
}
