import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import {
  ACTION_CODES,
  EPISODE_CATEGORIES,
  FREQUENCY_TRENDS,
  PAIN_AREAS,
  RED_FLAG_CODES,
  RED_FLAG_LEVELS,
  REASON_CODES,
  TRIGGERS,
  URGENCIES,
  type Action,
  type ActionCode,
  type EpisodeCategory,
  type EpisodeClassification,
  type FrequencyTrend,
  type PainArea,
  type Reason,
  type ReasonCode,
  type RedFlagCode,
  type RedFlagLevel,
  type RedFlagReason,
  type RedFlagScreen,
  type Trigger,
  type Urgency,
} from '@upright/domain';
import { IsIsoDate, IsNotFutureDate } from '../../common/dates.js';
import { RECORD_STATUSES, VersionedClinicalRecordDto, type RecordStatus } from '../../common/clinical-record.dto.js';
import { PageQueryDto } from '../../common/pagination.js';

/** What is wrong with a list of codes, or undefined when it is a fine one: an array of known codes, none repeated. */
function codeListProblem(value: unknown, allowed: readonly string[], minSize: number): string | undefined {
  if (!Array.isArray(value)) return 'must be an array';
  if (value.length < minSize) return `must list at least ${minSize}`;
  const unknown = value.filter((v) => typeof v !== 'string' || !allowed.includes(v));
  if (unknown.length > 0) {
    return `has unknown codes (${unknown
      .slice(0, 5)
      .map((v) => JSON.stringify(v))
      .join(', ')}${unknown.length > 5 ? ', ...' : ''}); known: ${allowed.join(', ')}`;
  }
  // A Set, not indexOf: a long list must not cost quadratic time.
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const code of value as string[]) (seen.has(code) ? repeated : seen).add(code);
  if (repeated.size > 0) return `must not repeat a code (${[...repeated].join(', ')})`;
  return undefined;
}

/** An array of unique codes from `allowed`, with one message that says what is wrong. */
function IsCodeList(allowed: readonly string[], minSize = 0) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCodeList',
      target: object.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => codeListProblem(args.value, allowed, minSize) ?? '' },
      validator: { validate: (value: unknown) => codeListProblem(value, allowed, minSize) === undefined },
    });
}

/**
 * What the clinician records about an episode. Age and days since onset are not sent: the server computes them
 * from the patient's date of birth, the onset date and today.
 */
export class CreateEpisodeDto {
  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'When the spasm started; not in the future, not before the patient was born' })
  @IsIsoDate()
  @IsNotFutureDate()
  onsetDate!: string;

  @ApiProperty({ enum: TRIGGERS, example: 'unaccustomed_activity' })
  @IsIn(TRIGGERS)
  trigger!: Trigger;

  @ApiProperty({ minimum: 0, maximum: 365, example: 0, description: 'Previous episodes in the 12 months before this one' })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(365)
  episodesLast12Months!: number;

  @ApiProperty({ enum: FREQUENCY_TRENDS, example: 'first_episode' })
  @IsIn(FREQUENCY_TRENDS)
  frequencyTrend!: FrequencyTrend;

  @ApiProperty({ minimum: 0, maximum: 10, example: 6, description: 'Current pain on the Numeric Pain Rating Scale' })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(10)
  painNprs!: number;

  @ApiProperty({ enum: PAIN_AREAS, isArray: true, example: ['lower_back', 'buttocks'], description: 'Where it hurts; at least one, no repeats' })
  @IsCodeList(PAIN_AREAS, 1)
  painAreas!: PainArea[];

  @ApiProperty({ enum: RED_FLAG_CODES, isArray: true, example: [], description: 'Red flags found in the history; empty when none, no repeats' })
  @IsCodeList(RED_FLAG_CODES)
  redFlags!: RedFlagCode[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000, example: 'Spent Saturday digging the vegetable patch.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class EpisodeListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECORD_STATUSES, description: 'Only episodes with this status (default: all, entered-in-error ones flagged by `status`)' })
  @IsOptional()
  @IsIn(RECORD_STATUSES)
  status?: RecordStatus;
}

