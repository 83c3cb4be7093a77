import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { meaningfulChange, RULESET_VERSION, type Instrument, type OdiBand } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { fromIsoDate, toIsoDate } from '../common/dates.js';
import type { StaffActor } from '../common/request-context.js';
import { requireNotBeforeBirth } from '../episodes/clinical-dates.js';
import type { EnteredInErrorDto } from '../episodes/dto/entered-in-error.dto.js';
import type { OutcomeScore } from '../generated/prisma/client.js';
import { PatientsService } from '../patients/patients.service.js';
import type { CreateOutcomeDto, OutcomeAnswers, OutcomeListQueryDto, OutcomeScoreDto, OutcomeScoreListDto } from './dto/outcome.dto.js';
import { scoreAnswers } from './outcome-scoring.js';
import { OutcomesRepository } from './outcomes.repository.js';
import { Transactions } from '../database/transactions.js';

/** The most scores one list answer holds (oldest first); `truncated` says when there were more. */
export const OUTCOME_LIST_LIMIT = 500;

type Baseline = Pick<OutcomeScore, 'id' | 'score'>;

/**
 * The score as the API answers it, with its change from the baseline (the patient's first recorded score of the
 * instrument). The baseline itself, and a score marked entered in error, have no change.
 */
export function toOutcomeDto(o: OutcomeScore, baseline: Baseline | null | undefined): OutcomeScoreDto {
  const instrument = o.instrument as Instrument;
  const compared = baseline && o.status === 'recorded' && baseline.id !== o.id;
  return {
    id: o.id,
    patientId: o.patientId,
    instrument,
    recordedOn: toIsoDate(o.recordedOn),
    answers: o.answers as OutcomeAnswers,
    score: o.score,
    band: (o.band as OdiBand | null) ?? null,
    change: compared ? { baseline: baseline.score, ...meaningfulChange(instrument, baseline.score, o.score) } : null,
    rulesetVersion: o.rulesetVersion,
    status: o.status,
    statusReason: o.statusReason,
    createdAt: o.createdAt.toISOString(),
    createdBy: o.createdBy,
  };
}

@Injectable()
export class OutcomesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly outcomes: OutcomesRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records an outcome measure with the score computed here by the domain's scorer, and answers it with the change
   * from the patient's first score of that instrument (null when this is the first).
   */
  async create(actor: StaffActor, patientId: string, body: CreateOutcomeDto): Promise<OutcomeScoreDto> {
    const patient = await this.patients.requireActive(actor.practiceId, patientId);
    requireNotBeforeBirth(patient.dateOfBirth, body.recordedOn, 'recordedOn');
    const { score, band } = scoreAnswers(body.instrument, body.answers);
    return this.transactions.run(async (tx) => {
      const created = await this.outcomes.create(
        {
          id: randomUUID(),
          practiceId: actor.practiceId,
          patientId,
          instrument: body.instrument,
          recordedOn: fromIsoDate(body.recordedOn),
          answers: body.answers,
          score,
          band,
          rulesetVersion: RULESET_VERSION,
          createdBy: actor.userId,
        },
        tx,
      );
      // Read after the insert: a score dated before every earlier one becomes the baseline itself.
      const baseline = await this.outcomes.baseline(actor.practiceId, patientId, body.instrument, tx);
      await this.audit.record({ action: 'create', resourceType: 'outcome', resourceId: created.id, patientId }, tx);
      return toOutcomeDto(created, baseline);
    });
  }

  /** The patient's scores oldest first, for charts, each with its change from the first of its instrument. */
  async list(actor: StaffActor, patientId: string, query: OutcomeListQueryDto): Promise<OutcomeScoreListDto> {
    await this.patients.require(actor.practiceId, patientId);
    const rows = await this.outcomes.list(actor.practiceId, patientId, {
      instrument: query.instrument,
      includeEnteredInError: query.includeEnteredInError ?? false,
      take: OUTCOME_LIST_LIMIT + 1,
    });
    await this.audit.record({ action: 'read', resourceType: 'outcome', resourceId: null, patientId });
    const items = rows.slice(0, OUTCOME_LIST_LIMIT);
    // Oldest first, so each instrument's baseline is its first recorded row here (a later page could not hold it).
    const baselines = new Map<string, OutcomeScore>();
    for (const row of items) if (row.status === 'recorded' && !baselines.has(row.instrument)) baselines.set(row.instrument, row);
    return { items: items.map((row) => toOutcomeDto(row, baselines.get(row.instrument))), truncated: rows.length > OUTCOME_LIST_LIMIT };
  }

  /** Marks a score entered in error (never deleted); it leaves the charts and stops being a baseline. 409 when already marked. */
  async markEnteredInError(actor: StaffActor, patientId: string, outcomeId: string, body: EnteredInErrorDto): Promise<OutcomeScoreDto> {
    await this.patients.require(actor.practiceId, patientId);
    const row = await this.transactions.run(async (tx) => {
      const marked = await this.outcomes.markEnteredInError(actor.practiceId, patientId, outcomeId, body.reason, tx);
      const current = await this.outcomes.find(actor.practiceId, patientId, outcomeId, tx);
      if (!current) throw notFound();
      if (!marked) throw new AppError('conflict', 'This score is already marked entered in error.');
      await this.audit.record({ action: 'update', resourceType: 'outcome', resourceId: outcomeId, patientId }, tx);
      return current;
    });
    return toOutcomeDto(row, null);
  }
}

function notFound(): AppError {
  return new AppError('not_found', 'No such outcome score for this patient.');
}
