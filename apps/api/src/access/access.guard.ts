import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { AppError } from '../common/app-error.js';
import type { PortalActor, RequestContext, StaffActor } from '../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { readPortalToken, setPortalHeaders } from '../portal/portal-cookie.js';
import { PORTAL_SESSION_ENDED, PortalSessionsService } from '../portal/portal-sessions.service.js';
import { ACCESS_KEY, AccessRule } from '../common/access.decorators.js';
import { readSessionToken } from '../auth/session-cookie.js';
import { SessionsService } from '../auth/sessions.service.js';

type GuardedRequest = FastifyRequest & { actor?: StaffActor; practiceName?: string; timeZone?: string; portal?: PortalActor };

/**
 * The one gate of every route: reads the route's access rule (deny by default when it has none), resolves the
 * session cookie, checks the role, and records refusals in the audit log. Staff routes read only the staff
 * cookie and portal routes only the portal cookie: a patient's session never reaches a staff route, and a staff
 * session never satisfies a portal route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly cls: ClsService<RequestContext>,
    private readonly audit: AuditService,
    private readonly portalSessions: PortalSessionsService,
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
    if (rule.kind === 'portal') return this.admitPatient(request, context.switchToHttp().getResponse<FastifyReply>());

    const token = readSessionToken(request);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new AppError('unauthenticated', 'Your session has ended. Please sign in again.');
    request.actor = session.actor;
    request.practiceName = session.practiceName;
    request.timeZone = session.timeZone;
    this.cls.set('actor', session.actor);
    this.cls.set('timeZone', session.timeZone);

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

  /** Portal routes: the portal cookie only; the actor becomes the patient, for the route and for audit rows. */
  private async admitPatient(request: GuardedRequest, reply: FastifyReply): Promise<boolean> {
    // Set before anything can fail, so refusals carry them too.
    setPortalHeaders(reply);
    const token = readPortalToken(request);
    const portal = token ? await this.portalSessions.resolve(token) : null;
    if (!portal) throw new AppError('unauthenticated', PORTAL_SESSION_ENDED);
    request.portal = portal.actor;
    this.cls.set('actor', portal.actor);
    this.cls.set('timeZone', portal.timeZone);
    return true;
  }
}

/** The record a refused request was about: the route's `:id`, else its most specific id parameter. */
function refusedResourceId(params: Record<string, string> | undefined): string | null {
  if (!params) return null;
  const values = Object.entries(params).filter(([name]) => name === 'id' || name.endsWith('Id'));
  return values.length ? values[values.length - 1][1] : null;
}
