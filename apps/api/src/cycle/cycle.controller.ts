import { Body, Headers, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { PlanDto } from '../plans/dto/plan.dto.js';
import { CycleService } from './cycle.service.js';
import {
  ApplyProgressionDto,
  DischargeLetterDto,
  DischargePlanDto,
  DischargeReviewDto,
  FollowUpReviewedDto,
  PracticeOutcomesDto,
  ProgressionDto,
  ReviewFollowUpDto,
  SpasmHistoryDto,
} from './dto/cycle.dto.js';

/** The spasm cycle (clinical rules section 9): history, progression, discharge and the practice's outcomes. */
@ApiTags('spasm cycle')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Reception may not see clinical records' })
@Controller()
export class CycleController {
  constructor(private readonly cycle: CycleService) {}

  @Get('patients/:id/spasm-history')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The patient’s spasm history (rule 9.1): distinct episodes, trend, recurrence risk and the cycle since their plan began' })
  @ApiOkResponse({ type: SpasmHistoryDto })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  spasmHistory(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string): Promise<SpasmHistoryDto> {
    return this.cycle.spasmHistory(actor, id);
  }

  @Get('plans/:planId/progression')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Progression advice for an active plan (rule 9.2) and what applying it would change' })
  @ApiOkResponse({ type: ProgressionDto })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  @ApiConflictResponse({ description: '`plan_not_active`: a draft, completed or entered-in-error plan' })
  progression(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string): Promise<ProgressionDto> {
    return this.cycle.progression(actor, planId);
  }

  @Post('plans/:planId/progression/apply')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Apply the progression advice: a new plan version exactly as the proposal says' })
  @IfMatch('required', { stale: 'The plan changed since your read' })
  @VersionedAnswer(PlanDto, { created: true })
  @ApiBadRequestResponse({ description: '`advice` is not progress or regress' })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  @ApiConflictResponse({ description: '`plan_not_active`; `advice_changed`: the advice is no longer the one sent (the problem’s `advice` is the current one)' })
  async applyProgression(
    @CurrentActor() actor: StaffActor,
    @Param('planId', UuidParam) planId: string,
    @Body() body: ApplyProgressionDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<PlanDto> {
    return this.cycle.applyProgression(actor, planId, parseIfMatch(ifMatch), body);
  }

  @Get('plans/:planId/discharge-review')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Discharge review (rule 9.3) with its inputs; for a completed plan the one stored at discharge' })
  @ApiOkResponse({ type: DischargeReviewDto })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  dischargeReview(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string): Promise<DischargeReviewDto> {
    return this.cycle.dischargeReview(actor, planId);
  }

  @Post('plans/:planId/discharge')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Discharge an active plan: completed, with a snapshot of the review, and follow-ups at 3, 6 and 12 months' })
  @IfMatch('required', { stale: 'The plan changed since your read' })
  @VersionedAnswer(PlanDto)
  @ApiBadRequestResponse({ description: 'Bad fields, each named: `reason`, `completedOn` (after today or before the plan started), `letterToDoctor.name`…' })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  @ApiConflictResponse({ description: '`plan_not_active`: only an active plan is discharged' })
  async discharge(
    @CurrentActor() actor: StaffActor,
    @Param('planId', UuidParam) planId: string,
    @Body() body: DischargePlanDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<PlanDto> {
    return this.cycle.discharge(actor, planId, parseIfMatch(ifMatch), body);
  }

  @Get('plans/:planId/discharge-letter')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'What the printed discharge letter shows, from the stored discharge' })
  @ApiOkResponse({ type: DischargeLetterDto })
  @ApiNotFoundResponse({ description: 'No such plan in your practice' })
  @ApiConflictResponse({ description: '`plan_not_completed`: the plan has not been discharged' })
  dischargeLetter(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string): Promise<DischargeLetterDto> {
    return this.cycle.dischargeLetter(actor, planId);
  }

  @Get('practice/outcomes')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The practice’s discharged plans (rule 9.4): share reaching a change that matters, share with a spasm within 12 months' })
  @ApiOkResponse({ type: PracticeOutcomesDto })
  practiceOutcomes(@CurrentActor() actor: StaffActor): Promise<PracticeOutcomesDto> {
    return this.cycle.practiceOutcomes(actor);
  }

  @Post('follow-ups/:followUpId/reviewed')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Mark a patient’s follow-up answer as reviewed, linking the episode recorded from it' })
  @ApiOkResponse({ type: FollowUpReviewedDto })
  @ApiBadRequestResponse({ description: '`episodeId` is not a UUID, or not a recorded episode of this patient' })
  @ApiNotFoundResponse({ description: 'No such follow-up in your practice' })
  @ApiConflictResponse({ description: '`conflict`: not answered yet, or an episode linked to an answer that reported no spasm' })
  reviewFollowUp(
    @CurrentActor() actor: StaffActor,
    @Param('followUpId', UuidParam) followUpId: string,
    @Body() body: ReviewFollowUpDto,
  ): Promise<FollowUpReviewedDto> {
    return this.cycle.reviewFollowUp(actor, followUpId, body);
  }
}
