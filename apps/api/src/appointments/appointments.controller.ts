import { Body, Headers, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ALL_STAFF, CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import { IfMatch, VersionedAnswer } from '../common/versioned.decorators.js';
import { parseIfMatch, parseOptionalIfMatch } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { AppointmentsService } from './appointments.service.js';
import {
  AppointmentDto,
  AppointmentListDto,
  AppointmentListQueryDto,
  AppointmentStatusDto,
  AppointmentTypeDto,
  AppointmentTypeListDto,
  ClinicianListDto,
  CancelAppointmentDto,
  CreateAppointmentDto,
  CreateAppointmentTypeDto,
  MoveAppointmentDto,
  SlotListDto,
  SlotQueryDto,
  UpdateAppointmentTypeDto,
  WorkingHoursDto,
} from './dto/scheduling.dto.js';
import { SchedulingService } from './scheduling.service.js';

@ApiTags('appointments')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Only admins edit appointment types' })
@Controller('appointment-types')
export class AppointmentTypesController {
  constructor(private readonly scheduling: SchedulingService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'The practice’s appointment types, by name (inactive ones included, flagged)' })
  @ApiOkResponse({ type: AppointmentTypeListDto })
  list(@CurrentActor() actor: StaffActor): Promise<AppointmentTypeListDto> {
    return this.scheduling.listTypes(actor);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add an appointment type' })
  @VersionedAnswer(AppointmentTypeDto, { created: true })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields (each one named)' })
  create(@CurrentActor() actor: StaffActor, @Body() body: CreateAppointmentTypeDto): Promise<AppointmentTypeDto> {
    return this.scheduling.createType(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename, change the length or colour, (de)activate; existing appointments keep their times' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @IfMatch('optional')
  @VersionedAnswer(AppointmentTypeDto)
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no field at all, or a malformed If-Match' })
  @ApiNotFoundResponse({ description: 'No such appointment type in your practice' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateAppointmentTypeDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<AppointmentTypeDto> {
    return this.scheduling.updateType(actor, id, parseOptionalIfMatch(ifMatch), body);
  }
}

@ApiTags('appointments')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Only admins set working hours' })
@ApiNotFoundResponse({ description: 'No such user in your practice' })
@Controller('users/:id/working-hours')
export class WorkingHoursController {
  constructor(private readonly scheduling: SchedulingService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'A staff member’s weekly hours and exceptions (local times in the practice’s time zone)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WorkingHoursDto })
  get(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) userId: string): Promise<WorkingHoursDto> {
    return this.scheduling.getWorkingHours(actor, userId);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Replace a staff member’s weekly hours and exceptions as a whole (an exception without times is a day off)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WorkingHoursDto })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, an end not after its start, an exception with only one of start and end' })
  put(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) userId: string, @Body() body: WorkingHoursDto): Promise<WorkingHoursDto> {
    return this.scheduling.putWorkingHours(actor, userId, body);
  }
}

@ApiTags('appointments')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@Controller('clinicians')
export class CliniciansController {
  constructor(private readonly scheduling: SchedulingService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Who can be booked: the practice’s active clinicians and admins, by name (for every staff member’s calendar)' })
  @ApiOkResponse({ type: ClinicianListDto })
  list(@CurrentActor() actor: StaffActor): Promise<ClinicianListDto> {
    return this.scheduling.clinicians(actor);
  }
}

@ApiTags('appointments')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@Controller('slots')
export class SlotsController {
  constructor(private readonly scheduling: SchedulingService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({
    summary:
      'Free slots of a type’s length from `from` to `to` (practice dates, at most 31 days): working hours minus active appointments, on a 15-minute grid, none in the past; one clinician or every bookable one',
  })
  @ApiOkResponse({ type: SlotListDto })
  @ApiBadRequestResponse({ description: 'Bad dates or range, an unknown or inactive type, not a bookable clinician' })
  list(@CurrentActor() actor: StaffActor, @Query() query: SlotQueryDto): Promise<SlotListDto> {
    return this.scheduling.slots(actor, query);
  }
}

@ApiTags('appointments')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'The calendar: appointments starting from `from` to `to` (practice dates, at most 31 days); reception gets no clinical fields' })
  @ApiOkResponse({ type: AppointmentListDto })
  @ApiBadRequestResponse({ description: 'Bad dates or range, or ids' })
  list(@CurrentActor() actor: StaffActor, @Query() query: AppointmentListQueryDto): Promise<AppointmentListDto> {
    return this.appointments.list(actor, query);
  }

  @Post()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Book an appointment; the type sets its end' })
  @VersionedAnswer(AppointmentDto, { created: true })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields; not a bookable clinician, an active type, or this patient’s episode or plan' })
  @ApiForbiddenResponse({ description: 'An override from someone who is not an admin' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  @ApiConflictResponse({
    description:
      '`slot_taken`: the clinician has an appointment at that time; `outside_hours`: outside their working hours (admins: send override); `conflict`: the patient is archived',
  })
  create(@CurrentActor() actor: StaffActor, @Body() body: CreateAppointmentDto): Promise<AppointmentDto> {
    return this.appointments.create(actor, body);
  }

  @Get(':id')
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'One appointment' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @VersionedAnswer(AppointmentDto)
  @ApiNotFoundResponse({ description: 'No such appointment in your practice' })
  get(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string): Promise<AppointmentDto> {
    return this.appointments.get(actor, id);
  }

  @Patch(':id')
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Move a booked appointment (start, clinician, type) under the booking rules' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @IfMatch('required')
  @VersionedAnswer(AppointmentDto)
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, nothing to change, or a malformed If-Match' })
  @ApiForbiddenResponse({ description: 'An override from someone who is not an admin' })
  @ApiNotFoundResponse({ description: 'No such appointment in your practice' })
  @ApiConflictResponse({ description: '`slot_taken`, `outside_hours` as when booking; `conflict`: not booked any more' })
  move(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) id: string,
    @Body() body: MoveAppointmentDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<AppointmentDto> {
    return this.appointments.move(actor, id, parseIfMatch(ifMatch), body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Cancel a booked appointment with the reason (never deleted; its time is free again)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @VersionedAnswer(AppointmentDto)
  @ApiBadRequestResponse({ description: 'Missing or bad reason (3-500 characters)' })
  @ApiNotFoundResponse({ description: 'No such appointment in your practice' })
  @ApiConflictResponse({ description: 'Not booked (already cancelled, arrived, completed or no-show): code `conflict`' })
  cancel(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Body() body: CancelAppointmentDto): Promise<AppointmentDto> {
    return this.appointments.cancel(actor, id, body);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Record arrived or no_show (from booked) or completed (from booked or arrived)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @VersionedAnswer(AppointmentDto)
  @ApiBadRequestResponse({ description: 'Not one of arrived, completed, no_show' })
  @ApiForbiddenResponse({ description: 'Reception does not record attendance' })
  @ApiNotFoundResponse({ description: 'No such appointment in your practice' })
  @ApiConflictResponse({ description: 'Not reachable from the current status: code `conflict`' })
  recordStatus(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Body() body: AppointmentStatusDto): Promise<AppointmentDto> {
    return this.appointments.recordStatus(actor, id, body);
  }
}
