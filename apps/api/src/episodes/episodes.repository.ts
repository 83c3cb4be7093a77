import { Injectable } from '@nestjs/common';
import { auditInsert, auditValues, type AuditContext } from '../audit/audit-sql.js';
import { PrismaService, Tx } from '../database/prisma.service.js';
import { iso, Sql, statement } from '../database/sql.js';
import type { EpisodeDto } from './dto/episode.dto.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Keyset } from '../common/pagination.js';
import type { RecordStatus } from '../common/clinical-record.dto.js';

export interface NewEpisode {
  id: string;
  practiceId: string;
  patientId: string;
  /** YYYY-MM-DD */
  onsetDate: string;
  /** YYYY-MM-DD */
  recordedOn: string;
  trigger: string;
  episodesLast12Months: number;
  frequencyTrend: string;
  painNprs: number;
  painAreas: string[];
  redFlags: string[];
  notes: string | null;
  classification: Prisma.InputJsonValue;
  category: string;
  urgency: string;
  reviewInDays: number;
  rulesetVersion: string;
  createdBy: string;
}

export interface EpisodeListFilter {
  status?: RecordStatus;
  after?: Keyset;
  take: number;
}

/**
 * Records an episode and its audit row in ONE statement ($1-$6 the audit context): the row is inserted only while
 * the patient is current (not archived), checked in the same statement, and answered as the API shows it. No row
 * back means the patient was archived (or is unknown) at that moment.
 */
const CREATE_EPISODE = statement<EpisodeDto>(
  'episode_create',
  `WITH inserted AS (
     INSERT INTO episodes (id, practice_id, patient_id, onset_date, recorded_on, trigger, episodes_last_12_months, frequency_trend,
                           pain_nprs, pain_areas, red_flags, notes, classification, category, urgency, review_in_days, ruleset_version,
                           created_by, updated_at)
     SELECT $7::uuid, p.practice_id, p.id, $9::date, $10::date, $11, $12::int, $13, $14::int, $15::text[], $16::text[], $17, $18::jsonb,
            $19, $20, $21::int, $22, $23::uuid, now()
       FROM patients p WHERE p.practice_id = $1 AND p.id = $8 AND p.archived_at IS NULL
     RETURNING id AS "id", patient_id AS "patientId", to_char(onset_date, 'YYYY-MM-DD') AS "onsetDate",
               to_char(recorded_on, 'YYYY-MM-DD') AS "recordedOn", trigger AS "trigger", episodes_last_12_months AS "episodesLast12Months",
               frequency_trend AS "frequencyTrend", pain_nprs AS "painNprs", pain_areas AS "painAreas", red_flags AS "redFlags",
               notes AS "notes", classification AS "classification", status::text AS "status", status_reason AS "statusReason",
               ${iso('created_at')} AS "createdAt", created_by AS "createdBy", ${iso('updated_at')} AS "updatedAt", version AS "version",
               to_char(resolved_on, 'YYYY-MM-DD') AS "resolvedOn", resolved_by_type::text AS "resolvedByType"),
        audited AS (${auditInsert('create', 'episode', 'inserted', 'inserted."id"::text', 'inserted."patientId"')})
   SELECT * FROM inserted`,
);

@Injectable()
export class EpisodesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Sql,
  ) {}

  /** The new episode as the API answers it, or undefined when the patient is not a current patient of the practice. */
  createAudited(audit: AuditContext, e: NewEpisode): Promise<EpisodeDto | undefined> {
    return this.sql.one(CREATE_EPISODE, [
      ...auditValues(audit),
      e.id,
      e.patientId,
      e.onsetDate,
      e.recordedOn,
      e.trigger,
      e.episodesLast12Months,
      e.frequencyTrend,
      e.painNprs,
      e.painAreas,
      e.redFlags,
      e.notes,
      JSON.stringify(e.classification),
      e.category,
      e.urgency,
      e.reviewInDays,
      e.rulesetVersion,
      e.createdBy,
    ]);
  }

  /** The episode, only when it is this patient's in this practice. */
  find(practiceId: string, patientId: string, id: string, tx: Tx | PrismaService = this.prisma) {
    return tx.episode.findFirst({ where: { practiceId, patientId, id } });
  }

  /** Recorded last first: keyset-paginated on (created_at, id), descending. */
  list(practiceId: string, patientId: string, filter: EpisodeListFilter) {
    const where: Prisma.EpisodeWhereInput = {
      practiceId,
      patientId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.after ? { OR: [{ createdAt: { lt: filter.after.at } }, { createdAt: filter.after.at, id: { lt: filter.after.id } }] } : {}),
    };
    return this.prisma.episode.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: filter.take });
  }

  /**
   * Marks a recorded episode entered in error. The status is part of the WHERE clause, so of two concurrent
   * requests only one succeeds; 0 rows means not found or already marked.
   */
  async markEnteredInError(practiceId: string, patientId: string, id: string, reason: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.episode.updateMany({
      where: { practiceId, patientId, id, status: 'recorded' },
      data: { status: 'entered_in_error', statusReason: reason, version: { increment: 1 } },
    });
    return count === 1;
  }

  /**
   * Sets the day the episode's spasm settled and who said so, only while the episode is recorded and (when
   * `expectedVersion` is given) still at that version; bumps the version. False: not found, entered in error or stale.
   */
  async resolve(
    tx: Tx,
    practiceId: string,
    patientId: string,
    id: string,
    resolvedOn: Date,
    by: { type: 'user' | 'patient'; id: string },
    expectedVersion?: number,
  ): Promise<boolean> {
    const { count } = await tx.episode.updateMany({
      where: { practiceId, patientId, id, status: 'recorded', ...(expectedVersion !== undefined ? { version: expectedVersion } : {}) },
      data: { resolvedOn, resolvedByType: by.type, resolvedBy: by.id, version: { increment: 1 } },
    });
    return count === 1;
  }
}
