import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { IMPORT_FIELDS, type ImportField } from '../patient-csv.js';

export class ImportQueryDto {
  @ApiProperty({
    type: Boolean,
    description: 'true: check the file and answer what an import would do, changing nothing; false: import the good, new rows',
    example: true,
  })
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  dryRun!: boolean;
}

export class ImportDuplicateDto {
  @ApiProperty({ description: 'The line of the file (the header is line 1)', example: 7 })
  row!: number;
  @ApiProperty({ format: 'uuid', description: 'The existing patient this row is the same person as (same name and date of birth, email or phone)' })
  patientId!: string;
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'The line of the file (the header is line 1)', example: 12 })
  row!: number;
  @ApiProperty({
    description: 'The patient field (firstName, lastName, dateOfBirth, sex, email, phone, notes), or `row` for the row as a whole',
    example: 'dateOfBirth',
  })
  field!: string;
  @ApiProperty({ example: 'must be a real date written YYYY-MM-DD or DD/MM/YYYY' })
  message!: string;
}

export class ImportColumnDto {
  @ApiProperty({ description: 'The column’s name in the header row', example: 'Date of birth' })
  header!: string;
  @ApiProperty({ enum: IMPORT_FIELDS, nullable: true, description: 'The patient field it fills; null when the column is not imported' })
  field!: ImportField | null;
}

export class ImportResultDto {
  @ApiProperty({ description: 'Patient rows in the file (blank rows not counted)', example: 120 })
  rows!: number;
  @ApiProperty({ description: 'Patients added (in a dry run: that the import would add)', example: 114 })
  imported!: number;
  @ApiProperty({ type: [ImportDuplicateDto], description: 'Rows not imported because the patient already exists, by line' })
  duplicates!: ImportDuplicateDto[];
  @ApiProperty({
    type: [ImportRowErrorDto],
    description: 'Rows not imported, each bad field named; a row repeating an earlier row of the file has field `row`',
  })
  errors!: ImportRowErrorDto[];
  @ApiProperty({ type: [ImportColumnDto], description: 'How the header row was read, column by column' })
  columns!: ImportColumnDto[];
}
