'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ErrorMessage } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

/**
 * Marks a spasm reported at a follow-up as reviewed without recording an episode (the clinician has read it, and
 * e.g. phoned the patient): it leaves Today's list. Recording the episode from the form marks it reviewed too.
 */
export function MarkFollowUpReviewed({ followUpId, patientName }: { followUpId: string; patientName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function review() {
    setPending(true);
    setError(null);
    try {
      await ok(api.POST('/api/follow-ups/{followUpId}/reviewed', { params: { path: { followUpId } }, body: {} }));
      router.refresh();
    } catch (e) {
      setError(describeError(e, 'The follow-up could not be marked reviewed.').message);
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col items-stretch gap-1 sm:items-end">
      <Button variant="ghost" onClick={review} pending={pending}>
        Mark reviewed<span className="sr-only"> {patientName}’s follow-up</span>
      </Button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
