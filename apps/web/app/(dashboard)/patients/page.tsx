import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui';
import { ok, serverApi } from '@/lib/api/server';
import { patientListQuery } from './list-path';
import { PatientList } from './patient-list';

export const metadata: Metadata = { title: 'Patients' };

export default async function PatientsPage({ searchParams }: { searchParams: Promise<{ q?: string; archived?: string }> }) {
  const params = await searchParams;
  const q = params.q?.trim() ?? '';
  const archived = params.archived === '1';
  const first = await ok((await serverApi()).GET('/api/patients', { params: { query: patientListQuery(q, archived) } }));
  return (
    <section aria-labelledby="patients-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="patients-heading" className="text-2xl font-semibold tracking-tight">
          Patients
        </h1>
        <ButtonLink href="/patients/new" variant="primary">
          New patient
        </ButtonLink>
      </div>
      <PatientList initialQuery={q} initialArchived={archived} initialPage={first} />
    </section>
  );
}
