import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/prisma.service.js';

/** What the patient answers on their page about the spasm cycle (section 9): every query scoped by practice and patient. */
@Injectable()
export class PortalAnswersRepository {
  /** A log of this patient's plan, or null (another patient's or plan's log is never found). */
  findPlanLog(tx: Tx, practiceId: string, patientId: string, planId: string, logId: string) {
    return tx.patientLog.findFirst({ where: { practiceId, id: logId, patientId, planId }, select: { id: true, date: true } });
  }

  answerSettled(tx: Tx, practiceId: string, logId: string, settled: boolean, at: Date) {
    return tx.patientLog.update({
      where: { practiceId_id: { practiceId, id: logId } },
      data: { settledByNextMorning: settled, settledAnsweredAt: at },
      select: { id: true, settledByNextMorning: true },
    });
  }

  /** One of this patient's episodes, or null. */
  findEpisode(tx: Tx, practiceId: string, patientId: string, episodeId: string) {
    return tx.episode.findFirst({ where: { practiceId, id: episodeId, patientId }, select: { id: true, onsetDate: true, status: true } });
  }

  /** The patient says the spasm settled on `resolvedOn`: recorded as theirs, and the episode's version moves on. */
  resolveEpisode(tx: Tx, practiceId: string, patientId: string, episodeId: string, resolvedOn: Date) {
    return tx.episode.update({
      where: { practiceId_id: { practiceId, id: episodeId } },
      data: { resolvedOn, resolvedByType: 'patient', resolvedBy: patientId, version: { increment: 1 } },
      select: { id: true, onsetDate: true, resolvedOn: true },
    });
  }

  /** One of this patient's follow-ups, with the discharge day of its plan. */
  findFollowUp(tx: Tx, practiceId: string, patientId: string, followUpId: string) {
    return tx.dischargeFollowUp.findFirst({
      where: { practiceId, id: followUpId, patientId },
      select: { id: true, months: true, dueOn: true, answeredAt: true, plan: { select: { completedOn: true } } },
    });
  }

  /** Records the answer unless one is there already (checked in the UPDATE itself): false when it was. */
  async answerFollowUp(tx: Tx, practiceId: string, followUpId: string, answer: { spasmSince: boolean; spasmOn: Date | null }, at: Date) {
    const { count } = await tx.dischargeFollowUp.updateMany({
      where: { practiceId, id: followUpId, answeredAt: null },
      data: { answeredAt: at, spasmSince: answer.spasmSince, spasmOn: answer.spasmOn },
    });
    return count === 1;
  }
}
