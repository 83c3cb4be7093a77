import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from './prisma.service.js';

/**
 * The one way to run several writes as a unit: a change and its audit row commit together or not at all.
 * Services hand the `tx` on to repositories; they never touch it themselves.
 */
@Injectable()
export class Transactions {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}
