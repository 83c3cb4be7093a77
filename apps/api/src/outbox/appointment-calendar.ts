import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** What an appointment's calendar file says. */
export interface AppointmentEvent {
  appointmentId: string;
  practiceName: string;
  typeName: string;
  clinicianName: string;
  patientFirstName: string;
  patientEmail: string;
  start: Date;
  end: Date;
  /** 0 when booked; higher with every change (a move, the cancellation), so calendars replace their copy. */
  sequence: number;
  /** The practice's address as organizer, when known (calendar programs show it as the sender of the invitation). */
  organizerEmail?: string;
  /** REQUEST adds or updates the event; CANCEL removes it. */
  method: 'REQUEST' | 'CANCEL';
}

/** The event's UID: the same for every message about one appointment, so a move or cancellation updates it. */
export const appointmentUid = (appointmentId: string) => `appointment-${appointmentId}@upright`;

/** An iCalendar (RFC 5545) file with the appointment as one event, its times in UTC. */
export function appointmentCalendar(event: AppointmentEvent): string {
  const calendar = ical({
    prodId: { company: 'Upright', product: 'Appointments', language: 'EN' },
    method: event.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: appointmentUid(event.appointmentId),
    sequence: event.sequence,
    start: event.start,
    end: event.end,
    summary: `${event.typeName} at ${event.practiceName}`,
    description: `With ${event.clinicianName}.`,
    location: event.practiceName,
    status: event.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: event.organizerEmail ? { name: event.practiceName, email: event.organizerEmail } : undefined,
    attendees: [
      {
        name: event.patientFirstName,
        email: event.patientEmail,
        role: ICalAttendeeRole.REQ,
      },
    ],
  });
  return calendar.toString();
}
