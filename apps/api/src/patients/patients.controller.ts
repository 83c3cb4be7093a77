import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffActor } from '../common/request-context.js';
import { ALL_STAFF, CurrentActor, Roles } from '../auth/access.decorators.js';
import { PatientListQueryDto, PatientPageDto } from './dto/patient.dto.js';
import { PatientsService } from './patients.service.js';

@ApiTags('patients')
@ApiCookieAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Patients of your practice, newest first; search by part of a name' })
  @ApiOkResponse({ type: PatientPageDto })
  list(@CurrentActor() actor: StaffActor, @Query() query: PatientListQueryDto): Promise<PatientPageDto> {
    return this.patients.list(actor, query);
  }
}
