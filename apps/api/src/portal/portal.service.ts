import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EXERCISES, painAlert, toZonedIso } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError, FieldError } from '../common/app-error.js';
import { fromIsoDate, toIsoDate, todayIso } from '../common/dates.js';
import type { PortalActor } from '../common/request-context.js';
import type { PlanPhaseDto } from '../plans/dto/plan.dto.js';
import { appointmentCalendar } from '../outbox/appointment-calendar.js';
import type {
  AccessLogDto,
  CreatePatientLogDto,
  PatientLogCreatedDto,
  PatientLogListDto,
  PlanChangesDto,
  PortalNextAppointmentDto,
  PortalPlanViewDto,
} from './dto/portal.dto.js';
import { painAdviceForPatient } from './patient-message.js';
import { toPatientLogEntry } from './patient-logs.js';
import { PatientLogsRepository } from './patient-logs.repository.js';
import { planChanges } from '../plans/plan-changes.js';
import { currentPhaseKey, ExerciseDetails, ExerciseLookup, toPortalPhases } from './plan-view.js';
import { PortalRepository } from './portal.repository.js';
import { Transactions } from '../database/transactions.js';
import { planProgression, planSpasmHistory } from '../cycle/cycle-facts.js';
import { CycleRepository } from '../cycle/cycle.repository.js';
import { PORTAL_PLAN_STATUSES } from './portal-sessions.service.js';

/** The patient page shows at most this many logs and access-log entries. */
export const PORTAL_LIST_LIMIT = 100;

const BUILT_IN = new Map<string, ExerciseDetails>(EXERCISES.map((e) => [e.code, e]));

/** The part of a discharge snapshot (plans.discharge) the patient page shows. */
interface DischargeSnapshotMaintenance {
  maintenance?: { text: string; patientText: string; phase: PlanPhaseDto };
}

const codesOf = (phases: readonly PlanPhaseDto[]) => phases.flatMap((p) => p.exercises.map((e) => e.exerciseCode));

/**
 * The patient's side of the plan: everything is scoped to the practice, patient and plan of the portal session
 * (never to anything the client sends), and every read and write is audited with the patient as the actor.
 */
