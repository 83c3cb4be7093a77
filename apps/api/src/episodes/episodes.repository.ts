import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Keyset } from '../common/pagination.js';
import type { RecordStatus } from '../contracts/records.js';

export interface NewEpisode {
  id: string;
  practiceId: string;
  patientId: string;
  onsetDate: Date;
  recordedOn: Date;
  trigger: string;
  episodesLast12Months: number;
  frequencyTrend: string;
  painNprs: number;
  painAreas: string[];
  redFlags: string[];
  notes: string | null;
  classification: Prisma.InputJsonValue;
  category: string;
  urgency: string;
  reviewInDays: number;
  rulesetVersion: string;
  createdBy: string;
}

export interface EpisodeListFilter {
  status?: RecordStatus;
  after?: Keyset;
  take: number;
}

@Injectable()
export class EpisodesRepository {
  constructor(private readonly prisma: PrismaService) {}


  create(data: NewEpisode, tx: Tx) {
    return tx.episode.create({ data });
  }

  /** The episode, only when it is this patient's in this practice. */
  find(practiceId: string, patientId: string, id: string, tx: Tx | PrismaService = this.prisma) {
    return tx.episode.findFirst({ where: { practiceId, patientId, id } });
  }

  /** Recorded last first: keyset-paginated on (created_at, id), descending. */
  list(practiceId: string, patientId: string, filter: EpisodeListFilter) {
    const where: Prisma.EpisodeWhereInput = {
      practiceId,
      patientId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.after
        ? { OR: [{ createdAt: { lt: filter.after.at } }, { createdAt: filter.after.at, id: { lt: filter.after.id } }] }
        : {}),
    };
    return this.prisma.episode.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: filter.take });
  }

  /**
   * Marks a recorded episode entered in error. The status is part of the WHERE clause, so of two concurrent
   * requests only one succeeds; 0 rows means not found or already marked.
   */
  async markEnteredInError(practiceId: string, patientId: string, id: string, reason: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.episode.updateMany({
      where: { practiceId, patientId, id, status: 'recorded' },
      data: { status: 'entered_in_error', statusReason: reason, version: { increment: 1 } },
    });
    return count === 1;
  }
}
