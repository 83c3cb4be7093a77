'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { PainAlertItem } from '@upright/api/contracts';
import { Button, ErrorMessage } from '@/components/ui';
import { api } from '@/lib/api-client';
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
      await api<PainAlertItem>(`/patients/${patientId}/pain-alerts/${logId}/acknowledge`, { method: 'POST' });
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
