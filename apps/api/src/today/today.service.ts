import { Injectable } from '@nestjs/common';
import { LOW_ADHERENCE_PERCENT, type EpisodeCategory, type RedFlagCode, type Urgency } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { todayIso } from '../common/dates.js';
import type { StaffActor } from '../common/request-context.js';
import { adherenceOf, defaultAdherenceWindow, PRACTICE_ALERT_LIMIT } from '../portal/clinician/patient-logs.service.js';
import type {
  TodayDto,
  TodayLowAdherenceDto,
  TodayPainAlertDto,
  TodayPatientDto,
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
    // One audit row for the page, listing every patient it shows, before it is answered.
    const shown = new Set([
      ...[...referrals, ...reviewsDue, ...painAlerts, ...lowAdherence].map((item) => item.patient.id),
      ...unsignedNotes.map((n) => n.patientId),
    ]);
    await this.audit.record({ action: 'read', resourceType: 'today', patientIds: [...shown] });
    return {
      date,
      referrals,
      reviewsDue,
      painAlerts,
      lowAdherence,
      unsignedNotes,
      limit: TODAY_LIST_LIMIT,
      truncated: {
        referrals: clinical && referralRows.length > TODAY_LIST_LIMIT,
        reviewsDue: reviewRows.length > TODAY_LIST_LIMIT,
        painAlerts: painTruncated,
        lowAdherence: adherenceTruncated,
        unsignedNotes: data.unsignedNotes.length > TODAY_LIST_LIMIT,
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
