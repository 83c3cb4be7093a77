'use client';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { Badge, Button, EmptyState, ErrorMessage, TextLink } from '@/components/ui';
import { api, ok, type VisitNoteSummary } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { NOTE_STATUS_LABELS, NOTE_STATUS_TONES, excerptPieces, noteHref, notesPrintHref } from '@/lib/notes';
import { describeError } from '@/lib/problems';

/** Search as you type (debounced, the newest answer wins) and "Show more" (keyset), over the patient's notes. */
export function NoteList({
  patientId,
  initialItems,
  initialCursor,
  pageSize,
  canWrite,
}: {
  patientId: string;
  initialItems: VisitNoteSummary[];
  initialCursor: string | null;
  pageSize: number;
  canWrite: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  // The search the items shown answer (the typed one may be newer, while its answer is on the way).
  const [shownQuery, setShownQuery] = useState('');
  const [items, setItems] = useState(initialItems);
  const [nextCursor, setNextCursor] = useState(initialCursor);
  const [loading, setLoading] = useState<'search' | 'more' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const firstRender = useRef(true);

  const fetchPage = (q: string, cursor?: string) =>
    ok(
      api.GET('/api/patients/{id}/notes', {
        params: { path: { id: patientId }, query: { limit: pageSize, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
      }),
    );

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const ticket = ++latest.current;
    const q = query.trim();
    const timer = setTimeout(
      () =>
        void (async () => {
          setLoading('search');
          setError(null);
          try {
            const page = await fetchPage(q);
            if (ticket !== latest.current) return;
            setItems(page.items);
            setNextCursor(page.nextCursor);
            setShownQuery(q);
          } catch (e) {
            if (ticket === latest.current) setError(describeError(e, 'The notes could not be searched.').message);
          } finally {
            if (ticket === latest.current) setLoading(null);
          }
        })(),
      300,
    );
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- searches when the query changes only
  }, [query]);

  async function showMore() {
    if (!nextCursor) return;
    const ticket = latest.current;
    setLoading('more');
    setError(null);
    try {
      const page = await fetchPage(shownQuery, nextCursor);
      if (ticket !== latest.current) return;
      setItems((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e, 'More notes could not be loaded.').message);
    } finally {
      setLoading(null);
    }
  }

  const none = items.length === 0 && !shownQuery && !query.trim();

  return (
    <div className="space-y-4" data-testid="visit-notes">
      {!none && (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <div className="relative w-full max-w-sm">
            <label htmlFor={`${id}-q`} className="sr-only">
              Search visit notes
            </label>
            <input
              id={`${id}-q`}
              type="search"
              value={query}
              maxLength={200}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Search notes by word…"
              autoComplete="off"
              className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
            />
            {loading === 'search' && (
              <span role="status" className="absolute top-2.5 right-3 text-xs text-slate-500">
                Searching…
              </span>
            )}
          </div>
          <TextLink href={notesPrintHref(patientId)} className="text-sm">
            Print signed notes
          </TextLink>
        </div>
      )}

      {error && <ErrorMessage>{error}</ErrorMessage>}

      {items.length === 0 ? (
        shownQuery ? (
          <EmptyState title={`No notes match “${shownQuery}”.`}>Search looks for whole words in the notes and their addenda.</EmptyState>
        ) : (
          <EmptyState title="No visit notes yet">
            {canWrite
              ? 'Write a note for each visit with “New note”: it opens with what Upright already knows since the last one.'
              : 'Notes the clinicians write for each visit appear here, newest first.'}
          </EmptyState>
        )
      ) : (
        <ol className="divide-y divide-slate-100" aria-label={shownQuery ? `Visit notes matching “${shownQuery}”` : 'Visit notes, newest first'}>
          {items.map((note) => (
            <NoteItem key={note.id} note={note} />
          ))}
        </ol>
      )}

      {nextCursor && (
        <div className="text-center">
          <Button variant="secondary" onClick={() => void showMore()} pending={loading === 'more'}>
            {loading === 'more' ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      )}
    </div>
  );
}

function NoteItem({ note }: { note: VisitNoteSummary }) {
  const inError = note.status === 'entered_in_error';
  return (
    <li className="py-3" data-testid="visit-note">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <Link
          href={noteHref(note.patientId, note.id)}
          className={`font-medium text-slate-900 hover:text-brand-700 hover:underline ${inError ? 'line-through decoration-slate-400' : ''}`}
        >
          {note.templateName ?? 'Visit note'}, <time dateTime={note.visitDate}>{formatDate(note.visitDate)}</time>
        </Link>
        <Badge tone={NOTE_STATUS_TONES[note.status]}>{NOTE_STATUS_LABELS[note.status]}</Badge>
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        By {note.authorName}
        {note.addendaCount > 0 && ` · ${note.addendaCount} ${note.addendaCount === 1 ? 'addendum' : 'addenda'}`}
      </p>
      {note.excerpt && (
        <p className="mt-1 line-clamp-3 text-sm break-words text-slate-700" data-testid="note-excerpt">
          {excerptPieces(note.excerpt).map((piece, i) =>
            piece.match ? (
              <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-amber-900">
                {piece.text}
              </mark>
            ) : (
              piece.text
            ),
          )}
        </p>
      )}
    </li>
  );
}
