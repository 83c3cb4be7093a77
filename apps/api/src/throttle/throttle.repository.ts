import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../database/prisma.service.js';

/** How many failures a key has had since a moment, and when the oldest of them was. */
export interface FailureWindow {
  count: number;
  oldest: Date | null;
}

export interface FailureKey {
  kind: string;
  key: string;
}

/**
 * Failure counters for throttling (sign-in per account and address pair, per address and per account; portal
 * opens per address), in PostgreSQL so every API replica sees the same counts.
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

  /** The windows of several keys in one statement, in the order asked (each read through the (kind, key, at) index). */
  async windows(keys: FailureKey[], since: Date): Promise<FailureWindow[]> {
    const rows = await this.prisma.loginFailure.groupBy({
      by: ['kind', 'key'],
      where: { at: { gte: since }, OR: keys.map(({ kind, key }) => ({ kind, key })) },
      _count: { _all: true },
      _min: { at: true },
    });
    return keys.map(({ kind, key }) => {
      const row = rows.find((r) => r.kind === kind && r.key === key);
      return { count: row?._count._all ?? 0, oldest: row?._min.at ?? null };
    });
  }

  async record(failures: FailureKey[], at: Date): Promise<void> {
    await this.prisma.loginFailure.createMany({ data: failures.map((f) => ({ id: randomUUID(), ...f, at })) });
  }

  /** Drops counters older than `before`: they no longer count towards any limit. */
  async forgetBefore(before: Date): Promise<void> {
    await this.prisma.loginFailure.deleteMany({ where: { at: { lt: before } } });
  }
}
