import {
  bookedMessage,
  cancelledMessage,
  localDateTime,
  localTimeRange,
  movedMessage,
  reminderMessage,
  type AppointmentMessageInput,
} from '../src/outbox/appointment-messages.js';
import { retryDelayMs } from '../src/outbox/outbox.worker.js';

/* The appointment emails' texts are pure functions: the practice's local time with its zone, kind words, and
 * nothing clinical. */

const input: AppointmentMessageInput = {
  appointmentId: '6f1c2b1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  practiceName: 'Riverside Physio',
  timeZone: 'Europe/London',
  start: new Date('2030-06-11T09:30:00Z'),
  end: new Date('2030-06-11T10:15:00Z'),
  clinicianName: 'Jo Hartley',
  patientFirstName: 'Sam',
  patientEmail: 'sam@patients.example',
  typeName: 'Follow-up',
};

describe('appointment message texts', () => {
  it('shows a moment as the practice’s clock does, with the zone’s abbreviation or offset', () => {
    expect(localDateTime(new Date('2030-06-11T09:30:00Z'), 'Europe/London')).toBe('Tuesday 11 June 2030, 10:30 (BST)');
    expect(localDateTime(new Date('2030-12-03T09:30:00Z'), 'Europe/London')).toBe('Tuesday 3 December 2030, 09:30 (GMT)');
    expect(localDateTime(new Date('2030-06-11T09:30:00Z'), 'Europe/Berlin')).toBe('Tuesday 11 June 2030, 11:30 (CEST)');
    expect(localDateTime(new Date('2030-06-11T09:30:00Z'), 'America/New_York')).toBe('Tuesday 11 June 2030, 05:30 (GMT-4)');
    expect(localDateTime(new Date('2030-06-11T09:30:00Z'), 'UTC')).toBe('Tuesday 11 June 2030, 09:30 (UTC)');
    // The date is the practice's: 23:30 UTC is already Wednesday in Sydney.
    expect(localDateTime(new Date('2030-06-11T23:30:00Z'), 'Australia/Sydney')).toBe('Wednesday 12 June 2030, 09:30 (GMT+10)');
  });

  it('a range on one day names it once; one across midnight or a clock change names both ends in full', () => {
    expect(localTimeRange(input.start, input.end, 'Europe/London')).toBe('Tuesday 11 June 2030, 10:30 to 11:15 (BST)');
    expect(localTimeRange(new Date('2030-06-11T22:30:00Z'), new Date('2030-06-11T23:30:00Z'), 'Europe/London')).toBe(
      'Tuesday 11 June 2030, 23:30 (BST) to Wednesday 12 June 2030, 00:30 (BST)',
    );
    // Clocks go back at 02:00 BST on Sunday 27 October 2030.
    expect(localTimeRange(new Date('2030-10-27T00:30:00Z'), new Date('2030-10-27T01:30:00Z'), 'Europe/London')).toBe(
      'Sunday 27 October 2030, 01:30 (BST) to 01:30 (GMT)',
    );
  });

  it('confirmation, reminder, move and cancellation: recipient, keys, subjects and kind words', () => {
    const booked = bookedMessage(input);
    expect(booked).toMatchObject({
      kind: 'appointment_booked',
      key: `appointment:${input.appointmentId}:booked`,
      recipient: 'sam@patients.example',
      subject: 'Your appointment at Riverside Physio: Tuesday 11 June 2030, 10:30 (BST)',
    });
    expect(booked.text).toBe(
      [
        'Dear Sam,',
        '',
        'Thank you for booking with Riverside Physio. Your appointment is confirmed:',
        '',
        'When: Tuesday 11 June 2030, 10:30 to 11:15 (BST)',
        'Appointment: Follow-up',
        'With: Jo Hartley',
        'Where: Riverside Physio',
        '',
        'The attached calendar file adds it to your calendar.',
        'If you need to change or cancel it, please contact us.',
        '',
        'We look forward to seeing you.',
        '',
        'Kind regards,',
        'Riverside Physio',
        '',
      ].join('\n'),
    );
    expect(booked.ics).toMatch(/^METHOD:REQUEST\r$/m);
    expect(booked.sendAfter).toBeUndefined();

    const reminder = reminderMessage(input);
    expect(reminder).toMatchObject({
      kind: 'appointment_reminder',
      key: `appointment:${input.appointmentId}:reminder`,
      sendAfter: new Date('2030-06-10T09:30:00Z'),
    });
    expect(reminder.subject).toBe('Reminder: your appointment at Riverside Physio, Tuesday 11 June 2030, 10:30 (BST)');
    expect(reminder.ics).toBeUndefined();
    expect(reminderMessage(input, 2).sendAfter).toEqual(new Date('2030-06-11T07:30:00Z'));

    const moved = movedMessage({
      ...input,
      start: new Date('2030-06-12T08:00:00Z'),
      end: new Date('2030-06-12T08:45:00Z'),
      previousStart: input.start,
      sequence: 3,
    });
    expect(moved.subject).toBe('Your appointment at Riverside Physio has moved to Wednesday 12 June 2030, 09:00 (BST)');
    expect(moved.text).toContain('on Tuesday 11 June 2030, 10:30 (BST) has moved. The new time is:');
    expect(moved.ics).toMatch(/^SEQUENCE:3\r$/m);

    const cancelled = cancelledMessage({ ...input, sequence: 4 });
    expect(cancelled.subject).toBe('Your appointment at Riverside Physio on Tuesday 11 June 2030, 10:30 (BST) is cancelled');
    expect(cancelled.ics).toMatch(/^METHOD:CANCEL\r$/m);
    expect(cancelled.ics).toMatch(/^STATUS:CANCELLED\r$/m);
    expect(cancelled.ics).toMatch(/^SEQUENCE:4\r$/m);
  });
});

describe('outbox retry backoff', () => {
  it('doubles from the base, is capped at 6 hours, and stops at the last attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60_000, 8))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(7, 3_600_000, 8)).toBe(6 * 3_600_000);
    expect(retryDelayMs(8, 60_000, 8)).toBeNull();
  });
});
