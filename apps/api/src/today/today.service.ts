import { Injectable } from '@nestjs/common';
import { LOW_ADHERENCE_PERCENT, progressionAdvice, type EpisodeCategory, type RedFlagCode, type Urgency } from '@upright/domain';
import { progressionFacts } from '../cycle/cycle-facts.js';
import type { CycleLogRow } from '../cycle/cycle.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { todayIso } from '../common/dates.js';
import type { StaffActor } from '../common/request-context.js';
import { adherenceOf, defaultAdherenceWindow, PRACTICE_ALERT_LIMIT } from '../portal/clinician/patient-logs.service.js';
import type {
  TodayDto,
  TodayFollowUpSpasmDto,
  TodayLowAdherenceDto,
  TodayPainAlertDto,
  TodayPatientDto,
  TodayProgressionAdvice,
  TodayProgressionDto,
  TodayReferralDto,
  TodayReviewDueDto,
  TodayUnsignedNoteDto,
} from './dto/today.dto.js';
import { AttentionRow, TodayRepository, TodayRows } from './today.repository.js';

/** The most patients one list of the Today page holds; the answer's `truncated` says when more need attention. */
export const TODAY_LIST_LIMIT = 50;
/** Patients on active plans whose adherence is computed for one Today page. */
const ADHERENCE_SCAN_LIMIT = 500;

const patientOf = (row: AttentionRow): TodayPatientDto => ({
  id: row.patientId,
  firstName: row.firstName,
  lastName: row.lastName,
  dateOfBirth: row.dateOfBirth,
});

/** What needs a clinician's attention today, across the practice. */
@Injectable()
export class TodayService {
  constructor(
    private readonly repository: TodayRepository,
    private readonly audit: AuditService,
  ) {}

  async forPractice(actor: StaffActor): Promise<TodayDto> {
    const date = todayIso();
    const window = defaultAdherenceWindow(date);
    // One row more than the limit per list tells whether the list was cut.
    const data = await this.repository.load(actor.practiceId, {
      today: date,
      take: TODAY_LIST_LIMIT + 1,
      windowFrom: window.from,
      alertLimit: PRACTICE_ALERT_LIMIT,
      adherenceScanLimit: ADHERENCE_SCAN_LIMIT,
      // Only a clinician's own drafts: admins write no notes, reception sees none.
      noteAuthorId: actor.role === 'clinician' ? actor.userId : null,
      unsignedNoteLimit: TODAY_LIST_LIMIT + 1,
    });
    const referralRows = data.attention.filter((r) => r.kind === 'referral');
    const reviewRows = data.attention.filter((r) => r.kind === 'review');

    const referrals: TodayReferralDto[] = referralRows.slice(0, TODAY_LIST_LIMIT).map((r) => ({
      patient: patientOf(r),
      episodeId: r.episodeId,
      urgency: r.urgency as Exclude<Urgency, 'routine'>,
      onsetDate: r.onsetDate,
      recordedOn: r.recordedOn,
      redFlags: r.redFlags as RedFlagCode[],
    }));
    // Reception books the reviews: names and dates, never the clinical category or the other (clinical) lists.
    const clinical = actor.role !== 'reception';
    const reviewsDue: TodayReviewDueDto[] = reviewRows.slice(0, TODAY_LIST_LIMIT).map((r) => ({
      patient: patientOf(r),
      episodeId: r.episodeId,
      ...(clinical ? { category: r.category as Exclude<EpisodeCategory, 'referral'> } : {}),
      recordedOn: r.recordedOn,
      dueOn: r.dueOn,
      overdueDays: r.overdueDays,
      clinicianId: r.clinicianId,
      nextAppointmentAt: r.nextAppointmentAt,
    }));

    const [painAlerts, painTruncated] = clinical ? painAlertsOf(data) : [[], false];
    const [lowAdherence, adherenceTruncated] = clinical ? lowAdherenceOf(data, window) : [[], false];
    if (!clinical) referrals.length = 0;
    const unsignedNotes: TodayUnsignedNoteDto[] = data.unsignedNotes.slice(0, TODAY_LIST_LIMIT).map(({ id, patientId, patientName, visitDate, createdAt }) => ({
      id,
      patientId,
      patientName,
      visitDate,
      createdAt,
    }));
    // The spasm cycle: progression advice of the active plans and spasms reported at follow-up (clinical: not for reception).
    const [progression, progressionTruncated] = clinical ? progressionOf(data, window) : [[], false];
    const followUpSpasms: TodayFollowUpSpasmDto[] = clinical
      ? data.followUpSpasms.slice(0, TODAY_LIST_LIMIT).map(({ followUpId, patientId, patientName, spasmOn, months }) => ({
          followUpId,
          patientId,
          patientName,
          spasmOn,
          months,
        }))
      : [];
    // One audit row for the page, listing every patient it shows, before it is answered.
    const shown = new Set([
      ...[...referrals, ...reviewsDue, ...painAlerts, ...lowAdherence].map((item) => item.patient.id),
      ...[...unsignedNotes, ...progression, ...followUpSpasms].map((n) => n.patientId),
    ]);
    await this.audit.record({ action: 'read', resourceType: 'today', patientIds: [...shown] });
    return {
      date,
      referrals,
      reviewsDue,
      painAlerts,
      lowAdherence,
      unsignedNotes,
      progression,
      followUpSpasms,
      limit: TODAY_LIST_LIMIT,
      truncated: {
        referrals: clinical && referralRows.length > TODAY_LIST_LIMIT,
        reviewsDue: reviewRows.length > TODAY_LIST_LIMIT,
        painAlerts: painTruncated,
        lowAdherence: adherenceTruncated,
        unsignedNotes: data.unsignedNotes.length > TODAY_LIST_LIMIT,
        progression: progressionTruncated,
        followUpSpasms: clinical && data.followUpSpasms.length > TODAY_LIST_LIMIT,
      },
    };
  }
}

