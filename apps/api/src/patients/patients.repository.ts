import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma, Sex } from '../generated/prisma/client.js';
import type { Keyset } from '../common/pagination.js';

export interface PatientListFilter {
  search?: string;
  archived: boolean;
  after?: Keyset;
  take: number;
}

/** The columns a registration or a correction writes (names and searchName always together). */
export interface PatientFields {
  firstName?: string;
  lastName?: string;
  searchName?: string;
  dateOfBirth?: Date;
  sex?: Sex;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
  archivedAt?: Date | null;
}

type Db = Tx | PrismaService;

@Injectable()
export class PatientsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Runs `work` in one database transaction (a write and its audit row commit together). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  find(practiceId: string, id: string, db: Db = this.prisma) {
    return db.patient.findUnique({ where: { practiceId_id: { practiceId, id } } });
  }

  create(
    practiceId: string,
    data: Required<Omit<PatientFields, 'archivedAt'>> & { id: string; createdBy: string },
    db: Db = this.prisma,
  ) {
    return db.patient.create({ data: { ...data, practiceId } });
  }

  /**
   * Applies `data` only while the stored version is still `expectedVersion`, and bumps the version. Returns false
   * when no row matched (unknown patient or stale version): the caller re-reads to tell which.
   */
  async updateAtVersion(practiceId: string, id: string, expectedVersion: number, data: PatientFields, db: Db = this.prisma): Promise<boolean> {
    const { count } = await db.patient.updateMany({
      where: { practiceId, id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1;
  }

  /** Sets archivedAt unless already set (so the first archive date stays); true when this call archived it. */
  async archive(practiceId: string, id: string, at: Date, db: Db = this.prisma): Promise<boolean> {
    const { count } = await db.patient.updateMany({
      where: { practiceId, id, archivedAt: null },
      data: { archivedAt: at, version: { increment: 1 } },
    });
    return count === 1;
  }

  /** Clears archivedAt when set; true when this call restored it. */
  async restore(practiceId: string, id: string, db: Db = this.prisma): Promise<boolean> {
    const { count } = await db.patient.updateMany({
      where: { practiceId, id, archivedAt: { not: null } },
      data: { archivedAt: null, version: { increment: 1 } },
    });
    return count === 1;
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
