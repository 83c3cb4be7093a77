import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/dates.js';
import { MATCH_REASONS, type MatchReason } from '../patient-identity.js';
import { NAME_MAX } from './patient-write.dto.js';

/** A query value as a form sends it: trimmed, and an empty field is no value. */
const trimToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

/**
 * The details of a patient about to be registered. Each part of the rule applies when its details are given: first
 * name, last name and date of birth together; the email; the phone.
 */
export class DuplicateQueryDto {
  @ApiPropertyOptional({ example: 'Zoë', maxLength: NAME_MAX })
  @Transform(trimToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Hughes', maxLength: NAME_MAX })
  @Transform(trimToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX)
  lastName?: string;

  @ApiPropertyOptional({ example: '1984-06-15', format: 'date' })
  @Transform(trimToUndefined)
  @IsOptional()
  @IsIsoDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'zoe.hughes@example.com', maxLength: 254, description: 'Compared without case' })
  @Transform(trimToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '07700 900123', maxLength: 40, description: 'Compared by its significant digits, whatever the formatting' })
  @Transform(trimToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}

export class DuplicateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Zoë' }) firstName!: string;
  @ApiProperty({ example: 'Hughes' }) lastName!: string;
  @ApiProperty({ example: '1984-06-15', format: 'date' }) dateOfBirth!: string;
  @ApiProperty({ description: 'Archived (hidden from lists): restore them rather than register them again' }) archived!: boolean;
  @ApiProperty({
    enum: MATCH_REASONS,
    isArray: true,
    description: 'What is the same: first and last name with the date of birth, the email, the phone',
    example: ['name_and_date_of_birth'],
  })
  matchedOn!: MatchReason[];
}

export class DuplicateListDto {
  @ApiProperty({ type: [DuplicateDto], description: 'At most 10, closest first' }) items!: DuplicateDto[];
}
