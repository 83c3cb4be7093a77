import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PortalActor, Role, StaffActor } from './request-context.js';

export const ACCESS_KEY = 'upright:access';

/**
 * Who may call a route. Every route declares one; the AccessGuard refuses routes that do not (deny by default).
 * Staff routes read only the staff session cookie and portal routes only the portal cookie, so neither kind of
 * session can ever stand in for the other.
 */
export type AccessRule = { kind: 'public' } | { kind: 'staff'; roles: readonly Role[] } | { kind: 'portal' };

/** Anyone, signed in or not (sign-in, health). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Signed-in staff with one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'staff', roles } satisfies AccessRule);

/** A patient with an open portal session (opened from a share link and the birth year); staff sessions never count. */
export const Portal = () => SetMetadata(ACCESS_KEY, { kind: 'portal' } satisfies AccessRule);

export const ALL_STAFF: readonly Role[] = ['admin', 'clinician', 'reception'];
export const CLINICAL_STAFF: readonly Role[] = ['admin', 'clinician'];

/** The signed-in staff member (set by the AccessGuard on staff routes). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffActor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: StaffActor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without a staff access rule');
  return actor;
});

/** The patient of the portal session (set by the AccessGuard on portal routes). */
export const CurrentPortal = createParamDecorator((_: unknown, ctx: ExecutionContext): PortalActor => {
  const portal = ctx.switchToHttp().getRequest<{ portal?: PortalActor }>().portal;
  if (!portal) throw new Error('CurrentPortal used on a route without the portal access rule');
  return portal;
});
