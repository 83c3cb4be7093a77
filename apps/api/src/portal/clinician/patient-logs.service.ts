import { Injectable } from '@nestjs/common';
import { addDays, adherence, daysBetween, type AdherencePlan, type ExerciseLog } from '@upright/domain';
import { AuditService } from '../../audit/audit.service.js';
import { AppError } from '../../common/app-error.js';
import { fromIsoDate, toIsoDate, todayIso } from '../../common/dates.js';
import { decodeCursor, PageQueryDto, toPage } from '../../common/pagination.js';
import type { StaffActor } from '../../common/request-context.js';
import { PatientsService } from '../../patients/patients.service.js';
import type { PlanPhaseDto } from '../../plans/dto/plan.dto.js';
import { toClinicianLog, toPainAlertItem } from '../patient-logs.js';
import { PatientLogsRepository } from '../patient-logs.repository.js';
import type { AdherenceQueryDto, ClinicianPatientLogPageDto, PainAlertItemDto, PainAlertListDto, PatientAdherenceDto } from './dto/patient-logs.dto.js';
import { Transactions } from '../../database/transactions.js';

/** The default adherence window: the last 4 weeks, today included. */
export const ADHERENCE_DEFAULT_DAYS = 28;
/** The longest window one request may ask for. */
export const ADHERENCE_MAX_DAYS = 366;
/** Open alerts the Today page gets at most for a whole practice. */
export const PRACTICE_ALERT_LIMIT = 500;
const PATIENT_ALERT_LIMIT = 100;

export interface AdherenceWindow {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

/** Open pain alerts of one patient. */
export interface PatientPainAlerts {
  patientId: string;
  /** Newest first. */
  alerts: PainAlertItemDto[];
}

export function defaultAdherenceWindow(today = todayIso()): AdherenceWindow {
  return { from: addDays(today, -(ADHERENCE_DEFAULT_DAYS - 1)), to: today };
}

/** The domain's plan shape from a stored version. Adherence counts days, so twice a day (14/week) counts as daily (7). */
function toAdherencePlan(startDate: string, phases: PlanPhaseDto[]): AdherencePlan {
  return {
    startDate,
    phases: phases.map((p) => ({
      startWeek: p.startWeek,
      endWeek: p.endWeek,
      exercises: p.exercises.map((e) => ({ timesPerWeek: Math.min(7, e.timesPerWeek) })),
    })),
  };
}

/**
 * What patients log on their plan page, as clinicians see it: the logs, adherence to the active plan, and pain
 * alerts to acknowledge. Also the per-practice figures the Today page shows (openPainAlertsByPatient,
 * adherenceByPatient), which do not audit: their caller records its own read.
 */
@Injectable()
export class PatientLogsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly logs: PatientLogsRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: StaffActor, patientId: string, query: PageQueryDto): Promise<ClinicianPatientLogPageDto> {
    await this.patients.require(actor.practiceId, patientId);
    const rows = await this.logs.listForPatient(actor.practiceId, patientId, query.limit + 1, decodeCursor(query.cursor));
    await this.audit.record({ action: 'read', resourceType: 'patient_log', patientId });
    return toPage(rows, query.limit, (r) => r.date, toClinicianLog);
  }

  async adherence(actor: StaffActor, patientId: string, query: AdherenceQueryDto): Promise<PatientAdherenceDto> {
    await this.patients.require(actor.practiceId, patientId);
    const window = this.window(query);
    const result = (await this.adherenceByPatient(actor.practiceId, [patientId], window)).get(patientId)!;
    await this.audit.record({ action: 'read', resourceType: 'adherence', patientId });
    return result;
  }

  async painAlerts(actor: StaffActor, patientId: string): Promise<PainAlertListDto> {
    await this.patients.require(actor.practiceId, patientId);
    const rows = await this.logs.openAlerts(actor.practiceId, PATIENT_ALERT_LIMIT, patientId);
    await this.audit.record({ action: 'read', resourceType: 'pain_alert', patientId });
    return { items: rows.map(toPainAlertItem) };
  }

  /**
   * Marks a log's pain alert as seen by this clinician. Acknowledging again keeps the first acknowledgement.
   * 404 for a log that is not this patient's; 409 for a log that raised no alert.
   */
  async acknowledge(actor: StaffActor, patientId: string, logId: string): Promise<PainAlertItemDto> {
    const { practiceId } = actor;
    await this.patients.require(practiceId, patientId);
    const log = await this.transactions.run(async (tx) => {
      await this.logs.acknowledge(tx, practiceId, patientId, logId, actor.userId, new Date());
      const log = await this.logs.find(practiceId, logId, tx);
      if (!log || log.patientId !== patientId) throw new AppError('not_found', 'No such log for this patient.');
      if (!log.alertReasons.length) throw new AppError('conflict', 'This log raised no pain alert: there is nothing to acknowledge.');
      await this.audit.record({ action: 'update', resourceType: 'patient_log', resourceId: logId, patientId }, tx);
      return log;
    });
    return toPainAlertItem(log);
  }

  /** Open pain alerts of the whole practice, grouped by patient (the patient with the newest alert first). */
  async openPainAlertsByPatient(practiceId: string): Promise<PatientPainAlerts[]> {
    const rows = await this.logs.openAlerts(practiceId, PRACTICE_ALERT_LIMIT);
    const byPatient = new Map<string, PainAlertItemDto[]>();
    for (const row of rows) {
      const list = byPatient.get(row.patientId) ?? [];
      list.push(toPainAlertItem(row));
      byPatient.set(row.patientId, list);
    }
    return [...byPatient].map(([patientId, alerts]) => ({ patientId, alerts }));
  }

  /**
   * The domain's adherence of each patient to their active plan in the window, with three queries whatever the
   * number of patients (active plans, logs in the window, last log dates). Logs dated before the plan's start
   * count only for the days since the last log, not as sessions of this plan. Patients without an active plan get
   * `planId: null`, nothing prescribed and `percent: null`.
   */
  async adherenceByPatient(
    practiceId: string,
    patientIds: string[],
    window: AdherenceWindow = defaultAdherenceWindow(),
  ): Promise<Map<string, PatientAdherenceDto>> {
    const ids = [...new Set(patientIds)];
    const to = fromIsoDate(window.to);
    const [plans, windowLogs, lastLogs] = await Promise.all([
      this.logs.activePlans(practiceId, ids),
      this.logs.inWindow(practiceId, ids, fromIsoDate(window.from), to),
      this.logs.lastLogDates(practiceId, ids, to),
    ]);
    return adherenceOf(
      ids,
      window,
      plans
        .filter((p) => p.versions.length)
        .map((p) => ({
          id: p.id,
          patientId: p.patientId,
          startDate: toIsoDate(p.versions[0].startDate),
          phases: p.versions[0].phases as unknown as PlanPhaseDto[],
        })),
      windowLogs.map((l) => ({ patientId: l.patientId, date: toIsoDate(l.date), completedExercises: l.completedExercises })),
      new Map([...lastLogs].map(([id, date]) => [id, toIsoDate(date)])),
    );
  }

  private window(query: AdherenceQueryDto): AdherenceWindow {
    const to = query.to ?? todayIso();
    const from = query.from ?? addDays(to, -(ADHERENCE_DEFAULT_DAYS - 1));
    const span = daysBetween(from, to);
    if (span < 0) throw new AppError('validation_failed', 'from: must be on or before to', [{ field: 'from', message: 'must be on or before to' }]);
    if (span >= ADHERENCE_MAX_DAYS) {
      throw new AppError('validation_failed', `from: must be at most ${ADHERENCE_MAX_DAYS} days before to`, [
        { field: 'from', message: `must be at most ${ADHERENCE_MAX_DAYS} days before to` },
      ]);
    }
    return { from, to };
  }
}

