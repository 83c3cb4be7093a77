'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Textarea } from '@/components/ui';
import { api, ApiError, ok } from '@/lib/api/browser';

/**
 * Activates a draft. While the patient's latest episode is a referral the API refuses (409 `red_flag_open`);
 * the clinician can then activate anyway with a reason (10-500 characters), which is stored on the plan.
 */
export function ActivatePlan({ planId }: { planId: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  async function activate(overrideReason?: string) {
    setError(null);
    setPending(true);
    try {
      await ok(api.POST('/api/plans/{planId}/activate', { params: { path: { planId } }, body: overrideReason ? { overrideReason } : {} }));
      dialog.current?.close();
      router.replace(`/plans/${planId}?activated=1`);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'red_flag_open' && !overrideReason) {
        setBlocked(e.problem.detail);
        dialog.current?.showModal();
      } else if (e instanceof ApiError) {
        const fields = e.fieldErrors();
        if (fields.overrideReason) setReasonError(`The reason ${fields.overrideReason}`);
        else setError(e.problem.detail);
      } else {
        setError('The plan could not be activated. Please try again.');
      }
    } finally {
      setPending(false);
    }
  }

  function override(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 10) {
      setReasonError('Give the reason in at least 10 characters, e.g. who cleared the patient and when.');
      return;
    }
    setReasonError(undefined);
    void activate(text);
  }

  return (
    <>
      <Button onClick={() => activate()} pending={pending && !blocked}>
        Activate plan
      </Button>
      {error && !blocked && (
        <div className="w-full">
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
      <dialog
        ref={dialog}
        aria-labelledby="override-title"
        onClose={() => setBlocked(null)}
        className="m-auto w-[min(36rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <form onSubmit={override} noValidate className="space-y-4 p-6">
          <div role="alert" data-testid="activate-red-flag" className="rounded-xl border-l-4 border-red-600 bg-red-50 p-4 text-red-950">
            <h2 id="override-title" className="font-semibold">
              No exercise plan while a red flag is open
            </h2>
            <p className="mt-1 text-sm">{blocked}</p>
          </div>
          <p className="text-sm text-slate-700">
            Activate only if a doctor has seen the patient and cleared them for exercise. Your reason is kept with the plan and in the audit log.
          </p>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <Field id="overrideReason" label="Reason to activate anyway" hint="At least 10 characters: who cleared the patient, and when." error={reasonError}>
            <Textarea
              id="overrideReason"
              rows={3}
              maxLength={500}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              invalid={!!reasonError}
            />
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={pending}>
              Activate anyway
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
