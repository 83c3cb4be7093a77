import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';

type Db = Tx | PrismaService;

/** What `pageContext` reads (dates YYYY-MM-DD). */
export interface PortalPageContextRow {
  /** The patient's first name ('' when the patient is gone). */
  firstName: string;
  /** The plan version this link last showed (null before its first view). */
  lastSeenVersion: number | null;
  settleQuestion: { logId: string; date: string } | null;
  latestEpisode: { episodeId: string; onsetDate: string; resolved: boolean } | null;
  followUp: { id: string; months: number; dueOn: string } | null;
}

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

  /**
   * What the patient page shows beside its plan, in one statement: the patient's first name, the version the link last
   * showed (for "what changed"), and the questions the page asks: the most recent log of the plan dated in
   * [asOf - 3, asOf - 1] without a next-morning answer; the patient's latest recorded episode (by onset, then
   * recording) when it has not settled; the earliest follow-up come due and not answered.
   */
  async pageContext(practiceId: string, patientId: string, planId: string, shareLinkId: string, asOf: Date): Promise<PortalPageContextRow> {
    const rows = await this.prisma.$queryRaw<PortalPageContextRow[]>`
      SELECT coalesce((SELECT p.first_name FROM patients p WHERE p.practice_id = ${practiceId}::uuid AND p.id = ${patientId}::uuid), '') AS "firstName",
             (SELECT s.last_seen_version FROM share_links s WHERE s.practice_id = ${practiceId}::uuid AND s.id = ${shareLinkId}::uuid) AS "lastSeenVersion",
             (SELECT json_build_object('logId', l.id, 'date', to_char(l.date, 'YYYY-MM-DD'))
                FROM patient_logs l
               WHERE l.practice_id = ${practiceId}::uuid AND l.patient_id = ${patientId}::uuid AND l.plan_id = ${planId}::uuid
                 AND l.date BETWEEN ${asOf}::date - 3 AND ${asOf}::date - 1 AND l.settled_by_next_morning IS NULL
               ORDER BY l.date DESC, l.created_at DESC, l.id DESC LIMIT 1) AS "settleQuestion",
             (SELECT json_build_object('episodeId', e.id, 'onsetDate', to_char(e.onset_date, 'YYYY-MM-DD'), 'resolved', e.resolved_on IS NOT NULL)
                FROM episodes e
               WHERE e.practice_id = ${practiceId}::uuid AND e.patient_id = ${patientId}::uuid AND e.status = 'recorded'
               ORDER BY e.onset_date DESC, e.created_at DESC, e.id DESC LIMIT 1) AS "latestEpisode",
             (SELECT json_build_object('id', f.id, 'months', f.months, 'dueOn', to_char(f.due_on, 'YYYY-MM-DD'))
                FROM discharge_follow_ups f
               WHERE f.practice_id = ${practiceId}::uuid AND f.patient_id = ${patientId}::uuid
                 AND f.due_on <= ${asOf}::date AND f.answered_at IS NULL
               ORDER BY f.due_on, f.months LIMIT 1) AS "followUp"`;
    return rows[0];
  }

  findVersion(practiceId: string, planId: string, number: number) {
    return this.prisma.planVersion.findUnique({ where: { practiceId_planId_number: { practiceId, planId, number } } });
  }

  /** The practice's own exercises among these codes. */
  practiceExercises(practiceId: string, codes: string[]) {
    if (!codes.length) return Promise.resolve([]);
    return this.prisma.practiceExercise.findMany({
      where: { practiceId, code: { in: codes } },
      select: { code: true, name: true, steps: true, regression: true, progression: true, safety: true },
    });
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
