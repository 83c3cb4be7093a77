import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsObject, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IfSent } from '../../common/validation.js';
import type { NoteSections } from '../default-templates.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The most characters one template prompt holds (a section's headings and questions). */
export const PROMPT_MAX = 4000;
/** The most characters one section of a note holds. */
export const SECTION_MAX = 20_000;
export const TEMPLATE_NAME_MAX = 80;

/** The four sections of a note (SOAP), as the API answers them. */
export class NoteSectionsDto implements NoteSections {
  @ApiProperty({ example: 'Since the last visit: sleeping better, morning stiffness 20 minutes.' }) subjective!: string;
  @ApiProperty({ example: 'Lumbar flexion to mid-shin, pain-free.' }) objective!: string;
  @ApiProperty({ example: 'Improving: pain down from 6/10 to 3/10.' }) assessment!: string;
  @ApiProperty({ example: 'Progress side bridge to 10-second holds. Review in 2 weeks.' }) plan!: string;
}

/** A template's prompts, as written: all four, each possibly empty. */
export class NotePromptsInputDto implements NoteSections {
  @ApiProperty({ maxLength: PROMPT_MAX, example: 'Since the last visit (symptoms, function, sleep):' })
  @IsString()
  @MaxLength(PROMPT_MAX)
  subjective!: string;

  @ApiProperty({ maxLength: PROMPT_MAX, example: 'Re-assessment (range, strength, functional tests):' })
  @IsString()
  @MaxLength(PROMPT_MAX)
  objective!: string;

  @ApiProperty({ maxLength: PROMPT_MAX, example: 'Progress against goals:' })
  @IsString()
  @MaxLength(PROMPT_MAX)
  assessment!: string;

  @ApiProperty({ maxLength: PROMPT_MAX, example: 'Treatment today:\nNext review:' })
  @IsString()
  @MaxLength(PROMPT_MAX)
  plan!: string;
}

export class NoteTemplateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Follow-up', maxLength: TEMPLATE_NAME_MAX }) name!: string;
  @ApiProperty({ type: NoteSectionsDto, description: 'The headings and prompts put at the top of each section of a new note' })
  prompts!: NoteSectionsDto;
  @ApiProperty({ example: true, description: 'Inactive templates stay on the notes written with them but are not offered for new ones' })
  active!: boolean;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class NoteTemplateListDto {
  @ApiProperty({ type: [NoteTemplateDto], description: 'By name; inactive ones included (flagged by active)' }) items!: NoteTemplateDto[];
}

export class CreateNoteTemplateDto {
  @ApiProperty({ minLength: 1, maxLength: TEMPLATE_NAME_MAX, example: 'Post-operative review', description: 'Unique among the practice’s active templates' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(TEMPLATE_NAME_MAX)
  name!: string;

  @ApiProperty({ type: NotePromptsInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => NotePromptsInputDto)
  prompts!: NotePromptsInputDto;

  @ApiPropertyOptional({ example: true, default: true })
  @IfSent()
  @IsBoolean()
  active?: boolean;
}

export class UpdateNoteTemplateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: TEMPLATE_NAME_MAX, example: 'Follow-up (short)' })
  @Transform(trim)
  @IfSent()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(TEMPLATE_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ type: NotePromptsInputDto, description: 'All four prompts, replacing the current ones' })
  @IfSent()
  @IsObject()
  @ValidateNested()
  @Type(() => NotePromptsInputDto)
  prompts?: NotePromptsInputDto;

  @ApiPropertyOptional({ example: false, description: 'false: no longer offered for new notes; true: offered again' })
  @IfSent()
  @IsBoolean()
  active?: boolean;
}
