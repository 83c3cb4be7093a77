import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EPISODE_CATEGORIES,
  PROGRESSION_REASON_CODES,
  RED_FLAG_CODES,
  type EpisodeCategory,
  type ProgressionReasonCode,
  type RedFlagCode,
  type Urgency,
} from '@upright/domain';
import { PainAlertItemDto, PatientAdherenceDto } from '../../portal/clinician/dto/patient-logs.dto.js';

/** Enough of a patient to list and link them (no contact details). */
export class TodayPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aoife' }) firstName!: string;
  @ApiProperty({ example: 'Kelly' }) lastName!: string;
  @ApiProperty({ format: 'date', example: '1971-03-09' }) dateOfBirth!: string;
}

/** A patient whose latest recorded episode is a referral: no exercise plan until a doctor has seen them. */
export class TodayReferralDto {
  @ApiProperty({ type: TodayPatientDto }) patient!: TodayPatientDto;
  @ApiProperty({ format: 'uuid', description: 'The referral episode' }) episodeId!: string;
  @ApiProperty({ enum: ['emergency', 'urgent'], example: 'emergency' }) urgency!: Exclude<Urgency, 'routine'>;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) onsetDate!: string;
  @ApiProperty({ format: 'date', example: '2026-11-23' }) recordedOn!: string;
  @ApiProperty({
    enum: RED_FLAG_CODES,
    isArray: true,
    example: ['saddle_anaesthesia', 'fever'],
    description: 'The red flags that made it a referral, emergency ones first (pain in both legs counts as bilateral_leg_symptoms)',
  })
  redFlags!: RedFlagCode[];
}

/** A patient whose latest recorded episode (not a referral) has reached its review date. */
export class TodayReviewDueDto {
  @ApiProperty({ type: TodayPatientDto }) patient!: TodayPatientDto;
  @ApiProperty({ format: 'uuid', description: 'The patient’s latest recorded episode' }) episodeId!: string;
  @ApiPropertyOptional({
    enum: EPISODE_CATEGORIES.filter((c) => c !== 'referral'),
    example: 'support_deficit',
    description: 'The episode’s category; left out for reception (no clinical content)',
  })
  category?: Exclude<EpisodeCategory, 'referral'>;
  @ApiProperty({ format: 'date', example: '2026-11-16' }) recordedOn!: string;
  @ApiProperty({ format: 'date', example: '2026-11-23', description: 'recordedOn + the classification’s reviewInDays' }) dueOn!: string;
  @ApiProperty({ example: 2, description: 'Days since dueOn (0: due today)' }) overdueDays!: number;
  @ApiProperty({ format: 'uuid', description: 'Who recorded the episode: the clinician to book the review with' }) clinicianId!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'The patient’s next booked (or under way) appointment, if there is one: the review may already be booked',
  })
  nextAppointmentAt!: string | null;
}

/** A patient with open (unacknowledged) pain alerts from their exercise logs. */
export class TodayPainAlertDto {
  @ApiProperty({ type: TodayPatientDto }) patient!: TodayPatientDto;
  @ApiProperty({ type: [PainAlertItemDto], description: 'Open pain alerts of the patient, newest first' }) alerts!: PainAlertItemDto[];
}

/** A patient on an active plan whose logged sessions fall short of what the plan prescribes. */
export class TodayLowAdherenceDto {
  @ApiProperty({ type: TodayPatientDto }) patient!: TodayPatientDto;
  @ApiProperty({ type: PatientAdherenceDto, description: 'Adherence to the active plan over the recent window' }) adherence!: PatientAdherenceDto;
}

/** One of the signed-in clinician's own draft notes, unsigned for longer than the practice's `unsignedNoteHours`. */
export class TodayUnsignedNoteDto {
  @ApiProperty({ format: 'uuid', description: 'The note (open /patients/:patientId/notes/:id)' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'Aoife Kelly' }) patientName!: string;
  @ApiProperty({ format: 'date', example: '2026-12-05' }) visitDate!: string;
  @ApiProperty({ format: 'date-time', description: 'When the draft was started' }) createdAt!: string;
}

export const TODAY_PROGRESSION_ADVICE = ['regress', 'review', 'progress', 'maintain'] as const;
export type TodayProgressionAdvice = (typeof TODAY_PROGRESSION_ADVICE)[number];

