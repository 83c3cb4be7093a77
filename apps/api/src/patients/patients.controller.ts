import { Body, Headers, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { ALL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import { IfMatch, VersionedAnswer } from '../common/versioned.decorators.js';
import { parseIfMatch } from '../common/if-match.js';
import { DuplicateListDto, DuplicateQueryDto } from './dto/patient-duplicates.dto.js';
import { PatientDto, PatientListQueryDto, PatientPageDto } from './dto/patient.dto.js';
import { CreatePatientDto, NoBodyDto, UpdatePatientDto } from './dto/patient-write.dto.js';
import { PatientsService } from './patients.service.js';

@ApiTags('patients')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in (problem+json, code unauthenticated)' })
@ApiForbiddenResponse({ description: 'Your role may not do this (problem+json, code forbidden)' })
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Patients of your practice, newest first; search by any detail (name, email, phone, date of birth)' })
  @ApiOkResponse({ type: PatientPageDto })
  @ApiBadRequestResponse({ description: 'Bad limit, cursor or filter (each listed in `errors`)' })
  list(@CurrentActor() actor: StaffActor, @Query() query: PatientListQueryDto): Promise<PatientPageDto> {
    return this.patients.list(actor, query);
  }

  @Get('duplicates')
  @Roles(...ALL_STAFF)
  @ApiOperation({
    summary: 'Existing patients (archived ones too) that a patient about to be registered looks like: same name and date of birth, same email or same phone',
    description:
      'Ask before POST /api/patients: the dashboard shows these and lets the user open one or save anyway. Names compare after removing accents, case and ' +
      'extra spaces (first and last name together); emails without case; phones by their significant digits. At most 10, closest first. Audited as a read.',
  })
  @ApiOkResponse({ type: DuplicateListDto })
  @ApiBadRequestResponse({ description: 'Bad values, or none of: first name + last name + date of birth, email, phone' })
  duplicates(@CurrentActor() actor: StaffActor, @Query() query: DuplicateQueryDto): Promise<DuplicateListDto> {
    return this.patients.duplicates(actor, query);
  }

  @Post()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Register a patient (reception may do this); answers version 1 and its ETag' })
  @VersionedAnswer(PatientDto, { created: true })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields (each listed in `errors`)' })
  create(@CurrentActor() actor: StaffActor, @Body() body: CreatePatientDto): Promise<PatientDto> {
    return this.patients.create(actor, body);
  }

  @Get(':id')
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'One patient, archived ones included (with archivedAt); the read is audited' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @VersionedAnswer(PatientDto)
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  get(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string): Promise<PatientDto> {
    return this.patients.get(actor, id);
  }

  @Patch(':id')
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Correct a patient’s details: only the fields sent change; null clears email, phone or notes' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @IfMatch('required', { stale: 'Someone changed the patient since your read; the ETag header carries the current version' })
  @VersionedAnswer(PatientDto)
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no field at all, or a malformed If-Match' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdatePatientDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<PatientDto> {
    return this.patients.update(actor, id, parseIfMatch(ifMatch), body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Archive a patient: hidden from lists, never deleted; archiving again keeps the first date' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @VersionedAnswer(PatientDto)
  @ApiBadRequestResponse({ description: 'A body with fields (this action takes none)' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  archive(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Body() _body: NoBodyDto): Promise<PatientDto> {
    return this.patients.archive(actor, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Bring an archived patient back into the lists' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @VersionedAnswer(PatientDto)
  @ApiBadRequestResponse({ description: 'A body with fields (this action takes none)' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  restore(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Body() _body: NoBodyDto): Promise<PatientDto> {
    return this.patients.restore(actor, id);
  }
}
