import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';

/** Connections of one API process. Prisma (writes, migrations' types) and the prepared reads share them. */
export const POOL_SIZE = 10;
/**
 * Time limits, all well under a client's patience: waiting for a free connection (or a new one), one statement,
 * and a transaction left idle. Past them the request is answered 503 with Retry-After instead of hanging.
 */
export const DATABASE_TIMEOUTS = { acquireMs: 2_000, statementMs: 5_000, idleInTransactionMs: 10_000 } as const;

/**
 * The one pg pool of the process. Prisma's adapter and `Sql` both draw from it, so the process never holds more
 * than POOL_SIZE connections whatever mix of requests it serves.
 */
@Injectable()
export class DatabasePool implements OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    this.pool = new pg.Pool({
      connectionString: config.DATABASE_URL,
      max: POOL_SIZE,
      connectionTimeoutMillis: DATABASE_TIMEOUTS.acquireMs,
      statement_timeout: DATABASE_TIMEOUTS.statementMs,
      idle_in_transaction_session_timeout: DATABASE_TIMEOUTS.idleInTransactionMs,
      // A connection whose server went away is noticed by the kernel instead of hanging a request.
      keepAlive: true,
    });
    // An idle connection that the server drops (restart, network) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  /** After the HTTP server has drained (Nest closes it before this hook), so no request in flight loses its connection. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
