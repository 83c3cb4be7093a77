export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <div className="h-4 w-36 animate-pulse rounded bg-slate-200" />
      <div className="h-8 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="grid gap-6 pt-3 lg:grid-cols-3">
        <div className="h-[28rem] animate-pulse rounded-2xl bg-slate-200 lg:col-span-2" />
        <div className="h-72 animate-pulse rounded-2xl bg-slate-200" />
      </div>
      <span className="sr-only">Loading the plan…</span>
    </div>
  );
}
