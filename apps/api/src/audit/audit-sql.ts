import type { AuditAction } from '../generated/prisma/enums.js';

/** Who and where an audit row is about: the first six parameters ($1-$6) of every audited statement. */
export interface AuditContext {
  practiceId: string;
  actorType: 'user' | 'patient' | 'system';
  actorId: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
}

/** Parameters of an audited statement start at $7. */
export const FIRST_QUERY_PARAM = 7;

export function auditValues(context: AuditContext): unknown[] {
  return [context.practiceId, context.actorType, context.actorId, context.role, context.ip, context.requestId];
}

/**
 * The INSERT, for a data-modifying CTE, of one audit row per row of `source` (a CTE of the same statement). The
 * read and its audit row are then one statement: PostgreSQL commits both or neither, in one round trip, and the
 * row is never answered without its audit record. `resourceId` and `patientId` are SQL over `source`'s columns.
 * Only constant action and resource names are spliced in; every value is a parameter.
 */
export function auditInsert(
  action: AuditAction,
  resourceType: string,
  source: string,
  resourceId: string,
  patientId: string,
  patientIds = "'{}'::uuid[]",
): string {
  if (!/^[a-z_]+$/.test(action) || !/^[a-z_]+$/.test(resourceType) || !/^[a-z_]+$/.test(source)) throw new Error('audit names must be constants');
  return `INSERT INTO audit_events (id, practice_id, actor_type, actor_id, role, action, resource_type, resource_id, patient_id, patient_ids, outcome, ip, request_id)
    SELECT gen_random_uuid(), $1::uuid, $2::"ActorType", $3::uuid, $4, '${action}'::"AuditAction", '${resourceType}', ${resourceId}, ${patientId}, ${patientIds}, 'success', $5, $6
      FROM ${source}`;
}
