import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  addDays,
  clinicOutcomes,
  INSTRUMENTS,
  MEANINGFUL_CHANGE,
  type ClosedPlanOutcome,
  type DischargeReview,
  type Instrument,
  type SpasmHistory,
} from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { fromIsoDate, todayIso } from '../common/dates.js';
import { staleVersion } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import type { Tx } from '../database/prisma.service.js';
import { Transactions } from '../database/transactions.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { PlanDto } from '../plans/dto/plan.dto.js';
import { doseText } from '../plans/plan-changes.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { toPlanDto } from '../plans/plans.service.js';
import {
  changeNoteOf,
  exerciseCatalogue,
  patientSpasmHistory,
  planDischargeReview,
  planProgression,
  reachedMeaningfulChange,
  type DischargeInputs,
  type OutcomePairFacts,
} from './cycle-facts.js';
import { CycleRepository, type CyclePlanRow, type PlanCycleFacts } from './cycle.repository.js';
import type {
  ApplyProgressionDto,
  ClinicOutcomesDto,
  DischargeLetterDto,
  DischargeMaintenanceDto,
  DischargePlanDto,
  DischargeReviewDto,
  FollowUpReviewedDto,
  LetterToDoctorDto,
  PracticeOutcomesDto,
  ProgressionDto,
  ReviewFollowUpDto,
  SpasmHistoryDto,
} from './dto/cycle.dto.js';
import { DischargeRepository, type OutcomeCountsRow } from './discharge.repository.js';

/** The follow-up questions after a discharge: months, and days after the completion day. */
export const FOLLOW_UPS = [
  { months: 3, days: 91 },
  { months: 6, days: 182 },
  { months: 12, days: 365 },
] as const;

const INSTRUMENT_LABELS: Record<Instrument, string> = {
  odi: 'Oswestry Disability Index (ODI)',
  rmdq: 'Roland-Morris Disability Questionnaire (RMDQ)',
  nprs: 'Numeric Pain Rating Scale (NPRS)',
  psfs: 'Patient-Specific Functional Scale (PSFS)',
};

/** Rule 6's smallest change that matters, in words. */
export function mcidText(instrument: Instrument): string {
  const rule = MEANINGFUL_CHANGE[instrument];
  const direction = rule.higherIsBetter ? 'a rise' : 'a fall';
  const percent = rule.percentOfBaseline !== undefined ? ` or ${rule.percentOfBaseline} % of the baseline` : '';
  return `${direction} of ${rule.points} points or more${percent}`;
}

/** What a completed plan's discharge stored (never recomputed). */
export interface DischargeSnapshot {
  asOf: string;
  review: DischargeReview;
  history: SpasmHistory;
  inputs: DischargeInputs;
  maintenance: DischargeMaintenanceDto;
  letterToDoctor: LetterToDoctorDto | null;
  plan: { title: string; version: number };
}

type LoadedPlan = PlanCycleFacts & { plan: CyclePlanRow };

const notFound = () => new AppError('not_found', 'No such plan in your practice.');
const notActive = (status: string) =>
  new AppError('plan_not_active', `This plan is ${status.replace(/_/g, ' ')}: only an active plan progresses or is discharged.`);

