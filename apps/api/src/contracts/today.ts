/**
 * GET /api/today: what needs a clinician's attention in the practice today, as plain types shared with the
 * dashboard. Clinical codes are the domain's own types; pain alerts and adherence reuse the portal's answers.
 */
import type { EpisodeCategory, RedFlagCode, Urgency } from '@upright/domain';
import type { PainAlertItem, PatientAdherence } from './portal.js';

/** Enough of a patient to list and link them (no contact details). */
export interface TodayPatient {
  id: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}

/** A patient whose latest recorded episode is a referral: no exercise plan until a doctor has seen them. */
export interface TodayReferral {
  patient: TodayPatient;
  episodeId: string;
  /** `emergency` or `urgent` (a referral is never routine). */
  urgency: Exclude<Urgency, 'routine'>;
  /** YYYY-MM-DD: when the spasm started. */
  onsetDate: string;
  /** YYYY-MM-DD: when the episode was recorded. */
  recordedOn: string;
  /** The red flags that made it a referral, emergency ones first (`both_legs` pain counts as `bilateral_leg_symptoms`). */
  redFlags: RedFlagCode[];
}

/** A patient whose latest recorded episode (not a referral) has reached its review date. */
export interface TodayReviewDue {
  patient: TodayPatient;
  episodeId: string;
  category: Exclude<EpisodeCategory, 'referral'>;
  /** YYYY-MM-DD: when the episode was recorded. */
  recordedOn: string;
  /** YYYY-MM-DD: recordedOn + the classification's reviewInDays. */
  dueOn: string;
  /** Days since dueOn; 0 when the review is due today. */
  overdueDays: number;
}

/** A patient with open (unacknowledged) pain alerts from their exercise logs. */
export interface TodayPainAlert {
  patient: TodayPatient;
  /** Newest first. */
  alerts: PainAlertItem[];
}

/** A patient on an active plan whose logged sessions fall short of what the plan prescribes. */
export interface TodayLowAdherence {
  patient: TodayPatient;
  adherence: PatientAdherence;
}

export interface Today {
  /** YYYY-MM-DD (UTC): the day the lists were computed for. */
  date: string;
  /** Emergency first, then urgent; most recently recorded first within each. */
  referrals: TodayReferral[];
  /** Most overdue first. */
  reviewsDue: TodayReviewDue[];
  painAlerts: TodayPainAlert[];
  lowAdherence: TodayLowAdherence[];
  /** The most items one list holds (50). */
  limit: number;
  /** True for a list cut at `limit` items: more patients need attention than are listed. */
  truncated: { referrals: boolean; reviewsDue: boolean; painAlerts: boolean; lowAdherence: boolean };
}
