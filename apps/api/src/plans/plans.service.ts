import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { addDays, PlanBlockedError, suggestPlan, type EpisodeClassification, type PosturalReport } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError, FieldError } from '../common/app-error.js';
import { staleVersion } from '../common/if-match.js';
import { fromIsoDate, toIsoDate, todayIso } from '../common/dates.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import type { StaffActor } from '../common/request-context.js';
import { ExercisesService } from '../exercises/exercises.service.js';
import type { Plan, PlanVersion, Prisma } from '../generated/prisma/client.js';
import { PatientsService } from '../patients/patients.service.js';
import type {
  ActivatePlanDto,
  CreatePlanDto,
  PlanDto,
  PlanListItemDto,
  PlanListQueryDto,
  PlanPageDto,
  PlanPhaseDto,
  PlanSuggestionDto,
  PlanSuggestionQueryDto,
  PlanVersionDetailDto,
  PlanVersionPageDto,
  PlanVersionSummaryDto,
  UpdatePlanDto,
} from './dto/plan.dto.js';
import { PlanContent, PlansRepository } from './plans.repository.js';
import { decodeVersionCursor, encodeVersionCursor } from './version-cursor.js';
import { Transactions } from '../database/transactions.js';

type VersionSummaryRow = Pick<PlanVersion, 'number' | 'title' | 'startDate' | 'reviewDates' | 'changeNote' | 'createdAt' | 'createdBy'>;

export function toVersionSummary(v: VersionSummaryRow): PlanVersionSummaryDto {
  return {
    number: v.number,
    title: v.title,
    startDate: toIsoDate(v.startDate),
    reviewDates: v.reviewDates,
    changeNote: v.changeNote,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
  };
}

export function toVersionDetail(v: PlanVersion): PlanVersionDetailDto {
  return { ...toVersionSummary(v), phases: v.phases as unknown as PlanPhaseDto[], notes: v.notes };
}

