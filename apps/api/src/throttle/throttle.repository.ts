import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../database/prisma.service.js';

/** How many failures a key has had since a moment, and when the oldest of them was. */
export interface FailureWindow {
  count: number;
  oldest: Date | null;
}

/**
 * Failure counters for throttling (sign-in per account and address, portal opens per address), in PostgreSQL so
 * every API replica sees the same counts.
 */
@Injectable()
export class ThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  async window(kind: string, key: string, since: Date): Promise<FailureWindow> {
    const result = await this.prisma.loginFailure.aggregate({
      where: { kind, key, at: { gte: since } },
      _count: { _all: true },
      _min: { at: true },
    });
    return { count: result._count._all, oldest: result._min.at };
  }

  async record(failures: { kind: string; key: string }[], at: Date): Promise<void> {
    await this.prisma.loginFailure.createMany({ data: failures.map((f) => ({ id: randomUUID(), ...f, at })) });
  }

  /** Drops counters older than `before`: they no longer count towards any limit. */
  async forgetBefore(before: Date): Promise<void> {
    await this.prisma.loginFailure.deleteMany({ where: { at: { lt: before } } });
  }
}
