import type { ReactNode } from 'react';
import type { NoteAddendum, NoteSections, VisitNote } from '@/lib/api/client';
import { formatDate } from '@/lib/format';
import { NOTE_SECTIONS, formatStamp } from '@/lib/notes';

type Heading = 'h2' | 'h3';

/** The four sections as text (a signed note, another clinician's draft, and every note on paper). */
export function NoteSectionsView({ sections, heading: H = 'h2', className = '' }: { sections: NoteSections; heading?: Heading; className?: string }) {
  return (
    <div className={`space-y-5 ${className}`} data-testid="note-sections">
      {NOTE_SECTIONS.map(({ key, label }) => (
        <section key={key} className="break-inside-avoid-page">
          <H className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{label}</H>
          {sections[key].trim() ? (
            <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-900">{sections[key]}</p>
          ) : (
            <p className="mt-1 text-sm text-slate-500 italic">Nothing written.</p>
          )}
        </section>
      ))}
    </div>
  );
}

/** "Signed by Kofi Mensah, 7 Dec 2026 10:42" (or who drafted it, not signed yet). */
export function signatureText(note: Pick<VisitNote, 'status' | 'signedAt' | 'signedByName' | 'authorName'>, timeZone: string): string {
  if (note.signedAt) return `Signed by ${note.signedByName ?? note.authorName}, ${formatStamp(note.signedAt, timeZone)}`;
  return `Draft by ${note.authorName}, not signed`;
}

/** The addenda of a signed note, oldest first, each signed by its author when it was added. */
export function AddendaList({
  addenda,
  timeZone,
  heading: H = 'h2',
  children,
}: {
  addenda: NoteAddendum[];
  timeZone: string;
  heading?: Heading;
  children?: ReactNode;
}) {
  return (
    <section className="space-y-3" data-testid="addenda">
      <H className="text-base font-semibold">Addenda</H>
      {addenda.length === 0 ? (
        <p className="text-sm text-slate-600">No addenda. A correction or a later finding is added here, under the signed note.</p>
      ) : (
        <ol className="space-y-3">
          {addenda.map((a) => (
            <li key={a.id} className="break-inside-avoid-page rounded-lg border border-slate-200 px-4 py-3" data-testid="addendum">
              <p className="text-xs font-medium text-slate-600">
                Addendum by {a.authorName}, <time dateTime={a.createdAt}>{formatStamp(a.createdAt, timeZone)}</time>
              </p>
              <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-900">{a.text}</p>
            </li>
          ))}
        </ol>
      )}
      {children}
    </section>
  );
}

/**
 * What a printed note or print of notes says at its top, on paper only (the screen shows it in the page's header):
 * the practice, the patient with their date of birth, and the rows given (clinician, visit date, signature).
 */
export function PrintHeader({
  practiceName,
  patient,
  rows,
}: {
  practiceName: string;
  patient: { firstName: string; lastName: string; dateOfBirth: string };
  rows: [string, string][];
}) {
  return (
    <div className="mb-4 hidden border-b border-slate-300 pb-3 print:block" data-testid="print-header">
      <p className="text-lg font-semibold">{practiceName}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm">
        {[['Patient', `${patient.firstName} ${patient.lastName}, born ${formatDate(patient.dateOfBirth)}`] as const, ...rows].map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
