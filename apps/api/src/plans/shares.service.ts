import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { hashToken } from '../common/token-hash.js';
import type { StaffActor } from '../common/request-context.js';
import { AppConfig } from '../config/app-config.js';
import type { ShareLink } from '../generated/prisma/client.js';
import { CreatedShareLinkDto, CreateShareLinkDto, DEFAULT_SHARE_DAYS, ShareLinkListDto, type ShareLinkInfoDto, type ShareLinkState } from './dto/share.dto.js';
import { PlansService } from './plans.service.js';
import { SharesRepository } from './shares.repository.js';
import { Transactions } from '../database/transactions.js';

/** 32 random bytes (256 bits): 43 base64url characters in the link. */
const TOKEN_BYTES = 32;
const DAY_MS = 24 * 60 * 60 * 1000;

export function shareLinkState(link: Pick<ShareLink, 'revokedAt' | 'lockedAt' | 'expiresAt'>, now = new Date()): ShareLinkState {
  if (link.revokedAt) return 'revoked';
  if (link.lockedAt) return 'locked';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

function toShareLinkInfo(link: ShareLink, now: Date): ShareLinkInfoDto {
  return {
    id: link.id,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    lockedAt: link.lockedAt?.toISOString() ?? null,
    failedAttempts: link.failedAttempts,
    lastOpenedAt: link.lastOpenedAt?.toISOString() ?? null,
    state: shareLinkState(link, now),
  };
}

@Injectable()
export class SharesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly shares: SharesRepository,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** A new link to the patient's plan page. The token is in the answer once and never stored. */
  async create(actor: StaffActor, planId: string, body: CreateShareLinkDto): Promise<CreatedShareLinkDto> {
    const plan = await this.plans.require(actor.practiceId, planId);
    if (plan.status !== 'active') throw new AppError('conflict', `Only an active plan can be shared; this plan is ${plan.status.replace(/_/g, ' ')}.`);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const expiresAt = new Date(Date.now() + (body.expiresInDays ?? DEFAULT_SHARE_DAYS) * DAY_MS);
    const id = randomUUID();
    await this.transactions.run(async (tx) => {
      await this.shares.create(tx, actor.practiceId, {
        id,
        planId,
        patientId: plan.patientId,
        // Only this hash of the link's token is stored; the portal hashes the token it is given the same way.
        tokenHash: hashToken(token),
        expiresAt,
        createdBy: actor.userId,
      });
      await this.audit.record({ action: 'share', resourceType: 'share_link', resourceId: id, patientId: plan.patientId }, tx);
    });
    return { linkId: id, url: `${this.config.WEB_ORIGIN}/p/${token}`, expiresAt: expiresAt.toISOString() };
  }

  async list(actor: StaffActor, planId: string): Promise<ShareLinkListDto> {
    const plan = await this.plans.require(actor.practiceId, planId);
    const links = await this.shares.listForPlan(actor.practiceId, planId);
    await this.audit.record({ action: 'read', resourceType: 'share_link', patientId: plan.patientId });
    const now = new Date();
    return { items: links.map((l) => toShareLinkInfo(l, now)) };
  }

  /**
   * Revokes every link of the plan that is not revoked yet (none left is fine: the answer is the same) and ends the
   * portal sessions opened with them, in the same transaction.
   */
  async revokeAll(actor: StaffActor, planId: string): Promise<void> {
    const plan = await this.plans.require(actor.practiceId, planId);
    await this.transactions.run(async (tx) => {
      await this.shares.revokeAll(tx, actor.practiceId, planId, actor.userId, new Date());
      await this.shares.endPortalSessions(tx, actor.practiceId, planId);
      await this.audit.record({ action: 'revoke', resourceType: 'share_link', patientId: plan.patientId }, tx);
    });
  }
}
