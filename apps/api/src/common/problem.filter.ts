import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem.js';
import { requestIdOf } from './request-context.js';

/** Writes every error as application/problem+json (RFC 9457). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): void {
  const { problem, headers, unexpected } = toProblem(error, request.url.split('?')[0]);
  if (unexpected) logger.error({ err: error, requestId: requestIdOf(request.raw as never) }, 'Unexpected error while serving a request');
  if (reply.sent) return;
  reply
    .status(problem.status)
    .headers({ ...headers, 'content-type': 'application/problem+json; charset=utf-8' })
    .send(JSON.stringify(problem));
}
