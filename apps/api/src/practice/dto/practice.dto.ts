import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsTimeZone } from '../../common/dates.js';
import { IfSent } from '../../common/validation.js';
import { PRACTICE_NAME_MAX } from '../../signup/dto/signup.dto.js';
import { trimText } from '../../users/dto/user.dto.js';

export class PracticeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Riverside Physiotherapy' }) name!: string;
  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone: what "today" means for the practice’s dates' }) timeZone!: string;
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
}
