/** Skeleton of the audit log while the first entries load. */
export default function AuditLoading() {
  return (
    <div role="status" aria-live="polite">
      <div className="h-8 w-36 animate-pulse rounded bg-slate-200" />
      <div className="mt-2 h-4 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="mt-6 h-28 animate-pulse rounded-2xl bg-slate-200" />
      <div className="mt-6 h-96 animate-pulse rounded-2xl bg-slate-200" />
      <span className="sr-only">Loading the audit log…</span>
    </div>
  );
}
