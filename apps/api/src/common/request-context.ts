import { randomUUID } from 'node:crypto';
import type { ClsStore } from 'nestjs-cls';

export type Role = 'admin' | 'clinician' | 'reception';

/** Who is calling, resolved by the access guard from the session cookie. */
export interface StaffActor {
  kind: 'user';
  userId: string;
  practiceId: string;
  role: Role;
  name: string;
  email: string;
  sessionHash: string;
}

/**
 * A patient on their plan page, resolved by the access guard from the portal cookie: bound to one practice,
 * patient, plan and share link. Never a staff member.
 */
export interface PortalActor {
  kind: 'patient';
  practiceId: string;
  patientId: string;
  planId: string;
  shareLinkId: string;
  sessionHash: string;
}

/** What every request carries through the call chain (nestjs-cls), e.g. for audit rows. */
export interface RequestContext extends ClsStore {
  requestId: string;
  ip: string;
  userAgent?: string;
  actor?: StaffActor | PortalActor;
  /** The acting practice's IANA time zone: what "today" means for its dates. */
  timeZone?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The request id: the caller's X-Request-Id when it looks like one (so a proxy's id threads through), else a
 * new UUID. Stored on the raw request so the logger and the request context agree.
 */
export function requestIdOf(req: { headers: Record<string, string | string[] | undefined>; id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  req.id = id;
  return id;
}
