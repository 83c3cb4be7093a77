import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';

/** The patient's portal session cookie: a different name from the staff cookie, so neither can stand in for the other. */
export const PORTAL_COOKIE = 'upright_portal';

/** Idle timeout and absolute lifetime of a portal session. */
export const PORTAL_IDLE_MS = 2 * 3_600_000;
export const PORTAL_ABSOLUTE_MS = 24 * 3_600_000;

export function readPortalToken(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[PORTAL_COOKIE];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/**
 * httpOnly (no script reads it), SameSite=Strict (never sent on requests started by another site; the patient page
 * is same-site with the API), Secure outside development.
 */
export function setPortalCookie(reply: FastifyReply, token: string, config: AppConfig): void {
  reply.setCookie(PORTAL_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: '/',
    maxAge: PORTAL_ABSOLUTE_MS / 1000,
  });
}

export function clearPortalCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(PORTAL_COOKIE, { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' });
}

/**
 * Headers of every portal answer, errors included: no link token leaks through Referer. (Nothing is cached either:
 * every API answer is no-store, see app.factory.)
 */
export function setPortalHeaders(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer');
}
