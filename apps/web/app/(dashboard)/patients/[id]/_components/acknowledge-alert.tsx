'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ErrorMessage } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { describeError } from '@/lib/problems';

/** Marks a pain alert as seen: it leaves the open list here and on the Today page (the log itself stays). */
export function AcknowledgeAlert({ patientId, logId, date }: { patientId: string; logId: string; date: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function acknowledge() {
    setPending(true);
    setError(null);
    try {
      await ok(api.POST('/api/patients/{id}/pain-alerts/{logId}/acknowledge', { params: { path: { id: patientId, logId } } }));
      router.refresh();
    } catch (e) {
      setError(describeError(e, 'The alert could not be marked as seen.').message);
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={acknowledge} pending={pending} aria-label={`Mark the pain alert of ${formatDate(date)} as seen`}>
        Mark as seen
      </Button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
