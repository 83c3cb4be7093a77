import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPortal, Portal, Public } from '../common/access.decorators.js';
import type { PortalActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { AppConfig } from '../config/app-config.js';
import {
  AccessLogDto,
  CreatePatientLogDto,
  FollowUpAnswerDto,
  FollowUpAnsweredDto,
  OpenPortalSessionDto,
  PatientLogCreatedDto,
  PatientLogListDto,
  PortalEpisodeDto,
  PortalEpisodeResolvedDto,
  PortalNextAppointmentDto,
  PortalPlanViewDto,
  PortalSessionOpenedDto,
  SettledAnswerDto,
  SettledAnswerStoredDto,
} from './dto/portal.dto.js';
import { PortalAnswersService } from './portal-answers.service.js';
import { clearPortalCookie, PORTAL_COOKIE, readPortalToken, setPortalCookie } from './portal-cookie.js';
import { PortalHeadersInterceptor } from './portal-headers.interceptor.js';
import { PortalSessionsService } from './portal-sessions.service.js';
import { PortalService } from './portal.service.js';

const GONE = { description: '`link_expired`: the link expired or was replaced, or the plan is no longer active' };

/**
 * The patient's side: no staff account, a portal session opened from a share link. Never cached, never referred.
 * Every route but the opening one needs the `upright_portal` cookie (not the staff session cookie).
 */
@ApiTags('portal')
@Controller('portal')
@UseInterceptors(PortalHeadersInterceptor)
export class PortalController {
  constructor(
    private readonly portal: PortalService,
    private readonly sessions: PortalSessionsService,
    private readonly answers: PortalAnswersService,
    private readonly config: AppConfig,
  ) {}

  @Post('session')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: `Open the plan from a share link's token and the patient's birth year; sets the httpOnly, SameSite=Strict \`${PORTAL_COOKIE}\` cookie (idle 2 h, at most 24 h)`,
  })
  @ApiOkResponse({ type: PortalSessionOpenedDto })
  @ApiBadRequestResponse({ description: 'token or birthYear is not valid (each listed in `errors`)' })
  @ApiUnauthorizedResponse({ description: '`invalid_credentials`: wrong birth year (counted; the 5th wrong one locks the link)' })
  @ApiNotFoundResponse({ description: 'No such link' })
  @ApiGoneResponse(GONE)
  @ApiResponse({ status: 423, description: '`locked`: too many wrong birth years; the practice makes a new link' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed opens from this address; see Retry-After' })
  async open(@Body() body: OpenPortalSessionDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PortalSessionOpenedDto> {
    const { token, opened } = await this.sessions.open(body, { ip: req.ip, currentToken: readPortalToken(req) });
    setPortalCookie(reply, token, this.config);
    return opened;
  }

  @Get('plan')
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({ summary: 'The current version of the plan: phases (today’s marked), exercises with steps, and what changed since the last visit' })
  @ApiOkResponse({ type: PortalPlanViewDto })
  @ApiUnauthorizedResponse({ description: 'No portal session (staff sessions do not count), or it ended' })
  @ApiGoneResponse(GONE)
  plan(@CurrentPortal() session: PortalActor): Promise<PortalPlanViewDto> {
    return this.portal.plan(session);
  }

  @Get('appointments/next')
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({
    summary: 'The patient’s next appointment (booked or arrived, not over yet, the earliest), times with the practice zone’s offset; `{}` when none',
  })
  @ApiOkResponse({ type: PortalNextAppointmentDto })
  @ApiUnauthorizedResponse({ description: 'No portal session (staff sessions do not count), or it ended' })
  nextAppointment(@CurrentPortal() session: PortalActor): Promise<PortalNextAppointmentDto> {
    return this.portal.nextAppointment(session);
  }

  @Get('appointments/next.ics')
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({
    summary: 'The next appointment as an iCalendar file to add to a calendar (the same event UID as the appointment emails, so calendars merge them)',
  })
  @ApiOkResponse({
    description: 'An iCalendar (RFC 5545) file with one VEVENT',
    content: { 'text/calendar': { schema: { type: 'string', example: 'BEGIN:VCALENDAR\r\n…\r\nEND:VCALENDAR' } } },
  })
  @ApiUnauthorizedResponse({ description: 'No portal session (staff sessions do not count), or it ended' })
  @ApiNotFoundResponse({ description: 'No appointment is booked' })
  async nextAppointmentCalendar(@CurrentPortal() session: PortalActor, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const ics = await this.portal.nextAppointmentCalendar(session);
    reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="appointment.ics"');
    return ics;
  }

  @Post('logs')
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({ summary: 'Log a day: exercises done, pain and difficulty (0-10); answers the pain alert and advice when pain is high' })
  @ApiCreatedResponse({ type: PatientLogCreatedDto })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, a date in the future or over 30 days ago, or an exercise not in the current plan' })
  @ApiUnauthorizedResponse({ description: 'No portal session, or it ended' })
  @ApiGoneResponse(GONE)
  createLog(@CurrentPortal() session: PortalActor, @Body() body: CreatePatientLogDto): Promise<PatientLogCreatedDto> {
    return this.portal.createLog(session, body);
  }

  @Get('logs')
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({ summary: 'The patient’s own logs, newest first (at most 100)' })
  @ApiOkResponse({ type: PatientLogListDto })
  @ApiUnauthorizedResponse({ description: 'No portal session, or it ended' })
  @ApiGoneResponse(GONE)
  listLogs(@CurrentPortal() session: PortalActor): Promise<PatientLogListDto> {
    return this.portal.listLogs(session);
  }

  @Post('logs/:logId/settled')
  @HttpCode(200)
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({
    summary: 'The next-morning answer for a session of the plan: had the pain settled? Answering again replaces the answer (a mistaken tap)',
  })
  @ApiParam({ name: 'logId', format: 'uuid' })
  @ApiOkResponse({ type: SettledAnswerStoredDto })
  @ApiBadRequestResponse({ description: 'settledByNextMorning missing or not a boolean, or unknown fields' })
  @ApiUnauthorizedResponse({ description: 'No portal session, or it ended' })
  @ApiNotFoundResponse({ description: 'No such log in the session’s plan' })
  @ApiUnprocessableEntityResponse({ description: '`too_soon`: the log is dated today (or later): ask from the next morning on' })
  @ApiGoneResponse(GONE)
  settled(@CurrentPortal() session: PortalActor, @Param('logId', UuidParam) logId: string, @Body() body: SettledAnswerDto): Promise<SettledAnswerStoredDto> {
    return this.answers.settled(session, logId, body);
  }

  @Post('episodes/:episodeId/resolved')
  @HttpCode(200)
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({ summary: 'The patient says their spasm settled on a day (recorded as the patient’s answer); answering again corrects the day' })
  @ApiParam({ name: 'episodeId', format: 'uuid' })
  @ApiOkResponse({ type: PortalEpisodeDto })
  @ApiBadRequestResponse({ description: '`validation_failed` on resolvedOn: not a date, in the future, or before the spasm began' })
  @ApiUnauthorizedResponse({ description: 'No portal session, or it ended' })
  @ApiNotFoundResponse({ description: 'No such episode of this patient' })
  @ApiConflictResponse({ description: '`episode_entered_in_error`: the episode was recorded by mistake' })
  @ApiGoneResponse(GONE)
  resolveEpisode(
    @CurrentPortal() session: PortalActor,
    @Param('episodeId', UuidParam) episodeId: string,
    @Body() body: PortalEpisodeResolvedDto,
  ): Promise<PortalEpisodeDto> {
    return this.answers.resolveEpisode(session, episodeId, body);
  }

  @Post('follow-ups/:followUpId')
  @HttpCode(200)
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({ summary: 'Answer a follow-up question that has come due (3, 6 or 12 months after discharge): any spasm since, and when it began' })
  @ApiParam({ name: 'followUpId', format: 'uuid' })
  @ApiOkResponse({ type: FollowUpAnsweredDto })
  @ApiBadRequestResponse({ description: 'spasmSince missing or not a boolean, spasmOn not a date, or unknown fields' })
  @ApiUnauthorizedResponse({ description: 'No portal session, or it ended' })
  @ApiNotFoundResponse({ description: 'No such follow-up of this patient' })
  @ApiConflictResponse({ description: '`already_answered`: answered before; the first answer stays' })
  @ApiUnprocessableEntityResponse({
    description:
      '`unprocessable` on spasmOn (missing with spasmSince true, given with false, not after the discharge, or in the future); `too_soon`: the question is not due yet',
  })
  @ApiGoneResponse(GONE)
  answerFollowUp(
    @CurrentPortal() session: PortalActor,
    @Param('followUpId', UuidParam) followUpId: string,
    @Body() body: FollowUpAnswerDto,
  ): Promise<FollowUpAnsweredDto> {
    return this.answers.answerFollowUp(session, followUpId, body);
  }

  @Get('access-log')
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({ summary: 'Who at the practice viewed or changed the patient’s record, and when (newest first, at most 100)' })
  @ApiOkResponse({ type: AccessLogDto })
  @ApiUnauthorizedResponse({ description: 'No portal session, or it ended' })
  @ApiGoneResponse(GONE)
  accessLog(@CurrentPortal() session: PortalActor): Promise<AccessLogDto> {
    return this.portal.accessLog(session);
  }

  @Post('logout')
  @HttpCode(204)
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({ summary: 'Close the plan page; the portal session ends at once' })
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ description: 'No portal session, or it ended' })
  async logout(@CurrentPortal() session: PortalActor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.end(session);
    clearPortalCookie(reply, this.config);
  }
}
