import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { fullName, loadPatient, patientLine, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { EpisodeForm } from './episode-form';

export const metadata: Metadata = { title: 'Record episode' };

export default async function NewEpisodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  return (
    <div>
      <PageHeader back={{ href: `/patients/${patient.id}`, label: fullName(patient) }} title="Record episode" subtitle={patientLine(patient)} />
      <EpisodeForm patientId={patient.id} dateOfBirth={patient.dateOfBirth} />
    </div>
  );
}
