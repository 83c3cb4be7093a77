import { Controller, Get, Param } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import type { Timeline } from '../contracts/index.js';
import { TimelineService } from './timeline.service.js';

@ApiTags('patients')
@ApiCookieAuth()
@Controller('patients')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get(':id/timeline')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'A patient’s episodes, assessments, plans and outcome scores on one timeline, newest first' })
  @ApiOkResponse({
    schema: {
      example: {
        patientId: '5b0e6a52-8d8e-4a43-a0de-7d1c3f0e2a11',
        truncated: false,
        entries: [{ kind: 'episode', id: '0f3c…', date: '2026-11-20', recordedAt: '2026-11-21T09:12:00.000Z', title: 'Episode: Support deficit', summary: 'Routine · pain 6/10 · review in 7 days', status: 'recorded' }],
      },
    },
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The patient' })
  @ApiForbiddenResponse({ description: 'Reception cannot see clinical records' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  get(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string): Promise<Timeline> {
    return this.timeline.forPatient(actor, id);
  }
}