export class TodayProgressionReasonDto {
  @ApiProperty({ enum: PROGRESSION_REASON_CODES, example: 'ready_to_progress' }) code!: ProgressionReasonCode;
  @ApiProperty({ example: 'Three good weeks: pain settled, adherence 93 %.' }) text!: string;
}

/** An active plan whose progression advice (rule 9.2) is something other than hold. */
export class TodayProgressionDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'Aoife Kelly' }) patientName!: string;
  @ApiProperty({ format: 'uuid', description: 'The active plan (open /plans/:planId)' }) planId!: string;
  @ApiProperty({ enum: TODAY_PROGRESSION_ADVICE, example: 'progress' }) advice!: TodayProgressionAdvice;
  @ApiProperty({ type: [TodayProgressionReasonDto], description: 'Every matching rule’s reasons, in rule order' }) reasons!: TodayProgressionReasonDto[];
  @ApiProperty({ example: 'Move on to the next phase of the plan.', description: 'What to do, for the clinician' }) actionText!: string;
}

/** A patient who answered a follow-up after discharge with a spasm, not yet reviewed or recorded as an episode. */
export class TodayFollowUpSpasmDto {
  @ApiProperty({ format: 'uuid', description: 'Mark reviewed with POST /api/follow-ups/:followUpId/reviewed' }) followUpId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'Aoife Kelly' }) patientName!: string;
  @ApiProperty({ format: 'date', example: '2027-02-14', description: 'When the spasm began, as the patient said' }) spasmOn!: string;
  @ApiProperty({ enum: [3, 6, 12], example: 3, description: 'Which follow-up after discharge' }) months!: number;
}

export class TodayTruncatedDto {
  @ApiProperty({ example: false }) referrals!: boolean;
  @ApiProperty({ example: false }) reviewsDue!: boolean;
  @ApiProperty({ example: false }) painAlerts!: boolean;
  @ApiProperty({ example: false }) lowAdherence!: boolean;
  @ApiProperty({ example: false }) unsignedNotes!: boolean;
  @ApiProperty({ example: false }) progression!: boolean;
  @ApiProperty({ example: false }) followUpSpasms!: boolean;
}

/**
 * GET /api/today: what needs a clinician's attention in the practice today. Reception gets the reviews due (to book
 * them) and nothing clinical: the other lists are empty and no category is shown.
 */
export class TodayDto {
  @ApiProperty({ format: 'date', example: '2026-11-25', description: 'The UTC day the lists were computed for' }) date!: string;
  @ApiProperty({ type: [TodayReferralDto], description: 'Emergency first, then urgent; most recently recorded first within each' })
  referrals!: TodayReferralDto[];
  @ApiProperty({ type: [TodayReviewDueDto], description: 'Most overdue first' }) reviewsDue!: TodayReviewDueDto[];
  @ApiProperty({ type: [TodayPainAlertDto], description: 'From the patients’ exercise logs (patient portal)' }) painAlerts!: TodayPainAlertDto[];
  @ApiProperty({ type: [TodayLowAdherenceDto], description: 'From the patients’ exercise logs (patient portal)' }) lowAdherence!: TodayLowAdherenceDto[];
  @ApiProperty({
    type: [TodayUnsignedNoteDto],
    description: 'The signed-in clinician’s own draft notes older than the practice’s unsignedNoteHours, oldest first; empty for admins and reception',
  })
  unsignedNotes!: TodayUnsignedNoteDto[];
  @ApiProperty({
    type: [TodayProgressionDto],
    description: 'Active plans whose progression advice is not hold: regress first, then review, progress, maintain; empty for reception',
  })
  progression!: TodayProgressionDto[];
  @ApiProperty({
    type: [TodayFollowUpSpasmDto],
    description: 'Spasms patients reported at a follow-up after discharge, not reviewed yet, the longest waiting first; empty for reception',
  })
  followUpSpasms!: TodayFollowUpSpasmDto[];
  @ApiProperty({ example: 50, description: 'The most items one list holds' }) limit!: number;
  @ApiProperty({ type: TodayTruncatedDto, description: 'true for a list cut at `limit`' }) truncated!: TodayTruncatedDto;
}
