import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { AdminOnly } from '../_components/admin-only';
import { PatientImport } from './patient-import';

export const metadata: Metadata = { title: 'Import patients' };

export default async function ImportPage() {
  const me = await requireMe();
  if (me.role !== 'admin') return <AdminOnly role={me.role} what="import patients" />;
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="Import patients"
        subtitle="Bring your patient list in from a CSV file: check the file first, see what would be imported and why any rows would not, then import."
      />
      <PatientImport />
    </div>
  );
}
