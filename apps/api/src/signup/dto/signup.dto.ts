import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/passwords.js';
import { IsTimeZone } from '../../common/dates.js';
import { normaliseEmail, trimText, USER_NAME_MAX } from '../../users/dto/user.dto.js';

export const PRACTICE_NAME_MAX = 200;

export class SignupDto {
  @ApiProperty({ example: 'Riverside Physiotherapy', minLength: 1, maxLength: PRACTICE_NAME_MAX })
  @Transform(trimText)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(PRACTICE_NAME_MAX)
  practiceName!: string;

  @ApiProperty({ example: 'Dr Maya Patel', minLength: 1, maxLength: USER_NAME_MAX })
  @Transform(trimText)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(USER_NAME_MAX)
  name!: string;

  @ApiProperty({ example: 'maya@riverside-physio.example', description: 'Unique on this server; stored lower-cased' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    example: 'a long passphrase',
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: 'No composition rules; a common or breached password, or one containing the email or name, is refused (400)',
  })
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(PASSWORD_MAX, { message: `must be at most ${PASSWORD_MAX} characters` })
  password!: string;

  @ApiPropertyOptional({ example: 'Europe/London', default: 'UTC', description: 'IANA time zone of the practice: what "today" means for its dates' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class PasswordChangeDto {
  @ApiProperty({ example: 'the old passphrase', minLength: 1, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(PASSWORD_MAX)
  currentPassword!: string;

  @ApiProperty({
    example: 'a new long passphrase',
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: 'No composition rules; a common or breached password, or one containing the email or name, is refused (400)',
  })
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(PASSWORD_MAX, { message: `must be at most ${PASSWORD_MAX} characters` })
  newPassword!: string;
}