export class ReasonDto implements Reason {
  @ApiProperty({ enum: REASON_CODES, example: 'overload_trigger' }) code!: ReasonCode;
  @ApiProperty({ example: 'Started with unaccustomed activity and no recurring pattern: muscles overloaded beyond their current conditioning.' })
  text!: string;
}

export class RedFlagReasonDto implements RedFlagReason {
  @ApiProperty({ enum: [...RED_FLAG_CODES, 'age_review'], example: 'age_review' }) code!: RedFlagReason['code'];
  @ApiProperty({ enum: RED_FLAG_LEVELS.filter((l) => l !== 'clear'), example: 'review' }) level!: RedFlagReason['level'];
  @ApiProperty({ example: 'Age over 50: look harder for a serious cause (not a referral on its own).' }) text!: string;
}

export class RedFlagScreenDto implements RedFlagScreen {
  @ApiProperty({ enum: RED_FLAG_LEVELS, example: 'clear' }) level!: RedFlagLevel;
  @ApiProperty({ type: [RedFlagReasonDto] }) reasons!: RedFlagReasonDto[];
}

export class ActionDto implements Action {
  @ApiProperty({ enum: ACTION_CODES, example: 'stay_active' }) code!: ActionCode;
  @ApiProperty({ example: 'Advise staying active: relative rest from the provoking activity only, no bed rest (bed rest slows recovery).' })
  text!: string;
  @ApiProperty({ example: 'Keep moving gently through your day. Take a break from whatever set it off, but avoid lying in bed.' })
  patientText!: string;
}

/** The domain's `EpisodeClassification` (rule 2), as the server computed it. */
export class EpisodeClassificationDto implements EpisodeClassification {
  @ApiProperty({ enum: EPISODE_CATEGORIES, example: 'overload' }) category!: EpisodeCategory;
  @ApiProperty({ enum: URGENCIES, example: 'routine', description: 'The red-flag level for a referral; `routine` otherwise' }) urgency!: Urgency;
  @ApiProperty({ type: RedFlagScreenDto }) redFlags!: RedFlagScreenDto;
  @ApiProperty({ type: [ReasonDto], description: 'The rule that chose the category first, then the modifiers' }) reasons!: ReasonDto[];
  @ApiProperty({ type: [ActionDto] }) actions!: ActionDto[];
  @ApiProperty({ example: 14, description: 'Days until the next review; 0 for a referral' }) reviewInDays!: number;
  @ApiProperty({ type: String, example: '2026.12' }) rulesetVersion!: EpisodeClassification['rulesetVersion'];
}

/** A back-spasm episode with the classification the server computed when it was recorded. */
export class EpisodeDto extends VersionedClinicalRecordDto {
  @ApiProperty({ format: 'date', example: '2026-03-02' }) onsetDate!: string;
  @ApiProperty({ format: 'date', example: '2026-03-04', description: 'The day the facts were recorded; age and days since onset are computed on it' })
  recordedOn!: string;
  @ApiProperty({ enum: TRIGGERS }) trigger!: Trigger;
  @ApiProperty({ example: 0 }) episodesLast12Months!: number;
  @ApiProperty({ enum: FREQUENCY_TRENDS }) frequencyTrend!: FrequencyTrend;
  @ApiProperty({ example: 6 }) painNprs!: number;
  @ApiProperty({ enum: PAIN_AREAS, isArray: true }) painAreas!: PainArea[];
  @ApiProperty({ enum: RED_FLAG_CODES, isArray: true }) redFlags!: RedFlagCode[];
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ type: EpisodeClassificationDto }) classification!: EpisodeClassificationDto;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2026-03-12', description: 'The day the spasm settled; null while open' })
  resolvedOn!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['user', 'patient'],
    description: 'Who said it settled: a clinician (user) or the patient; null while open',
  })
  resolvedByType!: 'user' | 'patient' | null;
}

/** The day an episode's spasm settled (a correction may set it again). */
export class ResolveEpisodeDto {
  @ApiProperty({ format: 'date', example: '2026-03-12', description: 'On or after the onset date, not after today' })
  @IsIsoDate()
  resolvedOn!: string;
}

export class EpisodePageDto {
  @ApiProperty({ type: [EpisodeDto] }) items!: EpisodeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
