import { Body, Controller, Get, Headers, Patch, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiPreconditionRequiredResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ALL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import { parseIfMatch } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { VersionEtagInterceptor } from '../patients/version-etag.interceptor.js';
import { PracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import { PracticeService } from './practice.service.js';

const ETAG = { etag: { description: 'The settings’ version, to send back in If-Match', schema: { type: 'string', example: '"1"' } } };

@ApiTags('practice')
@ApiCookieAuth()
@Controller('practice')
export class PracticeController {
  constructor(private readonly practice: PracticeService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @UseInterceptors(VersionEtagInterceptor)
  @ApiOperation({ summary: 'Your practice: its name, time zone and settings' })
  @ApiOkResponse({ type: PracticeDto, headers: ETAG })
  get(@CurrentActor() actor: StaffActor): Promise<PracticeDto> {
    return this.practice.get(actor);
  }

  @Patch()
  @Roles('admin')
  @UseInterceptors(VersionEtagInterceptor)
  @ApiOperation({ summary: 'Rename your practice or change its time zone or settings (admins)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag (version) you read, e.g. "1"' })
  @ApiOkResponse({ type: PracticeDto, headers: ETAG })
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no field at all, or a malformed If-Match' })
  @ApiForbiddenResponse({ description: 'Only admins change the practice’s settings' })
  @ApiPreconditionFailedResponse({ description: 'Someone changed the settings since your read; the ETag header carries the current version' })
  @ApiPreconditionRequiredResponse({ description: 'If-Match header missing' })
  update(@CurrentActor() actor: StaffActor, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdatePracticeDto): Promise<PracticeDto> {
    return this.practice.update(actor, parseIfMatch(ifMatch), body);
  }
}
