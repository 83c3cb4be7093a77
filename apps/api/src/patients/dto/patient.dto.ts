import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { SEXES, type Sex } from '@upright/domain';

export class PatientListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Any detail: part of the name (case- and accent-insensitive), part of the email, a phone number in any format ' +
      '(at least 6 significant digits: `07700 900123` finds `+44 7700 900123`) or a date of birth (`1984-06-15` or `15/06/1984`)',
    example: 'zoe',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'List archived patients instead of current ones', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  archived?: boolean;
}

export class PatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Zoë' }) firstName!: string;
  @ApiProperty({ example: 'Hughes' }) lastName!: string;
  @ApiProperty({ example: '1979-04-12', format: 'date' }) dateOfBirth!: string;
  @ApiProperty({ enum: SEXES }) sex!: Sex;
  @ApiProperty({ type: String, nullable: true, example: 'zoe.hughes@example.com' }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+44 7700 900123' }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) archivedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

export class PatientPageDto {
  @ApiProperty({ type: [PatientDto] }) items!: PatientDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