/** The clinician's side of the spasm cycle (issue 19, routes 1-8 and 10). */
@Injectable()
export class CycleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly cycle: CycleRepository,
    private readonly discharges: DischargeRepository,
    private readonly plans: PlansRepository,
    private readonly audit: AuditService,
  ) {}

  async spasmHistory(actor: StaffActor, patientId: string): Promise<SpasmHistoryDto> {
    const asOf = todayIso();
    const facts = await this.cycle.patientFactsAudited(this.audit.context(actor.practiceId), 'spasm_history', patientId);
    if (!facts.found) throw new AppError('not_found', 'No such patient in your practice.');
    const { history } = patientSpasmHistory(facts, asOf);
    return {
      ...history,
      planId: facts.historyPlan?.id ?? null,
      planStartDate: facts.historyPlan?.startDate ?? null,
      asOf,
      episodes: facts.episodes,
    };
  }

  async progression(actor: StaffActor, planId: string): Promise<ProgressionDto> {
    const asOf = todayIso();
    const facts = await this.cycle.planFactsAudited(this.audit.context(actor.practiceId), 'progression', planId, asOf);
    const plan = requirePlan(facts);
    if (plan.plan.status !== 'active') throw notActive(plan.plan.status);
    const computed = planProgression(plan, asOf)!;
    return {
      ...computed.advice,
      asOf,
      phase: {
        key: computed.phase.key,
        title: computed.phase.title,
        daysInPhase: computed.phase.daysInPhase,
        isLastPhase: computed.phase.isLastPhase,
      },
      adherencePercent: computed.adherencePercent,
      openPainAlert: plan.openPainAlert,
      logs: computed.logs,
      proposal: computed.proposed?.proposal ?? null,
    };
  }

  /**
   * Recomputes the advice and, when it is still the one the client saw, writes the proposal as a new plan version
   * (with the advice and the ruleset in its change note), If-Match on the plan's version.
   */
  async applyProgression(actor: StaffActor, planId: string, expected: number, body: ApplyProgressionDto): Promise<PlanDto> {
    const { practiceId } = actor;
    const asOf = todayIso();
    const plan = requirePlan(await this.cycle.planFacts(practiceId, planId, asOf));
    if (plan.plan.version !== expected) throw staleVersion(plan.plan.version);
    if (plan.plan.status !== 'active') throw notActive(plan.plan.status);
    const computed = planProgression(plan, asOf)!;
    if (computed.advice.advice !== body.advice || !computed.proposed) {
      throw new AppError(
        'advice_changed',
        `The advice is now "${computed.advice.advice}", not "${body.advice}": reload the progression and decide again.`,
        undefined,
        undefined,
        { advice: computed.advice.advice },
      );
    }
    const { proposed } = computed;
    const number = plan.plan.currentVersion + 1;
    await this.transactions.run(async (tx) => {
      if (!(await this.plans.claimVersion(tx, practiceId, planId, expected, 'active', number))) throw await this.lostRace(tx, practiceId, planId, expected);
      await this.plans.createVersion(
        tx,
        practiceId,
        planId,
        number,
        {
          title: plan.plan.title,
          startDate: fromIsoDate(proposed.startDate),
          phases: proposed.phases as unknown as Prisma.InputJsonArray,
          reviewDates: plan.plan.reviewDates,
          notes: plan.plan.notes,
          changeNote: changeNoteOf(proposed.proposal),
          advice: computed.advice as unknown as Prisma.InputJsonObject,
        },
        actor.userId,
      );
      await this.audit.record({ action: 'update', resourceType: 'plan', resourceId: planId, patientId: plan.plan.patientId }, tx);
    });
    return toPlanDto((await this.plans.findPlan(practiceId, planId))!);
  }

  async dischargeReview(actor: StaffActor, planId: string): Promise<DischargeReviewDto> {
    const asOf = todayIso();
    const plan = requirePlan(await this.cycle.planFactsAudited(this.audit.context(actor.practiceId), 'discharge_review', planId, asOf));
    const stored = plan.plan.status === 'completed' ? (plan.plan.discharge as DischargeSnapshot | null) : null;
    if (stored) return { ...stored.review, asOf: stored.asOf, inputs: stored.inputs, stored: true };
    const { review, inputs } = planDischargeReview(plan, asOf);
    return { ...review, asOf, inputs, stored: false };
  }

  /**
   * Discharges an active plan (If-Match): completed, with the reason, the day, who, whether a change that matters was
   * reached, and a snapshot of what the review, the history and the inputs said; three follow-ups (3, 6, 12 months).
   * One transaction with the audit row. Allowed whatever the review says: it is a suggestion.
   */
  async discharge(actor: StaffActor, planId: string, expected: number, body: DischargePlanDto): Promise<PlanDto> {
    const { practiceId } = actor;
    const asOf = todayIso();
    const plan = requirePlan(await this.cycle.planFacts(practiceId, planId, asOf));
    if (plan.plan.version !== expected) throw staleVersion(plan.plan.version);
    if (plan.plan.status !== 'active') throw notActive(plan.plan.status);
    const completedOn = body.completedOn ?? asOf;
    if (completedOn > asOf) throw AppError.field('completedOn', 'cannot be in the future');
    if (completedOn < plan.plan.planStartDate) throw AppError.field('completedOn', `cannot be before the plan started (${plan.plan.planStartDate})`);

    const { review, inputs, history } = planDischargeReview(plan, asOf);
    const phases = plan.plan.phases;
    const maintainPhase = phases.find((p) => p.key === 'maintain') ?? phases[phases.length - 1];
    const letterToDoctor = body.letterToDoctor
      ? { name: body.letterToDoctor.name.trim(), ...(body.letterToDoctor.address?.trim() ? { address: body.letterToDoctor.address.trim() } : {}) }
      : null;
    const snapshot: DischargeSnapshot = {
      asOf,
      review,
      history,
      inputs,
      maintenance: {
        phase: maintainPhase,
        text:
          review.maintenance?.text ??
          `Keep the exercises of “${maintainPhase.title}” going for at least 12 months after discharge: the protection fades when exercise stops (Steffens 2016; Pocovi 2024).`,
        patientText:
          review.maintenance?.patientText ??
          'Keep doing your exercises for at least a year, even when your back feels fine: that is what keeps the spasms from coming back.',
      },
      letterToDoctor,
      plan: { title: plan.plan.title, version: plan.plan.currentVersion },
    };
    await this.transactions.run(async (tx) => {
      const done = await this.discharges.discharge(tx, practiceId, planId, expected, {
        completedOn: fromIsoDate(completedOn),
        reason: body.reason.trim(),
        dischargedBy: actor.userId,
        snapshot: snapshot as unknown as Prisma.InputJsonObject,
        reachedMeaningfulChange: reachedMeaningfulChange(inputs.outcomes),
      });
      if (!done) throw await this.lostRace(tx, practiceId, planId, expected);
      await this.discharges.createFollowUps(
        tx,
        practiceId,
        FOLLOW_UPS.map((f) => ({
          id: randomUUID(),
          patientId: plan.plan.patientId,
          planId,
          months: f.months,
          dueOn: fromIsoDate(addDays(completedOn, f.days)),
        })),
      );
      await this.audit.record({ action: 'update', resourceType: 'plan', resourceId: planId, patientId: plan.plan.patientId }, tx);
    });
    return toPlanDto((await this.plans.findPlan(practiceId, planId))!);
  }

  async dischargeLetter(actor: StaffActor, planId: string): Promise<DischargeLetterDto> {
    const row = await this.discharges.letterAudited(this.audit.context(actor.practiceId), planId);
    if (!row.plan) throw notFound();
    const snapshot = row.plan.discharge as DischargeSnapshot | null;
    if (row.plan.status !== 'completed' || !snapshot || !row.plan.completedOn) {
      throw new AppError('plan_not_completed', 'This plan has not been discharged: a discharge letter comes with the discharge.');
    }
    const catalogue = exerciseCatalogue(row.ownExercises.map((e) => ({ ...e, progression: '', regression: '' })));
    const outcomes = (Object.entries(snapshot.inputs.outcomes) as [Instrument, OutcomePairFacts][])
      .sort(([a], [b]) => INSTRUMENTS.indexOf(a) - INSTRUMENTS.indexOf(b))
      .map(([instrument, pair]) => ({
        instrument,
        label: INSTRUMENT_LABELS[instrument],
        baseline: pair.baseline,
        latest: pair.latest,
        change: Math.round((pair.latest - pair.baseline) * 10) / 10,
        meaningful: pair.meaningful,
        mcid: mcidText(instrument),
      }));
    const report = row.assessment;
    return {
      practice: { name: row.practiceName },
      patient: row.patient!,
      clinician: { name: row.clinicianName ?? '' },
      completedOn: row.plan.completedOn,
      reason: row.plan.reason ?? '',
      letterToDoctor: snapshot.letterToDoctor,
      episodes: row.episodes,
      findings: [...(report?.findings ?? []).map((f) => f.text), ...(report?.targets ?? []).map((t) => `Strengthening target: ${t.code.replace(/_/g, ' ')}`)],
      plan: {
        title: row.plan.title,
        phases: row.plan.phases.map((p) => ({ title: p.title, exercises: p.exercises.map((e) => catalogue(e.exerciseCode).name) })),
      },
      outcomes,
      review: snapshot.review,
      history: snapshot.history,
      maintenance: {
        text: snapshot.maintenance.text,
        patientText: snapshot.maintenance.patientText,
        exercises: snapshot.maintenance.phase.exercises.map((e) => ({ name: catalogue(e.exerciseCode).name, dose: doseText(e) })),
      },
      rulesetVersion: snapshot.review.rulesetVersion,
    };
  }

  async practiceOutcomes(actor: StaffActor): Promise<PracticeOutcomesDto> {
    const asOf = todayIso();
    const rows = await this.discharges.outcomesAudited(this.audit.context(actor.practiceId), asOf);
    const total = rows.reduce(
      (sum, r) => ({
        cases: sum.cases + r.cases,
        reachedYes: sum.reachedYes + r.reachedYes,
        reachedNo: sum.reachedNo + r.reachedNo,
        recurredYes: sum.recurredYes + r.recurredYes,
        recurredNo: sum.recurredNo + r.recurredNo,
      }),
      { cases: 0, reachedYes: 0, reachedNo: 0, recurredYes: 0, recurredNo: 0 },
    );
    return {
      asOf,
      overall: outcomesOf(total),
      byClinician: rows.map((r) => ({ clinicianId: r.clinicianId, name: r.name ?? '', ...outcomesOf(r) })),
    };
  }

  /** Why a conditional write of an active plan at `expected` changed nothing: gone, changed meanwhile, or no longer active. */
  private async lostRace(tx: Tx, practiceId: string, planId: string, expected: number): Promise<AppError> {
    const now = await this.plans.findPlan(practiceId, planId, tx);
    if (!now) return notFound();
    return now.version !== expected ? staleVersion(now.version) : notActive(now.status);
  }

  /** Marks a follow-up answer as seen by a clinician, and links the episode recorded from it. */
  async reviewFollowUp(actor: StaffActor, followUpId: string, body: ReviewFollowUpDto): Promise<FollowUpReviewedDto> {
    const { practiceId } = actor;
    const followUp = await this.discharges.findFollowUp(practiceId, followUpId);
    if (!followUp) throw new AppError('not_found', 'No such follow-up in your practice.');
    if (!followUp.answeredAt) throw new AppError('conflict', 'The patient has not answered this follow-up yet.');
    if (body.episodeId) {
      if (!followUp.spasmSince) throw new AppError('conflict', 'The patient reported no spasm at this follow-up: there is no episode to link.');
      if (!(await this.discharges.findRecordedEpisode(practiceId, followUp.patientId, body.episodeId))) {
        throw AppError.field('episodeId', 'is not a recorded episode of this patient');
      }
    }
    const updated = await this.transactions.run(async (tx) => {
      const row = await this.discharges.markFollowUpReviewed(tx, practiceId, followUpId, actor.userId, body.episodeId ?? null);
      await this.audit.record({ action: 'update', resourceType: 'discharge_follow_up', resourceId: followUpId, patientId: followUp.patientId }, tx);
      return row;
    });
    return { id: updated.id, reviewedAt: updated.reviewedAt!.toISOString(), episodeId: updated.episodeId };
  }
}

function requirePlan(facts: PlanCycleFacts): LoadedPlan {
  if (!facts.plan) throw notFound();
  return facts as LoadedPlan;
}

/** The domain's clinic outcomes from counts: each count stands for that many cases with that value. */
function outcomesOf(c: Pick<OutcomeCountsRow, 'cases' | 'reachedYes' | 'reachedNo' | 'recurredYes' | 'recurredNo'>): ClinicOutcomesDto {
  const cases: ClosedPlanOutcome[] = [];
  for (let i = 0; i < c.cases; i++) {
    cases.push({
      reachedMeaningfulChange: i < c.reachedYes ? true : i < c.reachedYes + c.reachedNo ? false : null,
      recurredWithin12Months: i < c.recurredYes ? true : i < c.recurredYes + c.recurredNo ? false : null,
    });
  }
  return { ...clinicOutcomes(cases), cases: c.cases };
}
