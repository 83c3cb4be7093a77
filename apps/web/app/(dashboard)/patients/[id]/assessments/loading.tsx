export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <div className="h-4 w-28 animate-pulse rounded bg-slate-200" />
      <div className="h-8 w-72 animate-pulse rounded bg-slate-200" />
      <div className="grid gap-6 pt-3 lg:grid-cols-5">
        <div className="h-80 animate-pulse rounded-2xl bg-slate-200 lg:col-span-3" />
        <div className="h-80 animate-pulse rounded-2xl bg-slate-200 lg:col-span-2" />
      </div>
      <span className="sr-only">Loading the assessment…</span>
    </div>
  );
}
