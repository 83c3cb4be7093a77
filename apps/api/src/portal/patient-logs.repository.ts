import { Injectable } from '@nestjs/common';
import type { Keyset } from '../common/pagination.js';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface NewPatientLog {
  id: string;
  patientId: string;
  planId: string;
  planVersion: number;
  shareLinkId: string;
  date: Date;
  completedExercises: string[];
  pain: number;
  difficulty: number;
  note: string | null;
  alertReasons: string[];
}

type Db = Tx | PrismaService;

/** An open pain alert: the log raised one and no clinician has acknowledged it. */
const OPEN_ALERT = { alertReasons: { isEmpty: false }, alertAcknowledgedAt: null } as const satisfies Prisma.PatientLogWhereInput;

/** The patient's logs and their pain alerts. Every query is scoped by practice_id. */
@Injectable()
export class PatientLogsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, practiceId: string, log: NewPatientLog) {
    return tx.patientLog.create({ data: { ...log, practiceId } });
  }

  find(practiceId: string, id: string, db: Db = this.prisma) {
    return db.patientLog.findUnique({ where: { practiceId_id: { practiceId, id } } });
  }

  /** The patient's latest log for a day on or before `date` (same day: the one made last): the one a new log follows. */
  latestOnOrBefore(practiceId: string, patientId: string, date: Date, db: Db = this.prisma) {
    return db.patientLog.findFirst({
      where: { practiceId, patientId, date: { lte: date } },
      orderBy: [{ date: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  /** Newest day first, keyset on (date, id) along the (practice_id, patient_id, date desc, id desc) index. */
  listForPatient(practiceId: string, patientId: string, take: number, after?: Keyset) {
    return this.prisma.patientLog.findMany({
      where: {
        practiceId,
        patientId,
        ...(after ? { OR: [{ date: { lt: after.at } }, { date: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** Logs of these patients dated within [from, to], in one query (what adherence counts). */
  inWindow(practiceId: string, patientIds: string[], from: Date, to: Date) {
    if (!patientIds.length) return Promise.resolve([]);
    return this.prisma.patientLog.findMany({
      where: { practiceId, patientId: { in: patientIds }, date: { gte: from, lte: to } },
      select: { patientId: true, date: true, completedExercises: true },
      orderBy: [{ date: 'asc' }],
    });
  }

  /** Each patient's latest log date on or before `to`, in one query (days since the last log). */
  async lastLogDates(practiceId: string, patientIds: string[], to: Date): Promise<Map<string, Date>> {
    if (!patientIds.length) return new Map();
    const rows = await this.prisma.patientLog.groupBy({
      by: ['patientId'],
      where: { practiceId, patientId: { in: patientIds }, date: { lte: to } },
      _max: { date: true },
    });
    return new Map(rows.filter((r) => r._max.date).map((r) => [r.patientId, r._max.date!]));
  }

  /** Open pain alerts, newest first: of one patient, or of the whole practice. */
  openAlerts(practiceId: string, take: number, patientId?: string) {
    return this.prisma.patientLog.findMany({
      where: { practiceId, ...(patientId ? { patientId } : {}), ...OPEN_ALERT },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** Marks the alert seen, only if it is open (first acknowledgement wins); true when this call did. */
  async acknowledge(tx: Tx, practiceId: string, patientId: string, id: string, by: string, at: Date): Promise<boolean> {
    const { count } = await tx.patientLog.updateMany({
      where: { practiceId, patientId, id, ...OPEN_ALERT },
      data: { alertAcknowledgedAt: at, alertAcknowledgedBy: by },
    });
    return count === 1;
  }

  /** The active plans of these patients with their current version's start and phases, in one query. */
  activePlans(practiceId: string, patientIds: string[]) {
    if (!patientIds.length) return Promise.resolve([]);
    return this.prisma.plan.findMany({
      where: { practiceId, patientId: { in: patientIds }, status: 'active' },
      select: {
        id: true,
        patientId: true,
        activatedAt: true,
        versions: { orderBy: { number: 'desc' }, take: 1, select: { startDate: true, phases: true } },
      },
      orderBy: [{ activatedAt: 'desc' }],
    });
  }
}
