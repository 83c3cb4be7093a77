import { Controller, Get, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/access.decorators.js';
import { HealthRepository } from './health.repository.js';

const DB_CHECK_TIMEOUT_MS = 2000;

/** The health check's own small answer (monitors read it), for 200 and 503 alike. */
const healthSchema = (status: 'ok' | 'error', db: 'up' | 'down') => ({
  type: 'object' as const,
  required: ['status', 'db'],
  properties: { status: { type: 'string' as const, enum: [status] }, db: { type: 'string' as const, enum: [db] } },
  example: { status, db },
});

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: HealthRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability, for load balancers and monitoring' })
  @ApiOkResponse({ schema: healthSchema('ok', 'up') })
  @ApiBadRequestResponse({ description: 'A query string every route refuses (a NUL character, invalid Unicode, an oversized list)' })
  @ApiServiceUnavailableResponse({ description: 'The database did not answer within 2 s', schema: healthSchema('error', 'down') })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: 'ok' | 'error'; db: 'up' | 'down' }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), DB_CHECK_TIMEOUT_MS)));
    const up = await Promise.race([this.database.ping(), timeout]).then(
      () => true,
      () => false,
    );
    clearTimeout(timer);
    if (!up) reply.status(503);
    return up ? { status: 'ok', db: 'up' } : { status: 'error', db: 'down' };
  }
}
