import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface NewOutcomeScore {
  id: string;
  practiceId: string;
  patientId: string;
  instrument: string;
  recordedOn: Date;
  answers: Prisma.InputJsonValue;
  score: number;
  band: string | null;
  rulesetVersion: string;
  createdBy: string;
}

export interface OutcomeListFilter {
  instrument?: string;
  includeEnteredInError: boolean;
  take: number;
}

/** Oldest first: by the day it was recorded, then when it was entered (then id, so the order is total). */
const OLDEST_FIRST: Prisma.OutcomeScoreOrderByWithRelationInput[] = [{ recordedOn: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }];

@Injectable()
export class OutcomesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: NewOutcomeScore, tx: Tx) {
    return tx.outcomeScore.create({ data });
  }

  /** The score, only when it is this patient's in this practice. */
  find(practiceId: string, patientId: string, id: string, tx: Tx | PrismaService = this.prisma) {
    return tx.outcomeScore.findFirst({ where: { practiceId, patientId, id } });
  }

  /** The patient's first recorded (not entered-in-error) score of an instrument: the baseline of every change. */
  baseline(practiceId: string, patientId: string, instrument: string, tx: Tx | PrismaService = this.prisma) {
    return tx.outcomeScore.findFirst({ where: { practiceId, patientId, instrument, status: 'recorded' }, orderBy: OLDEST_FIRST });
  }

  /** The patient's scores, oldest first, at most `take`. */
  list(practiceId: string, patientId: string, filter: OutcomeListFilter) {
    return this.prisma.outcomeScore.findMany({
      where: {
        practiceId,
        patientId,
        ...(filter.instrument ? { instrument: filter.instrument } : {}),
        ...(filter.includeEnteredInError ? {} : { status: 'recorded' }),
      },
      orderBy: OLDEST_FIRST,
      take: filter.take,
    });
  }

  /** Marks a recorded score entered in error; false when not found or already marked (status is in the WHERE). */
  async markEnteredInError(practiceId: string, patientId: string, id: string, reason: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.outcomeScore.updateMany({
      where: { practiceId, patientId, id, status: 'recorded' },
      data: { status: 'entered_in_error', statusReason: reason },
    });
    return count === 1;
  }
}
