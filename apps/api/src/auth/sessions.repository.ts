import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { Sql, statement } from '../database/sql.js';
import type { Role } from '../common/request-context.js';

/** A session with its user and practice, as the access guard needs them. */
export interface SessionRow {
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  practiceId: string;
  role: Role;
  name: string;
  email: string;
  active: boolean;
  practiceName: string;
  timeZone: string;
}

/** Session, user and practice in one prepared statement: the whole session check of a request is one round trip. */
const SESSION_WITH_USER = statement<SessionRow>(
  'session_with_user',
  `SELECT s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
          u.id AS "userId", u.practice_id AS "practiceId", u.role::text AS "role", u.name AS "name", u.email AS "email",
          u.active AS "active", p.name AS "practiceName", p.time_zone AS "timeZone"
     FROM sessions s
     JOIN users u ON u.id = s.user_id
     JOIN practices p ON p.id = u.practice_id
    WHERE s.token_hash = $1`,
);

@Injectable()
export class SessionsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Sql,
  ) {}

  async create(data: { tokenHash: string; userId: string; practiceId: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<void> {
    await this.prisma.session.create({ data, select: { tokenHash: true } });
  }

  findWithUser(tokenHash: string): Promise<SessionRow | undefined> {
    return this.sql.one(SESSION_WITH_USER, [tokenHash]);
  }

  /** The account behind an email, with its practice, for signing in. */
  userByEmail(email: string) {
    return this.prisma.user.findUnique({ where: { email }, include: { practice: { select: { id: true, name: true, timeZone: true } } } });
  }

  touch(tokenHash: string, at: Date) {
    return this.prisma.session.updateMany({ where: { tokenHash }, data: { lastSeenAt: at } });
  }

  delete(tokenHash: string) {
    return this.prisma.session.deleteMany({ where: { tokenHash } });
  }

  deleteForUser(userId: string) {
    return this.prisma.session.deleteMany({ where: { userId } });
  }
}
