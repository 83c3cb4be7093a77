import type { NoteSections, VisitNoteStatus } from '@/lib/api/client';
import { dayOf, formatTime } from '@/lib/calendar';
import type { BadgeTone } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';

/** The four sections of a visit note (SOAP), in the order they are written and printed. */
export const NOTE_SECTIONS: { key: keyof NoteSections; label: string }[] = [
  { key: 'subjective', label: 'Subjective' },
  { key: 'objective', label: 'Objective' },
  { key: 'assessment', label: 'Assessment' },
  { key: 'plan', label: 'Plan' },
];

export const NOTE_STATUS_LABELS: Record<VisitNoteStatus, string> = {
  draft: 'Draft',
  signed: 'Signed',
  entered_in_error: 'Entered in error',
};

export const NOTE_STATUS_TONES: Record<VisitNoteStatus, BadgeTone> = {
  draft: 'warning',
  signed: 'success',
  entered_in_error: 'danger',
};

/** "7 Dec 2026 10:42": an instant (a signature, an addendum) as the practice's clock showed it. */
export function formatStamp(iso: string, timeZone: string): string {
  return `${formatDate(dayOf(iso, timeZone))} ${formatTime(iso, timeZone)}`;
}

/**
 * A search excerpt in pieces: the API wraps each matched word in « » (ts_headline); `match` pieces are shown
 * highlighted. An unpaired « or » is kept as text.
 */
export function excerptPieces(excerpt: string): { text: string; match: boolean }[] {
  const pieces: { text: string; match: boolean }[] = [];
  const pattern = /«([^«»]*)»/g;
  let last = 0;
  for (let found = pattern.exec(excerpt); found; found = pattern.exec(excerpt)) {
    if (found.index > last) pieces.push({ text: excerpt.slice(last, found.index), match: false });
    if (found[1]) pieces.push({ text: found[1], match: true });
    last = found.index + found[0].length;
  }
  if (last < excerpt.length) pieces.push({ text: excerpt.slice(last), match: false });
  return pieces;
}

/** The address of a note's page. */
export const noteHref = (patientId: string, noteId: string) => `/patients/${patientId}/notes/${noteId}`;

/** The address of the print of a patient's signed notes, of one episode or of all. */
export const notesPrintHref = (patientId: string, episodeId?: string | null) =>
  `/patients/${patientId}/notes/print${episodeId ? `?${new URLSearchParams({ episodeId }).toString()}` : ''}`;
