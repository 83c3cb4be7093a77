import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CLINICAL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { CreatedShareLinkDto, CreateShareLinkDto, ShareLinkListDto } from './dto/share.dto.js';
import { SharesService } from './shares.service.js';

@ApiTags('plans')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Reception staff cannot share plans' })
@ApiNotFoundResponse({ description: 'No such plan in your practice' })
@Controller('plans/:planId/share')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Post()
  @HttpCode(200) // api.md's settled details: sharing is an action (200), not a resource creation.
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Make a link the patient opens without an account: `<web origin>/p/<token>`, shown this once' })
  @ApiOkResponse({ type: CreatedShareLinkDto })
  @ApiBadRequestResponse({ description: 'expiresInDays is not a whole number from 1 to 365' })
  @ApiConflictResponse({ description: '`conflict`: only an active plan can be shared' })
  create(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string, @Body() body: CreateShareLinkDto): Promise<CreatedShareLinkDto> {
    return this.shares.create(actor, planId, body);
  }

  @Get()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The plan’s links (never their tokens), newest first, with their state' })
  @ApiOkResponse({ type: ShareLinkListDto })
  list(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string): Promise<ShareLinkListDto> {
    return this.shares.list(actor, planId);
  }

  @Delete()
  @HttpCode(204)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Revoke every link of the plan at once' })
  @ApiNoContentResponse()
  revoke(@CurrentActor() actor: StaffActor, @Param('planId', UuidParam) planId: string): Promise<void> {
    return this.shares.revokeAll(actor, planId);
  }
}
