import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/ui';
import { ApiError, ok, requireMe, serverApi } from '@/lib/api/server';
import { CATEGORY_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { NOTE_STATUS_LABELS } from '@/lib/notes';
import { fullName, loadPatient, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { AddendaList, NoteSectionsView, PrintHeader, signatureText } from '../_components/note-view';
import { PrintButton } from '../_components/print-button';

export const metadata: Metadata = { title: 'Print visit notes' };

/**
 * Every signed (and entered-in-error) note of an episode, or of the patient without `episodeId`, oldest first, for
 * the browser's print: the practice, the patient and each note's clinician, visit date and signature.
 */
export default async function PrintNotesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ episodeId?: string }> }) {
  const [{ id }, { episodeId }] = await Promise.all([params, searchParams]);
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const back = { href: `/patients/${patient.id}`, label: fullName(patient) };
  const episode = typeof episodeId === 'string' && episodeId ? episodeId : undefined;
  const print = await ok(
    (await serverApi()).GET('/api/patients/{id}/notes/print', { params: { path: { id: patient.id }, query: episode ? { episodeId: episode } : {} } }),
  ).catch((e: unknown) => {
    // An episode id that is not this patient's (or not an id at all).
    if (e instanceof ApiError && (e.problem.status === 404 || e.problem.status === 400)) return null;
    throw e;
  });
  if (!print) {
    return (
      <div>
        <PageHeader back={back} title="Episode not found" />
        <EmptyState title="This episode does not exist for this patient">The link may be old or mistyped.</EmptyState>
      </div>
    );
  }

  const timeZone = me.practice.timeZone;
  const scope = print.episode
    ? `Episode: ${CATEGORY_LABELS[print.episode.category as keyof typeof CATEGORY_LABELS] ?? print.episode.category}, started ${formatDate(print.episode.onsetDate)}`
    : 'All episodes';

  return (
    <div className="clinical-print">
      <PrintHeader practiceName={print.practiceName} patient={print.patient} rows={[['Notes', `${scope} · signed notes, oldest first`]]} />
      <PageHeader
        back={print.episode ? { href: `/patients/${patient.id}/episodes/${print.episode.id}`, label: 'Episode' } : back}
        title={`Visit notes: ${fullName(print.patient)}`}
        subtitle={<span className="print:hidden">{scope} · signed notes, oldest first</span>}
        actions={print.notes.length > 0 && <PrintButton />}
      />
      {print.notes.length === 0 ? (
        <EmptyState title="No signed notes to print">Drafts are not printed: sign a note first, then print it here.</EmptyState>
      ) : (
        <ol className="space-y-6">
          {print.notes.map((note) => (
            <li key={note.id} className="print-note rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="printed-note">
              <article aria-labelledby={`note-${note.id}`} className="space-y-4">
                <header>
                  <h2
                    id={`note-${note.id}`}
                    className={`text-lg font-semibold ${note.status === 'entered_in_error' ? 'line-through decoration-slate-400' : ''}`}
                  >
                    {note.templateName ?? 'Visit note'}, {formatDate(note.visitDate)}
                  </h2>
                  <p className="text-sm text-slate-700">
                    Clinician: {note.authorName} · {signatureText(note, timeZone)}
                  </p>
                  {note.status === 'entered_in_error' && (
                    <p className="mt-1 text-sm font-medium text-red-800">
                      {NOTE_STATUS_LABELS.entered_in_error}: {note.statusReason ?? 'no reason given'}
                    </p>
                  )}
                </header>
                <NoteSectionsView sections={note.sections} heading="h3" />
                {note.addenda.length > 0 && <AddendaList addenda={note.addenda} timeZone={timeZone} heading="h3" />}
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
