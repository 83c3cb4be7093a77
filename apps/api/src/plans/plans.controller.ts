import { Body, Headers, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import { IfMatch, VersionedAnswer } from '../common/versioned.decorators.js';
import { parseIfMatch } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import {
  ActivatePlanDto,
  CreatePlanDto,
  PlanDto,
  PlanListQueryDto,
  PlanPageDto,
  PlanSuggestionDto,
  PlanSuggestionQueryDto,
  PlanVersionDetailDto,
  PlanVersionPageDto,
  UpdatePlanDto,
} from './dto/plan.dto.js';
import { PlansService } from './plans.service.js';
import { VersionNumberPipe } from './version-number.pipe.js';

@ApiTags('plans')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Reception staff cannot see plans' })
@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get('patients/:id/plan-suggestion')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'A plan drafted by the clinical rules from an episode (default: the latest) and optionally an assessment' })
  @ApiOkResponse({ type: PlanSuggestionDto })
  @ApiBadRequestResponse({ description: 'episodeId or assessmentId is not a UUID' })
  @ApiNotFoundResponse({ description: 'No such patient, episode or assessment (for this patient, in your practice)' })
  @ApiConflictResponse({
    description: '`red_flag_open`: the episode is a referral; `conflict`: no episode recorded yet, or the episode or assessment asked for was entered in error',
  })
  suggest(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Query() query: PlanSuggestionQueryDto): Promise<PlanSuggestionDto> {
    return this.plans.suggest(actor, id, query);
  }

  @Post('patients/:id/plans')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Create a draft plan (version 1) for the patient' })
  @VersionedAnswer(PlanDto, { created: true })
  @ApiConflictResponse({ description: 'The patient is archived (code `conflict`): restore them to add new records' })
  @ApiBadRequestResponse({
    description: 'Bad fields, each listed: e.g. `phases[0].exercises[2].exerciseCode` not in your library, `episodeId` not this patient’s',
  })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  async create(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Body() body: CreatePlanDto): Promise<PlanDto> {
    return this.plans.create(actor, id, body);
  }

  @Get('patients/:id/plans')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The patient’s plans, newest first, each with a summary of its current version' })
  @ApiOkResponse({ type: PlanPageDto })
  @ApiBadRequestResponse({ description: 'Bad limit or cursor' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  list(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Query() query: PlanListQueryDto): Promise<PlanPageDto> {
    return this.plans.list(actor, id, query);
  }

  @Get('plans/:planId')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'A plan with the full content of its current version' })
  @VersionedAnswer(PlanDto)
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  async get(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string): Promise<PlanDto> {
    return this.plans.get(actor, planId);
  }

  @Patch('plans/:planId')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Change a plan: a draft in place; an active plan gets a new version (earlier versions stay readable)' })
  @IfMatch('required', { stale: 'Someone else changed the plan since your read (the answer’s ETag is the current version)' })
  @VersionedAnswer(PlanDto)
  @ApiBadRequestResponse({ description: 'Bad fields (each listed), or nothing to change' })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  @ApiConflictResponse({ description: '`conflict`: the plan is completed or entered in error' })
  async update(
    @CurrentActor() actor: StaffActor,
    @Param('planId', UuidParam) planId: string,
    @Body() body: UpdatePlanDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<PlanDto> {
    return this.plans.update(actor, planId, parseIfMatch(ifMatch), body);
  }

  @Get('plans/:planId/versions')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The plan’s versions, newest first, without their phases (read one version for its content)' })
  @ApiOkResponse({ type: PlanVersionPageDto })
  @ApiBadRequestResponse({ description: 'Bad limit or cursor' })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  listVersions(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string, @Query() query: PlanListQueryDto): Promise<PlanVersionPageDto> {
    return this.plans.listVersions(actor, planId, query);
  }

  @Get('plans/:planId/versions/:number')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'One version of the plan, with its phases' })
  @ApiOkResponse({ type: PlanVersionDetailDto })
  @ApiNotFoundResponse({ description: 'No such plan in your practice, or no such version' })
  getVersion(
    @CurrentActor() actor: StaffActor,
    @Param('planId', UuidParam) planId: string,
    @Param('number', VersionNumberPipe) number: number,
  ): Promise<PlanVersionDetailDto> {
    return this.plans.getVersion(actor, planId, number);
  }

  @Post('plans/:planId/activate')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Activate a draft; the patient’s other active plan (if any) is completed' })
  @VersionedAnswer(PlanDto)
  @ApiBadRequestResponse({ description: 'overrideReason shorter than 10 or longer than 500 characters' })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  @ApiConflictResponse({ description: '`red_flag_open`: the latest episode is a referral and no overrideReason was given; `conflict`: not a draft' })
  async activate(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string, @Body() body: ActivatePlanDto): Promise<PlanDto> {
    return this.plans.activate(actor, planId, body);
  }
}
