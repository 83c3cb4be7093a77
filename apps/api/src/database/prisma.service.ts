import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { DATABASE_TIMEOUTS, DatabasePool } from './pool.js';

/** The one Prisma client of the process, over the shared pg pool (no native query engine needed). Writes use it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(database: DatabasePool) {
    super({
      adapter: new PrismaPg(database.pool, { disposeExternalPool: false }),
      transactionOptions: { maxWait: DATABASE_TIMEOUTS.acquireMs, timeout: DATABASE_TIMEOUTS.statementMs },
    });
  }

  /** Start-up fails loudly when the database cannot be reached. */
  async onModuleInit(): Promise<void> {
    await this.$queryRaw`select 1`;
  }

  /** After the HTTP server has drained: requests still running keep their client until they finish. */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
/** A repository method's connection: the caller's transaction, or the client itself for a single statement. */
export type Db = Tx | PrismaService;
