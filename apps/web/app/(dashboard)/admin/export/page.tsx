import type { Metadata } from 'next';
import { DownloadButton } from '@/components/download-button';
import { Card, PageHeader } from '@/components/ui';
import { requireMe } from '@/lib/api/server';
import { AdminOnly } from '../_components/admin-only';

export const metadata: Metadata = { title: 'Export' };

const CSV_EXPORTS = [
  { kind: 'patients', title: 'Patients', text: 'Every patient, archived ones included: names, date of birth, sex, email, phone, notes.' },
  {
    kind: 'episodes',
    title: 'Episodes',
    text: 'Every back-spasm episode: onset, trigger, pain, pain areas, red flags, category and urgency, entered-in-error ones marked.',
  },
  {
    kind: 'assessments',
    title: 'Assessments',
    text: 'Every postural assessment: each measurement in its own column, the symmetry indices, findings and targets.',
  },
  { kind: 'outcomes', title: 'Outcome scores', text: 'Every ODI, NPRS, RMDQ and PSFS score with its answers.' },
  { kind: 'appointments', title: 'Appointments', text: 'Every appointment: clinician, type, start and end, status and cancellation reason.' },
] as const;

/**
 * The practice's data, whole, for an administrator: every patient's record as FHIR R4 (NDJSON, one resource per line),
 * and CSV files a spreadsheet opens. Each download is streamed and shows its progress; each is recorded in the audit log.
 */
export default async function ExportPage() {
  const me = await requireMe();
  if (me.role !== 'admin') return <AdminOnly role={me.role} what="export the practice’s data" />;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Export"
        subtitle="Take all of the practice’s data with you, in standard formats. Every export is recorded in the audit log, with the patients it held."
      />
      <Card title="Everything, as FHIR R4">
        <p className="text-sm text-slate-700">
          Every patient’s whole record (details, episodes, assessments and their measurements, outcome scores, plans and each of their versions, the patient’s
          diary, appointments and visit notes) as FHIR R4 resources, one per line (NDJSON, as FHIR Bulk Data uses). Other clinical systems can import it. A
          large practice takes a while: the size received so far shows as it downloads.
        </p>
        <DownloadButton className="mt-4" path="/api/export/fhir" label="Download FHIR (NDJSON)" fallbackName="upright-fhir.ndjson" variant="primary" />
      </Card>
      <Card title="Spreadsheets (CSV)">
        <p className="text-sm text-slate-700">
          One file per kind of record, with a header row. Dates are written YYYY-MM-DD and times in UTC; lists are separated by semicolons. A cell that a
          spreadsheet would run as a formula starts with an apostrophe.
        </p>
        <ul className="mt-4 divide-y divide-slate-200">
          {CSV_EXPORTS.map((e) => (
            <li key={e.kind} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0">
                <h3 className="font-medium text-slate-900">{e.title}</h3>
                <p className="text-sm text-slate-600">{e.text}</p>
              </div>
              <DownloadButton
                className="shrink-0 sm:w-64 sm:items-end sm:text-right"
                path={`/api/export/${e.kind}.csv`}
                label={`Download ${e.title.toLowerCase()} CSV`}
                fallbackName={`upright-${e.kind}.csv`}
              />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
