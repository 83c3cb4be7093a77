import type { Metadata } from 'next';
import { calendarDateIn } from '@upright/domain';
import { Badge, Card, EmptyState, PageHeader, TextLink } from '@/components/ui';
import { WriteNoteButton } from '../../../patients/[id]/notes/_components/new-note';
import { ApiError, ok, requireMe, serverApi } from '@/lib/api/server';
import { STATUS_LABELS, STATUS_TONES, calendarHref, dayOf, formatLongDay, formatTime } from '@/lib/calendar';
import { AppointmentActions } from '../../_components/appointment-actions';
import { loadClinicians, loadTypes } from '../../_components/load';

export const metadata: Metadata = { title: 'Appointment' };

/** One appointment: when, who, what; and what can be done with it (arrived/completed/no-show, move, cancel). */
export default async function AppointmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ booked?: string }> }) {
  const [{ id }, { booked }] = await Promise.all([params, searchParams]);
  const me = await requireMe();
  const timeZone = me.practice.timeZone;
  const api = await serverApi();
  const appointment = await ok(api.GET('/api/appointments/{id}', { params: { path: { id } } })).catch((e: unknown) => {
    if (e instanceof ApiError && (e.problem.status === 404 || e.problem.status === 400)) return null;
    throw e;
  });
  if (!appointment) {
    return (
      <div>
        <PageHeader title="Appointment not found" back={{ href: '/calendar', label: 'Calendar' }} />
        <EmptyState title="There is no such appointment in your practice">Open the calendar to find the appointment you are looking for.</EmptyState>
      </div>
    );
  }
  const [types, clinicians] = await Promise.all([loadTypes(), loadClinicians([appointment.clinicianId])]);
  const type = types.find((t) => t.id === appointment.typeId);
  const clinician = clinicians.find((c) => c.id === appointment.clinicianId);
  const day = dayOf(appointment.start, timeZone);
  const patientName = `${appointment.patient.firstName} ${appointment.patient.lastName}`;
  const today = calendarDateIn(timeZone, new Date());

  return (
    <div>
      <PageHeader
        back={{ href: calendarHref({ view: 'day', date: day, clinicianId: null, typeId: null }), label: `Calendar, ${formatLongDay(day)}` }}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {patientName}
            <Badge tone={STATUS_TONES[appointment.status]}>{STATUS_LABELS[appointment.status]}</Badge>
          </span>
        }
        subtitle={`${formatLongDay(day)}, ${formatTime(appointment.start, timeZone)}–${formatTime(appointment.end, timeZone)} (${timeZone})`}
      />
      {booked && (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Booked. The appointment is in the calendar.
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">Patient</dt>
              <dd>
                <TextLink href={`/patients/${appointment.patient.id}`}>{patientName}</TextLink>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Clinician</dt>
              <dd>{clinician?.name ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Type</dt>
              <dd>{type ? `${type.name} (${type.durationMinutes} min)` : '—'}</dd>
            </div>
            {appointment.note && (
              <div>
                <dt className="text-slate-500">Note</dt>
                <dd className="whitespace-pre-line">{appointment.note}</dd>
              </div>
            )}
            {appointment.cancelReason && (
              <div>
                <dt className="text-slate-500">Cancelled because</dt>
                <dd>{appointment.cancelReason}</dd>
              </div>
            )}
            {appointment.overrideReason && (
              <div>
                <dt className="text-slate-500">Booked outside working hours because</dt>
                <dd>{appointment.overrideReason}</dd>
              </div>
            )}
          </dl>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          {/* Clinicians write the visit's note (admins read notes, reception never sees them). */}
          {me.role === 'clinician' && appointment.status !== 'cancelled' && (
            <Card title="Visit note">
              <p className="mb-3 text-sm text-slate-600">
                The note of this visit, prefilled with what Upright knows since the last one. If it is already written, this opens it.
              </p>
              <WriteNoteButton patientId={appointment.patient.id} appointmentId={appointment.id} />
            </Card>
          )}
          <AppointmentActions
            appointment={{
              id: appointment.id,
              status: appointment.status,
              version: appointment.version,
              clinicianId: appointment.clinicianId,
              typeId: appointment.typeId,
              day,
            }}
            today={today}
            timeZone={timeZone}
            canRecord={me.role !== 'reception'}
            clinicians={clinicians}
          />
        </div>
      </div>
    </div>
  );
}
