'use client';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-900">This page could not be loaded</h2>
      <p className="mt-1 text-sm text-red-800">{error.message || 'Upright could not reach its server. Please try again.'}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-lg bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800">
        Try again
      </button>
    </div>
  );
}
