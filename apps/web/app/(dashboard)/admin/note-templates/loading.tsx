/** Skeleton of the note templates page while the templates load. */
export default function NoteTemplatesLoading() {
  return (
    <div role="status" aria-live="polite">
      <div className="h-8 w-44 animate-pulse rounded bg-slate-200" />
      <div className="mt-2 h-4 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="mt-6 h-96 max-w-4xl animate-pulse rounded-2xl bg-slate-200" />
      <span className="sr-only">Loading the note templates…</span>
    </div>
  );
}
