import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { IfSent } from '../../common/validation.js';
import { NoteSectionsDto, SECTION_MAX } from './note-template.dto.js';

export const NOTE_STATUSES = ['draft', 'signed', 'entered_in_error'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/** The most characters one addendum holds. */
export const ADDENDUM_MAX = 20_000;
/** The most characters of a word search. */
export const NOTE_QUERY_MAX = 200;
/** The most notes one print holds. */
export const PRINT_LIMIT = 200;

const UUID = { message: 'must be a UUID' };
const NOT_BLANK = /\S/;

// ---- Requests ----

export class CreateVisitNoteDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '5c1d7e2a-3b4f-4a6c-9d8e-0f1a2b3c4d5e',
    description: 'An active template of your practice: its prompts head each section',
  })
  @IsOptional()
  @IsUUID('all', UUID)
  templateId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    description: 'This patient’s appointment the note is for: its local date becomes the visit date, its episode the note’s episode',
  })
  @IsOptional()
  @IsUUID('all', UUID)
  appointmentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0f3c9a1e-5d2b-4c7e-9a41-2b8d6e1f7c30',
    description: 'This patient’s episode the note treats (else the appointment’s, else the latest recorded one)',
  })
  @IsOptional()
  @IsUUID('all', UUID)
  episodeId?: string;
}

/** The sections a draft save changes; at least one. */
export class NoteSectionsPatchDto {
  @ApiPropertyOptional({ maxLength: SECTION_MAX, example: 'Since the last visit: sleeping better, morning stiffness 20 minutes.' })
  @IfSent()
  @IsString()
  @MaxLength(SECTION_MAX)
  subjective?: string;

  @ApiPropertyOptional({ maxLength: SECTION_MAX, example: 'Lumbar flexion to mid-shin, pain-free.' })
  @IfSent()
  @IsString()
  @MaxLength(SECTION_MAX)
  objective?: string;

  @ApiPropertyOptional({ maxLength: SECTION_MAX, example: 'Improving: pain down from 6/10 to 3/10.' })
  @IfSent()
  @IsString()
  @MaxLength(SECTION_MAX)
  assessment?: string;

  @ApiPropertyOptional({ maxLength: SECTION_MAX, example: 'Progress side bridge to 10-second holds. Review in 2 weeks.' })
  @IfSent()
  @IsString()
  @MaxLength(SECTION_MAX)
  plan?: string;
}

export class UpdateVisitNoteDto {
  @ApiProperty({ type: NoteSectionsPatchDto, description: 'The sections to replace (at least one); the others stay as they are' })
  @IsObject()
  @ValidateNested()
  @Type(() => NoteSectionsPatchDto)
  sections!: NoteSectionsPatchDto;
}

export class CreateAddendumDto {
  @ApiProperty({ minLength: 1, maxLength: ADDENDUM_MAX, example: 'Correction: the side bridge was on the left, not the right.' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(ADDENDUM_MAX)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  text!: string;
}

export class VisitNoteListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: NOTE_QUERY_MAX,
    example: 'side bridge',
    description: 'Words to find in the notes and their addenda (web-search syntax: "a phrase", or, -word); every note of the patient without it',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(NOTE_QUERY_MAX)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the notes of this episode' })
  @IsOptional()
  @IsUUID('all', UUID)
  episodeId?: string;
}

export class NotePrintQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the notes of this episode (else every note of the patient)' })
  @IsOptional()
  @IsUUID('all', UUID)
  episodeId?: string;
}

// ---- Answers ----

export class NoteAddendumDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) noteId!: string;
  @ApiProperty({ example: 'Correction: the side bridge was on the left, not the right.' }) text!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ example: 'Maya Patel' }) authorName!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was written and signed by its author' }) createdAt!: string;
}

export class VisitNoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: NOTE_STATUSES, example: 'draft' }) status!: NoteStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was marked entered in error' }) statusReason!: string | null;
  @ApiProperty({ type: NoteSectionsDto }) sections!: NoteSectionsDto;
  @ApiProperty({ format: 'date', example: '2026-12-07', description: 'The appointment’s date in the practice’s zone, else the day the note was started' })
  visitDate!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-23', description: 'The day the prefill counted from (null: everything)' })
  prefillSince!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) templateId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Follow-up' }) templateName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) appointmentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) episodeId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The latest recorded assessment when the note was started' })
  assessmentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The active plan (else the latest) when the note was started' })
  planId!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 2, description: 'That plan’s version number then' }) planVersion!: number | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ example: 'Maya Patel' }) authorName!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) signedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Maya Patel' }) signedByName!: string | null;
  @ApiProperty({ type: [NoteAddendumDto], description: 'Oldest first' }) addenda!: NoteAddendumDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 1, description: 'The ETag: send it in If-Match to save the draft' }) version!: number;
}

export class VisitNoteSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: NOTE_STATUSES, example: 'signed' }) status!: NoteStatus;
  @ApiProperty({ format: 'date', example: '2026-12-07' }) visitDate!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Follow-up' }) templateName!: string | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ example: 'Maya Patel' }) authorName!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 0 }) addendaCount!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) appointmentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) episodeId!: string | null;
  @ApiProperty({
    example: 'Pain down to 3/10; «side» «bridge» 3 × 10 s each side…',
    description:
      'With q: where the words matched (note or addenda), the matched words wrapped in « », plain text, at most about 200 characters; without q: the start of the note',
  })
  excerpt!: string;
}

export class VisitNotePageDto {
  @ApiProperty({ type: [VisitNoteSummaryDto], description: 'Newest first' }) items!: VisitNoteSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class NotePrintPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aoife' }) firstName!: string;
  @ApiProperty({ example: 'Kelly' }) lastName!: string;
  @ApiProperty({ format: 'date', example: '1971-03-09' }) dateOfBirth!: string;
}

export class NotePrintEpisodeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) onsetDate!: string;
  @ApiProperty({ example: 'support_deficit' }) category!: string;
}

export class NotePrintDto {
  @ApiProperty({ example: 'Riverside Physiotherapy' }) practiceName!: string;
  @ApiProperty({ type: NotePrintPatientDto }) patient!: NotePrintPatientDto;
  @ApiProperty({ type: NotePrintEpisodeDto, nullable: true, description: 'The episode asked for, else null' }) episode!: NotePrintEpisodeDto | null;
  @ApiProperty({
    type: [VisitNoteDto],
    description: `Every signed and entered-in-error note (no drafts) of the episode, or of the patient; oldest first, at most ${PRINT_LIMIT}`,
  })
  notes!: VisitNoteDto[];
}
