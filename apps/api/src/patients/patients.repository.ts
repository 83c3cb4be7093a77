import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Keyset } from '../common/pagination.js';

export interface PatientListFilter {
  search?: string;
  archived: boolean;
  after?: Keyset;
  take: number;
}

@Injectable()
export class PatientsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(practiceId: string, id: string) {
    return this.prisma.patient.findUnique({ where: { practiceId_id: { practiceId, id } } });
  }

  /** Newest first, keyset-paginated on (created_at, id); the search uses the trigram index on search_name. */
  list(practiceId: string, filter: PatientListFilter) {
    const where: Prisma.PatientWhereInput = {
      practiceId,
      archivedAt: filter.archived ? { not: null } : null,
      ...(filter.search ? { searchName: { contains: filter.search } } : {}),
      ...(filter.after
        ? { OR: [{ createdAt: { lt: filter.after.at } }, { createdAt: filter.after.at, id: { lt: filter.after.id } }] }
        : {}),
    };
    return this.prisma.patient.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: filter.take });
  }
}
