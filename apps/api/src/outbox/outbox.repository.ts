import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService, Tx } from '../database/prisma.service.js';

/** A message as the caller hands it to the outbox. */
export interface OutboxMessageInput {
  practiceId: string;
  /** e.g. 'appointment_booked' | 'appointment_reminder' | 'appointment_moved' | 'appointment_cancelled' */
  kind: string;
  /** Groups a message with those it replaces, e.g. appointment:<id>:reminder. */
  key: string;
  recipient: string;
  subject: string;
  text: string;
  /** An iCalendar file to attach (text/calendar; its METHOD line is used for the part's method). */
  ics?: string;
  /** Not before this moment (default: as soon as the transaction commits). */
  sendAfter?: Date;
}

/** A message the worker has claimed: it alone sends it until `lockedUntil`. */
export interface ClaimedMessage {
  practiceId: string;
  id: string;
  kind: string;
  key: string;
  recipient: string;
  subject: string;
  textBody: string;
  ics: string | null;
  /** This claim's attempt number (1 for the first); it also fences the claim's later updates. */
  attempts: number;
}

/**
 * outbox_messages. Writes of new messages run in the caller's transaction; the worker's statements run on their
 * own (each one statement, so each is atomic without a transaction).
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Adds a message; a pending one with the same key in the practice is superseded (cancelled) by it. */
  async enqueue(tx: Tx, message: OutboxMessageInput): Promise<string> {
    await this.cancelPending(tx, message.practiceId, message.key);
    const id = randomUUID();
    // The database's clock, like the worker's pick query: "now" means the same on every replica.
    const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    const sendAfter = message.sendAfter && message.sendAfter > now ? message.sendAfter : now;
    await tx.outboxMessage.create({
      data: {
        id,
        practiceId: message.practiceId,
        kind: message.kind,
        key: message.key,
        recipient: message.recipient,
        subject: message.subject,
        textBody: message.text,
        ics: message.ics ?? null,
        sendAfter,
        nextAttemptAt: sendAfter,
      },
    });
    return id;
  }

  /** Cancels the practice's pending messages with this key; a message already being sent still goes. */
  async cancelPending(tx: Tx, practiceId: string, key: string): Promise<number> {
    const { count } = await tx.outboxMessage.updateMany({ where: { practiceId, key, status: 'pending' }, data: { status: 'cancelled' } });
    return count;
  }

  /**
   * Claims up to `limit` due messages, oldest first, for `leaseMs`: pending ones whose time has come, and ones left
   * 'sending' by a worker whose lease ran out (it died mid-send). Rows another worker is claiming are skipped,
   * not waited for, so replicas never claim the same message. A claimed row's next_attempt_at is its lease's end.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    return this.prisma.$queryRaw<ClaimedMessage[]>`
      UPDATE outbox_messages m
         SET status = 'sending',
             attempts = m.attempts + 1,
             locked_until = now() + ${leaseMs}::int * interval '1 millisecond',
             next_attempt_at = now() + ${leaseMs}::int * interval '1 millisecond'
        FROM (SELECT practice_id, id
                FROM outbox_messages
               WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
               ORDER BY next_attempt_at, created_at
               LIMIT ${limit}::int
                 FOR UPDATE SKIP LOCKED) due
       WHERE m.practice_id = due.practice_id AND m.id = due.id
      RETURNING m.practice_id AS "practiceId", m.id, m.kind, m.key, m.recipient, m.subject, m.text_body AS "textBody", m.ics, m.attempts`;
  }

  /** Marks a claimed message sent (only while this claim still holds it). */
  async markSent(message: ClaimedMessage): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { practiceId: message.practiceId, id: message.id, status: 'sending', attempts: message.attempts },
      data: { status: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null },
    });
  }

  /** A failed attempt: back to pending, due again after `retryInMs`; or failed for good when `retryInMs` is null. */
  async markFailedAttempt(message: ClaimedMessage, error: string, retryInMs: number | null): Promise<void> {
    const where = { practiceId: message.practiceId, id: message.id, status: 'sending', attempts: message.attempts };
    if (retryInMs === null) {
      await this.prisma.outboxMessage.updateMany({ where, data: { status: 'failed', lockedUntil: null, lastError: error } });
      return;
    }
    await this.prisma.$executeRaw`
      UPDATE outbox_messages
         SET status = 'pending', locked_until = NULL, last_error = ${error},
             next_attempt_at = now() + ${retryInMs}::int * interval '1 millisecond'
       WHERE practice_id = ${where.practiceId}::uuid AND id = ${where.id}::uuid AND status = 'sending' AND attempts = ${where.attempts}::int`;
  }
}
