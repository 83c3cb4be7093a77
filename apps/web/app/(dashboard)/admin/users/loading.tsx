/** Skeleton of the staff page while the accounts load. */
export default function StaffLoading() {
  return (
    <div role="status" aria-live="polite">
      <div className="h-8 w-28 animate-pulse rounded bg-slate-200" />
      <div className="mt-2 h-4 w-80 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="h-72 animate-pulse rounded-2xl bg-slate-200 lg:col-span-2" />
        <div className="h-72 animate-pulse rounded-2xl bg-slate-200" />
      </div>
      <span className="sr-only">Loading staff…</span>
    </div>
  );
}
