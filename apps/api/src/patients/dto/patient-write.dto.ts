import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { IsIsoDate, IsNotFutureDate } from '../../common/dates.js';
import { IfSent } from '../../common/validation.js';
import { SEXES, type Sex } from '@upright/domain';

export const NAME_MAX = 100;
export const NOTES_MAX = 4000;
const EARLIEST_BIRTH = '1900-01-01';
/** Digits, spaces and + ( ) - . only, with at least one digit. */
const PHONE = /^(?=.*\d)[\d +().-]{3,40}$/;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional text: trimmed, and an empty string means "none" (what an emptied form field sends). */
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const emailToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() || null : value);

/** A date of birth no earlier than 1900 (typing mistakes such as 0979 are caught). */
function IsNotBefore1900() {
  return ValidateBy({
    name: 'isNotBefore1900',
    validator: { validate: (value: unknown) => typeof value !== 'string' || value >= EARLIEST_BIRTH, defaultMessage: () => 'cannot be before 1900' },
  });
}

export class CreatePatientDto {
  @ApiProperty({ example: 'Zoë', minLength: 1, maxLength: NAME_MAX })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(NAME_MAX)
  firstName!: string;

  @ApiProperty({ example: 'Hughes', minLength: 1, maxLength: NAME_MAX })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(NAME_MAX)
  lastName!: string;

  @ApiProperty({ example: '1979-04-12', format: 'date', description: 'Not in the future, not before 1900' })
  @IsIsoDate()
  @IsNotFutureDate()
  @IsNotBefore1900()
  dateOfBirth!: string;

  @ApiProperty({ enum: SEXES, example: 'female' })
  @IsIn(SEXES, { message: `must be one of: ${SEXES.join(', ')}` })
  sex!: Sex;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'zoe.hughes@example.com', maxLength: 254 })
  @Transform(emailToNull)
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+44 7700 900123', description: '3-40 characters: digits, spaces and + ( ) - .' })
  @Transform(trimToNull)
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'must be 3-40 characters: digits, spaces and + ( ) - .' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Prefers morning appointments.', maxLength: NOTES_MAX })
  @Transform(trimToNull)
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX)
  notes?: string | null;
}

export class UpdatePatientDto {
  @ApiPropertyOptional({ example: 'Zoë', minLength: 1, maxLength: NAME_MAX })
  @Transform(trim)
  @IfSent()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(NAME_MAX)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Hughes-Clarke', minLength: 1, maxLength: NAME_MAX })
  @Transform(trim)
  @IfSent()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(NAME_MAX)
  lastName?: string;

  @ApiPropertyOptional({ example: '1979-04-12', format: 'date' })
  @IfSent()
  @IsIsoDate()
  @IsNotFutureDate()
  @IsNotBefore1900()
  dateOfBirth?: string;

  @ApiPropertyOptional({ enum: SEXES, example: 'unspecified' })
  @IfSent()
  @IsIn(SEXES, { message: `must be one of: ${SEXES.join(', ')}` })
  sex?: Sex;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'zoe.hughes@example.com', description: 'null clears it' })
  @Transform(emailToNull)
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+44 7700 900123', description: 'null clears it' })
  @Transform(trimToNull)
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'must be 3-40 characters: digits, spaces and + ( ) - .' })
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'null clears it',
    example: 'Works night shifts: afternoon appointments only.',
    maxLength: NOTES_MAX,
  })
  @Transform(trimToNull)
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX)
  notes?: string | null;
}

/** Actions such as archive take no body; anything sent is refused as unknown fields (like every other route). */
export class NoBodyDto {}
