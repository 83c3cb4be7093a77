import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CLINICAL_STAFF, CurrentActor, Public, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { CalendarFeedCreatedDto } from './calendar-feed.dto.js';
import { CalendarFeedService } from './calendar-feed.service.js';

/** The signed-in clinician's (or admin's) own calendar subscription. */
@ApiTags('calendar feed')
@Controller('users/me/calendar-feed')
export class MyCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Post()
  @Roles(...CLINICAL_STAFF)
  @ApiCookieAuth()
  @ApiOperation({
    summary:
      'Create your calendar feed: a secret URL a phone or desktop calendar subscribes to (your appointments of the last 30 and next 90 days, patients as initials). Shown once; creating a new one revokes the old',
  })
  @ApiCreatedResponse({ type: CalendarFeedCreatedDto })
  @ApiForbiddenResponse({ description: 'Reception has no calendar of its own (code forbidden)' })
  create(@CurrentActor() actor: StaffActor): Promise<CalendarFeedCreatedDto> {
    return this.feeds.create(actor);
  }

  @Delete()
  @HttpCode(204)
  @Roles(...CLINICAL_STAFF)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Revoke your calendar feed: its URL answers 404 from now on (204 also when there was none)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Reception has no calendar of its own (code forbidden)' })
  revoke(@CurrentActor() actor: StaffActor): Promise<void> {
    return this.feeds.revoke(actor);
  }
}

/** The feed itself: no session, the secret token in the URL is the only credential (calendar apps send no cookie). */
@ApiTags('calendar feed')
@Controller('calendar-feed')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'A clinician’s appointments as iCalendar (the last 30 and next 90 days, not cancelled; patients as initials, nothing clinical)' })
  @ApiParam({ name: 'token', description: 'The secret token of the feed’s URL' })
  @ApiOkResponse({
    description: 'An iCalendar (RFC 5545) file, one VEVENT per appointment',
    content: { 'text/calendar': { schema: { type: 'string', example: 'BEGIN:VCALENDAR\r\n…\r\nEND:VCALENDAR' } } },
  })
  @ApiNotFoundResponse({ description: 'No such feed, or it was revoked' })
  async read(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const ics = await this.feeds.read(token);
    reply.header('content-type', 'text/calendar; charset=utf-8');
    return ics;
  }
}
