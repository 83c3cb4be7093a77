import type { Metadata } from 'next';
import { Badge, EmptyState, PageHeader } from '@/components/ui';
import { ApiError, ok, serverApi, requireMe, type VisitNote } from '@/lib/api/server';
import { formatDate } from '@/lib/format';
import { NOTE_STATUS_LABELS, NOTE_STATUS_TONES } from '@/lib/notes';
import { EnteredInErrorButton } from '../../_components/entered-in-error';
import { fullName, loadPatient, seesClinicalRecords } from '../../_components/load';
import { ClinicalOnly, PatientNotFound } from '../../_components/patient-not-found';
import { PrintButton } from '../_components/print-button';
import { AddendaList, NoteSectionsView, PrintHeader, signatureText } from '../_components/note-view';
import { AddAddendum } from './add-addendum';
import { NoteEditor } from './note-editor';

export const metadata: Metadata = { title: 'Visit note' };

async function loadNote(noteId: string): Promise<VisitNote | null> {
  try {
    return await ok((await serverApi()).GET('/api/notes/{noteId}', { params: { path: { noteId } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 400)) return null;
    throw error;
  }
}

/**
 * One visit note. Its author edits a draft here (autosaved) and signs it; everyone else who may read it, and the
 * author once it is signed, sees it read-only, with its addenda under it. Printing gives the note on paper with the
 * practice, patient, clinician, visit date and signature.
 */
export default async function VisitNotePage({ params }: { params: Promise<{ id: string; noteId: string }> }) {
  const { id, noteId } = await params;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const note = await loadNote(noteId);
  const name = fullName(patient);
  const back = { href: `/patients/${patient.id}`, label: name };
  if (!note || note.patientId !== patient.id) {
    return (
      <div>
        <PageHeader back={back} title="Note not found" />
        <EmptyState title="This note does not exist for this patient">The link may be old or mistyped.</EmptyState>
      </div>
    );
  }

  const timeZone = me.practice.timeZone;
  const author = me.id === note.authorId && me.role === 'clinician';
  const editable = author && note.status === 'draft';
  const inError = note.status === 'entered_in_error';
  const title = `Visit note${note.templateName ? `: ${note.templateName}` : ''}`;

  return (
    <div className="clinical-print">
      <PrintHeader
        practiceName={me.practice.name}
        patient={patient}
        rows={[
          ['Clinician', note.authorName],
          ['Visit date', formatDate(note.visitDate)],
          ['Signature', signatureText(note, timeZone)],
        ]}
      />
      <PageHeader
        back={back}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {title}
            <span className="print:hidden">
              <Badge tone={NOTE_STATUS_TONES[note.status]}>{NOTE_STATUS_LABELS[note.status]}</Badge>
            </span>
          </span>
        }
        subtitle={
          <span className="print:hidden">
            {name} · born {formatDate(patient.dateOfBirth)} · visit {formatDate(note.visitDate)} · {note.authorName}
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <PrintButton />
            {author && !inError && (
              <EnteredInErrorButton
                record={{ patientId: patient.id, noteId: note.id }}
                what="note"
                consequence="It stays in the patient’s record, readable, with your reason; nothing can be added to it afterwards."
              />
            )}
          </div>
        }
      />

      {inError && (
        <div role="note" className="mb-6 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Entered in error</p>
          <p className="mt-0.5">Reason: {note.statusReason ?? 'not given'}. The note is kept for the record, as it was.</p>
        </div>
      )}

      {editable ? (
        <NoteEditor note={note} timeZone={timeZone} />
      ) : (
        <div className={`space-y-6 ${inError ? 'opacity-80' : ''}`}>
          <p
            data-testid="note-signature"
            className={`rounded-lg px-3 py-2 text-sm print:hidden ${note.signedAt ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-900'}`}
          >
            {signatureText(note, timeZone)}
            {!note.signedAt && note.status === 'draft' && '. Only its author can edit and sign it.'}
          </p>
          <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:rounded-none print:border-0 print:p-0">
            <NoteSectionsView sections={note.sections} />
          </div>
          {note.signedAt && (
            <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:rounded-none print:border-0 print:p-0">
              <AddendaList addenda={note.addenda} timeZone={timeZone}>
                {me.role === 'clinician' && note.status === 'signed' && <AddAddendum noteId={note.id} />}
              </AddendaList>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