function planFields(p: Plan) {
  return {
    id: p.id,
    patientId: p.patientId,
    status: p.status,
    statusReason: p.statusReason,
    currentVersion: p.currentVersion,
    version: p.version,
    episodeId: p.episodeId,
    assessmentId: p.assessmentId,
    category: p.category,
    rulesetVersion: p.rulesetVersion,
    activatedAt: p.activatedAt?.toISOString() ?? null,
    activatedBy: p.activatedBy,
    overrideReason: p.overrideReason,
    completedOn: p.completedOn ? toIsoDate(p.completedOn) : null,
    dischargeReason: p.dischargeReason,
    reachedMeaningfulChange: p.reachedMeaningfulChange,
    createdAt: p.createdAt.toISOString(),
    createdBy: p.createdBy,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toPlanDto(p: Plan & { versions: PlanVersion[] }): PlanDto {
  return { ...planFields(p), current: toVersionDetail(p.versions[0]) };
}

function toPlanListItem(p: Plan & { versions: VersionSummaryRow[] }): PlanListItemDto {
  return { ...planFields(p), current: toVersionSummary(p.versions[0]) };
}

/**
 * Review dates of a plan: start + the episode's review days (when the plan treats an episode), then the end of
 * each phase (start + 7 x endWeek); ascending, without duplicates. The same rule as the domain's suggestion.
 */
export function reviewDatesOf(startDate: string, reviewInDays: number | undefined, phases: readonly { endWeek: number }[]): string[] {
  const dates = [...(reviewInDays !== undefined ? [addDays(startDate, reviewInDays)] : []), ...phases.map((p) => addDays(startDate, 7 * p.endWeek))];
  return [...new Set(dates)].sort();
}

/** Phases as stored: only the fields the API knows, optional ones left out when absent. */
function phasesJson(phases: PlanPhaseDto[]): Prisma.InputJsonArray {
  return phases.map((phase) => ({
    key: phase.key,
    title: phase.title.trim(),
    startWeek: phase.startWeek,
    endWeek: phase.endWeek,
    goals: phase.goals.map((g) => g.trim()),
    exercises: phase.exercises.map((e) => ({
      exerciseCode: e.exerciseCode,
      sets: e.sets,
      reps: e.reps,
      ...(e.holdSeconds !== undefined ? { holdSeconds: e.holdSeconds } : {}),
      perSide: e.perSide,
      timesPerWeek: e.timesPerWeek,
      ...(e.side !== undefined ? { side: e.side } : {}),
      ...(e.notes !== undefined ? { notes: e.notes.trim() } : {}),
    })),
  }));
}

@Injectable()
export class PlansService {
  constructor(
    private readonly transactions: Transactions,
    private readonly plans: PlansRepository,
    private readonly patients: PatientsService,
    private readonly exercises: ExercisesService,
    private readonly audit: AuditService,
  ) {}

  /** The plan, scoped to the caller's practice; 404 when it does not exist or belongs to another practice. */
  async require(practiceId: string, planId: string) {
    const plan = await this.plans.findPlan(practiceId, planId);
    if (!plan) throw new AppError('not_found', 'No such plan in your practice.');
    return plan;
  }

  async suggest(actor: StaffActor, patientId: string, query: PlanSuggestionQueryDto): Promise<PlanSuggestionDto> {
    await this.patients.require(actor.practiceId, patientId);
    let episode;
    if (query.episodeId) {
      episode = await this.plans.findEpisode(actor.practiceId, query.episodeId);
      if (!episode || episode.patientId !== patientId) throw new AppError('not_found', 'No such episode for this patient.');
      if (episode.status === 'entered_in_error') throw new AppError('conflict', 'This episode was marked entered in error: choose another.');
    } else {
      episode = await this.plans.latestEpisode(actor.practiceId, patientId);
      if (!episode) throw new AppError('conflict', 'Record an episode first: a plan is drafted from the episode’s classification.');
    }
    let assessment = null;
    if (query.assessmentId) {
      assessment = await this.plans.findAssessment(actor.practiceId, query.assessmentId);
      if (!assessment || assessment.patientId !== patientId) throw new AppError('not_found', 'No such assessment for this patient.');
      if (assessment.status === 'entered_in_error') throw new AppError('conflict', 'This assessment was marked entered in error: choose another.');
    }
    let draft;
    try {
      draft = suggestPlan({
        classification: episode.classification as unknown as EpisodeClassification,
        report: assessment ? (assessment.report as unknown as PosturalReport) : null,
        startDate: todayIso(),
      });
    } catch (error) {
      if (error instanceof PlanBlockedError) throw new AppError('red_flag_open', error.message);
      throw error;
    }
    await this.audit.record({ action: 'read', resourceType: 'plan_suggestion', patientId });
    return { ...draft, episodeId: episode.id, assessmentId: assessment?.id ?? null };
  }

  async create(actor: StaffActor, patientId: string, body: CreatePlanDto): Promise<PlanDto> {
    const { practiceId } = actor;
    await this.patients.requireActive(practiceId, patientId);
    const errors: FieldError[] = [];
    const episode = body.episodeId ? await this.plans.findEpisode(practiceId, body.episodeId) : null;
    if (body.episodeId) {
      if (!episode || episode.patientId !== patientId) errors.push({ field: 'episodeId', message: 'is not an episode of this patient' });
      else if (episode.status === 'entered_in_error') errors.push({ field: 'episodeId', message: 'was marked entered in error' });
    }
    if (body.assessmentId) {
      const assessment = await this.plans.findAssessment(practiceId, body.assessmentId);
      if (!assessment || assessment.patientId !== patientId) errors.push({ field: 'assessmentId', message: 'is not an assessment of this patient' });
      else if (assessment.status === 'entered_in_error') errors.push({ field: 'assessmentId', message: 'was marked entered in error' });
    }
    errors.push(...(await this.phaseErrors(practiceId, body.phases)));
    if (errors.length) throw AppError.fields(errors);

    const startDate = body.startDate ?? todayIso();
    const id = randomUUID();
    await this.transactions.run(async (tx) => {
      await this.plans.createPlan(
        tx,
        practiceId,
        {
          id,
          patientId,
          episodeId: episode?.id ?? null,
          assessmentId: body.assessmentId ?? null,
          category: episode?.category ?? null,
          rulesetVersion: episode?.rulesetVersion ?? null,
          createdBy: actor.userId,
        },
        {
          title: body.title.trim(),
          startDate: fromIsoDate(startDate),
          phases: phasesJson(body.phases),
          reviewDates: reviewDatesOf(startDate, episode?.reviewInDays, body.phases),
          notes: (body.notes ?? []).map((n) => n.trim()),
          changeNote: null,
        },
      );
      await this.audit.record({ action: 'create', resourceType: 'plan', resourceId: id, patientId }, tx);
    });
    return toPlanDto((await this.plans.findPlan(practiceId, id))!);
  }

  async list(actor: StaffActor, patientId: string, query: PlanListQueryDto): Promise<PlanPageDto> {
    await this.patients.require(actor.practiceId, patientId);
    const rows = await this.plans.listPlans(actor.practiceId, patientId, decodeCursor(query.cursor), query.limit + 1);
    await this.audit.record({ action: 'read', resourceType: 'plan', patientId });
    return toPage(rows, query.limit, (r) => r.createdAt, toPlanListItem);
  }

  async get(actor: StaffActor, planId: string): Promise<PlanDto> {
    const plan = await this.require(actor.practiceId, planId);
    await this.audit.record({ action: 'read', resourceType: 'plan', resourceId: plan.id, patientId: plan.patientId });
    return toPlanDto(plan);
  }

  /**
   * A draft is edited in place (same version number); an active plan gets a new version and its earlier ones
   * stay readable. Completed and entered-in-error plans are closed.
   */
  async update(actor: StaffActor, planId: string, expected: number, body: UpdatePlanDto): Promise<PlanDto> {
    const { practiceId } = actor;
    const plan = await this.require(practiceId, planId);
    if (plan.version !== expected) throw staleVersion(plan.version);
    if (plan.status !== 'draft' && plan.status !== 'active') {
      throw new AppError('conflict', `This plan is ${plan.status.replace(/_/g, ' ')}: it can no longer be changed.`);
    }
    if (body.title == null && body.startDate == null && body.phases == null && body.notes == null) {
      throw new AppError('validation_failed', 'Send at least one of title, startDate, phases or notes.', [
        { field: 'body', message: 'must change at least one of title, startDate, phases, notes' },
      ]);
    }
    if (body.phases) {
      const errors = await this.phaseErrors(practiceId, body.phases);
      if (errors.length) throw AppError.fields(errors);
    }

    const current = plan.versions[0];
    const startDate = body.startDate ?? toIsoDate(current.startDate);
    const phases = body.phases ? phasesJson(body.phases) : (current.phases as Prisma.InputJsonArray);
    const content: PlanContent = {
      title: body.title?.trim() ?? current.title,
      startDate: fromIsoDate(startDate),
      phases,
      reviewDates: reviewDatesOf(startDate, await this.plans.episodeReviewInDays(practiceId, plan.episodeId), phases as unknown as { endWeek: number }[]),
      notes: body.notes ? body.notes.map((n) => n.trim()) : current.notes,
      changeNote: body.changeNote?.trim() ?? (plan.status === 'draft' ? current.changeNote : null),
    };
    const newVersion = plan.status === 'active';
    const number = newVersion ? plan.currentVersion + 1 : plan.currentVersion;

    await this.transactions.run(async (tx) => {
      if (!(await this.plans.claimVersion(tx, practiceId, planId, expected, plan.status as 'draft' | 'active', number))) {
        const now = await this.plans.findPlan(practiceId, planId, tx);
        if (!now) throw new AppError('not_found', 'No such plan in your practice.');
        if (now.version !== expected) throw staleVersion(now.version);
        throw new AppError('conflict', `This plan is now ${now.status.replace(/_/g, ' ')}: reload it and apply your change again.`);
      }
      if (newVersion) await this.plans.createVersion(tx, practiceId, planId, number, content, actor.userId);
      else await this.plans.updateVersion(tx, practiceId, planId, number, content);
      await this.audit.record({ action: 'update', resourceType: 'plan', resourceId: planId, patientId: plan.patientId }, tx);
    });
    return toPlanDto((await this.plans.findPlan(practiceId, planId))!);
  }

  async listVersions(actor: StaffActor, planId: string, query: PlanListQueryDto): Promise<PlanVersionPageDto> {
    const plan = await this.require(actor.practiceId, planId);
    const rows = await this.plans.listVersions(actor.practiceId, planId, decodeVersionCursor(query.cursor), query.limit + 1);
    await this.audit.record({ action: 'read', resourceType: 'plan', resourceId: plan.id, patientId: plan.patientId });
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    return { items: page.map(toVersionSummary), nextCursor: more ? encodeVersionCursor(page[page.length - 1].number) : null };
  }

  async getVersion(actor: StaffActor, planId: string, number: number): Promise<PlanVersionDetailDto> {
    const plan = await this.require(actor.practiceId, planId);
    const version = await this.plans.findVersion(actor.practiceId, planId, number);
    if (!version) throw new AppError('not_found', `This plan has no version ${number}.`);
    await this.audit.record({ action: 'read', resourceType: 'plan', resourceId: plan.id, patientId: plan.patientId });
    return toVersionDetail(version);
  }

  /**
   * Draft -> active. Refused (409 red_flag_open) while the patient's latest episode is a referral, unless the
   * clinician gives a reason, which is stored on the plan. Any other active plan of the patient is completed in
   * the same transaction, so a patient has at most one active plan.
   */
  async activate(actor: StaffActor, planId: string, body: ActivatePlanDto): Promise<PlanDto> {
    const { practiceId } = actor;
    const plan = await this.require(practiceId, planId);
    if (plan.status !== 'draft') throw new AppError('conflict', `Only a draft can be activated; this plan is ${plan.status.replace(/_/g, ' ')}.`);
    const overrideReason = body.overrideReason?.trim();

    await this.transactions.run(async (tx) => {
      await this.plans.lockPatient(tx, practiceId, plan.patientId);
      const latest = await this.plans.latestEpisode(practiceId, plan.patientId, tx);
      const referral = latest?.category === 'referral';
      if (referral && !overrideReason) {
        throw new AppError(
          'red_flag_open',
          'The patient’s latest episode is a referral: no exercise plan while a red flag is open. Give an overrideReason once a doctor has cleared the patient.',
        );
      }
      if (!(await this.plans.activate(tx, practiceId, planId, actor.userId, new Date(), referral ? overrideReason! : null))) {
        const now = await this.plans.findPlan(practiceId, planId, tx);
        if (!now) throw new AppError('not_found', 'No such plan in your practice.');
        throw new AppError('conflict', `Only a draft can be activated; this plan is ${now.status.replace(/_/g, ' ')}.`);
      }
      await this.plans.completeOtherActivePlans(tx, practiceId, plan.patientId, planId);
      await this.audit.record({ action: 'update', resourceType: 'plan', resourceId: planId, patientId: plan.patientId }, tx);
    });
    return toPlanDto((await this.plans.findPlan(practiceId, planId))!);
  }

  /** Exercise codes every phase names must be in the library (built-in or the practice's); phase keys unique. */
  private async phaseErrors(practiceId: string, phases: PlanPhaseDto[]): Promise<FieldError[]> {
    const unknown = await this.exercises.unknownCodes(
      practiceId,
      phases.flatMap((p) => p.exercises.map((e) => e.exerciseCode)),
    );
    const errors: FieldError[] = [];
    phases.forEach((phase, i) => {
      if (phases.findIndex((p) => p.key === phase.key) < i) errors.push({ field: `phases[${i}].key`, message: 'is already used by another phase' });
      phase.exercises.forEach((e, j) => {
        if (unknown.has(e.exerciseCode)) errors.push({ field: `phases[${i}].exercises[${j}].exerciseCode`, message: 'is not an exercise in your library' });
      });
    });
    return errors;
  }
}
