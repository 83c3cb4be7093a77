import { STATUS_CODES } from 'node:http';
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
  if (unexpected) logger.error({ err: error, requestId: requestIdOf(request.raw) }, 'Unexpected error while serving a request');
  if (reply.sent) return;
  reply
    .status(problem.status)
    .headers({ ...headers, 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
    .send(JSON.stringify(problem));
}

/** Node's HTTP parser errors, by its codes, and the status each is answered with. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_URI_TOO_LONG: 414,
};

/**
 * Answers an error Node's HTTP parser raised before any request object exists (Fastify's clientErrorHandler):
 * written straight to the socket, as problem+json with no-store and nosniff like every other answer, then closed.
 */
export function sendRawProblem(error: { code?: string }, socket: import('node:net').Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const { problem } = toProblem(Object.assign(new Error('The request could not be read.'), { statusCode: status }), '/');
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
