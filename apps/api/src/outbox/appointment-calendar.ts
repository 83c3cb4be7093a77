import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** What an appointment's calendar file says. */
export interface AppointmentEvent {
  appointmentId: string;
  practiceName: string;
  typeName: string;
  clinicianName: string;
  patientFirstName: string;
  /** The patient as attendee, when known (a file the patient downloads themselves may leave it out). */
  patientEmail?: string | null;
  start: Date;
  end: Date;
  /** 0 when booked; higher with every change (a move, the cancellation), so calendars replace their copy. */
  sequence: number;
  /** The practice's address as organizer, when known (calendar programs show it as the sender of the invitation). */
  organizerEmail?: string;
  /** REQUEST adds or updates the event; CANCEL removes it; PUBLISH is a plain copy (a download, a feed). */
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
}

/** The event's UID: the same for every message about one appointment, so a move or cancellation updates it. */
export const appointmentUid = (appointmentId: string) => `appointment-${appointmentId}@upright`;

/** An iCalendar (RFC 5545) file with the appointment as one event, its times in UTC. */
export function appointmentCalendar(event: AppointmentEvent): string {
  const calendar = ical({
    prodId: { company: 'Upright', product: 'Appointments', language: 'EN' },
    method: METHODS[event.method],
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
    attendees: event.patientEmail ? [{ name: event.patientFirstName, email: event.patientEmail, role: ICalAttendeeRole.REQ }] : [],
  });
  return calendar.toString();
}

const METHODS = { REQUEST: ICalCalendarMethod.REQUEST, CANCEL: ICalCalendarMethod.CANCEL, PUBLISH: ICalCalendarMethod.PUBLISH } as const;

/** One appointment in a clinician's calendar feed: no clinical content, the patient only as initials. */
export interface FeedEvent {
  appointmentId: string;
  start: Date;
  end: Date;
  /** The appointment's version - 1, as the emails' SEQUENCE. */
  sequence: number;
  typeName: string;
  patientInitials: string;
  practiceName: string;
}

/**
 * A clinician's subscribed calendar (METHOD:PUBLISH): one event per appointment, with the same UID as the patient's
 * emails use, "Follow-up: J. S." as summary and the practice as location.
 */
export function appointmentFeed(name: string, events: readonly FeedEvent[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'Upright', product: 'Appointments', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 15 * 60,
  });
  for (const event of events) {
    calendar.createEvent({
      id: appointmentUid(event.appointmentId),
      sequence: event.sequence,
      start: event.start,
      end: event.end,
      summary: `${event.typeName}: ${event.patientInitials}`,
      location: event.practiceName,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
