import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from './prisma.service.js';

/**
 * The one way to run several writes as a unit: a change and its audit row commit together or not at all.
 * Services hand the `tx` on to repositories; they never touch it themselves.
 */
@Injectable()
export class Transactions {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * `timeoutMs`: how long the whole transaction may take, for the rare bulk work (an import of thousands of rows)
   * that needs longer than the default (DATABASE_TIMEOUTS.statementMs). Its statements still meet the connection's
   * statement_timeout unless the work raises it for itself (SET LOCAL).
   */
  run<T>(work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    return options.timeoutMs ? this.prisma.$transaction(work, { timeout: options.timeoutMs }) : this.prisma.$transaction(work);
  }
}
