import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { DatabasePool } from './pool.js';

/** The one Prisma client of the process, over the shared pg pool (no native query engine needed). Writes use it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(database: DatabasePool) {
    super({ adapter: new PrismaPg(database.pool, { disposeExternalPool: false }) });
  }

  /** Start-up fails loudly when the database cannot be reached. */
  async onModuleInit(): Promise<void> {
    await this.$queryRaw`select 1`;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
/** A repository method's connection: the caller's transaction, or the client itself for a single statement. */
export type Db = Tx | PrismaService;
