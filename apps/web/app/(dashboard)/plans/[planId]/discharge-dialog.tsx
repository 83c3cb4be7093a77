'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { isIsoDate } from '@upright/domain';
import { Button, ErrorMessage, Field, Input, Textarea } from '@/components/ui';
import { api, ifMatch, ok } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { usePracticeToday } from '@/lib/practice-day';
import { describeError } from '@/lib/problems';

/**
 * "Discharge": the reason (required), the completion date (today by default, not before the plan began nor after
 * today) and, for a copy of the letter to the patient's doctor, the doctor's name and address. Discharge is the
 * clinician's decision whatever the review says; the review of the day is stored with it.
 */
export function DischargeDialog({ planId, planVersion, startDate, ready }: { planId: string; planVersion: number; startDate: string; ready: boolean }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const today = usePracticeToday();
  const id = useId();
  const [reason, setReason] = useState('');
  const [completedOn, setCompletedOn] = useState(today);
  const [doctorName, setDoctorName] = useState('');
  const [doctorAddress, setDoctorAddress] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const problems: Record<string, string> = {};
    if (!reason.trim()) problems.reason = 'Say why the patient is discharged.';
    if (!isIsoDate(completedOn)) problems.completedOn = 'Enter a real date.';
    else if (completedOn > today) problems.completedOn = 'The date cannot be in the future.';
    else if (completedOn < startDate) problems.completedOn = `The plan began on ${formatDate(startDate)}: discharge cannot come before.`;
    if (!doctorName.trim() && doctorAddress.trim())
      problems['letterToDoctor.name'] = 'Give the doctor’s name for the copy of the letter, or clear the address.';
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    try {
      await ok(
        api.POST('/api/plans/{planId}/discharge', {
          params: { path: { planId }, header: ifMatch(planVersion) },
          body: {
            reason: reason.trim(),
            completedOn,
            letterToDoctor: doctorName.trim() ? { name: doctorName.trim(), address: doctorAddress.trim() || undefined } : null,
          },
        }),
      );
      dialog.current?.close();
      router.replace(`/plans/${planId}?discharged=1`);
      router.refresh();
    } catch (e) {
      const { message, fields, status } = describeError(e, 'The patient could not be discharged. Please try again.');
      setFieldErrors(fields);
      setError(status === 412 ? 'This plan was changed meanwhile. Close this dialog and try again on the refreshed page.' : message);
      if (status === 412 || status === 409) router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant={ready ? 'primary' : 'secondary'} onClick={() => dialog.current?.showModal()}>
        Discharge
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[min(36rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
      >
        <form onSubmit={submit} noValidate className="space-y-4 p-6">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Discharge the patient
          </h2>
          <p className="text-sm text-slate-700">
            The plan is completed and can no longer be changed. The patient keeps their link and a maintenance programme, and is asked at 3, 6 and 12 months
            whether the spasm has come back.
            {!ready && ' The discharge review does not say “ready”: you can still discharge, and the review of today is kept with it.'}
          </p>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <Field id={`${id}-reason`} label="Reason" hint="For example: goals met, self-managing with the maintenance programme." error={fieldErrors.reason}>
            <Textarea
              id={`${id}-reason`}
              rows={3}
              maxLength={2000}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              invalid={!!fieldErrors.reason}
            />
          </Field>
          <Field id={`${id}-date`} label="Completion date" error={fieldErrors.completedOn}>
            <Input
              id={`${id}-date`}
              type="date"
              min={startDate}
              max={today}
              required
              value={completedOn}
              onChange={(e) => setCompletedOn(e.target.value)}
              invalid={!!fieldErrors.completedOn}
            />
          </Field>
          <fieldset className="space-y-3 rounded-xl border border-slate-200 p-4">
            <legend className="px-1 text-sm font-medium text-slate-700">Copy of the letter to the patient’s doctor (optional)</legend>
            <Field id={`${id}-doctor`} label="Doctor’s name" error={fieldErrors['letterToDoctor.name']}>
              <Input
                id={`${id}-doctor`}
                maxLength={200}
                autoComplete="off"
                value={doctorName}
                onChange={(e) => setDoctorName(e.target.value)}
                invalid={!!fieldErrors['letterToDoctor.name']}
              />
            </Field>
            <Field id={`${id}-address`} label="Doctor’s address" error={fieldErrors['letterToDoctor.address']}>
              <Textarea
                id={`${id}-address`}
                rows={3}
                maxLength={1000}
                value={doctorAddress}
                onChange={(e) => setDoctorAddress(e.target.value)}
                invalid={!!fieldErrors['letterToDoctor.address']}
              />
            </Field>
          </fieldset>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Discharge
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
