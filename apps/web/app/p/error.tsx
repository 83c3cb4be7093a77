'use client';
import { useRouter } from 'next/navigation';
import { startTransition } from 'react';

/**
 * A patient page that could not load (the practice's server unreachable, an unexpected answer). Plain markup on
 * purpose: components/ui would add next/link to this chunk, and the patient pages have a tight JavaScript budget.
 */
export default function PatientPageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  return (
    <div role="alert" className="mx-auto max-w-md rounded-2xl border border-red-200 bg-red-50 p-5">
      <h1 className="text-lg font-semibold text-red-900">Your plan could not be loaded</h1>
      <p className="mt-1 text-red-800">We could not reach the practice’s server. Please check your connection and try again in a moment.</p>
      <button
        type="button"
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
        className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-red-700 px-4 py-2 text-base font-medium text-white shadow-sm hover:bg-red-800"
      >
        Try again
      </button>
    </div>
  );
}
