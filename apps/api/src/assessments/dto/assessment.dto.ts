import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, registerDecorator, ValidateNested, type ValidationOptions } from 'class-validator';
import {
  FINDING_CODES,
  FINDING_UNITS,
  LATERAL_SHIFTS,
  POSTURE_INDICES,
  SEVERITIES,
  SIDES,
  TARGET_CODES,
  type Finding,
  type FindingCode,
  type FindingUnit,
  type LateralShift,
  type PostureIndex,
  type PostureIndexChange,
  type PostureIndices,
  type PosturalReport,
  type Severity,
  type Side,
  type Target,
  type TargetCode,
} from '@upright/domain';
import { IsIsoDate, IsNotFutureDate } from '../../common/dates.js';
import { PageQueryDto } from '../../common/pagination.js';
import { RECORD_STATUSES, VersionedClinicalRecordDto, type RecordStatus } from '../../common/clinical-record.dto.js';
import { MeasurementsDto, takenMeasurements } from './measurements.dto.js';

/** At least one measurement taken (a key with a value other than null). */
function HasAMeasurement(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'hasAMeasurement',
      target: object.constructor,
      propertyName,
      options: { message: 'must contain at least one measurement', ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'object' || value === null || Object.keys(takenMeasurements(value)).length > 0,
      },
    });
}

export class CreateAssessmentDto {
  @ApiProperty({ format: 'date', example: '2026-03-09', description: 'Not in the future, not before the patient was born' })
  @IsIsoDate()
  @IsNotFutureDate()
  assessedOn!: string;

  @ApiProperty({ type: MeasurementsDto, description: 'Only what was tested; at least one measurement' })
  @IsObject()
  @HasAMeasurement()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => MeasurementsDto)
  measurements!: MeasurementsDto;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000, example: 'Side bridge stopped by fatigue, not pain.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class AssessmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECORD_STATUSES, description: 'Only assessments with this status (default: all, entered-in-error ones flagged by `status`)' })
  @IsOptional()
  @IsIn(RECORD_STATUSES)
  status?: RecordStatus;
}

/**
 * `?before=&after=`, both required. Their presence is checked by the service after the patient, so that another
 * practice's patient answers 404 whatever the query (the path is resolved first, as for every other GET).
 */
export class CompareAssessmentsQueryDto {
  @ApiProperty({ format: 'uuid', required: true, description: 'The earlier assessment' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an assessment id' })
  before?: string;

  @ApiProperty({ format: 'uuid', required: true, description: 'The later assessment' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an assessment id' })
  after?: string;
}

export class FindingDto implements Finding {
  @ApiProperty({ enum: FINDING_CODES, example: 'side_bridge_asymmetry' }) code!: FindingCode;
  @ApiProperty({ enum: SEVERITIES, example: 'marked' }) severity!: Severity;
  @ApiPropertyOptional({ enum: SIDES, example: 'left' }) side?: Side;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string', enum: [...LATERAL_SHIFTS] }],
    example: 31.3,
    description: 'The figure the rule was applied to (rounded as shown), true for a positive test, or a shift direction',
  })
  value!: number | boolean | LateralShift;
  @ApiPropertyOptional({ example: 15 }) threshold?: number;
  @ApiProperty({ enum: FINDING_UNITS, example: 'percent' }) unit!: FindingUnit;
  @ApiProperty({ example: false, description: 'True for static asymmetries that are shown but not linked to back pain' }) observational!: boolean;
  @ApiProperty({ example: 'Side bridge 62 s left, 85 s right: symmetry index 31.3 % (marked, 15 % or more); the left side is weaker.' })
  text!: string;
}

export class TargetDto implements Target {
  @ApiProperty({ enum: TARGET_CODES, example: 'lateral_trunk_left' }) code!: TargetCode;
  @ApiProperty({ enum: [1, 2], example: 1, description: '1 when one of its findings is marked' }) priority!: 1 | 2;
  @ApiProperty({ enum: FINDING_CODES, isArray: true, example: ['side_bridge_asymmetry'] }) because!: FindingCode[];
}

export class PostureIndicesDto implements PostureIndices {
  @ApiPropertyOptional({ example: 31.3, description: 'Side-bridge symmetry index, %' }) sideBridgeSI?: number;
  @ApiPropertyOptional({ example: 2.2, description: 'Hip-abduction symmetry index, %' }) hipAbductionSI?: number;
  @ApiPropertyOptional({ example: 0.79, description: 'McGill flexor/extensor ratio' }) flexorExtensorRatio?: number;
  @ApiPropertyOptional({ example: 0.61, description: 'McGill mean side bridge/extensor ratio' }) sideBridgeExtensorRatio?: number;
}

/** The domain's `PosturalReport` (rule 3), as the server computed it. */
export class PosturalReportDto implements PosturalReport {
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
  @ApiProperty({ type: [TargetDto], description: 'Strengthening targets, priority 1 first' }) targets!: TargetDto[];
  @ApiProperty({ type: PostureIndicesDto }) indices!: PostureIndicesDto;
  @ApiProperty({ example: false, description: 'True when a finding needs referral' }) refer!: boolean;
  @ApiProperty({ type: String, example: '2026.12' }) rulesetVersion!: PosturalReport['rulesetVersion'];
}

/** A postural symmetry assessment: what was measured and the report the server computed from it. */
export class AssessmentDto extends VersionedClinicalRecordDto {
  @ApiProperty({ format: 'date', example: '2026-03-09' }) assessedOn!: string;
  @ApiProperty({ type: MeasurementsDto, description: 'The measurements that were taken' }) measurements!: MeasurementsDto;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ type: PosturalReportDto }) report!: PosturalReportDto;
}

export class AssessmentPageDto {
  @ApiProperty({ type: [AssessmentDto] }) items!: AssessmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AssessmentRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', example: '2026-03-09' }) assessedOn!: string;
}

export class PostureIndexChangeDto implements PostureIndexChange {
  @ApiProperty({ enum: POSTURE_INDICES, example: 'sideBridgeSI' }) index!: PostureIndex;
  @ApiProperty({ example: 31.3 }) before!: number;
  @ApiProperty({ example: 6.9 }) after!: number;
  @ApiProperty({ example: -24.4, description: 'after - before, rounded like the index' }) change!: number;
  @ApiProperty({ example: true, description: 'The index went down (lower is better for all four)' }) towardSymmetry!: boolean;
}

export class AssessmentComparisonDto {
  @ApiProperty({ type: AssessmentRefDto }) before!: AssessmentRefDto;
  @ApiProperty({ type: AssessmentRefDto }) after!: AssessmentRefDto;
  @ApiProperty({ type: [PostureIndexChangeDto], description: 'Every index present in both reports' }) changes!: PostureIndexChangeDto[];
}
