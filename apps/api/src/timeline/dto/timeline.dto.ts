import { ApiProperty } from '@nestjs/swagger';

export const TIMELINE_KINDS = ['episode', 'assessment', 'plan', 'outcome', 'note'] as const;

/** One entry of a patient's clinical timeline (newest first). */
export class TimelineEntryDto {
  @ApiProperty({ enum: TIMELINE_KINDS, example: 'episode' }) kind!: (typeof TIMELINE_KINDS)[number];
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'The clinical date: onset / assessment / plan start / score date / visit date' })
  date!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-21T09:12:00.000Z' }) recordedAt!: string;
  @ApiProperty({ example: 'Episode: Support deficit' }) title!: string;
  @ApiProperty({
    example: 'Routine · pain 6/10 · review in 7 days',
    description: 'Category and urgency, findings count, plan status, score; a note’s signature (Signed by … · date), Draft by …, or Entered in error',
  })
  summary!: string;
  @ApiProperty({
    example: 'recorded',
    description: 'The record’s status (recorded, entered_in_error; a plan’s draft, active, …; a note’s draft, signed, entered_in_error)',
  })
  status!: string;
}

export class TimelineDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: [TimelineEntryDto], description: 'Newest first' }) entries!: TimelineEntryDto[];
  @ApiProperty({ example: false, description: 'True when older records exist beyond the per-kind limit' }) truncated!: boolean;
}
