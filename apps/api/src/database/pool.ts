import { Injectable, OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';

/** Connections of one API process. Prisma (writes, migrations' types) and the prepared reads share them. */
export const POOL_SIZE = 10;

/**
 * The one pg pool of the process. Prisma's adapter and `Sql` both draw from it, so the process never holds more
 * than POOL_SIZE connections whatever mix of requests it serves.
 */
@Injectable()
export class DatabasePool implements OnModuleDestroy {
  readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    this.pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: POOL_SIZE, connectionTimeoutMillis: 5000 });
    // An idle connection that the server drops (restart, network) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
