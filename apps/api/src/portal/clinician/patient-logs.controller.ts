import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { CLINICAL_STAFF, CurrentActor, Roles } from '../../common/access.decorators.js';
import { PageQueryDto } from '../../common/pagination.js';
import type { StaffActor } from '../../common/request-context.js';
import { UuidParam } from '../../common/uuid-param.js';
import { NoBodyDto } from '../../patients/dto/patient-write.dto.js';
import { AdherenceQueryDto, ClinicianPatientLogPageDto, PainAlertItemDto, PainAlertListDto, PatientAdherenceDto } from './dto/patient-logs.dto.js';
import { PatientLogsService } from './patient-logs.service.js';

@ApiTags('patient logs')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in (problem+json, code unauthenticated)' })
@ApiForbiddenResponse({ description: 'Reception cannot see clinical records' })
@ApiNotFoundResponse({ description: 'No such patient in your practice' })
@ApiParam({ name: 'id', format: 'uuid', description: 'The patient' })
@Controller('patients/:id')
export class PatientLogsController {
  constructor(private readonly logs: PatientLogsService) {}

  @Get('logs')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'What the patient logged on their plan page (exercises, pain, difficulty), newest day first' })
  @ApiOkResponse({ type: ClinicianPatientLogPageDto })
  @ApiBadRequestResponse({ description: 'Bad limit or cursor' })
  list(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Query() query: PageQueryDto): Promise<ClinicianPatientLogPageDto> {
    return this.logs.list(actor, id, query);
  }

  @Get('adherence')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Adherence to the active plan in a window (default: the last 28 days): prescribed vs logged sessions' })
  @ApiOkResponse({ type: PatientAdherenceDto })
  @ApiBadRequestResponse({ description: 'from/to not dates, to in the future, from after to, or a window over 366 days' })
  adherence(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Query() query: AdherenceQueryDto): Promise<PatientAdherenceDto> {
    return this.logs.adherence(actor, id, query);
  }

  @Get('pain-alerts')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Open pain alerts (pain 7+ or 3+ points up) not acknowledged yet, newest first' })
  @ApiOkResponse({ type: PainAlertListDto })
  painAlerts(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string): Promise<PainAlertListDto> {
    return this.logs.painAlerts(actor, id);
  }

  @Post('pain-alerts/:logId/acknowledge')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Acknowledge a pain alert: it leaves the open list (acknowledging again keeps the first acknowledgement)' })
  @ApiParam({ name: 'logId', format: 'uuid' })
  @ApiOkResponse({ type: PainAlertItemDto })
  @ApiBadRequestResponse({ description: 'A body with fields (this action takes none)' })
  @ApiConflictResponse({ description: '`conflict`: this log raised no pain alert' })
  acknowledge(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) id: string,
    @Param('logId', UuidParam) logId: string,
    @Body() _body: NoBodyDto,
  ): Promise<PainAlertItemDto> {
    return this.logs.acknowledge(actor, id, logId);
  }
}
