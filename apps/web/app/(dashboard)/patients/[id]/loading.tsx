/** Skeleton of the patient page while the patient and their timeline load. */
export default function PatientLoading() {
  return (
    <div role="status" aria-live="polite">
      <div className="h-4 w-20 animate-pulse rounded bg-slate-200" />
      <div className="mt-3 h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="mt-2 h-4 w-48 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="h-56 animate-pulse rounded-2xl bg-slate-200" />
        <div className="space-y-6 lg:col-span-2">
          <div className="h-10 w-full max-w-lg animate-pulse rounded-lg bg-slate-200" />
          <div className="h-32 animate-pulse rounded-2xl bg-slate-200" />
          <div className="h-64 animate-pulse rounded-2xl bg-slate-200" />
        </div>
      </div>
      <span className="sr-only">Loading the patient…</span>
    </div>
  );
}
