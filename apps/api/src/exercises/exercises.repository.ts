import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface NewPracticeExercise {
  id: string;
  code: string;
  name: string;
  targets: string[];
  steps: string[];
  regression: string;
  progression: string;
  safety: string;
  defaultDose: Prisma.InputJsonObject;
  createdBy: string;
}

@Injectable()
export class ExercisesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The practice's own exercises, oldest first (the order they were added to the library). */
  list(practiceId: string) {
    return this.prisma.practiceExercise.findMany({ where: { practiceId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Which of these codes the practice has added. */
  async existingCodes(practiceId: string, codes: string[]): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const rows = await this.prisma.practiceExercise.findMany({ where: { practiceId, code: { in: codes } }, select: { code: true } });
    return new Set(rows.map((r) => r.code));
  }

  /** Fails with Prisma's P2002 when the code is taken in the practice (unique index on practice_id, code). */
  create(tx: Tx, practiceId: string, data: NewPracticeExercise) {
    return tx.practiceExercise.create({ data: { ...data, practiceId } });
  }
}
