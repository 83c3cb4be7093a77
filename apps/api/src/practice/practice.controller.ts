import { Body, Headers, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_STAFF, CurrentActor, Roles } from '../common/access.decorators.js';
import { IfMatch, VersionedAnswer } from '../common/versioned.decorators.js';
import { parseIfMatch } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { PracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import { PracticeService } from './practice.service.js';

@ApiTags('practice')
@ApiCookieAuth()
@Controller('practice')
export class PracticeController {
  constructor(private readonly practice: PracticeService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Your practice: its name, time zone and settings' })
  @VersionedAnswer(PracticeDto)
  get(@CurrentActor() actor: StaffActor): Promise<PracticeDto> {
    return this.practice.get(actor);
  }

  @Patch()
  @Roles('admin')
  @ApiOperation({ summary: 'Rename your practice or change its time zone or settings (admins)' })
  @IfMatch('required', { stale: 'Someone changed the settings since your read; the ETag header carries the current version' })
  @VersionedAnswer(PracticeDto)
  @ApiBadRequestResponse({ description: 'Bad or unknown fields, no field at all, or a malformed If-Match' })
  @ApiForbiddenResponse({ description: 'Only admins change the practice’s settings' })
  update(@CurrentActor() actor: StaffActor, @Body() body: UpdatePracticeDto, @Headers('if-match') ifMatch: string | undefined): Promise<PracticeDto> {
    return this.practice.update(actor, parseIfMatch(ifMatch), body);
  }
}
