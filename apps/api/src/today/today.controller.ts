import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ALL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { TodayDto } from './dto/today.dto.js';
import { TodayService } from './today.service.js';

@ApiTags('today')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in (problem+json, code unauthenticated)' })
@Controller('today')
export class TodayController {
  constructor(private readonly today: TodayService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({
    summary:
      'What needs attention today: referrals (red flags) and reviews due from each patient’s latest recorded episode, plus pain alerts and low adherence, and the clinician’s own unsigned notes; at most 50 per list. Reception gets only the reviews due (to book them), without their clinical category',
  })
  @ApiOkResponse({ type: TodayDto })
  get(@CurrentActor() actor: StaffActor): Promise<TodayDto> {
    return this.today.forPractice(actor);
  }
}
