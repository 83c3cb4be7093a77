import { appointmentCalendar } from './appointment-calendar.js';
import type { OutboxMessageInput } from './outbox.repository.js';

/** The kinds of appointment email, as stored in outbox_messages.kind. */
export type AppointmentMessageKind = 'appointment_booked' | 'appointment_reminder' | 'appointment_moved' | 'appointment_cancelled';

/** What the appointment emails need to know. Nothing clinical: the type's name, the people, the time. */
export interface AppointmentMessageInput {
  appointmentId: string;
  practiceName: string;
  /** The practice's IANA time zone (practices.time_zone): times are shown as the clock on the practice's wall. */
  timeZone: string;
  start: Date;
  end: Date;
  clinicianName: string;
  patientFirstName: string;
  patientEmail: string;
  /** The appointment type's name, e.g. "Follow-up". */
  typeName: string;
  /**
   * The calendar event's revision: 0 when booked, then higher with every move and at cancellation (the
   * appointment's version number, for example). Calendar programs ignore an update that does not raise it.
   */
  sequence?: number;
  /** The practice's email as the event's organizer (the outbox's sender address suits). */
  organizerEmail?: string;
}

/** A message ready for OutboxService.enqueue (which adds the practice): the outbox's own input, kind narrowed. */
export type AppointmentMessage = Omit<OutboxMessageInput, 'practiceId' | 'kind'> & { kind: AppointmentMessageKind };

/** The outbox key of each kind of message about one appointment (cancelPending uses them too). */
export const appointmentMessageKey = (appointmentId: string, kind: 'booked' | 'reminder' | 'moved' | 'cancelled') => `appointment:${appointmentId}:${kind}`;

/** How long before the appointment the reminder goes out, unless told otherwise. */
export const DEFAULT_REMINDER_HOURS = 24;

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** "Tuesday 9 June 2026": the calendar date in the practice's zone. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(at);
  return `${part(parts, 'weekday')} ${part(parts, 'day')} ${part(parts, 'month')} ${part(parts, 'year')}`;
}

/** "10:30" and the zone's abbreviation or offset ("BST", "CEST", "GMT-4") at that moment. */
function localClock(at: Date, timeZone: string): { time: string; zone: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(at);
  return { time: `${part(parts, 'hour')}:${part(parts, 'minute')}`, zone: part(parts, 'timeZoneName') };
}

/** "Tuesday 9 June 2026, 10:30 (BST)": a moment as the practice's clock shows it, with its zone. */
export function localDateTime(at: Date, timeZone: string): string {
  const { time, zone } = localClock(at, timeZone);
  return `${localDate(at, timeZone)}, ${time} (${zone})`;
}

/** "Tuesday 9 June 2026, 10:30 to 11:15 (BST)" (the end's date too when it falls on another day). */
export function localTimeRange(start: Date, end: Date, timeZone: string): string {
  const from = localClock(start, timeZone);
  const to = localClock(end, timeZone);
  const sameDay = localDate(start, timeZone) === localDate(end, timeZone);
  if (sameDay && from.zone === to.zone) return `${localDate(start, timeZone)}, ${from.time} to ${to.time} (${from.zone})`;
  return `${localDateTime(start, timeZone)} to ${sameDay ? `${to.time} (${to.zone})` : localDateTime(end, timeZone)}`;
}

function details(input: AppointmentMessageInput): string[] {
  return [
    `When: ${localTimeRange(input.start, input.end, input.timeZone)}`,
    `Appointment: ${input.typeName}`,
    `With: ${input.clinicianName}`,
    `Where: ${input.practiceName}`,
  ];
}

function body(input: AppointmentMessageInput, paragraphs: string[][]): string {
  const blocks = [[`Dear ${input.patientFirstName},`], ...paragraphs, ['Kind regards,', input.practiceName]];
  return blocks.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

const calendar = (input: AppointmentMessageInput, method: 'REQUEST' | 'CANCEL', sequence: number) => appointmentCalendar({ ...input, sequence, method });

const CHANGES = 'If you need to change or cancel it, please contact us.';

/** The confirmation sent when an appointment is booked, with the event as a calendar file. */
export function bookedMessage(input: AppointmentMessageInput): AppointmentMessage {
  return {
    kind: 'appointment_booked',
    key: appointmentMessageKey(input.appointmentId, 'booked'),
    recipient: input.patientEmail,
    subject: `Your appointment at ${input.practiceName}: ${localDateTime(input.start, input.timeZone)}`,
    text: body(input, [
      [`Thank you for booking with ${input.practiceName}. Your appointment is confirmed:`],
      details(input),
      ['The attached calendar file adds it to your calendar.', CHANGES],
      ['We look forward to seeing you.'],
    ]),
    ics: calendar(input, 'REQUEST', input.sequence ?? 0),
  };
}

/** The reminder, to go out `hoursBefore` the start (the integrator skips it when that moment has passed). */
export function reminderMessage(input: AppointmentMessageInput, hoursBefore = DEFAULT_REMINDER_HOURS): AppointmentMessage {
  return {
    kind: 'appointment_reminder',
    key: appointmentMessageKey(input.appointmentId, 'reminder'),
    recipient: input.patientEmail,
    subject: `Reminder: your appointment at ${input.practiceName}, ${localDateTime(input.start, input.timeZone)}`,
    text: body(input, [[`This is a friendly reminder of your appointment at ${input.practiceName}:`], details(input), [CHANGES], ['See you soon.']]),
    sendAfter: new Date(input.start.getTime() - hoursBefore * 3_600_000),
  };
}

/** Sent when an appointment moves: the new time, and the calendar event updated (same UID, higher SEQUENCE). */
export function movedMessage(input: AppointmentMessageInput & { previousStart: Date; sequence: number }): AppointmentMessage {
  return {
    kind: 'appointment_moved',
    key: appointmentMessageKey(input.appointmentId, 'moved'),
    recipient: input.patientEmail,
    subject: `Your appointment at ${input.practiceName} has moved to ${localDateTime(input.start, input.timeZone)}`,
    text: body(input, [
      [`Your appointment at ${input.practiceName} on ${localDateTime(input.previousStart, input.timeZone)} has moved. The new time is:`],
      details(input),
      ['The attached calendar file updates your calendar.', CHANGES],
    ]),
    ics: calendar(input, 'REQUEST', input.sequence),
  };
}

/** Sent when an appointment is cancelled: the calendar file (METHOD:CANCEL) removes the event. */
export function cancelledMessage(input: AppointmentMessageInput & { sequence: number }): AppointmentMessage {
  return {
    kind: 'appointment_cancelled',
    key: appointmentMessageKey(input.appointmentId, 'cancelled'),
    recipient: input.patientEmail,
    subject: `Your appointment at ${input.practiceName} on ${localDateTime(input.start, input.timeZone)} is cancelled`,
    text: body(input, [
      [`Your appointment at ${input.practiceName} has been cancelled:`],
      details(input),
      ['The attached calendar file removes it from your calendar.', 'If you would like a new appointment, please contact us; we will be glad to help.'],
    ]),
    ics: calendar(input, 'CANCEL', input.sequence),
  };
}
