import { Injectable } from '@nestjs/common';
import type { Keyset } from '../common/pagination.js';
import { Db, PrismaService } from '../database/prisma.service.js';
import type { AuditContext } from './audit-sql.js';
import type { AuditAction, Prisma } from '../generated/prisma/client.js';

export interface AuditFilter {
  patientId?: string;
  actorId?: string;
  action?: AuditAction;
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
  after?: Keyset;
  take: number;
}

export interface AuditRow extends AuditContext {
  id: string;
  action: AuditAction;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  /** For a read that listed patients: the ones it showed. */
  patientIds?: string[];
  outcome: string;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One row, inside the caller's transaction when given; a plain INSERT (nothing is read back). */
  async insert(row: AuditRow, db: Db = this.prisma): Promise<void> {
    await db.$executeRaw`
      INSERT INTO audit_events (id, practice_id, actor_type, actor_id, role, action, resource_type, resource_id, patient_id, patient_ids, outcome, ip, request_id)
      VALUES (${row.id}::uuid, ${row.practiceId}::uuid, ${row.actorType}::"ActorType", ${row.actorId}::uuid, ${row.role}, ${row.action}::"AuditAction",
              ${row.resourceType}, ${row.resourceId}, ${row.patientId}::uuid, ${row.patientIds ?? []}::uuid[], ${row.outcome}, ${row.ip}, ${row.requestId})`;
  }

  /** Newest first, keyset on (at, id); the filters use the (practice_id, patient_id|actor_id, at) indexes. */
  list(practiceId: string, filter: AuditFilter) {
    const at: Prisma.DateTimeFilter = {};
    if (filter.from) at.gte = filter.from;
    if (filter.before) at.lt = filter.before;
    const where: Prisma.AuditEventWhereInput = {
      practiceId,
      ...(filter.patientId ? { patientId: filter.patientId } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.from || filter.before ? { at } : {}),
      ...(filter.after ? { OR: [{ at: { lt: filter.after.at } }, { at: filter.after.at, id: { lt: filter.after.id } }] } : {}),
    };
    return this.prisma.auditEvent.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: filter.take });
  }

  /** Names of the practice's users among these ids, in one query. */
  async userNames(practiceId: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const users = await this.prisma.user.findMany({ where: { practiceId, id: { in: ids } }, select: { id: true, name: true } });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}
