/** A neutral skeleton for the patient's sub-pages (episode, outcomes) while they load. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite">
      <div className="h-4 w-28 animate-pulse rounded bg-slate-200" />
      <div className="mt-3 h-8 w-56 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 grid gap-6 lg:grid-cols-5">
        <div className="h-96 animate-pulse rounded-2xl bg-slate-200 lg:col-span-3" />
        <div className="h-64 animate-pulse rounded-2xl bg-slate-200 lg:col-span-2" />
      </div>
      <span className="sr-only">{label}</span>
    </div>
  );
}
