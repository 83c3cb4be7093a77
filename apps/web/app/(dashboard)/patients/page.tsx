import type { Metadata } from 'next';
import type { Page, Patient } from '@upright/api/contracts';
import { apiFetch } from '@/lib/api-server';
import { PatientList } from './patient-list';

export const metadata: Metadata = { title: 'Patients' };

export default async function PatientsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const q = (await searchParams).q?.trim() ?? '';
  const first = await apiFetch<Page<Patient>>(`/patients?limit=25${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  return (
    <section aria-labelledby="patients-heading">
      <h1 id="patients-heading" className="text-2xl font-semibold tracking-tight">
        Patients
      </h1>
      <PatientList initialQuery={q} initialPage={first} />
    </section>
  );
}
