import { ApiProperty } from '@nestjs/swagger';

export const RECORD_STATUSES = ['recorded', 'entered_in_error'] as const;
/** A clinical record is never deleted: a mistake is marked `entered_in_error`, with the reason in `statusReason`. */
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** What every clinical record's answer carries: whose record it is, its status, and who recorded it when. */
export abstract class ClinicalRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: RECORD_STATUSES, example: 'recorded' }) status!: RecordStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was marked entered in error' }) statusReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid', description: 'The staff member who recorded it' }) createdBy!: string;
}

/** A clinical record that changes after it is recorded (marked entered in error), so updates need If-Match. */
export abstract class VersionedClinicalRecordDto extends ClinicalRecordDto {
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 1 }) version!: number;
}
