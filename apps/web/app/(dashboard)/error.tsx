'use client';
import { Button } from '@/components/ui';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-900">This page could not be loaded</h2>
      <p className="mt-1 text-sm text-red-800">{error.message || 'Upright could not reach its server. Please try again.'}</p>
      <Button variant="danger" onClick={reset} className="mt-4">
        Try again
      </Button>
    </div>
  );
}
