import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsTimeZone } from '../../common/dates.js';
import { IfSent } from '../../common/validation.js';
import { PRACTICE_NAME_MAX } from '../../signup/dto/signup.dto.js';
import { trimText } from '../../users/dto/user.dto.js';

export class PracticeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Riverside Physiotherapy' }) name!: string;
  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone: what "today" means for the practice’s dates' }) timeZone!: string;
  @ApiProperty({ example: 24, minimum: 1, maximum: 168, description: 'Hours before an appointment that the patient’s reminder email goes out' })
  reminderHours!: number;
  @ApiProperty({ example: 24, minimum: 1, maximum: 720, description: 'Hours after which a clinician’s unsigned draft note shows on their Today' })
  unsignedNoteHours!: number;
  @ApiProperty({ example: 1, description: 'Concurrency token (the ETag): send it in If-Match to change the settings' }) version!: number;
}

export class UpdatePracticeDto {
  @ApiPropertyOptional({ example: 'Riverside Physiotherapy & Pilates', minLength: 1, maxLength: PRACTICE_NAME_MAX })
  @Transform(trimText)
  @IfSent()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(PRACTICE_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Dublin', description: 'IANA time zone; changes what "today" is for new records and checks' })
  @IfSent()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: 48, minimum: 1, maximum: 168, description: 'Hours before an appointment that the reminder email goes out (1 to 168)' })
  @IfSent()
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1)
  @Max(168)
  reminderHours?: number;

  @ApiPropertyOptional({
    example: 48,
    minimum: 1,
    maximum: 720,
    description: 'Hours after which an unsigned draft note shows on its author’s Today (1 to 720)',
  })
  @IfSent()
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1)
  @Max(720)
  unsignedNoteHours?: number;
}
