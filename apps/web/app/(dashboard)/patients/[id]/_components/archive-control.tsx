'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Button, ErrorMessage } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

/** Archive (or restore) a patient, after a confirmation dialog. Archiving hides, never deletes. */
export function ArchiveControl({ patientId, name, archived }: { patientId: string; name: string; archived: boolean }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = archived ? 'Restore' : 'Archive';

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await ok(api.POST(archived ? '/api/patients/{id}/restore' : '/api/patients/{id}/archive', { params: { path: { id: patientId } } }));
      dialog.current?.close();
      router.refresh();
    } catch (e) {
      setError(describeError(e, `The patient could not be ${archived ? 'restored' : 'archived'}.`).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button
        variant={archived ? 'secondary' : 'ghost'}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {verb}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="archive-title"
        aria-describedby="archive-text"
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <div className="space-y-3 p-6">
          <h2 id="archive-title" className="text-lg font-semibold">
            {verb} {name}?
          </h2>
          <p id="archive-text" className="text-sm text-slate-700">
            {archived
              ? 'The patient will appear in the patient list and search again.'
              : 'The patient will be hidden from the patient list and search. Nothing is deleted: their details and clinical records are kept, and you can restore them at any time.'}
          </p>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button variant={archived ? 'primary' : 'danger'} onClick={confirm} pending={pending}>
              {verb} patient
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
