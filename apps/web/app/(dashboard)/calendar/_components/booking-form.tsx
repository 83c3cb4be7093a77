'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field, Input, Select, Textarea } from '@/components/ui';
import { api, ApiError, ok } from '@/lib/api/browser';
import { textField } from '@/lib/form-data';
import { PatientPicker, type PickedPatient } from './patient-picker';

export interface BookingSlot {
  clinicianId: string;
  clinicianName: string;
  start: string;
  /** "Mon 7 Dec, 09:30", in the practice's time zone. */
  label: string;
}

/** What a refused booking means, in words. */
export function conflictMessage(e: unknown): { message: string; outsideHours: boolean } | null {
  if (!(e instanceof ApiError) || e.problem.status !== 409) return null;
  if (e.problem.code === 'slot_taken') return { message: 'Someone just booked this time. Pick another slot.', outsideHours: false };
  if (e.problem.code === 'outside_hours')
    return { message: 'This time is outside the clinician’s working hours. Pick a free slot instead.', outsideHours: true };
  return { message: e.problem.detail || 'This time is no longer free. Pick another slot.', outsideHours: false };
}

/**
 * Books a chosen slot: the patient (searched), the type and, for clinical staff, a note. A slot taken meanwhile or a
 * time outside working hours is said in words; an admin may then book outside hours with a reason.
 */
export function BookingForm({
  slot,
  types,
  typeId: initialType,
  patient: initialPatient,
  episodeId,
  clinical,
  admin,
  anotherSlotHref,
}: {
  slot: BookingSlot;
  types: { id: string; name: string; durationMinutes: number }[];
  typeId: string;
  patient: PickedPatient | null;
  episodeId: string | null;
  clinical: boolean;
  admin: boolean;
  anotherSlotHref: string;
}) {
  const router = useRouter();
  const [patient, setPatient] = useState<PickedPatient | null>(initialPatient);
  const [patientError, setPatientError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [outsideHours, setOutsideHours] = useState(false);
  const [reasonError, setReasonError] = useState<string | undefined>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const typeId = textField(form, 'typeId');
    const note = textField(form, 'note').trim();
    const reason = textField(form, 'overrideReason').trim();
    setFailure(null);
    setPatientError(patient ? undefined : 'Choose the patient');
    if (!patient) return;
    if (outsideHours && admin && reason.length < 3) {
      setReasonError('Say why (at least 3 characters)');
      return;
    }
    setReasonError(undefined);
    setPending(true);
    try {
      const created = await ok(
        api.POST('/api/appointments', {
          body: {
            patientId: patient.id,
            clinicianId: slot.clinicianId,
            typeId,
            start: slot.start,
            ...(episodeId ? { episodeId } : {}),
            ...(note ? { note } : {}),
            ...(outsideHours && admin ? { override: { reason } } : {}),
          },
        }),
      );
      router.push(`/calendar/appointments/${created.id}?booked=1`);
    } catch (e) {
      const conflict = conflictMessage(e);
      if (conflict) {
        setFailure(conflict.message);
        setOutsideHours(conflict.outsideHours);
      } else setFailure(e instanceof Error ? e.message : 'The appointment could not be booked. Please try again.');
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-5 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-slate-800" data-testid="booking-slot">
        <span className="font-semibold">{slot.label}</span> with {slot.clinicianName}
        <Link href={anotherSlotHref} className="ml-2 font-medium text-brand-700 underline underline-offset-2">
          Pick another slot
        </Link>
      </div>
      <PatientPicker value={patient} onChange={setPatient} error={patientError} />
      <Field id="typeId" label="Appointment type">
        <Select id="typeId" name="typeId" defaultValue={initialType}>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.durationMinutes} min)
            </option>
          ))}
        </Select>
      </Field>
      {clinical && (
        <Field id="note" label="Note (optional)" hint="Seen by clinical staff only.">
          <Textarea id="note" name="note" maxLength={2000} />
        </Field>
      )}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      {outsideHours && admin && (
        <Field id="overrideReason" label="Reason to book outside working hours" error={reasonError}>
          <Input id="overrideReason" name="overrideReason" invalid={!!reasonError} maxLength={500} />
        </Field>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending}>
          {outsideHours && admin ? 'Book outside hours' : 'Book appointment'}
        </Button>
      </div>
    </form>
  );
}
