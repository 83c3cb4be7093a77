import type { Metadata } from 'next';
import { isIsoDate } from '@upright/domain';
import { PageHeader } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { fullName, loadPatient, patientLine, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { EpisodeForm } from './episode-form';

export const metadata: Metadata = { title: 'Record episode' };

/**
 * `?onsetDate=YYYY-MM-DD&followUpId=…`: the spasm a discharged patient reported at a follow-up (Today's card), the
 * onset filled in; once saved, the follow-up is marked reviewed with the new episode.
 */
export default async function NewEpisodePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ onsetDate?: string; followUpId?: string }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const onsetDate = typeof query.onsetDate === 'string' && isIsoDate(query.onsetDate) ? query.onsetDate : undefined;
  const followUpId = typeof query.followUpId === 'string' && /^[0-9a-f-]{36}$/i.test(query.followUpId) ? query.followUpId : undefined;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  return (
    <div>
      <PageHeader back={{ href: `/patients/${patient.id}`, label: fullName(patient) }} title="Record episode" subtitle={patientLine(patient)} />
      <EpisodeForm patientId={patient.id} dateOfBirth={patient.dateOfBirth} initialOnsetDate={onsetDate} followUpId={followUpId} />
    </div>
  );
}
