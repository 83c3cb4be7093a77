'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { isIsoDate } from '@upright/domain';
import { Button, ErrorMessage, Field, Input } from '@/components/ui';
import { api, ifMatch, ok } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { usePracticeToday } from '@/lib/practice-day';
import { describeError } from '@/lib/problems';

/**
 * "Mark resolved" on an open episode: the day the spasm settled (today by default, never before its onset nor after
 * today), sent with the version the page read (If-Match), so a change made meanwhile is not overwritten.
 */
export function MarkResolved({ patientId, episodeId, version, onsetDate }: { patientId: string; episodeId: string; version: number; onsetDate: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const today = usePracticeToday();
  const id = useId();
  const [resolvedOn, setResolvedOn] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  function open() {
    setResolvedOn(today);
    setError(null);
    setFieldError(undefined);
    dialog.current?.showModal();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!isIsoDate(resolvedOn)) return setFieldError('Enter a real date.');
    if (resolvedOn < onsetDate) return setFieldError(`The spasm started on ${formatDate(onsetDate)}: it cannot have settled before.`);
    if (resolvedOn > today) return setFieldError('The date cannot be in the future.');
    setFieldError(undefined);
    setPending(true);
    try {
      await ok(
        api.POST('/api/patients/{id}/episodes/{episodeId}/resolved', {
          params: { path: { id: patientId, episodeId }, header: ifMatch(version) },
          body: { resolvedOn },
        }),
      );
      dialog.current?.close();
      router.refresh();
    } catch (e) {
      const { message, fields, status } = describeError(e, 'The episode could not be marked resolved. Please try again.');
      setFieldError(fields.resolvedOn);
      setError(status === 412 ? 'Someone changed this episode meanwhile. Close this, and try again on the refreshed page.' : message);
      if (status === 412) router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={open}>
        Mark resolved<span className="sr-only"> the episode of {formatDate(onsetDate)}</span>
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <form onSubmit={submit} noValidate className="space-y-4 p-6">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            When did the spasm settle?
          </h2>
          <p className="text-sm text-slate-700">
            The episode that started on {formatDate(onsetDate)} is marked resolved on this day. You can correct it later.
          </p>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <Field id={`${id}-date`} label="Resolved on" error={fieldError}>
            <Input
              id={`${id}-date`}
              type="date"
              min={onsetDate}
              max={today}
              required
              value={resolvedOn}
              onChange={(e) => setResolvedOn(e.target.value)}
              invalid={!!fieldError}
            />
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Mark resolved
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
