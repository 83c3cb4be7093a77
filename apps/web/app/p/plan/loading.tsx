/** Shown while the plan loads. Plain markup on purpose: importing components/ui here would ship next/link again. */
export default function Loading() {
  return (
    <div role="status" className="flex items-center gap-3 py-12 text-lg text-slate-600">
      <span aria-hidden="true" className="inline-block h-5 w-5 animate-spin rounded-full border-2 border-current border-r-transparent" />
      Opening your plan…
    </div>
  );
}
