import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import type { RequestContext } from '../common/request-context.js';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { AuditAction } from '../generated/prisma/enums.js';

export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  /** Defaults to the signed-in actor's practice. */
  practiceId?: string;
  /** Defaults to the signed-in actor (staff member or portal patient). */
  actor?: { type: 'user' | 'patient' | 'system'; id: string | null; role: string | null };
}

/**
 * Appends rows to the audit log (append-only in the database). Writes pass their transaction so the change and
 * its audit row commit together; reads are recorded before the data is returned.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  async record(entry: AuditEntry, tx: Tx | PrismaService = this.prisma): Promise<void> {
    const actor = this.cls.isActive() ? this.cls.get('actor') : undefined;
    const practiceId = entry.practiceId ?? actor?.practiceId;
    // A patient on the portal is recorded as actorType patient with their patient id; staff with user id and role.
    const current = actor
      ? actor.kind === 'patient'
        ? { type: 'patient' as const, id: actor.patientId, role: null }
        : { type: 'user' as const, id: actor.userId, role: actor.role }
      : { type: 'system' as const, id: null, role: null };
    if (!practiceId) throw new Error(`Audit entry ${entry.action} ${entry.resourceType} has no practice`);
    await tx.auditEvent.create({
      data: {
        id: randomUUID(),
        practiceId,
        actorType: (entry.actor ?? current).type,
        actorId: (entry.actor ?? current).id,
        role: (entry.actor ?? current).role,
        action: entry.action,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId ?? null,
        patientId: entry.patientId ?? null,
        outcome: entry.outcome ?? 'success',
        ip: this.cls.isActive() ? (this.cls.get('ip') ?? null) : null,
        requestId: this.cls.isActive() ? (this.cls.getId() ?? null) : null,
      },
    });
  }
}
