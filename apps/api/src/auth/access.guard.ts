import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { AppError } from '../common/app-error.js';
import type { RequestContext, StaffActor } from '../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { ACCESS_KEY, AccessRule } from './access.decorators.js';
import { readSessionToken } from './session-cookie.js';
import { SessionsService } from './sessions.service.js';

type GuardedRequest = FastifyRequest & { actor?: StaffActor; practiceName?: string };

/**
 * The one gate of every route: reads the route's access rule (deny by default when it has none), resolves the
 * session cookie, checks the role, and records refusals in the audit log.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly cls: ClsService<RequestContext>,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    this.cls.set('ip', request.ip);
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error({ route: request.routeOptions?.url }, 'Route declares no access rule: refused');
      throw new AppError('forbidden', 'This route is not open to anyone.');
    }
    if (rule.kind === 'public') return true;

    const token = readSessionToken(request);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new AppError('unauthenticated', 'Your session has ended. Please sign in again.');
    request.actor = session.actor;
    request.practiceName = session.practiceName;
    this.cls.set('actor', session.actor);

    if (!rule.roles.includes(session.actor.role)) {
      await this.audit.record({
        action: 'denied',
        resourceType: String(request.routeOptions?.url ?? request.url),
        resourceId: refusedResourceId(request.params as Record<string, string> | undefined),
        // A refusal on a patient's records shows in that patient's access log.
        patientId: String(request.routeOptions?.url ?? '').startsWith('/api/patients/:id') ? ((request.params as Record<string, string>).id ?? null) : null,
        outcome: 'denied',
      });
      throw new AppError('forbidden', `Your role (${session.actor.role}) cannot do this.`);
    }
    return true;
  }
}

/** The record a refused request was about: the route's `:id`, else its most specific id parameter. */
function refusedResourceId(params: Record<string, string> | undefined): string | null {
  if (!params) return null;
  const values = Object.entries(params).filter(([name]) => name === 'id' || name.endsWith('Id'));
  return values.length ? values[values.length - 1][1] : null;
}
