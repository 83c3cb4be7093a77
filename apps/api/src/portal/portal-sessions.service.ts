import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { PortalActor } from '../common/request-context.js';
import { hashToken } from '../common/token-hash.js';
import type { PortalSessionOpenedDto } from './dto/portal.dto.js';
import { PORTAL_ABSOLUTE_MS, PORTAL_IDLE_MS } from './portal-cookie.js';
import { PortalSessionsRepository } from './portal-sessions.repository.js';
import { PortalThrottleService } from './portal-throttle.service.js';
import { Transactions } from '../database/transactions.js';

/** Wrong birth years a link takes; the one that reaches this number locks it for good (the clinician makes a new one). */
export const PORTAL_LOCK_AFTER = 5;
/** Only touch last_seen_at once a minute per session: plenty for a 2-hour idle timeout, far fewer writes. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Plans a share link opens: an active plan, and a completed one (discharged: the patient keeps their maintenance
 * programme and answers the follow-up questions through the same link).
 */
export const PORTAL_PLAN_STATUSES: readonly string[] = ['active', 'completed'];

/** The person trying a link is not known to be the patient until the birth year matches. */
const UNVERIFIED = { type: 'patient' as const, id: null, role: null };

const TEXT = {
  unknown: 'We could not find this link. Check that you opened the whole link from your physio’s message, or ask the practice for a new one.',
  expired: 'This link no longer works: it has expired, or your physio has replaced it. Please ask the practice for a new link.',
  locked: 'To keep your plan private, this link has been locked after too many wrong birth years. Please ask the practice for a new link.',
  ended: 'Your plan page session has ended. Please open the link from your physio again.',
};

interface OpenRequest {
  token: string;
  birthYear: number;
}

interface Client {
  ip: string;
  /** The portal cookie this browser already holds, if any: it is replaced. */
  currentToken?: string;
}

/**
 * Portal sessions: a patient opens their plan with the link's token and their birth year, and gets a cookie holding
 * a random 256-bit token of which only the SHA-256 is stored. A session ends after 2 hours without use, 24 hours
 * after opening, at logout, when the link is revoked (deleted with the revocation), and when the link expires or
 * the plan stops being active or completed (a draft again, or entered in error: then the answer is 410 link_expired).
 */
@Injectable()
export class PortalSessionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sessions: PortalSessionsRepository,
    private readonly throttle: PortalThrottleService,
    private readonly audit: AuditService,
  ) {}

  async open(body: OpenRequest, client: Client, now = new Date()): Promise<{ token: string; opened: PortalSessionOpenedDto }> {
    await this.throttle.assertAllowed(client.ip, now);
    const link = await this.sessions.findLinkByTokenHash(hashToken(body.token));
    if (!link) {
      await this.throttle.recordFailure(client.ip, now);
      throw new AppError('not_found', TEXT.unknown);
    }
    const about = { practiceId: link.practiceId, patientId: link.patientId, resourceId: link.id };

    const usable = !link.revokedAt && link.expiresAt > now && PORTAL_PLAN_STATUSES.includes(link.plan.status);
    if (!usable || link.lockedAt) {
      await this.audit.record({ ...about, action: 'denied', resourceType: 'portal_session', outcome: 'denied', actor: UNVERIFIED });
      throw usable ? new AppError('locked', TEXT.locked) : new AppError('link_expired', TEXT.expired);
    }

    if (body.birthYear !== link.patient.dateOfBirth.getUTCFullYear()) {
      const result = await this.transactions.run(async (tx) => {
        const counted = await this.sessions.recordWrongYear(tx, link.practiceId, link.id, PORTAL_LOCK_AFTER, now);
        if (!counted) {
          // Locked by a concurrent try meanwhile.
          await this.audit.record({ ...about, action: 'denied', resourceType: 'portal_session', outcome: 'denied', actor: UNVERIFIED }, tx);
          return null;
        }
        await this.audit.record({ ...about, action: 'login_failed', resourceType: 'portal_session', outcome: 'failure', actor: UNVERIFIED }, tx);
        if (counted.locked) await this.audit.record({ ...about, action: 'denied', resourceType: 'share_link', outcome: 'denied', actor: UNVERIFIED }, tx);
        return counted;
      });
      await this.throttle.recordFailure(client.ip, now);
      if (!result) throw new AppError('locked', TEXT.locked);
      const left = PORTAL_LOCK_AFTER - result.failedAttempts;
      throw new AppError(
        'invalid_credentials',
        left > 0
          ? `That birth year does not match our records. Please check it and try again (${left} ${left === 1 ? 'try' : 'tries'} left).`
          : 'That birth year does not match our records. To keep your plan private, this link is now locked: please ask the practice for a new link.',
      );
    }

    const token = randomBytes(32).toString('base64url');
    await this.transactions.run(async (tx) => {
      if (!(await this.sessions.markOpened(tx, link.practiceId, link.id, now))) {
        // Revoked, expired or locked between the read and now.
        throw new AppError('link_expired', TEXT.expired);
      }
      if (client.currentToken) await this.sessions.deleteSession(hashToken(client.currentToken), tx);
      await this.sessions.createSession(tx, {
        tokenHash: hashToken(token),
        practiceId: link.practiceId,
        shareLinkId: link.id,
        patientId: link.patientId,
        planId: link.planId,
        expiresAt: new Date(now.getTime() + PORTAL_ABSOLUTE_MS),
      });
      await this.audit.record({ ...about, action: 'login', resourceType: 'portal_session', actor: { type: 'patient', id: link.patientId, role: null } }, tx);
    });
    await this.sessions.deleteExpired(now);
    return { token, opened: { patient: { firstName: link.patient.firstName }, planId: link.planId } };
  }

  /**
   * The patient behind a portal cookie, or null when the session is unknown, idle too long, past its 24 hours, or
   * its link was revoked. Throws 410 link_expired (and ends the session) when the link expired or the plan is neither
   * active nor completed.
   */
  async resolve(token: string, now = new Date()): Promise<{ actor: PortalActor; timeZone: string } | null> {
    const tokenHash = hashToken(token);
    const session = await this.sessions.findSession(tokenHash);
    if (!session) return null;
    if (session.expiresAt <= now || session.lastSeenAt.getTime() + PORTAL_IDLE_MS <= now.getTime()) {
      await this.sessions.deleteSession(tokenHash);
      return null;
    }
    const link = await this.sessions.linkState(session.practiceId, session.shareLinkId);
    if (!link || link.revokedAt) {
      await this.sessions.deleteSession(tokenHash);
      return null;
    }
    if (link.expiresAt <= now || !PORTAL_PLAN_STATUSES.includes(link.plan.status)) {
      await this.sessions.deleteSession(tokenHash);
      throw new AppError('link_expired', TEXT.expired);
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await this.sessions.touch(tokenHash, now);
    return {
      actor: {
        kind: 'patient',
        practiceId: session.practiceId,
        patientId: session.patientId,
        planId: session.planId,
        shareLinkId: session.shareLinkId,
        sessionHash: tokenHash,
      },
      timeZone: link.patient.practice.timeZone,
    };
  }

  /** Logout: the session ends at once. */
  async end(portal: PortalActor): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.sessions.deleteSession(portal.sessionHash, tx);
      await this.audit.record({ action: 'logout', resourceType: 'portal_session', resourceId: portal.shareLinkId, patientId: portal.patientId }, tx);
    });
  }
}

export const PORTAL_SESSION_ENDED = TEXT.ended;
