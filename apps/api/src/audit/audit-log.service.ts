import { Injectable } from '@nestjs/common';
import { fromIsoDate } from '../common/dates.js';
import { decodeCursor, Page, toPage } from '../common/pagination.js';
import type { StaffActor } from '../common/request-context.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import type { AuditEventDto, AuditQueryDto } from './dto/audit.dto.js';

/** The audit log as administrators read it. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: StaffActor, query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const rows = await this.repository.list(actor.practiceId, {
      patientId: query.patientId,
      actorId: query.actorId,
      action: query.action,
      from: query.from ? fromIsoDate(query.from) : undefined,
      before: query.to ? new Date(fromIsoDate(query.to).getTime() + 86_400_000) : undefined,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    });
    const names = await this.repository.userNames(actor.practiceId, [
      ...new Set(rows.filter((r) => r.actorType === 'user' && r.actorId).map((r) => r.actorId!)),
    ]);
    // Reading the log is itself recorded (who looked at whose history).
    await this.audit.record({ action: 'read', resourceType: 'audit_log', patientId: query.patientId ?? null });
    return toPage(
      rows,
      query.limit,
      (r) => r.at,
      (r) => ({
        id: r.id,
        at: r.at.toISOString(),
        practiceId: r.practiceId,
        actorType: r.actorType,
        actorId: r.actorId,
        actorName: r.actorType === 'user' && r.actorId ? (names.get(r.actorId) ?? null) : null,
        role: r.role,
        action: r.action,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        patientId: r.patientId,
        patientIds: r.patientIds ?? [],
        outcome: r.outcome,
        ip: r.ip,
        requestId: r.requestId,
      }),
    );
  }
}
