import { Injectable } from '@nestjs/common';
import type { EpisodeCategory, RedFlagCode, Urgency } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { todayIso } from '../common/dates.js';
import type { StaffActor } from '../common/request-context.js';
import type { Today, TodayPatient, TodayReferral, TodayReviewDue } from '../contracts/today.js';
import { AttentionRow, TodayRepository } from './today.repository.js';

/** The most patients one list of the Today page holds; the answer's `truncated` says when more need attention. */
export const TODAY_LIST_LIMIT = 50;

const patientOf = (row: AttentionRow): TodayPatient => ({ id: row.patientId, firstName: row.firstName, lastName: row.lastName, dateOfBirth: row.dateOfBirth });

/** What needs a clinician's attention today, across the practice. */
@Injectable()
export class TodayService {
  constructor(
    private readonly repository: TodayRepository,
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

    // One audit row for the whole page: it lists patients of the practice, none singled out.
    await this.audit.record({ action: 'read', resourceType: 'today' });
    return {
      date,
      referrals,
      reviewsDue,
      // Pain alerts and low adherence come from the patient portal (patients' exercise logs), which is being
      // built separately: these two lists stay empty until the portal's logs are wired in here.
      painAlerts: [],
      lowAdherence: [],
      limit: TODAY_LIST_LIMIT,
      truncated: {
        referrals: referralRows.length > TODAY_LIST_LIMIT,
        reviewsDue: reviewRows.length > TODAY_LIST_LIMIT,
        painAlerts: false,
        lowAdherence: false,
      },
    };
  }
}
