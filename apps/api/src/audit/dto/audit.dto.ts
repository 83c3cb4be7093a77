import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate } from '../../common/dates.js';
import { PageQueryDto } from '../../common/pagination.js';

export const AUDIT_ACTIONS = ['read', 'create', 'update', 'archive', 'login', 'login_failed', 'logout', 'denied', 'share', 'revoke', 'export'] as const;

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only events about this patient' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a patient id' })
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only events by this user (or patient portal session)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: (typeof AUDIT_ACTIONS)[number];

  @ApiPropertyOptional({ example: '2026-11-01', description: 'From this UTC day (inclusive)' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Up to this UTC day (inclusive)' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

/** One row of the audit log, with the acting user's name when the actor is a staff member. */
export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid' }) practiceId!: string;
  @ApiProperty({ enum: ['user', 'patient', 'system'] }) actorType!: 'user' | 'patient' | 'system';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Maya Patel' }) actorName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'clinician' }) role!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: (typeof AUDIT_ACTIONS)[number];
  @ApiProperty({ example: 'patient' }) resourceType!: string;
  @ApiProperty({ type: String, nullable: true }) resourceId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) patientId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'For a read that listed patients (a list, a search, Today): the patients it showed' })
  patientIds!: string[];
  @ApiProperty({ example: 'success' }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
