import { Global, Module } from '@nestjs/common';
import { DatabasePool } from './pool.js';
import { PrismaService } from './prisma.service.js';
import { Sql } from './sql.js';
import { Transactions } from './transactions.js';

/** The data layer: one pool, Prisma for writes, prepared statements for the hot reads, one transaction helper. */
@Global()
@Module({ providers: [DatabasePool, PrismaService, Sql, Transactions], exports: [PrismaService, Sql, Transactions] })
export class DatabaseModule {}
