import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EXERCISE_CODES, TARGET_CODES, type ExerciseDose, type TargetCode } from '@upright/domain';

/** snake_case: lower-case letters and digits in words joined by single underscores, starting with a letter. */
export const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** At least one character that is not white space. */
export const HAS_TEXT = /\S/;

/** The default dose of an exercise a practice adds. */
export class ExerciseDoseInputDto {
  @ApiProperty({ minimum: 1, maximum: 10, example: 2 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10)
  sets!: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 10 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100)
  reps!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 600, example: 10, description: 'Seconds each rep is held' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(600)
  holdSeconds?: number;

  @ApiProperty({ description: 'The sets and reps are done on each side', example: true })
  @IsBoolean()
  perSide!: boolean;

  @ApiProperty({ minimum: 1, maximum: 14, example: 3, description: '7 = daily; up to 14 (twice a day)' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(14)
  timesPerWeek!: number;
}

export class CreateExerciseDto {
  @ApiProperty({
    description: 'snake_case, 3-50 characters, unique in your practice and not one of the built-in codes',
    example: 'wall_slide',
    minLength: 3,
    maxLength: 50,
  })
  @IsString()
  @Length(3, 50)
  @Matches(SNAKE_CASE, { message: 'must be snake_case (lower-case letters, digits and single underscores, starting with a letter)' })
  @IsNotIn(EXERCISE_CODES, { message: 'is the code of a built-in exercise' })
  code!: string;

  @ApiProperty({ example: 'Wall slide', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  name!: string;

  @ApiProperty({ enum: TARGET_CODES, isArray: true, example: ['trunk_extensors'], description: 'Strengthening targets it works on (may be empty)' })
  @IsArray()
  @ArrayMaxSize(TARGET_CODES.length)
  @ArrayUnique({ message: 'must not repeat a target' })
  @IsIn(TARGET_CODES, { each: true, message: `each value must be one of ${TARGET_CODES.join(', ')}` })
  targets!: TargetCode[];

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 8,
    example: ['Stand with your back against a wall, feet a step away from it.', 'Slide down slowly until your knees are slightly bent, then slide back up.'],
    description: '1-8 plain sentences a patient can follow',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @Length(1, 500, { each: true, message: 'each step must be 1-500 characters' })
  @Matches(HAS_TEXT, { each: true, message: 'each step must contain text' })
  steps!: string[];

  @ApiProperty({ example: 'Slide down only a little way.', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  regression!: string;

  @ApiProperty({ example: 'Hold the lowest point for 5 seconds.', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  progression!: string;

  @ApiProperty({ example: 'Stop if it brings on pain down a leg.', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  safety!: string;

  @ApiProperty({ type: ExerciseDoseInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ExerciseDoseInputDto)
  defaultDose!: ExerciseDoseInputDto;
}

/** A dose as the library gives it (the domain's ExerciseDose): the built-in ones may carry a `notes` on how to build up. */
export class LibraryDoseDto implements ExerciseDose {
  @ApiProperty({ example: 3 }) sets!: number;
  @ApiProperty({ example: 5 }) reps!: number;
  @ApiPropertyOptional({ example: 10 }) holdSeconds?: number;
  @ApiProperty({ example: false }) perSide!: boolean;
  @ApiProperty({ example: 7 }) timesPerWeek!: number;
  @ApiPropertyOptional({ description: 'How to build up (built-in exercises only)' }) notes?: string;
}

/** One exercise of the library: built in (`@upright/domain`'s EXERCISES) or added by the practice. */
export class LibraryExerciseDto {
  @ApiProperty({ example: 'curl_up' }) code!: string;
  @ApiProperty({ example: 'McGill curl-up' }) name!: string;
  @ApiProperty({ enum: TARGET_CODES, isArray: true }) targets!: TargetCode[];
  @ApiProperty({ type: LibraryDoseDto }) defaultDose!: LibraryDoseDto;
  @ApiProperty({ type: [String] }) steps!: string[];
  @ApiProperty() regression!: string;
  @ApiProperty() progression!: string;
  @ApiProperty() safety!: string;
  @ApiProperty({ description: 'true for the built-in library, false for your practice’s own' }) builtIn!: boolean;
}

export class ExerciseListDto {
  @ApiProperty({ type: [LibraryExerciseDto] }) items!: LibraryExerciseDto[];
}
