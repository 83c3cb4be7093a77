import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';

/** The clinicians' calendar feeds (only the token's SHA-256 is kept) and what a feed shows. */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Revokes the user's active feed, if any: the id of the one revoked, or null. */
  async revokeActive(tx: Tx, practiceId: string, userId: string, at: Date): Promise<string | null> {
    const active = await tx.calendarFeed.findFirst({ where: { practiceId, userId, revokedAt: null }, select: { id: true } });
    if (!active) return null;
    await tx.calendarFeed.updateMany({ where: { practiceId, id: active.id, revokedAt: null }, data: { revokedAt: at } });
    return active.id;
  }

  create(tx: Tx, data: { id: string; practiceId: string; userId: string; tokenHash: string }) {
    return tx.calendarFeed.create({ data, select: { id: true } });
  }

  /** The active feed with this token's hash, and its user (who must still be active). */
  findActive(tokenHash: string) {
    return this.prisma.calendarFeed.findFirst({
      where: { tokenHash, revokedAt: null, user: { active: true } },
      select: { id: true, practiceId: true, userId: true, user: { select: { name: true, role: true, practice: { select: { name: true } } } } },
    });
  }

  touch(tx: Tx, practiceId: string, id: string, at: Date) {
    return tx.calendarFeed.updateMany({ where: { practiceId, id }, data: { lastReadAt: at } });
  }

  /** The clinician's appointments starting in [from, to), not cancelled, in start order: no clinical field. */
  appointments(practiceId: string, clinicianId: string, from: Date, to: Date, take: number) {
    return this.prisma.appointment.findMany({
      where: { practiceId, clinicianId, startAt: { gte: from, lt: to }, status: { not: 'cancelled' } },
      orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
      take,
      select: {
        id: true,
        patientId: true,
        startAt: true,
        endAt: true,
        version: true,
        type: { select: { name: true } },
        patient: { select: { firstName: true, lastName: true } },
      },
    });
  }
}
