'use client';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Button, Card, ErrorMessage, Field, Input } from '@/components/ui';
import { api, ifMatch, ok } from '@/lib/api/browser';
import { textField } from '@/lib/form-data';
import { type AppointmentStatus, type CalendarClinician, type CalendarSlot, formatShortDay, formatTime } from '@/lib/calendar';
import { conflictMessage } from './booking-form';

type Recorded = 'arrived' | 'completed' | 'no_show';

/** What can be recorded next from a status. */
const NEXT: Partial<Record<AppointmentStatus, { status: Recorded; label: string; variant: 'primary' | 'secondary' }[]>> = {
  booked: [
    { status: 'arrived', label: 'Mark arrived', variant: 'primary' },
    { status: 'no_show', label: 'Mark no-show', variant: 'secondary' },
  ],
  arrived: [{ status: 'completed', label: 'Mark completed', variant: 'primary' }],
};

/** Records arrival / completion / no-show of one appointment; the buttons are shared by the calendar and Today. */
export function StatusButtons({ id, status, onDone }: { id: string; status: AppointmentStatus; onDone?: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState<Recorded | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const next = NEXT[status] ?? [];
  if (next.length === 0) return null;

  async function record(s: Recorded) {
    setPending(s);
    setFailure(null);
    try {
      await ok(api.POST('/api/appointments/{id}/status', { params: { path: { id } }, body: { status: s } }));
      onDone?.();
      router.refresh();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : 'The status could not be saved. Please try again.');
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {next.map((n) => (
        <Button key={n.status} variant={n.variant} pending={pending === n.status} disabled={pending !== null} onClick={() => void record(n.status)}>
          {n.label}
        </Button>
      ))}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
    </div>
  );
}

/** The actions of an appointment's page: status, move to another free slot, cancel with a reason. */
export function AppointmentActions({
  appointment,
  today,
  timeZone,
  canRecord,
  clinicians,
}: {
  appointment: { id: string; status: AppointmentStatus; version: number; clinicianId: string; typeId: string; day: string };
  today: string;
  timeZone: string;
  canRecord: boolean;
  clinicians: CalendarClinician[];
}) {
  const open = appointment.status === 'booked';
  return (
    <>
      {canRecord && NEXT[appointment.status] && (
        <Card title="Attendance">
          <StatusButtons id={appointment.id} status={appointment.status} />
        </Card>
      )}
      {open && <MoveAppointment appointment={appointment} today={today} timeZone={timeZone} clinicians={clinicians} />}
      {open && <CancelAppointment id={appointment.id} />}
    </>
  );
}

function MoveAppointment({
  appointment,
  today,
  timeZone,
  clinicians,
}: {
  appointment: { id: string; version: number; clinicianId: string; typeId: string; day: string };
  today: string;
  timeZone: string;
  clinicians: CalendarClinician[];
}) {
  const id = useId();
  const router = useRouter();
  const [date, setDate] = useState(appointment.day < today ? today : appointment.day);
  const [clinicianId, setClinicianId] = useState(appointment.clinicianId);
  const [slots, setSlots] = useState<CalendarSlot[] | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setPending('find');
    try {
      const { items } = await ok(api.GET('/api/slots', { params: { query: { typeId: appointment.typeId, from: date, to: date, clinicianId } } }));
      setSlots(items.filter((s) => new Date(s.start).getTime() > Date.now()));
    } catch (e) {
      setFailure(e instanceof Error ? e.message : 'The free slots could not be loaded. Please try again.');
    } finally {
      setPending(null);
    }
  }

  async function move(slot: CalendarSlot) {
    setFailure(null);
    setPending(slot.start);
    try {
      await ok(
        api.PATCH('/api/appointments/{id}', {
          params: { path: { id: appointment.id }, header: ifMatch(appointment.version) },
          body: { start: slot.start, clinicianId: slot.clinicianId },
        }),
      );
      setSlots(null);
      router.refresh();
    } catch (e) {
      const conflict = conflictMessage(e);
      setFailure(conflict?.message ?? (e instanceof Error ? e.message : 'The appointment could not be moved. Please try again.'));
    } finally {
      setPending(null);
    }
  }

  return (
    <Card title="Move">
      <form onSubmit={find} className="flex flex-wrap items-end gap-3">
        <Field id={`${id}-date`} label="Day">
          <Input id={`${id}-date`} type="date" value={date} min={today} onChange={(e) => setDate(e.target.value)} required />
        </Field>
        <div>
          <label htmlFor={`${id}-clinician`} className="block text-sm font-medium text-slate-700">
            Clinician
          </label>
          <select
            id={`${id}-clinician`}
            value={clinicianId}
            onChange={(e) => setClinicianId(e.target.value)}
            className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
          >
            {clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" pending={pending === 'find'}>
          Find free slots
        </Button>
      </form>
      {slots && (
        <div className="mt-4" aria-live="polite">
          {slots.length === 0 ? (
            <p className="text-sm text-slate-600">No free slot on {formatShortDay(date)}. Try another day.</p>
          ) : (
            <ul className="flex flex-wrap gap-2" aria-label={`Free slots on ${formatShortDay(date)}`}>
              {slots.map((s) => (
                <li key={s.start}>
                  <Button variant="secondary" pending={pending === s.start} disabled={pending !== null} onClick={() => void move(s)}>
                    <span className="sr-only">Move to </span>
                    {formatTime(s.start, timeZone)}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {failure && (
        <div className="mt-3">
          <ErrorMessage>{failure}</ErrorMessage>
        </div>
      )}
    </Card>
  );
}

function CancelAppointment({ id }: { id: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = textField(new FormData(event.currentTarget), 'reason').trim();
    setFailure(null);
    if (reason.length < 3) {
      setError('Say why the appointment is cancelled (at least 3 characters)');
      return;
    }
    setError(undefined);
    setPending(true);
    try {
      await ok(api.POST('/api/appointments/{id}/cancel', { params: { path: { id } }, body: { reason } }));
      router.refresh();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : 'The appointment could not be cancelled. Please try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <Card title="Cancel">
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <Field id="cancel-reason" label="Reason" error={error} hint="For example: patient phoned, unwell.">
          <Input id="cancel-reason" name="reason" maxLength={500} invalid={!!error} />
        </Field>
        {failure && <ErrorMessage>{failure}</ErrorMessage>}
        <Button type="submit" variant="danger" pending={pending}>
          Cancel appointment
        </Button>
      </form>
    </Card>
  );
}
