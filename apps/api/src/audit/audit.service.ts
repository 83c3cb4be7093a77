import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import type { RequestContext } from '../common/request-context.js';
import type { AuditAction } from '../generated/prisma/enums.js';
import type { AuditContext } from './audit-sql.js';
import { AuditRepository } from './audit.repository.js';
import type { Db } from '../database/prisma.service.js';

export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  /** For a read that listed patients: the ones it showed. */
  patientIds?: string[];
  outcome?: 'success' | 'failure' | 'denied';
  /** Defaults to the signed-in actor's practice. */
  practiceId?: string;
  /** Defaults to the signed-in actor (staff member or portal patient). */
  actor?: { type: 'user' | 'patient' | 'system'; id: string | null; role: string | null };
}

/**
 * Appends rows to the audit log (append-only in the database). Writes pass their transaction so the change and
 * its audit row commit together; reads are recorded before the data is returned, and the hot reads write their
 * row in the same statement as the read (`context()` gives that statement its parameters).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  /** The current request's actor, practice, address and request id, for an audited statement. */
  context(practiceId?: string, actorOverride?: AuditEntry['actor']): AuditContext {
    const active = this.cls.isActive();
    const actor = active ? this.cls.get('actor') : undefined;
    const practice = practiceId ?? actor?.practiceId;
    if (!practice) throw new Error('An audit row needs a practice');
    // A patient on the portal is recorded as actorType patient with their patient id; staff with user id and role.
    const current = actor
      ? actor.kind === 'patient'
        ? { type: 'patient' as const, id: actor.patientId, role: null }
        : { type: 'user' as const, id: actor.userId, role: actor.role }
      : { type: 'system' as const, id: null, role: null };
    const who = actorOverride ?? current;
    return {
      practiceId: practice,
      actorType: who.type,
      actorId: who.id,
      role: who.role,
      ip: active ? (this.cls.get('ip') ?? null) : null,
      requestId: active ? (this.cls.getId() ?? null) : null,
    };
  }

  async record(entry: AuditEntry, db?: Db): Promise<void> {
    const context = this.context(entry.practiceId, entry.actor);
    await this.repository.insert(
      {
        ...context,
        id: randomUUID(),
        action: entry.action,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId ?? null,
        patientId: entry.patientId ?? null,
        patientIds: entry.patientIds ?? [],
        outcome: entry.outcome ?? 'success',
      },
      db,
    );
  }
}
