import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AppError } from '../common/app-error.js';
import type { PortalActor, StaffActor } from '../common/request-context.js';
import { IdempotencyRepository } from './idempotency.repository.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
const HTTP_CODE_METADATA = '__httpCode__';

type Request = FastifyRequest & { actor?: StaffActor; portal?: PortalActor };

/**
 * Idempotency keys on every POST of a signed-in caller (staff or patient): a client that retries after a timeout
 * with the same `Idempotency-Key` gets the first answer again, marked `Idempotent-Replayed: true`, and nothing is
 * recorded twice. The key is claimed in PostgreSQL before the work runs (two replicas, or two parallel retries,
 * cannot both run it); the same key with a different request is refused (422), and a retry while the first is
 * still running is told so (409). Keys belong to the practice and last 24 hours. Without the header, nothing changes.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    const actor = request.actor ?? request.portal;
    if (request.method !== 'POST' || header === undefined || !actor) return next.handle();
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw new AppError('validation_failed', 'Idempotency-Key: must be 8 to 200 letters, digits or - _ . :', [
        { field: 'Idempotency-Key', message: 'must be 8 to 200 letters, digits or - _ . :' },
      ]);
    }
    const who = actor.kind === 'user' ? `user:${actor.userId}` : `patient:${actor.patientId}`;
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([who, request.method, request.routeOptions?.url ?? request.url, request.params ?? null, request.query ?? null, request.body ?? null]),
      )
      .digest('hex');
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? HttpStatus.CREATED;
    const { practiceId } = actor;

    return from(this.keys.claim(practiceId, header, fingerprint)).pipe(
      mergeMap((claimed) => {
        if (claimed) {
          return next.handle().pipe(
            mergeMap((body: unknown) => from(this.keys.complete(practiceId, header, status, body).then(() => body))),
            catchError((error: unknown) => from(this.keys.release(practiceId, header)).pipe(mergeMap(() => throwError(() => error)))),
          );
        }
        return from(this.keys.find(practiceId, header)).pipe(
          mergeMap((stored) => {
            if (!stored) throw new AppError('conflict', 'This Idempotency-Key was just released; send the request again.');
            if (stored.fingerprint !== fingerprint) {
              throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
            }
            if (stored.status === null) throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed. Try again in a moment.');
            const reply = context.switchToHttp().getResponse<FastifyReply>();
            reply.header('idempotent-replayed', 'true');
            reply.status(stored.status);
            return of(stored.response);
          }),
        );
      }),
    );
  }
}
