import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import type { StaffActor } from '../common/request-context.js';
import { hashToken } from '../common/token-hash.js';
import { SessionsRepository } from './sessions.repository.js';

/** Only touch last_seen_at once a minute per session: enough for a 30-minute idle timeout, far fewer writes. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ResolvedSession {
  actor: StaffActor;
  practiceName: string;
  /** The practice's IANA time zone. */
  timeZone: string;
}

/**
 * Server-side staff sessions: the cookie holds a random 256-bit token, the database only its SHA-256.
 * A session ends after SESSION_IDLE_MINUTES without use or SESSION_ABSOLUTE_HOURS after sign-in, at logout,
 * when the user is deactivated, and when the password changes.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  async start(user: { id: string; practiceId: string }, client: { ip: string | null; userAgent: string | null }, now = new Date()) {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.create({
      tokenHash: hashToken(token),
      userId: user.id,
      practiceId: user.practiceId,
      expiresAt: new Date(now.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 3_600_000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 400) ?? null,
    });
    return token;
  }

  /** The actor behind a session token, or null when it is unknown, expired, idle too long, or its user is inactive. */
  async resolve(token: string, now = new Date()): Promise<ResolvedSession | null> {
    const tokenHash = hashToken(token);
    const session = await this.sessions.findWithUser(tokenHash);
    if (!session) return null;
    const idleLimit = session.lastSeenAt.getTime() + this.config.SESSION_IDLE_MINUTES * 60_000;
    if (!session.active || session.expiresAt <= now || idleLimit <= now.getTime()) {
      await this.sessions.delete(tokenHash);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await this.sessions.touch(tokenHash, now);
    return {
      actor: {
        kind: 'user',
        userId: session.userId,
        practiceId: session.practiceId,
        role: session.role,
        name: session.name,
        email: session.email,
        sessionHash: tokenHash,
      },
      practiceName: session.practiceName,
      timeZone: session.timeZone,
    };
  }

  async end(tokenHash: string): Promise<void> {
    await this.sessions.delete(tokenHash);
  }

  /** Ends every session of a user at once (deactivation, password change). */
  async endAllForUser(userId: string): Promise<void> {
    await this.sessions.deleteForUser(userId);
  }
}
