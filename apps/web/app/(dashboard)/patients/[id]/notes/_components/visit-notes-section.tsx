import { type Me, ok, serverApi } from '@/lib/api/server';
import { CATEGORY_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { NoteList } from './note-list';
import { NewNoteButton } from './new-note';

/** How many notes a page of the list shows. */
export const NOTES_PAGE_SIZE = 10;

/**
 * The patient page's "Visit notes": newest first, searchable by word, paged with "Show more"; clinicians start a
 * new note here (admins read only; reception never gets this far: the page leaves the section out for them).
 */
export async function VisitNotesSection({ patientId, me, active }: { patientId: string; me: Me; active: boolean }) {
  const api = await serverApi();
  const writes = me.role === 'clinician' && active;
  const [page, templates, episodes] = await Promise.all([
    ok(api.GET('/api/patients/{id}/notes', { params: { path: { id: patientId }, query: { limit: NOTES_PAGE_SIZE } } })),
    writes ? ok(api.GET('/api/note-templates')) : null,
    writes ? ok(api.GET('/api/patients/{id}/episodes', { params: { path: { id: patientId }, query: { limit: 20, status: 'recorded' } } })) : null,
  ]);

  return (
    // A region named by its heading (a Card's section is not one), so assistive technology lists it among the page's parts.
    <section aria-labelledby="visit-notes-title" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id="visit-notes-title" className="text-lg font-semibold tracking-tight">
          Visit notes
        </h2>
        {writes && templates && episodes && (
          <NewNoteButton
            patientId={patientId}
            templates={templates.items.filter((t) => t.active).map((t) => ({ id: t.id, name: t.name }))}
            episodes={episodes.items.map((e) => ({
              id: e.id,
              label: `${CATEGORY_LABELS[e.classification.category]}, started ${formatDate(e.onsetDate)}`,
            }))}
          />
        )}
      </div>
      <NoteList patientId={patientId} initialItems={page.items} initialCursor={page.nextCursor} pageSize={NOTES_PAGE_SIZE} canWrite={writes} />
    </section>
  );
}
