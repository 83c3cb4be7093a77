export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <div className="h-4 w-28 animate-pulse rounded bg-slate-200" />
      <div className="h-8 w-72 animate-pulse rounded bg-slate-200" />
      <div className="h-28 animate-pulse rounded-2xl bg-slate-200" />
      <div className="h-96 animate-pulse rounded-2xl bg-slate-200" />
      <span className="sr-only">Loading plans…</span>
    </div>
  );
}
