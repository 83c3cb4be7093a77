import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/passwords.js';
import { PageQueryDto } from '../../common/pagination.js';
import type { Role } from '../../common/request-context.js';
import { IfSent } from '../../common/validation.js';

export const ROLES = ['admin', 'clinician', 'reception'] as const satisfies readonly Role[];
export const USER_NAME_MAX = 100;

export const trimText = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class UserListQueryDto extends PageQueryDto {}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Sam Reception' }) name!: string;
  @ApiProperty({ example: 'sam@riverside-physio.example' }) email!: string;
  @ApiProperty({ enum: ROLES, example: 'reception' }) role!: Role;
  @ApiProperty({ example: true, description: 'false: cannot sign in; their sessions have ended' }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) passwordChangedAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'Sam Reception', minLength: 1, maxLength: USER_NAME_MAX })
  @Transform(trimText)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(USER_NAME_MAX)
  name!: string;

  @ApiProperty({ example: 'sam@riverside-physio.example', description: 'Unique on this server; stored lower-cased' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: ROLES, example: 'reception' })
  @IsIn(ROLES, { message: `must be one of: ${ROLES.join(', ')}` })
  role!: Role;

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
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Sam Clarke', minLength: 1, maxLength: USER_NAME_MAX })
  @Transform(trimText)
  @IfSent()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(USER_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, example: 'clinician', description: 'You cannot change your own role' })
  @IfSent()
  @IsIn(ROLES, { message: `must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ example: false, description: 'false ends the user’s sessions at once; you cannot deactivate yourself' })
  @IfSent()
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    example: 'a long passphrase of your own',
    description:
      'A new password; ends the user’s sessions at once. No composition rules; a common or breached password, or one containing the email or name, is refused (400)',
  })
  @IfSent()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(PASSWORD_MAX, { message: `must be at most ${PASSWORD_MAX} characters` })
  password?: string;
}