@Injectable()
export class PortalService {
  constructor(
    private readonly transactions: Transactions,
    private readonly portal: PortalRepository,
    private readonly logs: PatientLogsRepository,
    private readonly cycle: CycleRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The current version of the session's plan, the phase of today, what changed since the last visit, and the
   * questions of the spasm cycle (section 9). A completed plan still opens, with its discharge's maintenance programme.
   */
  async plan(session: PortalActor, today = todayIso()): Promise<PortalPlanViewDto> {
    const { practiceId, patientId } = session;
    const plan = await this.sessionPlan(session);
    const current = plan.versions[0];
    const [context, facts] = await Promise.all([
      this.portal.pageContext(practiceId, patientId, plan.id, session.shareLinkId, fromIsoDate(today)),
      this.cycle.planFacts(practiceId, plan.id, today),
    ]);
    // The spasm cycle since this plan began, and the progression advice while it is active (the shared definitions).
    if (!facts.plan) throw new AppError('link_expired', 'This plan is no longer available. Please ask the practice for a new link.');
    const loaded = { ...facts, plan: facts.plan };
    const { history } = planSpasmHistory(loaded, today);
    const progression = plan.status === 'active' ? planProgression(loaded, today) : null;
    const phases = current.phases as unknown as PlanPhaseDto[];
    const sinceVersion = context.lastSeenVersion;
    const seen = sinceVersion !== null && sinceVersion !== current.number ? await this.portal.findVersion(practiceId, plan.id, sinceVersion) : null;
    const seenPhases = seen ? (seen.phases as unknown as PlanPhaseDto[]) : [];
    const maintenance = plan.status === 'completed' ? (plan.discharge as unknown as DischargeSnapshotMaintenance | null)?.maintenance : undefined;
    const lookup = await this.exerciseLookup(practiceId, [...codesOf(phases), ...codesOf(seenPhases), ...codesOf(maintenance ? [maintenance.phase] : [])]);

    const startDate = toIsoDate(current.startDate);
    const currentKey = currentPhaseKey(phases, startDate, today);
    const changes: PlanChangesDto | null = seen ? { sinceVersion: seen.number, items: planChanges(seenPhases, phases, lookup) } : null;
    const episode = context.latestEpisode;

    await this.transactions.run(async (tx) => {
      if (sinceVersion !== current.number) await this.portal.rememberSeen(tx, practiceId, session.shareLinkId, current.number);
      await this.audit.record({ action: 'read', resourceType: 'plan', resourceId: plan.id, patientId }, tx);
    });
    return {
      patient: { firstName: context.firstName },
      plan: {
        id: plan.id,
        title: current.title,
        startDate,
        versionNumber: current.number,
        reviewDates: current.reviewDates,
        notes: current.notes,
        currentPhaseKey: currentKey,
        phases: toPortalPhases(phases, currentKey, lookup),
      },
      changes,
      cycle: { cycle: history.cycle, daysFree: history.daysFree, patientText: history.patientText },
      easeOff: progression?.advice.advice === 'regress' ? { patientText: progression.advice.action.patientText } : null,
      settleQuestion: context.settleQuestion,
      episodeQuestion: episode && !episode.resolved && plan.status === 'active' ? { episodeId: episode.episodeId, onsetDate: episode.onsetDate } : null,
      discharged:
        plan.completedOn && maintenance
          ? {
              completedOn: toIsoDate(plan.completedOn),
              maintenance: {
                text: maintenance.text,
                patientText: maintenance.patientText,
                phase: toPortalPhases([maintenance.phase], maintenance.phase.key, lookup)[0],
              },
            }
          : null,
      followUp: context.followUp,
    };
  }

  /**
   * Records what the patient did on a day. The exercises must be in the current plan version; the pain is checked
   * against the patient's previous log with the domain's pain alert, stored with the log for the clinician.
   */
  async createLog(session: PortalActor, body: CreatePatientLogDto): Promise<PatientLogCreatedDto> {
    const { practiceId, patientId } = session;
    const plan = await this.sessionPlan(session);
    const current = plan.versions[0];
    const inPlan = new Set(codesOf(current.phases as unknown as PlanPhaseDto[]));
    const errors: FieldError[] = [];
    body.completedExercises.forEach((code, i) => {
      if (!inPlan.has(code)) errors.push({ field: `completedExercises[${i}]`, message: 'is not an exercise of your current plan' });
    });
    // A diary day belongs to the plan: not before the plan began.
    const startsOn = toIsoDate(current.startDate);
    if (body.date < startsOn) errors.push({ field: 'date', message: `is before your plan started (${startsOn})` });
    if (errors.length) throw AppError.fields(errors);

    const date = fromIsoDate(body.date);
    const id = randomUUID();
    const { log, alert } = await this.transactions.run(async (tx) => {
      const previous = await this.logs.latestOnOrBefore(practiceId, patientId, date, tx);
      const alert = painAlert({ pain: body.pain }, previous ? { pain: previous.pain } : null);
      const log = await this.logs.create(tx, practiceId, {
        id,
        patientId,
        planId: plan.id,
        planVersion: current.number,
        shareLinkId: session.shareLinkId,
        date,
        completedExercises: body.completedExercises,
        pain: body.pain,
        difficulty: body.difficulty,
        note: body.note ?? null,
        alertReasons: alert?.reasons ?? [],
      });
      await this.audit.record({ action: 'create', resourceType: 'patient_log', resourceId: id, patientId }, tx);
      return { log, alert };
    });
    return { log: toPatientLogEntry(log), painAlert: alert, message: painAdviceForPatient(alert) };
  }

  /** The patient's own logs, newest day first. */
  async listLogs(session: PortalActor): Promise<PatientLogListDto> {
    const rows = await this.logs.listForPatient(session.practiceId, session.patientId, PORTAL_LIST_LIMIT);
    await this.audit.record({ action: 'read', resourceType: 'patient_log', patientId: session.patientId });
    return { items: rows.map(toPatientLogEntry) };
  }

  /** Who at the practice viewed or changed this patient's record, and when (the patient's right to know). */
  async accessLog(session: PortalActor): Promise<AccessLogDto> {
    const rows = await this.portal.staffAccess(session.practiceId, session.patientId, PORTAL_LIST_LIMIT);
    const names = await this.portal.userNames(session.practiceId, [...new Set(rows.map((r) => r.actorId).filter((id) => id !== null))]);
    await this.audit.record({ action: 'read', resourceType: 'access_log', patientId: session.patientId });
    return {
      items: rows.map((r) => ({
        at: r.at.toISOString(),
        actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
        role: r.role,
        action: r.action,
        resourceType: r.resourceType,
      })),
    };
  }

  /** The patient's next appointment (booked or arrived, not over yet, the earliest), or {} when none. */
  async nextAppointment(session: PortalActor, now = new Date()): Promise<PortalNextAppointmentDto> {
    const next = await this.next(session, now);
    if (!next) return {};
    const { timeZone, name: practiceName } = next.patient.practice;
    return {
      start: toZonedIso(next.startAt, timeZone),
      end: toZonedIso(next.endAt, timeZone),
      timeZone,
      clinicianName: next.clinician.name,
      practiceName,
      typeName: next.type.name,
    };
  }

  /**
   * The next appointment as an iCalendar file (METHOD:PUBLISH) from the outbox's builder: the same UID and SEQUENCE
   * as the emails about it, so a calendar that already has it from an email keeps one event. 404 when none.
   */
  async nextAppointmentCalendar(session: PortalActor, now = new Date()): Promise<string> {
    const next = await this.next(session, now);
    if (!next) throw new AppError('not_found', 'No appointment is booked.');
    return appointmentCalendar({
      appointmentId: next.id,
      practiceName: next.patient.practice.name,
      typeName: next.type.name,
      clinicianName: next.clinician.name,
      patientFirstName: next.patient.firstName,
      start: next.startAt,
      end: next.endAt,
      sequence: next.version - 1,
      method: 'PUBLISH',
    });
  }

  /** Reads the next appointment and records the read (the patient as actor, the appointment when there is one). */
  private async next(session: PortalActor, now: Date) {
    const next = await this.portal.nextAppointment(session.practiceId, session.patientId, now);
    await this.audit.record({ action: 'read', resourceType: 'appointment', resourceId: next?.id ?? null, patientId: session.patientId });
    return next;
  }

  /**
   * The session's plan, which must still be active or completed (the guard checked; this closes the race with a
   * status change). A discharged patient keeps their maintenance programme, and may keep logging it.
   */
  private async sessionPlan(session: PortalActor) {
    const plan = await this.portal.findPlan(session.practiceId, session.planId);
    if (!plan || plan.patientId !== session.patientId || !PORTAL_PLAN_STATUSES.includes(plan.status) || !plan.versions.length) {
      throw new AppError('link_expired', 'This plan is no longer active. Please ask the practice for a new link.');
    }
    return plan;
  }

  /** Instructions for these codes: the built-in library, else the practice's own exercises (one query). */
  private async exerciseLookup(practiceId: string, codes: string[]): Promise<ExerciseLookup> {
    const own = await this.portal.practiceExercises(practiceId, [...new Set(codes.filter((c) => !BUILT_IN.has(c)))]);
    const byCode = new Map<string, ExerciseDetails>([...BUILT_IN, ...own.map((e) => [e.code, e] as const)]);
    return (code) => byCode.get(code) ?? { name: code.replace(/_/g, ' '), steps: [], regression: '', progression: '', safety: '' };
  }
}
