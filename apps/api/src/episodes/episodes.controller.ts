import { Body, Headers, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { IfMatch } from '../common/versioned.decorators.js';
import { parseIfMatch } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { EnteredInErrorDto } from './dto/entered-in-error.dto.js';
import { CreateEpisodeDto, EpisodeDto, EpisodeListQueryDto, EpisodePageDto, ResolveEpisodeDto } from './dto/episode.dto.js';
import { EpisodesService } from './episodes.service.js';

@ApiTags('episodes')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Reception may not see clinical records' })
@ApiNotFoundResponse({ description: 'No such patient or episode in your practice' })
@Controller('patients/:id/episodes')
export class EpisodesController {
  constructor(private readonly episodes: EpisodesService) {}

  @Post()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Record a back-spasm episode; the server classifies it (age and days since onset computed from dates)' })
  @ApiCreatedResponse({ type: EpisodeDto })
  @ApiConflictResponse({ description: 'The patient is archived (code `conflict`): restore them to add new records' })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields (each one named), a future onset date or one before the patient was born' })
  create(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Body() body: CreateEpisodeDto): Promise<EpisodeDto> {
    return this.episodes.create(actor, patientId, body);
  }

  @Get()
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'The patient’s episodes, recorded last first; entered-in-error ones included (flagged by status) unless ?status=recorded' })
  @ApiOkResponse({ type: EpisodePageDto })
  @ApiBadRequestResponse({ description: 'Bad limit, cursor or status' })
  list(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Query() query: EpisodeListQueryDto): Promise<EpisodePageDto> {
    return this.episodes.list(actor, patientId, query);
  }

  @Get(':episodeId')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'One episode with its classification' })
  @ApiOkResponse({ type: EpisodeDto })
  get(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) patientId: string, @Param('episodeId', UuidParam) episodeId: string): Promise<EpisodeDto> {
    return this.episodes.get(actor, patientId, episodeId);
  }

  @Post(':episodeId/resolved')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Mark the day the episode’s spasm settled (again, to correct it); If-Match: the episode’s version' })
  @IfMatch('required', { stale: 'The episode changed since your read' })
  @ApiOkResponse({ type: EpisodeDto })
  @ApiBadRequestResponse({ description: '`resolvedOn` missing, not a date, before the onset or after today' })
  @ApiConflictResponse({ description: '`episode_entered_in_error`: the episode is marked entered in error' })
  resolve(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) patientId: string,
    @Param('episodeId', UuidParam) episodeId: string,
    @Body() body: ResolveEpisodeDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<EpisodeDto> {
    return this.episodes.resolve(actor, patientId, episodeId, parseIfMatch(ifMatch), body);
  }

  @Post(':episodeId/entered-in-error')
  @HttpCode(200)
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({ summary: 'Mark an episode entered in error, with the reason (records are never deleted)' })
  @ApiOkResponse({ type: EpisodeDto })
  @ApiBadRequestResponse({ description: 'Missing or bad reason (3-500 characters)' })
  @ApiConflictResponse({ description: 'Already marked entered in error (code `conflict`)' })
  markEnteredInError(
    @CurrentActor() actor: StaffActor,
    @Param('id', UuidParam) patientId: string,
    @Param('episodeId', UuidParam) episodeId: string,
    @Body() body: EnteredInErrorDto,
  ): Promise<EpisodeDto> {
    return this.episodes.markEnteredInError(actor, patientId, episodeId, body);
  }
}
