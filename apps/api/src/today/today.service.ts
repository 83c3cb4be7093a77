import { Injectable } from '@nestjs/common';
import { LOW_ADHERENCE_PERCENT, type EpisodeCategory, type RedFlagCode, type Urgency } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { todayIso, toIsoDate } from '../common/dates.js';
import type { StaffActor } from '../common/request-context.js';
import type { Today, TodayLowAdherence, TodayPainAlert, TodayPatient, TodayReferral, TodayReviewDue } from '../contracts/today.js';
import { PatientLogsService } from '../portal/clinician/patient-logs.service.js';
import { AttentionRow, TodayRepository } from './today.repository.js';

/** The most patients one list of the Today page holds; the answer's `truncated` says when more need attention. */
export const TODAY_LIST_LIMIT = 50;
/** Below this share of prescribed sessions logged over the last 28 days, a patient is listed as low adherence. */
/** Patients on active plans whose adherence is computed for one Today page (three queries for all of them). */
const ADHERENCE_SCAN_LIMIT = 500;

const patientOf = (row: AttentionRow): TodayPatient => ({ id: row.patientId, firstName: row.firstName, lastName: row.lastName, dateOfBirth: row.dateOfBirth });

/** What needs a clinician's attention today, across the practice. */
@Injectable()
export class TodayService {
  constructor(
    private readonly repository: TodayRepository,
    private readonly logs: PatientLogsService,
    private readonly audit: AuditService,
  ) {}

  async forPractice(actor: StaffActor): Promise<Today> {
    const date = todayIso();
    // One row more than the limit per list tells whether the list was cut.
    const rows = await this.repository.attention(actor.practiceId, date, TODAY_LIST_LIMIT + 1);
    const referralRows = rows.filter((r) => r.kind === 'referral');
    const reviewRows = rows.filter((r) => r.kind === 'review');

    const referrals: TodayReferral[] = referralRows.slice(0, TODAY_LIST_LIMIT).map((r) => ({
      patient: patientOf(r),
      episodeId: r.episodeId,
      urgency: r.urgency as Exclude<Urgency, 'routine'>,
      onsetDate: r.onsetDate,
      recordedOn: r.recordedOn,
      redFlags: r.redFlags as RedFlagCode[],
    }));
    const reviewsDue: TodayReviewDue[] = reviewRows.slice(0, TODAY_LIST_LIMIT).map((r) => ({
      patient: patientOf(r),
      episodeId: r.episodeId,
      category: r.category as Exclude<EpisodeCategory, 'referral'>,
      recordedOn: r.recordedOn,
      dueOn: r.dueOn,
      overdueDays: r.overdueDays,
    }));

    const [painAlerts, painTruncated] = await this.painAlerts(actor.practiceId);
    const [lowAdherence, adherenceTruncated] = await this.lowAdherence(actor.practiceId);

    // One audit row for the whole page: it lists patients of the practice, none singled out.
    await this.audit.record({ action: 'read', resourceType: 'today' });
    return {
      date,
      referrals,
      reviewsDue,
      painAlerts,
      lowAdherence,
      limit: TODAY_LIST_LIMIT,
      truncated: {
        referrals: referralRows.length > TODAY_LIST_LIMIT,
        reviewsDue: reviewRows.length > TODAY_LIST_LIMIT,
        painAlerts: painTruncated,
        lowAdherence: adherenceTruncated,
      },
    };
  }

  /** Patients with unacknowledged pain alerts from their exercise logs, the most recent alert first. */
  private async painAlerts(practiceId: string): Promise<[TodayPainAlert[], boolean]> {
    const open = await this.logs.openPainAlertsByPatient(practiceId);
    const patients = new Map((await this.repository.patients(practiceId, open.map((o) => o.patientId))).map((p) => [p.id, p]));
    const items = open
      .filter((o) => patients.has(o.patientId))
      .map((o) => ({ patient: toTodayPatient(patients.get(o.patientId)!), alerts: o.alerts }))
      .sort((a, b) => b.alerts[0].createdAt.localeCompare(a.alerts[0].createdAt));
    return [items.slice(0, TODAY_LIST_LIMIT), items.length > TODAY_LIST_LIMIT];
  }

  /** Patients on an active plan who logged less than LOW_ADHERENCE_PERCENT of the prescribed sessions, lowest first. */
  private async lowAdherence(practiceId: string): Promise<[TodayLowAdherence[], boolean]> {
    const patients = await this.repository.patientsOnActivePlans(practiceId, ADHERENCE_SCAN_LIMIT);
    const adherence = await this.logs.adherenceByPatient(practiceId, patients.map((p) => p.id));
    const items = patients
      .map((p) => ({ patient: toTodayPatient(p), adherence: adherence.get(p.id) }))
      .filter((i): i is TodayLowAdherence => !!i.adherence && i.adherence.percent !== null && i.adherence.prescribedSessions > 0 && i.adherence.percent < LOW_ADHERENCE_PERCENT)
      .sort((a, b) => (a.adherence.percent ?? 0) - (b.adherence.percent ?? 0));
    return [items.slice(0, TODAY_LIST_LIMIT), items.length > TODAY_LIST_LIMIT];
  }
}

function toTodayPatient(p: { id: string; firstName: string; lastName: string; dateOfBirth: Date }): TodayPatient {
  return { id: p.id, firstName: p.firstName, lastName: p.lastName, dateOfBirth: toIsoDate(p.dateOfBirth) };
}
