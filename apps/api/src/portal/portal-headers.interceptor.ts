import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { setPortalHeaders } from './portal-cookie.js';

/**
 * Puts the portal's headers (no-store, no-referrer) on every answer of the portal controller, errors of the body
 * validation included. (Portal-session routes get them from the AccessGuard already, before the session is checked;
 * this covers the public session-opening route.)
 */
@Injectable()
export class PortalHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    setPortalHeaders(context.switchToHttp().getResponse<FastifyReply>());
    return next.handle();
  }
}
