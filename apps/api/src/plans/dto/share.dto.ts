import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_SHARE_DAYS = 90;

export class CreateShareLinkDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: DEFAULT_SHARE_DAYS, example: 30, description: 'Days until the link stops working' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}

/** The one time a share link's token is visible: right after it is made. */
export class CreatedShareLinkDto {
  @ApiProperty({ format: 'uuid' }) linkId!: string;
  @ApiProperty({
    example: 'https://clinic.example.com/p/3q2-7wXyZ0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1',
    description: 'Shown this once: only a hash of its token is stored',
  })
  url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

const SHARE_LINK_STATES = ['active', 'expired', 'revoked', 'locked'] as const;
export type ShareLinkState = (typeof SHARE_LINK_STATES)[number];

/** A share link as the clinician sees it later (never with its token). */
export class ShareLinkInfoDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Set after too many wrong birth years' }) lockedAt!: string | null;
  @ApiProperty({ example: 0 }) failedAttempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastOpenedAt!: string | null;
  @ApiProperty({ enum: SHARE_LINK_STATES, description: 'revoked, else locked, else expired, else active' }) state!: ShareLinkState;
}

export class ShareLinkListDto {
  @ApiProperty({ type: [ShareLinkInfoDto], description: 'Newest first' }) items!: ShareLinkInfoDto[];
}
