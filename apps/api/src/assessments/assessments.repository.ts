import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Keyset } from '../common/pagination.js';
import type { RecordStatus } from '../common/clinical-record.dto.js';

export interface NewAssessment {
  id: string;
  practiceId: string;
  patientId: string;
  assessedOn: Date;
  measurements: Prisma.InputJsonValue;
  notes: string | null;
  report: Prisma.InputJsonValue;
  refer: boolean;
  rulesetVersion: string;
  createdBy: string;
}

export interface AssessmentListFilter {
  status?: RecordStatus;
  /** The position after the previous page: `at` is the assessment date. */
  after?: Keyset;
  take: number;
}

@Injectable()
export class AssessmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: NewAssessment, tx: Tx) {
    return tx.assessment.create({ data });
  }

  /** The assessment, only when it is this patient's in this practice. */
  find(practiceId: string, patientId: string, id: string, tx: Tx | PrismaService = this.prisma) {
    return tx.assessment.findFirst({ where: { practiceId, patientId, id } });
  }

  /** Newest assessment date first: keyset-paginated on (assessed_on, id), descending (the table's index). */
  list(practiceId: string, patientId: string, filter: AssessmentListFilter) {
    const where: Prisma.AssessmentWhereInput = {
      practiceId,
      patientId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.after ? { OR: [{ assessedOn: { lt: filter.after.at } }, { assessedOn: filter.after.at, id: { lt: filter.after.id } }] } : {}),
    };
    return this.prisma.assessment.findMany({ where, orderBy: [{ assessedOn: 'desc' }, { id: 'desc' }], take: filter.take });
  }

  /** Marks a recorded assessment entered in error; false when not found or already marked (status is in the WHERE). */
  async markEnteredInError(practiceId: string, patientId: string, id: string, reason: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.assessment.updateMany({
      where: { practiceId, patientId, id, status: 'recorded' },
      data: { status: 'entered_in_error', statusReason: reason, version: { increment: 1 } },
    });
    return count === 1;
  }
}
