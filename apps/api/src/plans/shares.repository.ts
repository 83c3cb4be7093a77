import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';

export interface NewShareLink {
  id: string;
  planId: string;
  patientId: string;
  tokenHash: string;
  expiresAt: Date;
  createdBy: string;
}

@Injectable()
export class SharesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, practiceId: string, link: NewShareLink) {
    return tx.shareLink.create({ data: { ...link, practiceId } });
  }

  /** The plan's links, newest first. */
  listForPlan(practiceId: string, planId: string) {
    return this.prisma.shareLink.findMany({ where: { practiceId, planId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  async revokeAll(tx: Tx, practiceId: string, planId: string, by: string, at: Date): Promise<number> {
    const { count } = await tx.shareLink.updateMany({ where: { practiceId, planId, revokedAt: null }, data: { revokedAt: at, revokedBy: by } });
    return count;
  }

  /**
   * Ends every portal session opened with any link of the plan (revocation takes effect at once, not at the
   * sessions' timeout). Runs in the revocation's transaction.
   */
  async endPortalSessions(tx: Tx, practiceId: string, planId: string): Promise<number> {
    const links = await tx.shareLink.findMany({ where: { practiceId, planId }, select: { id: true } });
    if (!links.length) return 0;
    const { count } = await tx.portalSession.deleteMany({ where: { practiceId, shareLinkId: { in: links.map((l) => l.id) } } });
    return count;
  }
}
