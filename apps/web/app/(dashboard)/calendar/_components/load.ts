import { addDays } from '@upright/domain';
import { type Appointment, type AppointmentType, type Me, ok, serverApi } from '@/lib/api/server';
import { type CalendarAppointment, type CalendarClinician, type CalendarQuery, type CalendarSlot, daysShown } from '@/lib/calendar';
import type { CalendarData } from './calendar-view';

/** The calendar's block for an appointment of the API. */
export function toCalendarAppointment(a: Appointment, types: AppointmentType[]): CalendarAppointment {
  const type = types.find((t) => t.id === a.typeId);
  return {
    id: a.id,
    start: a.start,
    end: a.end,
    clinicianId: a.clinicianId,
    patient: { id: a.patient.id, name: `${a.patient.firstName} ${a.patient.lastName}` },
    typeName: type?.name ?? 'Appointment',
    color: type?.color ?? null,
    status: a.status,
  };
}

/** The practice's appointment types: all of them (past appointments keep inactive ones), bookable ones first. */
export async function loadTypes(): Promise<AppointmentType[]> {
  const { items } = await ok((await serverApi()).GET('/api/appointment-types'));
  return items;
}

export const bookable = (types: AppointmentType[]) => types.filter((t) => t.active);

/**
 * The practice's bookable clinicians by name (GET /api/clinicians), plus anyone else these appointments name (a
 * colleague since deactivated keeps their past appointments).
 */
export async function loadClinicians(ids: string[]): Promise<CalendarClinician[]> {
  const { items } = await ok((await serverApi()).GET('/api/clinicians'));
  const known = new Map(items.map((c) => [c.id, c.name]));
  const former = ids.filter((id) => !known.has(id)).map((id) => ({ id, name: 'Former colleague' }));
  return [...items.map((c) => ({ id: c.id, name: c.name })), ...former].sort((a, b) => a.name.localeCompare(b.name));
}

/** Free slots of a type from `from` to `to` (at most 31 days: the API's limit), the past left out. */
export async function loadSlots(typeId: string, from: string, to: string, clinicianId: string | null): Promise<CalendarSlot[]> {
  const { items } = await ok((await serverApi()).GET('/api/slots', { params: { query: { typeId, from, to, ...(clinicianId ? { clinicianId } : {}) } } }));
  const now = Date.now();
  return items.filter((s) => new Date(s.start).getTime() > now).map((s) => ({ clinicianId: s.clinicianId, start: s.start, end: s.end }));
}

/**
 * Everything the calendar shows for a query. The practice's appointments and slots are fetched whole and filtered
 * here, so the clinician choice always lists everyone with time in the period.
 */
export async function loadCalendar(query: CalendarQuery, today: string, me: Me): Promise<Omit<CalendarData, 'days'>> {
  const days = daysShown(query);
  const from = days[0];
  const to = days[days.length - 1];
  const api = await serverApi();
  const [types, list] = await Promise.all([loadTypes(), ok(api.GET('/api/appointments', { params: { query: { from, to } } }))]);
  const active = bookable(types);
  const typeId = query.typeId && active.some((t) => t.id === query.typeId) ? query.typeId : (active[0]?.id ?? null);
  const slots = typeId && to >= today ? await loadSlots(typeId, from < today ? today : from, to, null) : [];
  const appointments = list.items.map((a) => toCalendarAppointment(a, types));
  const clinicians = await loadClinicians([...appointments.map((a) => a.clinicianId), ...slots.map((s) => s.clinicianId)]);
  const mine = <T extends { clinicianId: string }>(x: T) => !query.clinicianId || x.clinicianId === query.clinicianId;
  return {
    query: { ...query, typeId },
    today,
    timeZone: me.practice.timeZone,
    clinicians,
    types: active,
    appointments: appointments.filter(mine),
    slots: slots.filter(mine),
  };
}

/** The first free slot of a type from today on (up to 4 weeks ahead), for a clinician or anyone. */
export async function nextFreeSlot(typeId: string, today: string, clinicianId: string | null): Promise<CalendarSlot | null> {
  for (let week = 0; week < 4; week++) {
    const from = addDays(today, week * 7);
    const slots = await loadSlots(typeId, from, addDays(from, 6), clinicianId);
    if (slots.length > 0) return slots.sort((a, b) => a.start.localeCompare(b.start))[0];
  }
  return null;
}
