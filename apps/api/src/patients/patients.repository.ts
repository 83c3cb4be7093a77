import { Injectable } from '@nestjs/common';
import { auditValues, type AuditContext } from '../audit/audit-sql.js';
import { Db, PrismaService } from '../database/prisma.service.js';
import { Sql } from '../database/sql.js';
import type { Patient, Sex } from '../generated/prisma/client.js';
import type { Keyset } from '../common/pagination.js';
import type { PatientDto } from './dto/patient.dto.js';
import type { DuplicateDto } from './dto/patient-duplicates.dto.js';
import type { DuplicateKeys } from './patient-identity.js';
import { PATIENT_BY_ID, PATIENT_DUPLICATES, PATIENT_LIST, PATIENT_ROW } from './patients.queries.js';

export interface PatientListFilter {
  /** A LIKE pattern over search_text (patient-identity.ts `searchPatternOf`). */
  search?: string;
  archived: boolean;
  after?: Keyset;
  take: number;
}

/** The columns a registration or a correction writes (the details and their derived keys always together). */
export interface PatientFields {
  firstName?: string;
  lastName?: string;
  searchName?: string;
  searchText?: string;
  phoneDigits?: string | null;
  dateOfBirth?: Date;
  sex?: Sex;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
  archivedAt?: Date | null;
}

/** The first page starts after this position: later than any row. */
const START: Keyset = { at: new Date(8.64e15), id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };

@Injectable()
export class PatientsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Sql,
  ) {}

  /** The patient as the API answers it, and its audit row, in one statement; undefined (and no row) when unknown. */
  findAudited(audit: AuditContext, id: string): Promise<PatientDto | undefined> {
    return this.sql.one(PATIENT_BY_ID, [...auditValues(audit), id]);
  }

  /**
   * Newest first, keyset-paginated on (created_at, id), with the list's audit row, in one statement. The search
   * (`filter.search`: a pattern of patient-identity.ts `searchPatternOf`) uses the (practice_id, search_text) trigram index.
   */
  listAudited(audit: AuditContext, filter: PatientListFilter): Promise<PatientDto[]> {
    const after = filter.after ?? START;
    const values = [...auditValues(audit), after.at === START.at ? 'infinity' : after.at, after.id, filter.take];
    if (filter.search) return this.sql.rows(filter.archived ? PATIENT_LIST.archivedSearch : PATIENT_LIST.currentSearch, [...values, filter.search]);
    return this.sql.rows(filter.archived ? PATIENT_LIST.archived : PATIENT_LIST.current, values);
  }

  /** Existing patients matching the duplicate rule's keys (closest first, at most 10) and the read's audit row, in one statement. */
  duplicatesAudited(audit: AuditContext, keys: DuplicateKeys): Promise<DuplicateDto[]> {
    return this.sql.rows(PATIENT_DUPLICATES, [...auditValues(audit), keys.name, keys.born, keys.email, keys.phone]);
  }

  /** The patient, or null; inside the caller's transaction when given, else one prepared statement. */
  async find(practiceId: string, id: string, db?: Db): Promise<Patient | null> {
    if (db) return db.patient.findUnique({ where: { practiceId_id: { practiceId, id } } });
    return (await this.sql.one(PATIENT_ROW, [practiceId, id])) ?? null;
  }

  create(practiceId: string, data: Required<Omit<PatientFields, 'archivedAt'>> & { id: string; createdBy: string }, db: Db = this.prisma) {
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
}
