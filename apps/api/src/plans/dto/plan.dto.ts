import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import {
  EPISODE_CATEGORIES,
  SIDES,
  TARGET_CODES,
  type EpisodeCategory,
  type EpisodeClassification,
  type PlanDraft,
  type PlanExercise,
  type PlanPhase,
  type RulesetVersion,
  type Side,
  type TargetCode,
} from '@upright/domain';
import { IsIsoDate } from '../../common/dates.js';
import { PageQueryDto } from '../../common/pagination.js';
import { HAS_TEXT, SNAKE_CASE } from '../../exercises/dto/exercise.dto.js';

/** The last week of a phase must come after its first. */
function IsAfterProperty(property: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfterProperty',
      target: object.constructor,
      propertyName,
      constraints: [property],
      options: { message: `must be greater than ${property}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          return typeof value !== 'number' || typeof other !== 'number' || value > other;
        },
      },
    });
}

export const MAX_PHASES = 6;
export const MAX_EXERCISES_PER_PHASE = 20;
const PLAN_STATUSES = ['draft', 'active', 'completed', 'entered_in_error'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** One exercise of a phase with its dose: the domain's PlanExercise, but the code may also be one of your practice's own. */
export class PlanExerciseDto implements Omit<PlanExercise, 'exerciseCode'> {
  @ApiProperty({ example: 'side_bridge', description: 'A code from GET /api/exercises' })
  @IsString()
  @Length(1, 50)
  @Matches(SNAKE_CASE, { message: 'must be an exercise code (snake_case)' })
  exerciseCode!: string;

  @ApiProperty({ minimum: 1, maximum: 10, example: 3 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10)
  sets!: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 5 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100)
  reps!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 600, example: 10 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(600)
  holdSeconds?: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  perSide!: boolean;

  @ApiProperty({ minimum: 1, maximum: 14, example: 7 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(14)
  timesPerWeek!: number;

  @ApiPropertyOptional({ enum: SIDES, example: 'left', description: 'Only this side (then perSide is usually false)' })
  @IsOptional()
  @IsIn(SIDES)
  side?: Side;

  @ApiPropertyOptional({ maxLength: 1000, example: 'One extra set on your left side (the weaker side), after the pyramid.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  notes?: string;
}

/** A phase of a plan: the domain's PlanPhase, with a free key (clinicians may add their own phases). */
export class PlanPhaseDto implements Omit<PlanPhase, 'key' | 'exercises'> {
  @ApiProperty({ example: 'activate', description: 'snake_case, unique within the plan' })
  @IsString()
  @Length(1, 50)
  @Matches(SNAKE_CASE, { message: 'must be snake_case' })
  key!: string;

  @ApiProperty({ example: 'Activate', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  title!: string;

  @ApiProperty({ minimum: 0, maximum: 104, example: 1, description: 'Weeks from the start date' })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(104)
  startWeek!: number;

  @ApiProperty({ minimum: 1, maximum: 104, example: 3, description: 'Greater than startWeek' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(104)
  @IsAfterProperty('startWeek')
  endWeek!: number;

  @ApiProperty({ type: [String], maxItems: 10, example: ['Learn each exercise in its easier version, every day, with good control.'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 500, { each: true, message: 'each goal must be 1-500 characters' })
  goals!: string[];

  @ApiProperty({ type: () => [PlanExerciseDto], minItems: 1, maxItems: MAX_EXERCISES_PER_PHASE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXERCISES_PER_PHASE)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PlanExerciseDto)
  exercises!: PlanExerciseDto[];
}

const PHASES_DOC: ApiPropertyOptions = { type: () => [PlanPhaseDto], minItems: 1, maxItems: MAX_PHASES };
const NOTES_DOC: ApiPropertyOptions = {
  type: [String],
  maxItems: 10,
  description: 'Notes on the plan as a whole (e.g. the notes of the suggestion)',
  example: ['A postural symmetry assessment is needed to personalise this plan.'],
};

export class CreatePlanDto {
  @ApiProperty({ example: 'Back support rehabilitation plan (12 weeks)', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  title!: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0f3c9a1e-5d2b-4c7e-9a41-2b8d6e1f7c30', description: 'The episode the plan treats (one of this patient’s)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  episodeId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '7a1d2e3f-4b5c-4d6e-8f70-91a2b3c4d5e6',
    description: 'The postural assessment it builds on (one of this patient’s)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  assessmentId?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-02', description: 'Defaults to today' })
  @IsOptional()
  @IsIsoDate()
  startDate?: string;

  @ApiProperty(PHASES_DOC)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PHASES)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PlanPhaseDto)
  phases!: PlanPhaseDto[];

  @ApiPropertyOptional(NOTES_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 1000, { each: true, message: 'each note must be 1-1000 characters' })
  notes?: string[];
}

export class UpdatePlanDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Back support rehabilitation plan (12 weeks)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  title?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-09' })
  @IsOptional()
  @IsIsoDate()
  startDate?: string;

  @ApiPropertyOptional(PHASES_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PHASES)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PlanPhaseDto)
  phases?: PlanPhaseDto[];

  @ApiPropertyOptional(NOTES_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 1000, { each: true, message: 'each note must be 1-1000 characters' })
  notes?: string[];

  @ApiPropertyOptional({ maxLength: 500, example: 'Side bridge progressed to 7/5/3.', description: 'What changed and why (kept with the version)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  changeNote?: string;
}

export class ActivatePlanDto {
  @ApiPropertyOptional({
    minLength: 10,
    maxLength: 500,
    description: 'Required when the patient’s latest episode is a referral: why the plan may start anyway',
    example: 'GP reviewed on 2 March: no serious pathology, cleared for exercise.',
  })
  @IsOptional()
  @IsString()
  @Length(10, 500)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  overrideReason?: string;
}

export class PlanSuggestionQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the patient’s latest recorded episode' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  episodeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A postural assessment to personalise the plan; none when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  assessmentId?: string;
}

export class PlanListQueryDto extends PageQueryDto {}

/** A version of a plan without its content: what lists show. */
export class PlanVersionSummaryDto {
  @ApiProperty({ example: 2 }) number!: number;
  @ApiProperty({ example: 'Back support rehabilitation plan (12 weeks)' }) title!: string;
  @ApiProperty({ format: 'date', example: '2026-03-02' }) startDate!: string;
  @ApiProperty({ type: [String], example: ['2026-03-09', '2026-03-16', '2026-03-23'] }) reviewDates!: string[];
  @ApiProperty({ nullable: true, type: String }) changeNote!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
}

/** One version of a plan with its content. */
export class PlanVersionDetailDto extends PlanVersionSummaryDto {
  @ApiProperty({ type: () => [PlanPhaseDto] }) phases!: PlanPhaseDto[];
  @ApiProperty({ type: [String] }) notes!: string[];
}

class PlanBaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: PlanStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason!: string | null;
  @ApiProperty({ example: 1, description: 'Number of the version in force' }) currentVersion!: number;
  @ApiProperty({ example: 1, description: 'Concurrency token (the ETag): send it in If-Match to change the plan' }) version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) episodeId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assessmentId!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: EPISODE_CATEGORIES }) category!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026.12' }) rulesetVersion!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) activatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) activatedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) overrideReason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The discharge day (a completed plan); null otherwise' }) completedOn!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The clinician’s reason for the discharge' }) dischargeReason!: string | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'At discharge: whether an outcome score showed a change that matters (rule 6); null when none was recorded',
  })
  reachedMeaningfulChange!: boolean | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** A plan with the full content of its current version. */
export class PlanDto extends PlanBaseDto {
  @ApiProperty({ type: PlanVersionDetailDto }) current!: PlanVersionDetailDto;
}

/** A plan in a list: its current version without the phases. */
export class PlanListItemDto extends PlanBaseDto {
  @ApiProperty({ type: PlanVersionSummaryDto, description: 'The current version, without its phases' }) current!: PlanVersionSummaryDto;
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanListItemDto] }) items!: PlanListItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class PlanVersionPageDto {
  @ApiProperty({ type: [PlanVersionSummaryDto], description: 'Newest first, without phases (read one version for its content)' })
  items!: PlanVersionSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class PlanDraftClassificationDto implements Pick<EpisodeClassification, 'category' | 'reviewInDays'> {
  @ApiProperty({ enum: EPISODE_CATEGORIES, example: 'support_deficit' }) category!: EpisodeCategory;
  @ApiProperty({ example: 7, description: 'Days until the next review' }) reviewInDays!: number;
}

class PlanDraftBasisDto {
  @ApiProperty({ type: PlanDraftClassificationDto })
  classification!: PlanDraftClassificationDto;
  @ApiProperty({ enum: TARGET_CODES, isArray: true, example: ['lateral_trunk_left', 'trunk_extensors'] }) targets!: TargetCode[];
}

/** The domain's PlanDraft, plus the ids of the records it was drafted from (to send on when creating the plan). */
export class PlanSuggestionDto implements PlanDraft {
  @ApiProperty({ example: 'Back support rehabilitation plan (12 weeks)' }) title!: string;
  @ApiProperty({ enum: EPISODE_CATEGORIES.filter((c) => c !== 'referral') }) category!: Exclude<EpisodeCategory, 'referral'>;
  @ApiProperty({ type: () => [PlanPhaseDto] }) phases!: PlanDraft['phases'];
  @ApiProperty({ type: [String], example: ['2026-03-09', '2026-03-16'] }) reviewDates!: string[];
  @ApiProperty({ type: PlanDraftBasisDto }) basedOn!: PlanDraft['basedOn'];
  @ApiProperty({ type: [String] }) notes!: string[];
  @ApiProperty({ type: String, example: '2026.12' }) rulesetVersion!: RulesetVersion;
  @ApiProperty({ format: 'uuid', description: 'The episode the suggestion is drafted from' }) episodeId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The assessment used, if any' }) assessmentId!: string | null;
}
