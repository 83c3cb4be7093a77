import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { EnteredInErrorDto } from '../episodes/dto/entered-in-error.dto.js';
import { CreateOutcomeDto, OutcomeListQueryDto, OutcomeScoreDto, OutcomeScoreListDto } from './dto/outcome.dto.js';
import { OutcomesService } from './outcomes.service.js';

@ApiTags('outcomes')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Reception may not see clinical records' })
@ApiNotFoundResponse({ description: 'No such patient or outcome score in your practice' })
@Controller('patients/:id/outcomes')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Record an outcome measure (ODI, NPRS, RMDQ, PSFS); the server scores it and compares it with the first score' })
  @ApiCreatedResponse({ type: OutcomeScoreDto })
  @ApiConflictResponse({ description: 'The patient is archived (code `conflict`): restore them to add new records' })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields; answers that do not fit the instrument, named like answers[3]' })
  create(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Body() body: CreateOutcomeDto): Promise<OutcomeScoreDto> {
    return this.outcomes.create(actor, patientId, body);
  }

  @Get()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({
    summary: 'The patient’s outcome scores, oldest first, for charts (at most 500 in one answer; not paginated)',
    description:
      'Each score carries its change from the first recorded score of its instrument. Scores marked entered in error are left out unless ?includeEnteredInError=true.',
  })
  @ApiOkResponse({ type: OutcomeScoreListDto })
  @ApiBadRequestResponse({ description: 'Unknown instrument or a bad includeEnteredInError' })
  list(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Query() query: OutcomeListQueryDto): Promise<OutcomeScoreListDto> {
    return this.outcomes.list(actor, patientId, query);
  }

  @Post(':outcomeId/entered-in-error')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Mark an outcome score entered in error, with the reason (never deleted; it leaves the charts)' })
  @ApiOkResponse({ type: OutcomeScoreDto })
  @ApiBadRequestResponse({ description: 'Missing or bad reason (3-500 characters)' })
  @ApiConflictResponse({ description: 'Already marked entered in error (code `conflict`)' })
  markEnteredInError(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) patientId: string,
    @Param('outcomeId', UuidParam) outcomeId: string,
    @Body() body: EnteredInErrorDto,
  ): Promise<OutcomeScoreDto> {
    return this.outcomes.markEnteredInError(actor, patientId, outcomeId, body);
  }
}
