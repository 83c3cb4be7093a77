import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX } from '../passwords.js';
import type { Role } from '../../common/request-context.js';
import { ROLES } from '../../users/dto/user.dto.js';

export class LoginDto {
  @ApiProperty({ example: 'clinician@demo.upright.test' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 1, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class PracticeSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Riverside Physiotherapy' }) name!: string;
  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone: what "today" means for the practice’s dates' }) timeZone!: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Dr Maya Patel' }) name!: string;
  @ApiProperty({ example: 'clinician@demo.upright.test' }) email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: PracticeSummaryDto }) practice!: PracticeSummaryDto;
}
