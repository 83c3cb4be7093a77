import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/dates.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
/** An instant with its offset (Z or ±HH:MM): `2026-03-30T09:00:00+01:00`. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = { message: 'must be a UUID' };

// ---- Appointment types ----

export class AppointmentTypeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Initial assessment' }) name!: string;
  @ApiProperty({ minimum: 5, maximum: 240, example: 45 }) durationMinutes!: number;
  @ApiProperty({ type: String, nullable: true, example: '#2f855a', description: 'Display colour, #RRGGBB' }) color!: string | null;
  @ApiProperty({ description: 'Inactive types stay on past appointments but cannot be booked' }) active!: boolean;
  @ApiProperty({ example: 1 }) version!: number;
}

export class AppointmentTypeListDto {
  @ApiProperty({ type: [AppointmentTypeDto] }) items!: AppointmentTypeDto[];
}

export class CreateAppointmentTypeDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Initial assessment' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ minimum: 5, maximum: 240, example: 45 })
  @IsInt({ message: 'must be a whole number' })
  @Min(5)
  @Max(240)
  durationMinutes!: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#2f855a' })
  @IsOptional()
  @Matches(COLOR, { message: 'must be a colour written #RRGGBB' })
  color?: string | null;
}

export class UpdateAppointmentTypeDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Review' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 240, example: 30 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(5)
  @Max(240)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#3182ce' })
  @IsOptional()
  @Matches(COLOR, { message: 'must be a colour written #RRGGBB' })
  color?: string | null;

  @ApiPropertyOptional({ description: 'false stops new bookings of this type', example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

// ---- Working hours ----

export class WeeklyHoursDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 1, description: 'ISO weekday: Monday 1 ... Sunday 7' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '09:00', description: 'Local time in the practice’s time zone, HH:MM' })
  @Matches(HH_MM, { message: 'must be a time written HH:MM' })
  start!: string;

  @ApiProperty({ example: '17:00', description: 'Local time, HH:MM, after start' })
  @Matches(HH_MM, { message: 'must be a time written HH:MM' })
  end!: string;
}

export class HoursExceptionDto {
  @ApiProperty({ format: 'date', example: '2026-12-24' })
  @IsIsoDate()
  date!: string;

  @ApiPropertyOptional({ example: '09:00', description: 'With end: that day’s hours replace the weekly ones. Without times: a day off.' })
  @IsOptional()
  @Matches(HH_MM, { message: 'must be a time written HH:MM' })
  start?: string;

  @ApiPropertyOptional({ example: '13:00' })
  @IsOptional()
  @Matches(HH_MM, { message: 'must be a time written HH:MM' })
  end?: string;
}

export class WorkingHoursDto {
  @ApiProperty({ type: () => [WeeklyHoursDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => WeeklyHoursDto)
  weekly!: WeeklyHoursDto[];

  @ApiProperty({ type: () => [HoursExceptionDto], maxItems: 400 })
  @IsArray()
  @ArrayMaxSize(400)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => HoursExceptionDto)
  exceptions!: HoursExceptionDto[];
}

// ---- Slots ----

export class DateRangeQueryDto {
  @ApiProperty({ format: 'date', example: '2026-03-30', description: 'First date (the practice’s calendar)' })
  @IsIsoDate()
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-04-05', description: 'Last date, included; at most 31 days after from' })
  @IsIsoDate()
  to!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', UUID)
  clinicianId?: string;
}

export class SlotQueryDto extends DateRangeQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The appointment type: its duration is the slot’s length' })
  @IsUUID('all', UUID)
  typeId!: string;
}

/** A staff member who can be booked: an active clinician or admin of the practice. */
export class ClinicianDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Maya Patel' }) name!: string;
  @ApiProperty({ example: true, description: 'Whether weekly working hours are set (without them there are no free slots)' }) hasWorkingHours!: boolean;
}

export class ClinicianListDto {
  @ApiProperty({ type: [ClinicianDto], description: 'By name' }) items!: ClinicianDto[];
}

export class SlotDto {
  @ApiProperty({ format: 'uuid' }) clinicianId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-30T09:00:00+01:00' }) start!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-30T09:45:00+01:00' }) end!: string;
}

export class SlotListDto {
  @ApiProperty({ type: [SlotDto] }) items!: SlotDto[];
}

// ---- Appointments ----

export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const RECORDED_STATUSES = ['arrived', 'completed', 'no_show'] as const;
export type RecordedStatus = (typeof RECORDED_STATUSES)[number];

export class AppointmentListQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', UUID)
  patientId?: string;
}

export class OverrideDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Seeing them before the clinic opens, agreed with the clinician' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class CreateAppointmentDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  @IsUUID('all', UUID)
  patientId!: string;

  @ApiProperty({ format: 'uuid', example: '3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d', description: 'An active clinician (or admin) of your practice' })
  @IsUUID('all', UUID)
  clinicianId!: string;

  @ApiProperty({ format: 'uuid', example: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', description: 'An active appointment type: it sets the end' })
  @IsUUID('all', UUID)
  typeId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-30T09:00:00+01:00', description: 'The start, with its offset (or Z)' })
  @Matches(INSTANT, { message: 'must be a date-time with an offset, such as 2026-03-30T09:00:00+01:00' })
  start!: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0f3c9a1e-5d2b-4c7e-9a41-2b8d6e1f7c30', description: 'One of this patient’s episodes' })
  @IsOptional()
  @IsUUID('all', UUID)
  episodeId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '7a1d2e3f-4b5c-4d6e-8f70-91a2b3c4d5e6', description: 'One of this patient’s plans' })
  @IsOptional()
  @IsUUID('all', UUID)
  planId?: string;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Bring recent scans' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: () => OverrideDto, description: 'Admins only: book outside the clinician’s working hours (anyone else: 403)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

export class MoveAppointmentDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-31T10:00:00+01:00' })
  @IsOptional()
  @Matches(INSTANT, { message: 'must be a date-time with an offset, such as 2026-03-30T09:00:00+01:00' })
  start?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' })
  @IsOptional()
  @IsUUID('all', UUID)
  clinicianId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' })
  @IsOptional()
  @IsUUID('all', UUID)
  typeId?: string;

  @ApiPropertyOptional({ type: () => OverrideDto, description: 'Admins only: move outside the clinician’s working hours (anyone else: 403)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

export class CancelAppointmentDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Patient phoned: unwell' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class AppointmentStatusDto {
  @ApiProperty({ enum: RECORDED_STATUSES, example: 'arrived' })
  @IsIn(RECORDED_STATUSES)
  status!: RecordedStatus;
}

export class AppointmentPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Alex' }) firstName!: string;
  @ApiProperty({ example: 'Morgan' }) lastName!: string;
}

/** An appointment. Reception gets it without the clinical fields (note, episodeId, planId). */
export class AppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: AppointmentPatientDto }) patient!: AppointmentPatientDto;
  @ApiProperty({ format: 'uuid' }) clinicianId!: string;
  @ApiProperty({ format: 'uuid' }) typeId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-30T09:00:00+01:00', description: 'With the practice zone’s offset' }) start!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-30T09:45:00+01:00' }) end!: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES, example: 'booked' }) status!: AppointmentStatus;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why an admin booked it outside working hours' }) overrideReason!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Clinical staff only' }) episodeId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Clinical staff only' }) planId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Clinical staff only' }) note?: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

export class AppointmentListDto {
  @ApiProperty({ type: [AppointmentDto] }) items!: AppointmentDto[];
}
