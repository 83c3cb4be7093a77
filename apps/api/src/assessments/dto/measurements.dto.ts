import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import {
  LATERAL_SHIFTS,
  POSTURE_THRESHOLDS,
  SIDES,
  type Bilateral,
  type HeightDifference,
  type LateralShift,
  type LegLengthDifference,
  type PosturalMeasurements,
  type Side,
} from '@upright/domain';

/**
 * The domain's `PosturalMeasurements` as a request body. Every measurement is optional (absent or `null` = not
 * tested); unknown keys are refused by the global validation pipe, so a misspelt test is never silently lost.
 * The domain validates the same input again when it computes the report.
 */

const NUMBER = { allowNaN: false, allowInfinity: false } as const;
const NUMBER_MESSAGE = { message: 'must be a number' } as const;

export class BilateralSecondsDto implements Bilateral {
  @ApiProperty({ minimum: 0, example: 62, description: 'Left side (lying on the left for a side bridge)' })
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  left!: number;

  @ApiProperty({ minimum: 0, example: 85 })
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  right!: number;
}

export class BilateralForceDto implements Bilateral {
  @ApiProperty({ minimum: 0, example: 180, description: 'Any force unit, the same on both sides' })
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  left!: number;

  @ApiProperty({ minimum: 0, example: 176 })
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  right!: number;
}

export class BilateralTestDto implements Bilateral<boolean> {
  @ApiProperty({ example: false, description: 'Positive standing on the left leg' })
  @IsBoolean({ message: 'must be true or false' })
  left!: boolean;

  @ApiProperty({ example: true })
  @IsBoolean({ message: 'must be true or false' })
  right!: boolean;
}

export class AslrDto implements Bilateral {
  @ApiProperty({ minimum: 0, maximum: 5, example: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(5)
  left!: number;

  @ApiProperty({ minimum: 0, maximum: 5, example: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(5)
  right!: number;
}

export class LegLengthDifferenceDto implements LegLengthDifference {
  @ApiProperty({ minimum: 0, example: 0.8, description: 'cm' })
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  value!: number;

  @ApiProperty({ enum: SIDES, example: 'left' })
  @IsIn(SIDES)
  longer!: Side;
}

export class HeightDifferenceDto implements HeightDifference {
  @ApiProperty({ minimum: 0, example: 1, description: 'cm' })
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  value!: number;

  @ApiProperty({ enum: SIDES, example: 'right' })
  @IsIn(SIDES)
  higher!: Side;
}

export class MeasurementsDto implements PosturalMeasurements {
  @ApiPropertyOptional({ type: BilateralSecondsDto, nullable: true, description: 'Side-bridge endurance hold, seconds' })
  @IsOptional()
  @IsObject()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => BilateralSecondsDto)
  sideBridgeS?: BilateralSecondsDto | null;

  @ApiPropertyOptional({ type: BilateralForceDto, nullable: true, description: 'Hip-abduction strength, same unit both sides' })
  @IsOptional()
  @IsObject()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => BilateralForceDto)
  hipAbduction?: BilateralForceDto | null;

  @ApiPropertyOptional({ type: BilateralTestDto, nullable: true, description: 'Trendelenburg test, true = positive standing on that leg' })
  @IsOptional()
  @IsObject()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => BilateralTestDto)
  trendelenburg?: BilateralTestDto | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, nullable: true, example: 95, description: 'Trunk flexor endurance hold, seconds' })
  @IsOptional()
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  trunkFlexorS?: number | null;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: POSTURE_THRESHOLDS.bieringSorensenMaxS,
    nullable: true,
    example: 120,
    description: 'Biering-Sorensen hold, seconds (the test stops at 240)',
  })
  @IsOptional()
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  @Max(POSTURE_THRESHOLDS.bieringSorensenMaxS)
  trunkExtensorS?: number | null;

  @ApiPropertyOptional({ type: AslrDto, nullable: true, description: 'Active straight-leg raise, score 0-5 per side' })
  @IsOptional()
  @IsObject()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => AslrDto)
  aslr?: AslrDto | null;

  @ApiPropertyOptional({ type: LegLengthDifferenceDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => LegLengthDifferenceDto)
  legLengthDifferenceCm?: LegLengthDifferenceDto | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, nullable: true, example: 3, description: 'Scoliometer angle of trunk rotation, degrees' })
  @IsOptional()
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  trunkRotationDeg?: number | null;

  @ApiPropertyOptional({ type: HeightDifferenceDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => HeightDifferenceDto)
  shoulderHeightDifferenceCm?: HeightDifferenceDto | null;

  @ApiPropertyOptional({ type: HeightDifferenceDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested({ message: 'must be an object' })
  @Type(() => HeightDifferenceDto)
  pelvicHeightDifferenceCm?: HeightDifferenceDto | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 90, nullable: true, example: 52, description: 'Craniovertebral angle, degrees' })
  @IsOptional()
  @IsNumber(NUMBER, NUMBER_MESSAGE)
  @Min(0)
  @Max(90)
  craniovertebralAngleDeg?: number | null;

  @ApiPropertyOptional({ enum: LATERAL_SHIFTS, nullable: true, example: 'none' })
  @IsOptional()
  @IsIn(LATERAL_SHIFTS)
  lateralShift?: LateralShift | null;
}

/** The measurements that were taken, as a plain object without the untested (absent or null) ones. */
export function takenMeasurements(m: MeasurementsDto | null | undefined): PosturalMeasurements {
  const taken: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(m ?? {})) {
    if (value === null || value === undefined) continue;
    taken[key] = typeof value === 'object' ? { ...value } : value;
  }
  return taken;
}
