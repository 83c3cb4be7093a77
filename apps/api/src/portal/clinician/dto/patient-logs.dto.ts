import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PAIN_ALERT_REASONS, type Adherence, type PainAlertReason } from '@upright/domain';
import { IsIsoDate, IsNotFutureDate } from '../../../common/dates.js';
import { PatientLogEntryDto } from '../../dto/portal.dto.js';

/** A patient's log as the clinician sees it, with its pain alert state. */
export class ClinicianPatientLogDto extends PatientLogEntryDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: PAIN_ALERT_REASONS, isArray: true, description: 'Empty when the log raised no pain alert' }) alertReasons!: PainAlertReason[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) alertAcknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) alertAcknowledgedBy!: string | null;
}

export class ClinicianPatientLogPageDto {
  @ApiProperty({ type: [ClinicianPatientLogDto], description: 'Newest day first' }) items!: ClinicianPatientLogDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AdherenceQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-02-03', description: 'First day (inclusive); defaults to 27 days before `to` (a 4-week window)' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-02', description: 'Last day (inclusive), not in the future; defaults to today' })
  @IsOptional()
  @IsIsoDate()
  @IsNotFutureDate()
  to?: string;
}

/**
 * GET /api/patients/:id/adherence: the domain's Adherence for the patient's active plan in the window.
 * Without an active plan, `planId` and `percent` are null and nothing is prescribed.
 */
export class PatientAdherenceDto implements Omit<Adherence, 'percent'> {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The active plan; null when the patient has none' }) planId!: string | null;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ example: 20, description: 'Sessions the plan prescribed in the window' }) prescribedSessions!: number;
  @ApiProperty({ example: 15, description: 'Days in the window with a log of at least one exercise done' }) loggedSessions!: number;
  @ApiProperty({ nullable: true, type: Number, example: 75, description: 'logged / prescribed, 0-100; null without an active plan' }) percent!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 1, description: 'Days from the last log to `to`; null when there is none' }) daysSinceLastLog!:
    number | null;
}

/** An open pain alert: a log with alert reasons that no clinician has acknowledged yet. */
export class PainAlertItemDto {
  @ApiProperty({ format: 'uuid' }) logId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ example: 8 }) pain!: number;
  @ApiProperty({ example: 6 }) difficulty!: number;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: PAIN_ALERT_REASONS, isArray: true, example: ['pain_high'] }) reasons!: PainAlertReason[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) acknowledgedBy!: string | null;
}

export class PainAlertListDto {
  @ApiProperty({ type: [PainAlertItemDto], description: 'Open alerts (not acknowledged), newest first' }) items!: PainAlertItemDto[];
}
