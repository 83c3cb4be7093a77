import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto.js';

@ApiTags('audit')
@ApiCookieAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The practice’s audit log, newest first; filter by patient, user, action and dates (admin only)' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ description: 'A filter is not valid (each bad field listed)' })
  @ApiForbiddenResponse({ description: 'Only administrators read the audit log' })
  list(@CurrentActor() actor: StaffActor, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.auditLog.list(actor, query);
  }
}
