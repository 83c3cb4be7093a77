'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Textarea } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

/** A clinical record that can be marked as entered in error. */
export type MarkableRecord = { patientId: string } & ({ episodeId: string } | { assessmentId: string } | { outcomeId: string } | { noteId: string });

async function markEnteredInError(record: MarkableRecord, reason: string): Promise<void> {
  const body = { reason };
  const id = record.patientId;
  if ('episodeId' in record)
    await ok(api.POST('/api/patients/{id}/episodes/{episodeId}/entered-in-error', { params: { path: { id, episodeId: record.episodeId } }, body }));
  else if ('assessmentId' in record)
    await ok(api.POST('/api/patients/{id}/assessments/{assessmentId}/entered-in-error', { params: { path: { id, assessmentId: record.assessmentId } }, body }));
  else if ('outcomeId' in record)
    await ok(api.POST('/api/patients/{id}/outcomes/{outcomeId}/entered-in-error', { params: { path: { id, outcomeId: record.outcomeId } }, body }));
  else await ok(api.POST('/api/notes/{noteId}/entered-in-error', { params: { path: { noteId: record.noteId } }, body }));
}

/**
 * "Mark as entered in error" for a clinical record: records are never deleted, a mistake is marked with the
 * reason why. `record` names it: its patient and its id.
 */
export function EnteredInErrorButton({
  record,
  what,
  label = 'Mark as entered in error',
  ariaLabel,
  compact = false,
  consequence,
}: {
  record: MarkableRecord;
  what: string;
  label?: string;
  /** A longer accessible name when several buttons share one label (one per table row). */
  ariaLabel?: string;
  /** A small button, for a table row. */
  compact?: boolean;
  /** What marking it means, when "no longer counts as the patient’s current …" does not fit the record. */
  consequence?: string;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldError(undefined);
    if (reason.trim().length < 3) {
      setFieldError('Say briefly why (at least 3 characters)');
      return;
    }
    setPending(true);
    try {
      await markEnteredInError(record, reason.trim());
      dialog.current?.close();
      router.refresh();
    } catch (e) {
      const { message, fields } = describeError(e, `The ${what} could not be marked.`);
      setFieldError(fields.reason);
      setError(message);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button
        variant="ghost"
        aria-label={ariaLabel}
        className={compact ? 'px-2 py-1 text-xs whitespace-nowrap text-slate-500' : ''}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <form onSubmit={submit} className="space-y-4 p-6">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Mark this {what} as entered in error?
          </h2>
          <p className="text-sm text-slate-700">
            {consequence ?? `It stays in the record, struck through with your reason, and no longer counts as the patient’s current ${what}.`} This cannot be
            undone.
          </p>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <Field id={`${id}-reason`} label="Reason" hint="For example: recorded on the wrong patient." error={fieldError}>
            <Textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} invalid={!!fieldError} />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={pending}>
              Mark as entered in error
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
