import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { setEtag } from './if-match.js';

/**
 * Puts `ETag: "<version>"` on the answer of a route that returns one versioned record, so controllers stay one
 * line per route (`VersionedAnswer` in versioned.decorators.ts applies it).
 */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') setEtag(reply, version);
        return body;
      }),
    );
  }
}
