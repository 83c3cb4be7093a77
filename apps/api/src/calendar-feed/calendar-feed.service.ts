import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { hashToken } from '../common/token-hash.js';
import type { StaffActor } from '../common/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { appointmentFeed } from '../outbox/appointment-calendar.js';
import { CalendarFeedRepository } from './calendar-feed.repository.js';
import type { CalendarFeedCreatedDto } from './calendar-feed.dto.js';

/** 32 random bytes: 43 base64url characters. */
const TOKEN_BYTES = 32;
/** What a feed shows: the appointments that start from 30 days ago to 90 days ahead. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 90;
/** At most this many events in one feed answer. */
export const FEED_LIMIT = 2000;
const DAY_MS = 86_400_000;

/** "Robin Calendar" -> "R. C.": what a phone's lock screen may show of a patient. */
export function initials(firstName: string, lastName: string): string {
  return [firstName, lastName]
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => `${Array.from(name)[0].toLocaleUpperCase('en-GB')}.`)
    .join(' ');
}

/**
 * A clinician's calendar subscription: a secret URL for a phone or desktop calendar. Only the token's SHA-256 is
 * stored; one feed is active per user (a new one revokes the old); every creation, revocation and read is audited.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly transactions: Transactions,
    private readonly feeds: CalendarFeedRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: StaffActor): Promise<CalendarFeedCreatedDto> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const id = randomUUID();
    await this.transactions.run(async (tx) => {
      const revoked = await this.feeds.revokeActive(tx, actor.practiceId, actor.userId, new Date());
      if (revoked) await this.audit.record({ action: 'revoke', resourceType: 'calendar_feed', resourceId: revoked }, tx);
      await this.feeds.create(tx, { id, practiceId: actor.practiceId, userId: actor.userId, tokenHash: hashToken(token) });
      await this.audit.record({ action: 'create', resourceType: 'calendar_feed', resourceId: id }, tx);
    });
    return { url: `${this.config.WEB_ORIGIN}/api/calendar-feed/${token}` };
  }

  /** Revokes the user's feed (nothing to do when there is none: the answer is the same). */
  async revoke(actor: StaffActor): Promise<void> {
    await this.transactions.run(async (tx) => {
      const revoked = await this.feeds.revokeActive(tx, actor.practiceId, actor.userId, new Date());
      if (revoked) await this.audit.record({ action: 'revoke', resourceType: 'calendar_feed', resourceId: revoked }, tx);
    });
  }

  /**
   * The feed of this token: the user's appointments from 30 days ago to 90 days ahead, not cancelled, each as
   * "type: initials" at the practice. 404 for an unknown or revoked token, or a deactivated user. Audited as a read
   * by the feed's user, listing the patients shown.
   */
  async read(token: string, now = new Date()): Promise<string> {
    const feed = /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.feeds.findActive(hashToken(token)) : null;
    if (!feed) throw new AppError('not_found', 'No such calendar feed.');
    const from = new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS);
    const to = new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS);
    const rows = await this.feeds.appointments(feed.practiceId, feed.userId, from, to, FEED_LIMIT);
    await this.transactions.run(async (tx) => {
      await this.feeds.touch(tx, feed.practiceId, feed.id, now);
      await this.audit.record(
        {
          action: 'read',
          resourceType: 'calendar_feed',
          resourceId: feed.id,
          patientIds: [...new Set(rows.map((r) => r.patientId))],
          practiceId: feed.practiceId,
          actor: { type: 'user', id: feed.userId, role: feed.user.role },
        },
        tx,
      );
    });
    const practiceName = feed.user.practice.name;
    return appointmentFeed(
      `${practiceName}: ${feed.user.name}`,
      rows.map((r) => ({
        appointmentId: r.id,
        start: r.startAt,
        end: r.endAt,
        sequence: r.version - 1,
        typeName: r.type.name,
        patientInitials: initials(r.patient.firstName, r.patient.lastName),
        practiceName,
      })),
    );
  }
}
