import type { Metadata } from 'next';
import { calendarDateIn } from '@upright/domain';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { ApiError, ok, requireMe, serverApi } from '@/lib/api/server';
import { type CalendarSlot, calendarHref, dayOf, formatTime, formatShortDay } from '@/lib/calendar';
import { BookingForm } from '../_components/booking-form';
import { bookable, loadClinicians, loadTypes, nextFreeSlot } from '../_components/load';

export const metadata: Metadata = { title: 'Book an appointment' };

type Params = Record<string, string | string[] | undefined>;
const one = (params: Params, key: string) => (typeof params[key] === 'string' && params[key] !== '' ? params[key] : null);

/**
 * Books one slot: /calendar/book?clinician=&start=&type= (a free slot of the calendar), optionally with &patient=.
 * With &review=1&patient=&episode= (Today's "Book review") the slot is the next free one of the clinician who
 * recorded the episode, of the type named like "Review" when there is one.
 */
export default async function BookPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const me = await requireMe();
  const timeZone = me.practice.timeZone;
  const today = calendarDateIn(timeZone, new Date());
  const api = await serverApi();
  const clinical = me.role !== 'reception';
  const types = bookable(await loadTypes());
  const patientId = one(params, 'patient');
  const episodeId = one(params, 'episode');
  const patient = patientId ? await ok(api.GET('/api/patients/{id}', { params: { path: { id: patientId } } })).catch(() => null) : null;

  let typeId = one(params, 'type');
  if (!typeId || !types.some((t) => t.id === typeId)) {
    typeId = (one(params, 'review') ? types.find((t) => /review/i.test(t.name)) : undefined)?.id ?? types[0]?.id ?? null;
  }

  let slot: CalendarSlot | null = null;
  const start = one(params, 'start');
  const clinicianId = one(params, 'clinician');
  let clinicianOfPatient: string | null = clinicianId;
  if (start && clinicianId) {
    slot = { clinicianId, start, end: start };
  } else if (typeId) {
    if (!clinicianOfPatient && episodeId && patientId && clinical) {
      const episode = await ok(api.GET('/api/patients/{id}/episodes/{episodeId}', { params: { path: { id: patientId, episodeId } } })).catch((e: unknown) => {
        if (e instanceof ApiError) return null;
        throw e;
      });
      clinicianOfPatient = episode?.createdBy ?? null;
    }
    // The clinician who recorded the episode, if they have free time; anyone's next slot otherwise.
    slot = (await nextFreeSlot(typeId, today, clinicianOfPatient)) ?? (clinicianOfPatient ? await nextFreeSlot(typeId, today, null) : null);
  }

  const title = one(params, 'review') ? 'Book a review' : 'Book an appointment';
  const back = { href: '/calendar', label: 'Calendar' };
  if (!typeId || !slot) {
    return (
      <div>
        <PageHeader title={title} back={back} />
        <EmptyState
          title={typeId ? 'No free slot in the next four weeks' : 'No appointment types yet'}
          action={<ButtonLink href="/calendar">Open the calendar</ButtonLink>}
        >
          {typeId
            ? 'The clinician has no free time in their working hours for this type. Choose another clinician or type in the calendar.'
            : 'An administrator adds appointment types before anything can be booked.'}
        </EmptyState>
      </div>
    );
  }

  const day = dayOf(slot.start, timeZone);
  const clinicians = await loadClinicians([slot.clinicianId]);
  const name = clinicians.find((c) => c.id === slot.clinicianId)?.name ?? 'the clinician';
  return (
    <div>
      <PageHeader title={title} back={back} subtitle={`Times in the practice’s time zone (${timeZone}).`} />
      <BookingForm
        slot={{ clinicianId: slot.clinicianId, clinicianName: name, start: slot.start, label: `${formatShortDay(day)}, ${formatTime(slot.start, timeZone)}` }}
        types={types}
        typeId={typeId}
        patient={patient ? { id: patient.id, name: `${patient.firstName} ${patient.lastName}` } : null}
        episodeId={episodeId}
        clinical={clinical}
        admin={me.role === 'admin'}
        anotherSlotHref={calendarHref({ view: 'day', date: day, clinicianId: slot.clinicianId, typeId })}
      />
    </div>
  );
}
