import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { classifyEpisode, daysBetween, type EpisodeClassification, type FrequencyTrend, type PainArea, type RedFlagCode, type Trigger } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { ageOn, fromIsoDate, toIsoDate, todayIso } from '../common/dates.js';
import { staleVersion } from '../common/if-match.js';
import { resolvedOnErrors } from '../cycle/cycle-facts.js';
import { decodeCursor, Page, toPage } from '../common/pagination.js';
import type { StaffActor } from '../common/request-context.js';
import type { Episode } from '../generated/prisma/client.js';
import { PatientsService } from '../patients/patients.service.js';
import { requireNotBeforeBirth } from './clinical-dates.js';
import type { EnteredInErrorDto } from './dto/entered-in-error.dto.js';
import type { CreateEpisodeDto, EpisodeDto, EpisodeListQueryDto, ResolveEpisodeDto } from './dto/episode.dto.js';
import { EpisodesRepository } from './episodes.repository.js';
import { Transactions } from '../database/transactions.js';

export function toEpisodeDto(e: Episode): EpisodeDto {
  return {
    id: e.id,
    patientId: e.patientId,
    onsetDate: toIsoDate(e.onsetDate),
    recordedOn: toIsoDate(e.recordedOn),
    trigger: e.trigger as Trigger,
    episodesLast12Months: e.episodesLast12Months,
    frequencyTrend: e.frequencyTrend as FrequencyTrend,
    painNprs: e.painNprs,
    painAreas: e.painAreas as PainArea[],
    redFlags: e.redFlags as RedFlagCode[],
    notes: e.notes,
    classification: e.classification as unknown as EpisodeClassification,
    status: e.status,
    statusReason: e.statusReason,
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdBy,
    updatedAt: e.updatedAt.toISOString(),
    version: e.version,
    resolvedOn: e.resolvedOn ? toIsoDate(e.resolvedOn) : null,
    resolvedByType: e.resolvedByType === 'user' || e.resolvedByType === 'patient' ? e.resolvedByType : null,
  };
}

@Injectable()
export class EpisodesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly episodes: EpisodesRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records an episode with the classification computed here, never taken from the client: age and days since
   * onset come from the patient's date of birth, the onset date and the practice's today, which is stored as `recordedOn`.
   */
  async create(actor: StaffActor, patientId: string, body: CreateEpisodeDto): Promise<EpisodeDto> {
    const patient = await this.patients.requireActive(actor.practiceId, patientId);
    requireNotBeforeBirth(patient.dateOfBirth, body.onsetDate, 'onsetDate');
    const today = todayIso();
    const classification = classifyEpisode({
      age: ageOn(toIsoDate(patient.dateOfBirth), today),
      daysSinceOnset: daysBetween(body.onsetDate, today),
      painNprs: body.painNprs,
      trigger: body.trigger,
      episodesLast12Months: body.episodesLast12Months,
      frequencyTrend: body.frequencyTrend,
      painAreas: body.painAreas,
      redFlags: body.redFlags,
    });
    // The insert and its audit row are one statement, which also re-checks that the patient is still current.
    const created = await this.episodes.createAudited(this.audit.context(actor.practiceId), {
      id: randomUUID(),
      practiceId: actor.practiceId,
      patientId,
      onsetDate: body.onsetDate,
      recordedOn: today,
      trigger: body.trigger,
      episodesLast12Months: body.episodesLast12Months,
      frequencyTrend: body.frequencyTrend,
      painNprs: body.painNprs,
      painAreas: body.painAreas,
      redFlags: body.redFlags,
      notes: body.notes ?? null,
      classification: classification as object,
      category: classification.category,
      urgency: classification.urgency,
      reviewInDays: classification.reviewInDays,
      rulesetVersion: classification.rulesetVersion,
      createdBy: actor.userId,
    });
    // Archived between the check above and the insert.
    if (!created) throw new AppError('conflict', 'This patient is archived. Restore them to add new records.');
    return created;
  }

  async list(actor: StaffActor, patientId: string, query: EpisodeListQueryDto): Promise<Page<EpisodeDto>> {
    await this.patients.require(actor.practiceId, patientId);
    const rows = await this.episodes.list(actor.practiceId, patientId, {
      status: query.status,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    });
    await this.audit.record({ action: 'read', resourceType: 'episode', resourceId: null, patientId });
    return toPage(rows, query.limit, (r) => r.createdAt, toEpisodeDto);
  }

  async get(actor: StaffActor, patientId: string, episodeId: string): Promise<EpisodeDto> {
    const episode = await this.require(actor.practiceId, patientId, episodeId);
    await this.audit.record({ action: 'read', resourceType: 'episode', resourceId: episode.id, patientId });
    return toEpisodeDto(episode);
  }

  /** Marks an episode entered in error (never deleted); 409 when it already is. */
  async markEnteredInError(actor: StaffActor, patientId: string, episodeId: string, body: EnteredInErrorDto): Promise<EpisodeDto> {
    await this.patients.require(actor.practiceId, patientId);
    const row = await this.transactions.run(async (tx) => {
      const marked = await this.episodes.markEnteredInError(actor.practiceId, patientId, episodeId, body.reason, tx);
      const current = await this.episodes.find(actor.practiceId, patientId, episodeId, tx);
      if (!current) throw notFound();
      if (!marked) throw new AppError('conflict', 'This episode is already marked entered in error.');
      await this.audit.record({ action: 'update', resourceType: 'episode', resourceId: episodeId, patientId }, tx);
      return current;
    });
    return toEpisodeDto(row);
  }

  /**
   * Marks the day the episode's spasm settled (a correction may set another day), with If-Match on the episode's
   * version. 409 episode_entered_in_error for an episode marked entered in error; 400 on resolvedOn before the onset
   * or after today.
   */
  async resolve(actor: StaffActor, patientId: string, episodeId: string, expected: number, body: ResolveEpisodeDto): Promise<EpisodeDto> {
    const episode = await this.require(actor.practiceId, patientId, episodeId);
    if (episode.status === 'entered_in_error') throw enteredInError();
    if (episode.version !== expected) throw staleVersion(episode.version);
    const errors = resolvedOnErrors(toIsoDate(episode.onsetDate), body.resolvedOn, todayIso());
    if (errors.length) throw AppError.fields(errors);
    const row = await this.transactions.run(async (tx) => {
      const done = await this.episodes.resolve(
        tx,
        actor.practiceId,
        patientId,
        episodeId,
        fromIsoDate(body.resolvedOn),
        { type: 'user', id: actor.userId },
        expected,
      );
      const current = await this.episodes.find(actor.practiceId, patientId, episodeId, tx);
      if (!current) throw notFound();
      if (!done) throw current.status === 'entered_in_error' ? enteredInError() : staleVersion(current.version);
      await this.audit.record({ action: 'update', resourceType: 'episode', resourceId: episodeId, patientId }, tx);
      return current;
    });
    return toEpisodeDto(row);
  }

  /** The episode of this patient in the caller's practice; 404 otherwise. */
  private async require(practiceId: string, patientId: string, episodeId: string): Promise<Episode> {
    await this.patients.require(practiceId, patientId);
    const episode = await this.episodes.find(practiceId, patientId, episodeId);
    if (!episode) throw notFound();
    return episode;
  }
}

function enteredInError(): AppError {
  return new AppError('episode_entered_in_error', 'This episode is marked entered in error: it cannot be marked resolved.');
}

function notFound(): AppError {
  return new AppError('not_found', 'No such episode for this patient.');
}
