import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';

const COLUMNS = { id: true, name: true, timeZone: true, reminderHours: true, unsignedNoteHours: true, version: true } as const;

@Injectable()
export class PracticeRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string, db: Tx | PrismaService = this.prisma) {
    return db.practice.findUnique({ where: { id }, select: COLUMNS });
  }

  /** Applies the changes only while the stored version is still `expectedVersion`; false when it is not. */
  async updateAtVersion(
    id: string,
    expectedVersion: number,
    data: { name?: string; timeZone?: string; reminderHours?: number; unsignedNoteHours?: number },
    tx: Tx,
  ): Promise<boolean> {
    const { count } = await tx.practice.updateMany({ where: { id, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
    return count === 1;
  }
}
