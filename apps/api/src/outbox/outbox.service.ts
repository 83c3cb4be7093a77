import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/prisma.service.js';
import {
  appointmentMessageKey,
  bookedMessage,
  cancelledMessage,
  DEFAULT_REMINDER_HOURS,
  movedMessage,
  reminderMessage,
  type AppointmentMessage,
  type AppointmentMessageInput,
} from './appointment-messages.js';
import { OutboxMessageInput, OutboxRepository } from './outbox.repository.js';

/**
 * The transactional outbox: messages are written in the caller's transaction (`Transactions.run`'s `tx`), so they
 * go out only if the change they tell about commits. The OutboxWorker sends them afterwards.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  /** Adds a message (superseding a pending one with the same key in the practice); returns its id. */
  enqueue(tx: Tx, message: OutboxMessageInput): Promise<string> {
    return this.outbox.enqueue(tx, message);
  }

  /** Cancels the practice's pending messages with this key (one being sent at this moment still goes); returns how many. */
  cancelPending(tx: Tx, practiceId: string, key: string): Promise<number> {
    return this.outbox.cancelPending(tx, practiceId, key);
  }

  /** A booking: the confirmation now, and the reminder `reminderHours` before the start (none if that has passed). */
  async appointmentBooked(tx: Tx, practiceId: string, input: AppointmentMessageInput, now = new Date(), reminderHours = DEFAULT_REMINDER_HOURS): Promise<void> {
    await this.add(tx, practiceId, bookedMessage(input));
    await this.scheduleReminder(tx, practiceId, input, now, reminderHours);
  }

  /** A move: the pending reminder is dropped, the patient told the new time (with the updated event), a new reminder scheduled. */
  async appointmentMoved(
    tx: Tx,
    practiceId: string,
    input: AppointmentMessageInput & { previousStart: Date; sequence: number },
    now = new Date(),
    reminderHours = DEFAULT_REMINDER_HOURS,
  ): Promise<void> {
    await this.add(tx, practiceId, movedMessage(input));
    await this.scheduleReminder(tx, practiceId, input, now, reminderHours);
  }

  /** A cancellation: pending reminder and move messages are dropped, the patient told (METHOD:CANCEL event). */
  async appointmentCancelled(tx: Tx, practiceId: string, input: AppointmentMessageInput & { sequence: number }): Promise<void> {
    await this.outbox.cancelPending(tx, practiceId, appointmentMessageKey(input.appointmentId, 'reminder'));
    await this.outbox.cancelPending(tx, practiceId, appointmentMessageKey(input.appointmentId, 'moved'));
    await this.add(tx, practiceId, cancelledMessage(input));
  }

  private async scheduleReminder(tx: Tx, practiceId: string, input: AppointmentMessageInput, now: Date, hours: number): Promise<void> {
    const reminder = reminderMessage(input, hours);
    // Enqueueing supersedes the pending reminder; when the new one would be too late, the old one is dropped alone.
    if (reminder.sendAfter && reminder.sendAfter > now) await this.add(tx, practiceId, reminder);
    else await this.outbox.cancelPending(tx, practiceId, reminder.key);
  }

  private add(tx: Tx, practiceId: string, message: AppointmentMessage): Promise<string> {
    return this.outbox.enqueue(tx, { practiceId, ...message });
  }
}
