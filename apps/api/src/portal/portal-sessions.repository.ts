import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';

export interface NewPortalSession {
  tokenHash: string;
  practiceId: string;
  shareLinkId: string;
  patientId: string;
  planId: string;
  expiresAt: Date;
}

/** The link's number of wrong birth years after a failed try, and whether this try locked it. */
export interface WrongYearResult {
  failedAttempts: number;
  locked: boolean;
}

type Db = Tx | PrismaService;

@Injectable()
export class PortalSessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * A share link by its token's hash (the one lookup before the practice is known), with what opening it needs:
   * the patient's first name and date of birth, and whether the plan is still active.
   */
  findLinkByTokenHash(tokenHash: string) {
    return this.prisma.shareLink.findUnique({
      where: { tokenHash },
      include: {
        patient: { select: { firstName: true, dateOfBirth: true } },
        plan: { select: { status: true } },
      },
    });
  }

  /** What a portal request needs to know about its link: still valid, and its plan still active. */
  linkState(practiceId: string, shareLinkId: string) {
    return this.prisma.shareLink.findUnique({
      where: { practiceId_id: { practiceId, id: shareLinkId } },
      select: { revokedAt: true, expiresAt: true, plan: { select: { status: true } }, patient: { select: { practice: { select: { timeZone: true } } } } },
    });
  }

  /**
   * Counts a wrong birth year in one statement, and locks the link when this was try number `lockAfter`: of two
   * concurrent wrong tries each is counted once, and exactly one of them locks. Null when the link was already
   * locked (nothing counted).
   */
  async recordWrongYear(tx: Tx, practiceId: string, shareLinkId: string, lockAfter: number, at: Date): Promise<WrongYearResult | null> {
    const rows = await tx.$queryRaw<{ failed_attempts: number; locked: boolean }[]>`
      UPDATE share_links
         SET failed_attempts = failed_attempts + 1,
             locked_at = CASE WHEN failed_attempts + 1 >= ${lockAfter}::int THEN ${at}::timestamptz ELSE NULL END
       WHERE practice_id = ${practiceId}::uuid AND id = ${shareLinkId}::uuid AND locked_at IS NULL
   RETURNING failed_attempts, locked_at IS NOT NULL AS locked`;
    return rows.length ? { failedAttempts: rows[0].failed_attempts, locked: rows[0].locked } : null;
  }

  /** Marks the link opened, only while it is still usable (checked in the UPDATE itself); false when it no longer is. */
  async markOpened(tx: Tx, practiceId: string, shareLinkId: string, at: Date): Promise<boolean> {
    const { count } = await tx.shareLink.updateMany({
      where: { practiceId, id: shareLinkId, lockedAt: null, revokedAt: null, expiresAt: { gt: at } },
      data: { lastOpenedAt: at },
    });
    return count === 1;
  }

  createSession(tx: Tx, session: NewPortalSession) {
    return tx.portalSession.create({ data: session });
  }

  findSession(tokenHash: string) {
    return this.prisma.portalSession.findUnique({ where: { tokenHash } });
  }

  touch(tokenHash: string, at: Date) {
    return this.prisma.portalSession.updateMany({ where: { tokenHash }, data: { lastSeenAt: at } });
  }

  deleteSession(tokenHash: string, db: Db = this.prisma) {
    return db.portalSession.deleteMany({ where: { tokenHash } });
  }

  /** Expired sessions are useless; they are dropped as new ones are opened instead of by a separate job. */
  deleteExpired(before: Date, db: Db = this.prisma) {
    return db.portalSession.deleteMany({ where: { expiresAt: { lt: before } } });
  }
}
