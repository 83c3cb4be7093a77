import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError, FieldError } from '../common/app-error.js';
import { fromIsoDate, toIsoDate, todayIso } from '../common/dates.js';
import type { PortalActor } from '../common/request-context.js';
import { Transactions } from '../database/transactions.js';
import { resolvedOnErrors } from '../cycle/cycle-facts.js';
import type {
  FollowUpAnswerDto,
  FollowUpAnsweredDto,
  PortalEpisodeDto,
  PortalEpisodeResolvedDto,
  SettledAnswerDto,
  SettledAnswerStoredDto,
} from './dto/portal.dto.js';
import { PortalAnswersRepository } from './portal-answers.repository.js';

const unprocessable = (errors: FieldError[]) => AppError.fields(errors, 'unprocessable');

/**
 * The patient's answers about the spasm cycle (section 9): whether a session's pain settled by the next morning, the
 * day their spasm settled, and the follow-up questions after discharge. Each is scoped to the session's practice and
 * patient (another patient's record is a 404) and written with its audit row (the patient as actor) in one
 * transaction. `asOf` is the practice's today.
 */
@Injectable()
export class PortalAnswersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly answers: PortalAnswersRepository,
    private readonly audit: AuditService,
  ) {}

  /** The next-morning answer for a log of the session's plan, dated before today; a second answer replaces the first. */
  async settled(session: PortalActor, logId: string, body: SettledAnswerDto, asOf = todayIso()): Promise<SettledAnswerStoredDto> {
    const { practiceId, patientId, planId } = session;
    return this.transactions.run(async (tx) => {
      const log = await this.answers.findPlanLog(tx, practiceId, patientId, planId, logId);
      if (!log) throw new AppError('not_found', 'No such log in your plan.');
      const date = toIsoDate(log.date);
      if (date >= asOf) {
        const message = `can be answered from the morning after the session (${date}), not on the day itself`;
        throw new AppError('too_soon', `settledByNextMorning: ${message}`, [{ field: 'settledByNextMorning', message }]);
      }
      const stored = await this.answers.answerSettled(tx, practiceId, logId, body.settledByNextMorning, new Date());
      await this.audit.record({ action: 'update', resourceType: 'patient_log', resourceId: logId, patientId }, tx);
      return { id: stored.id, settledByNextMorning: stored.settledByNextMorning! };
    });
  }

  /** The patient's own episode settled on `resolvedOn` (not before its onset, not after today); a later answer corrects it. */
  async resolveEpisode(session: PortalActor, episodeId: string, body: PortalEpisodeResolvedDto, asOf = todayIso()): Promise<PortalEpisodeDto> {
    const { practiceId, patientId } = session;
    return this.transactions.run(async (tx) => {
      const episode = await this.answers.findEpisode(tx, practiceId, patientId, episodeId);
      if (!episode) throw new AppError('not_found', 'No such episode.');
      if (episode.status === 'entered_in_error')
        throw new AppError('episode_entered_in_error', 'This episode was recorded by mistake and cannot be marked resolved.');
      // The clinician's route's date rules (not before the onset, not after today).
      const errors = resolvedOnErrors(toIsoDate(episode.onsetDate), body.resolvedOn, asOf);
      if (errors.length) throw AppError.fields(errors);
      const resolved = await this.answers.resolveEpisode(tx, practiceId, patientId, episodeId, fromIsoDate(body.resolvedOn));
      await this.audit.record({ action: 'update', resourceType: 'episode', resourceId: episodeId, patientId }, tx);
      return { id: resolved.id, onsetDate: toIsoDate(resolved.onsetDate), resolvedOn: toIsoDate(resolved.resolvedOn!), resolvedByType: 'patient' };
    });
  }

  /**
   * The answer to a follow-up that has come due: a spasm since the discharge (with its day: after the discharge, not
   * after today) or none. Answered once: a second answer is a 409 and the first one stays.
   */
  async answerFollowUp(session: PortalActor, followUpId: string, body: FollowUpAnswerDto, asOf = todayIso()): Promise<FollowUpAnsweredDto> {
    const { practiceId, patientId } = session;
    const shapeErrors: FieldError[] = [];
    if (body.spasmSince && body.spasmOn === undefined) shapeErrors.push({ field: 'spasmOn', message: 'is required when spasmSince is true' });
    if (!body.spasmSince && body.spasmOn !== undefined) shapeErrors.push({ field: 'spasmOn', message: 'is only given when spasmSince is true' });
    if (shapeErrors.length) throw unprocessable(shapeErrors);
    return this.transactions.run(async (tx) => {
      const followUp = await this.answers.findFollowUp(tx, practiceId, patientId, followUpId);
      if (!followUp) throw new AppError('not_found', 'No such follow-up question.');
      if (followUp.answeredAt) throw new AppError('already_answered', 'You have already answered this question. Thank you.');
      const dueOn = toIsoDate(followUp.dueOn);
      if (dueOn > asOf)
        throw new AppError('too_soon', `This question is for ${dueOn} onwards.`, [{ field: 'spasmSince', message: `can be answered from ${dueOn}` }]);
      if (body.spasmOn !== undefined) {
        const completedOn = followUp.plan.completedOn ? toIsoDate(followUp.plan.completedOn) : null;
        if (completedOn && body.spasmOn <= completedOn) throw unprocessable([{ field: 'spasmOn', message: `must be after your discharge (${completedOn})` }]);
        if (body.spasmOn > asOf) throw unprocessable([{ field: 'spasmOn', message: 'cannot be in the future' }]);
      }
      const at = new Date();
      const spasmOn = body.spasmOn === undefined ? null : fromIsoDate(body.spasmOn);
      if (!(await this.answers.answerFollowUp(tx, practiceId, followUpId, { spasmSince: body.spasmSince, spasmOn }, at))) {
        throw new AppError('already_answered', 'You have already answered this question. Thank you.');
      }
      await this.audit.record({ action: 'update', resourceType: 'discharge_follow_up', resourceId: followUpId, patientId }, tx);
      return { id: followUpId, months: followUp.months, answeredAt: at.toISOString(), spasmSince: body.spasmSince, spasmOn: body.spasmOn ?? null };
    });
  }
}