/** Patients with unacknowledged pain alerts from their exercise logs, the most recent alert first. */
function painAlertsOf(data: TodayRows): [TodayPainAlertDto[], boolean] {
  const byPatient = new Map<string, TodayPainAlertDto>();
  for (const { patient, ...alert } of data.alerts) {
    const item = byPatient.get(patient.id) ?? { patient, alerts: [] };
    item.alerts.push(alert);
    byPatient.set(patient.id, item);
  }
  // Alerts come newest first, so patients are already in the order of their newest alert.
  const items = [...byPatient.values()];
  return [items.slice(0, TODAY_LIST_LIMIT), items.length > TODAY_LIST_LIMIT];
}

/** Patients on an active plan who logged less than LOW_ADHERENCE_PERCENT of the prescribed sessions, lowest first. */
function lowAdherenceOf(data: TodayRows, window: { from: string; to: string }): [TodayLowAdherenceDto[], boolean] {
  const adherence = adherenceOf(
    data.onPlans.map((p) => p.id),
    window,
    data.plans,
    data.windowLogs,
    new Map(data.lastLogs.map((l) => [l.patientId, l.date])),
  );
  const items = data.onPlans
    .map((patient) => ({ patient, adherence: adherence.get(patient.id) }))
    .filter(
      (i): i is TodayLowAdherenceDto =>
        !!i.adherence && i.adherence.percent !== null && i.adherence.prescribedSessions > 0 && i.adherence.percent < LOW_ADHERENCE_PERCENT,
    )
    .sort((a, b) => (a.adherence.percent ?? 0) - (b.adherence.percent ?? 0));
  return [items.slice(0, TODAY_LIST_LIMIT), items.length > TODAY_LIST_LIMIT];
}

/** Most urgent first: ease off, talk about adherence, ready to progress, keep maintaining. */
const ADVICE_ORDER: Record<TodayProgressionAdvice, number> = { regress: 0, review: 1, progress: 2, maintain: 3 };

/**
 * The progression advice (rule 9.2) of each patient's active plan (the one adherence counts), built with the shared
 * cycle facts' `progressionFacts` from what the one statement loaded, so it equals GET /api/plans/:planId/progression;
 * plans advised to hold are left out. Regress first, then review, progress, maintain; then by name.
 */
function progressionOf(data: TodayRows, window: { from: string; to: string }): [TodayProgressionDto[], boolean] {
  const asOf = window.to;
  const lastLogs = new Map(data.lastLogs.map((l) => [l.patientId, l.date]));
  const logsOf = new Map<string, CycleLogRow[]>();
  for (const log of data.windowLogs) {
    const list = logsOf.get(log.patientId) ?? [];
    list.push({
      planId: log.planId,
      date: log.date,
      completedExercises: log.completedExercises,
      pain: log.pain,
      settledByNextMorning: log.settledByNextMorning,
    });
    logsOf.set(log.patientId, list);
  }
  const seen = new Set<string>();
  const items: TodayProgressionDto[] = [];
  for (const plan of data.plans) {
    if (seen.has(plan.patientId)) continue; // one plan per patient: the newest activation, as adherence counts
    seen.add(plan.patientId);
    const facts = progressionFacts(
      {
        plan: { id: plan.id, patientId: plan.patientId, startDate: plan.startDate, phases: plan.phases },
        logs: logsOf.get(plan.patientId) ?? [],
        lastLogDate: lastLogs.get(plan.patientId) ?? null,
        openPainAlert: plan.openPainAlert,
      },
      asOf,
    );
    if (!facts) continue;
    const { advice, reasons, action } = progressionAdvice(facts.input);
    if (advice === 'hold') continue;
    items.push({ patientId: plan.patientId, patientName: plan.patientName, planId: plan.id, advice, reasons, actionText: action.text });
  }
  items.sort((a, b) => ADVICE_ORDER[a.advice] - ADVICE_ORDER[b.advice] || a.patientName.localeCompare(b.patientName) || a.planId.localeCompare(b.planId));
  return [items.slice(0, TODAY_LIST_LIMIT), items.length > TODAY_LIST_LIMIT];
}
