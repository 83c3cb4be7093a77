/** Skeleton of the Today page while its lists load. */
export default function TodayLoading() {
  return (
    <div role="status" aria-live="polite">
      <div className="h-8 w-32 animate-pulse rounded bg-slate-200" />
      <div className="mt-2 h-4 w-72 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-48 animate-pulse rounded-2xl bg-slate-200" />
        ))}
      </div>
      <span className="sr-only">Loading today’s list…</span>
    </div>
  );
}
