import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

/**
 * `POST .../entered-in-error` of every clinical record (episodes, assessments, outcome scores): records are never
 * deleted, a mistake is marked with the reason why.
 */
export class EnteredInErrorDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Recorded on the wrong patient' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}
