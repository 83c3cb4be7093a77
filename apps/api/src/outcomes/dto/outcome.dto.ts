import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional } from 'class-validator';
import { INSTRUMENTS, ODI_BANDS, type Instrument, type OdiBand, type OutcomeChange } from '@upright/domain';
import { IsIsoDate, IsNotFutureDate } from '../../common/dates.js';
import { ClinicalRecordDto } from '../../common/clinical-record.dto.js';

/**
 * Answers of an outcome measure, by instrument: `odi` 10 section scores (0-5, `null` = unanswered);
 * `nprs` one integer 0-10; `rmdq` 24 yes/no answers; `psfs` 1-5 activity ratings 0-10.
 */
export type OutcomeAnswers = (number | null)[] | number | boolean[];

const ANSWERS_SCHEMA = {
  oneOf: [
    {
      type: 'array',
      items: { type: 'integer', minimum: 0, maximum: 5, nullable: true },
      minItems: 10,
      maxItems: 10,
      description: 'odi: 10 section scores, null = unanswered (at least 8 answered)',
    },
    { type: 'integer', minimum: 0, maximum: 10, description: 'nprs: one rating' },
    { type: 'array', items: { type: 'boolean' }, minItems: 24, maxItems: 24, description: 'rmdq: 24 yes/no answers' },
    { type: 'array', items: { type: 'integer', minimum: 0, maximum: 10 }, minItems: 1, maxItems: 5, description: 'psfs: 1-5 activity ratings' },
  ],
};

export class CreateOutcomeDto {
  @ApiProperty({ enum: INSTRUMENTS, example: 'odi' })
  @IsIn(INSTRUMENTS)
  instrument!: Instrument;

  @ApiProperty({ format: 'date', example: '2026-03-09', description: 'Not in the future, not before the patient was born' })
  @IsIsoDate()
  @IsNotFutureDate()
  recordedOn!: string;

  @ApiProperty({
    ...ANSWERS_SCHEMA,
    example: [2, 3, 1, 2, null, 2, 1, 3, 2, 1],
    description:
      'By instrument: odi 10 section scores 0-5 or null (the questionnaire text is licensed and not shipped); nprs one integer 0-10; rmdq 24 booleans; psfs 1-5 ratings 0-10. Checked by the domain scorer; a bad item is named like answers[3].',
  })
  @IsDefined({ message: 'is required' })
  answers!: OutcomeAnswers;
}

export class OutcomeListQueryDto {
  @ApiPropertyOptional({ enum: INSTRUMENTS, description: 'Only this instrument (default: all)' })
  @IsOptional()
  @IsIn(INSTRUMENTS)
  instrument?: Instrument;

  @ApiPropertyOptional({ default: false, description: 'Include scores marked entered in error (flagged by status, never compared)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeEnteredInError?: boolean;
}

/** The domain's OutcomeChange from the patient's first (baseline) score of the same instrument. */
export class OutcomeChangeDto implements OutcomeChange {
  @ApiProperty({ example: 42, description: 'The patient’s first recorded score of this instrument' }) baseline!: number;
  @ApiProperty({ example: -16, description: 'score - baseline, 1 decimal' }) change!: number;
  @ApiProperty({ example: true, description: 'Moved the good way (down, or up for PSFS)' }) improved!: boolean;
  @ApiProperty({ example: true, description: 'Improved by at least the smallest change that matters (Ostelo 2008)' }) meaningful!: boolean;
}

export class OutcomeScoreDto extends ClinicalRecordDto {
  @ApiProperty({ enum: INSTRUMENTS, example: 'odi' }) instrument!: Instrument;
  @ApiProperty({ format: 'date', example: '2026-03-09' }) recordedOn!: string;
  @ApiProperty({ ...ANSWERS_SCHEMA, example: [2, 3, 1, 2, null, 2, 1, 3, 2, 1] }) answers!: OutcomeAnswers;
  @ApiProperty({ example: 37.8, description: 'ODI percent, NPRS 0-10, RMDQ 0-24, PSFS mean 0-10' }) score!: number;
  @ApiProperty({ enum: ODI_BANDS, nullable: true, example: 'moderate', description: 'ODI only; null otherwise' }) band!: OdiBand | null;
  @ApiProperty({ type: OutcomeChangeDto, nullable: true, description: 'Change from the first score; null for the first itself and for one entered in error' })
  change!: OutcomeChangeDto | null;
  @ApiProperty({ example: '2026.12' }) rulesetVersion!: string;
}

export class OutcomeScoreListDto {
  @ApiProperty({ type: [OutcomeScoreDto], description: 'Oldest first (recorded date, then entry time), at most 500' }) items!: OutcomeScoreDto[];
  @ApiProperty({ example: false, description: 'True when there are more than 500 scores (the oldest 500 are returned; filter by instrument)' })
  truncated!: boolean;
}