/** A patient's active plan as adherence needs it: the newest version's start (YYYY-MM-DD) and phases. */
export interface ActivePlanRow {
  id: string;
  patientId: string;
  startDate: string;
  phases: PlanPhaseDto[];
}

/**
 * The domain's adherence of each patient to their active plan in the window (pure: the caller loads the rows).
 * `plans` newest activation first (the first per patient counts); `windowLogs` the logs dated in the window;
 * `lastLogs` each patient's latest log date on or before the window's end. Logs dated before the plan's start
 * count only for the days since the last log, not as sessions of this plan. Patients without an active plan get
 * `planId: null`, nothing prescribed and `percent: null`.
 */
export function adherenceOf(
  patientIds: string[],
  window: AdherenceWindow,
  plans: ActivePlanRow[],
  windowLogs: { patientId: string; date: string; completedExercises: string[] }[],
  lastLogs: Map<string, string>,
): Map<string, PatientAdherenceDto> {
  const planOf = new Map<string, ActivePlanRow>();
  for (const plan of plans) if (!planOf.has(plan.patientId)) planOf.set(plan.patientId, plan);
  const logsOf = new Map<string, ExerciseLog[]>();
  for (const log of windowLogs) {
    const list = logsOf.get(log.patientId) ?? [];
    list.push({ date: log.date, completedExercises: log.completedExercises });
    logsOf.set(log.patientId, list);
  }
  const result = new Map<string, PatientAdherenceDto>();
  for (const patientId of patientIds) {
    const plan = planOf.get(patientId);
    const domainPlan = plan ? toAdherencePlan(plan.startDate, plan.phases) : { startDate: window.from, phases: [] };
    const logs: ExerciseLog[] = (logsOf.get(patientId) ?? []).map((l) => (l.date < domainPlan.startDate ? { date: l.date, completedExercises: [] } : l));
    const last = lastLogs.get(patientId);
    if (last) logs.push({ date: last, completedExercises: [] });
    const figures = adherence(domainPlan, logs, window.from, window.to);
    result.set(patientId, { planId: plan?.id ?? null, from: window.from, to: window.to, ...figures, percent: plan ? figures.percent : null });
  }
  return result;
}
