import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';

type Db = Tx | PrismaService;

/** What the patient page reads: the plan of the session, its patient, exercises and access history. */
@Injectable()
export class PortalRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The plan with its current version (the highest number). */
  findPlan(practiceId: string, planId: string, db: Db = this.prisma) {
    return db.plan.findUnique({
      where: { practiceId_id: { practiceId, id: planId } },
      include: { versions: { orderBy: { number: 'desc' }, take: 1 } },
    });
  }

  findVersion(practiceId: string, planId: string, number: number) {
    return this.prisma.planVersion.findUnique({ where: { practiceId_planId_number: { practiceId, planId, number } } });
  }

  patientFirstName(practiceId: string, patientId: string) {
    return this.prisma.patient.findUnique({ where: { practiceId_id: { practiceId, id: patientId } }, select: { firstName: true } });
  }

  /** The practice's own exercises among these codes. */
  practiceExercises(practiceId: string, codes: string[]) {
    if (!codes.length) return Promise.resolve([]);
    return this.prisma.practiceExercise.findMany({
      where: { practiceId, code: { in: codes } },
      select: { code: true, name: true, steps: true, regression: true, progression: true, safety: true },
    });
  }

  lastSeenVersion(practiceId: string, shareLinkId: string) {
    return this.prisma.shareLink.findUnique({ where: { practiceId_id: { practiceId, id: shareLinkId } }, select: { lastSeenVersion: true } });
  }

  rememberSeen(tx: Tx, practiceId: string, shareLinkId: string, version: number) {
    return tx.shareLink.updateMany({ where: { practiceId, id: shareLinkId }, data: { lastSeenVersion: version } });
  }

  /** What staff did with this patient's record, newest first (along the (practice_id, patient_id, at) index). */
  staffAccess(practiceId: string, patientId: string, take: number) {
    return this.prisma.auditEvent.findMany({
      where: { practiceId, patientId, actorType: 'user' },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take,
      select: { at: true, actorId: true, role: true, action: true, resourceType: true },
    });
  }

  /** Names of the practice's users among these ids, in one query. */
  async userNames(practiceId: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const users = await this.prisma.user.findMany({ where: { practiceId, id: { in: ids } }, select: { id: true, name: true } });
    return new Map(users.map((u) => [u.id, u.name]));
  }

  /**
   * The patient's next appointment: booked or arrived, not over yet, the earliest (along the
   * (practice_id, patient_id, start_at) index), with what the patient page and its calendar file show.
   */
  nextAppointment(practiceId: string, patientId: string, now: Date) {
    return this.prisma.appointment.findFirst({
      where: { practiceId, patientId, status: { in: ['booked', 'arrived'] }, endAt: { gt: now } },
      orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        startAt: true,
        endAt: true,
        version: true,
        clinician: { select: { name: true } },
        type: { select: { name: true } },
        patient: { select: { firstName: true, practice: { select: { name: true, timeZone: true } } } },
      },
    });
  }
}
