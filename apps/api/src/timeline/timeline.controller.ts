import { Controller, Get, Param } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { TimelineDto } from './dto/timeline.dto.js';
import { TimelineService } from './timeline.service.js';

@ApiTags('patients')
@ApiCookieAuth()
@Controller('patients')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get(':id/timeline')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'A patient’s episodes, assessments, plans, outcome scores and visit notes on one timeline, newest first' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The patient' })
  @ApiForbiddenResponse({ description: 'Reception cannot see clinical records' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  get(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string): Promise<TimelineDto> {
    return this.timeline.forPatient(actor, id);
  }
}
