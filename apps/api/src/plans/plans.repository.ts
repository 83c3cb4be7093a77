import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Keyset } from '../common/pagination.js';

/** The content of one plan version. */
export interface PlanContent {
  title: string;
  startDate: Date;
  phases: Prisma.InputJsonArray;
  reviewDates: string[];
  notes: string[];
  changeNote: string | null;
  /** The progression advice the version applies (section 9.2); absent for a hand-made version. */
  advice?: Prisma.InputJsonValue;
}

export interface NewPlan {
  id: string;
  patientId: string;
  episodeId: string | null;
  assessmentId: string | null;
  category: string | null;
  rulesetVersion: string | null;
  createdBy: string;
}

const summarySelect = {
  number: true,
  title: true,
  startDate: true,
  reviewDates: true,
  changeNote: true,
  createdAt: true,
  createdBy: true,
} as const satisfies Prisma.PlanVersionSelect;

/** The current version is the one with the highest number (currentVersion always points at it). */
const withCurrent = { versions: { orderBy: { number: 'desc' }, take: 1 } } as const satisfies Prisma.PlanInclude;
const withCurrentSummary = { versions: { orderBy: { number: 'desc' }, take: 1, select: summarySelect } } as const satisfies Prisma.PlanInclude;

@Injectable()
export class PlansRepository {
  constructor(private readonly prisma: PrismaService) {}

  findPlan(practiceId: string, id: string, tx: Tx | PrismaService = this.prisma) {
    return tx.plan.findUnique({ where: { practiceId_id: { practiceId, id } }, include: withCurrent });
  }

  /** A patient's plans, newest first, keyset-paginated on (created_at, id), each with its current version's summary. */
  listPlans(practiceId: string, patientId: string, after: Keyset | undefined, take: number) {
    return this.prisma.plan.findMany({
      where: {
        practiceId,
        patientId,
        ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      include: withCurrentSummary,
    });
  }

  findEpisode(practiceId: string, id: string) {
    return this.prisma.episode.findUnique({ where: { practiceId_id: { practiceId, id } } });
  }

  findAssessment(practiceId: string, id: string) {
    return this.prisma.assessment.findUnique({ where: { practiceId_id: { practiceId, id } } });
  }

  /** The patient's latest episode: the one recorded last (entered-in-error ones do not count). */
  latestEpisode(practiceId: string, patientId: string, tx: Tx | PrismaService = this.prisma) {
    return tx.episode.findFirst({
      where: { practiceId, patientId, status: 'recorded' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  /** The review days of the episode a plan was made from, for its review dates. */
  async episodeReviewInDays(practiceId: string, episodeId: string | null): Promise<number | undefined> {
    if (!episodeId) return undefined;
    const episode = await this.prisma.episode.findUnique({ where: { practiceId_id: { practiceId, id: episodeId } }, select: { reviewInDays: true } });
    return episode?.reviewInDays;
  }

  async createPlan(tx: Tx, practiceId: string, plan: NewPlan, content: PlanContent) {
    await tx.plan.create({ data: { ...plan, practiceId, status: 'draft', currentVersion: 1, version: 1 } });
    await tx.planVersion.create({ data: { ...content, practiceId, planId: plan.id, number: 1, createdBy: plan.createdBy } });
  }

  /**
   * Takes the plan's next concurrency version only if it is still at `expected` and in `status`: the check and
   * the write are one statement, so of two writers holding the same version exactly one gets count 1.
   */
  async claimVersion(tx: Tx, practiceId: string, id: string, expected: number, status: 'draft' | 'active', currentVersion: number): Promise<boolean> {
    const { count } = await tx.plan.updateMany({
      where: { practiceId, id, version: expected, status },
      data: { version: { increment: 1 }, currentVersion },
    });
    return count === 1;
  }

  updateVersion(tx: Tx, practiceId: string, planId: string, number: number, content: PlanContent) {
    return tx.planVersion.update({ where: { practiceId_planId_number: { practiceId, planId, number } }, data: content });
  }

  createVersion(tx: Tx, practiceId: string, planId: string, number: number, content: PlanContent, createdBy: string) {
    return tx.planVersion.create({ data: { ...content, practiceId, planId, number, createdBy } });
  }

  /** Versions newest first, without their phases. */
  listVersions(practiceId: string, planId: string, belowNumber: number | undefined, take: number) {
    return this.prisma.planVersion.findMany({
      where: { practiceId, planId, ...(belowNumber !== undefined ? { number: { lt: belowNumber } } : {}) },
      orderBy: { number: 'desc' },
      take,
      select: summarySelect,
    });
  }

  findVersion(practiceId: string, planId: string, number: number) {
    return this.prisma.planVersion.findUnique({ where: { practiceId_planId_number: { practiceId, planId, number } } });
  }

  /**
   * Locks the patient's row until the transaction ends, so activations of one patient's plans run one at a time
   * (one active plan per patient) and no episode can be recorded for the patient meanwhile (its foreign key
   * needs a share lock on the same row).
   */
  async lockPatient(tx: Tx, practiceId: string, patientId: string): Promise<void> {
    await tx.$queryRaw`SELECT 1 FROM patients WHERE practice_id = ${practiceId}::uuid AND id = ${patientId}::uuid FOR UPDATE`;
  }

  /** Draft -> active, only if the plan is still a draft. */
  async activate(tx: Tx, practiceId: string, id: string, by: string, at: Date, overrideReason: string | null): Promise<boolean> {
    const { count } = await tx.plan.updateMany({
      where: { practiceId, id, status: 'draft' },
      data: { status: 'active', activatedAt: at, activatedBy: by, overrideReason, version: { increment: 1 } },
    });
    return count === 1;
  }

  /** Ends the patient's other active plans (a new one replaces them). */
  async completeOtherActivePlans(tx: Tx, practiceId: string, patientId: string, keepId: string): Promise<number> {
    const { count } = await tx.plan.updateMany({
      where: { practiceId, patientId, status: 'active', id: { not: keepId } },
      data: { status: 'completed', statusReason: 'Replaced by a newly activated plan.', version: { increment: 1 } },
    });
    return count;
  }
}
