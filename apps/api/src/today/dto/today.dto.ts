import { ApiProperty } from '@nestjs/swagger';
import { EPISODE_CATEGORIES, RED_FLAG_CODES, type EpisodeCategory, type RedFlagCode, type Urgency } from '@upright/domain';
import type { PainAlertItem, PatientAdherence } from '../../contracts/portal.js';
import { PainAlertItemDto, PatientAdherenceDto } from '../../portal/clinician/dto/patient-logs.dto.js';
import type { Today, TodayLowAdherence, TodayPainAlert, TodayPatient, TodayReferral, TodayReviewDue } from '../../contracts/today.js';

export class TodayPatientDto implements TodayPatient {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aoife' }) firstName!: string;
  @ApiProperty({ example: 'Kelly' }) lastName!: string;
  @ApiProperty({ format: 'date', example: '1971-03-09' }) dateOfBirth!: string;
}

export class TodayReferralDto implements TodayReferral {
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

export class TodayReviewDueDto implements TodayReviewDue {
  @ApiProperty({ type: TodayPatientDto }) patient!: TodayPatientDto;
  @ApiProperty({ format: 'uuid', description: 'The patient’s latest recorded episode' }) episodeId!: string;
  @ApiProperty({ enum: EPISODE_CATEGORIES.filter((c) => c !== 'referral'), example: 'support_deficit' }) category!: Exclude<EpisodeCategory, 'referral'>;
  @ApiProperty({ format: 'date', example: '2026-11-16' }) recordedOn!: string;
  @ApiProperty({ format: 'date', example: '2026-11-23', description: 'recordedOn + the classification’s reviewInDays' }) dueOn!: string;
  @ApiProperty({ example: 2, description: 'Days since dueOn (0: due today)' }) overdueDays!: number;
}

export class TodayPainAlertDto implements TodayPainAlert {
  @ApiProperty({ type: TodayPatientDto }) patient!: TodayPatientDto;
  @ApiProperty({ type: [PainAlertItemDto], description: 'Open pain alerts of the patient, newest first' }) alerts!: PainAlertItem[];
}

export class TodayLowAdherenceDto implements TodayLowAdherence {
  @ApiProperty({ type: TodayPatientDto }) patient!: TodayPatientDto;
  @ApiProperty({ type: PatientAdherenceDto, description: 'Adherence to the active plan over the recent window' }) adherence!: PatientAdherence;
}

export class TodayTruncatedDto {
  @ApiProperty({ example: false }) referrals!: boolean;
  @ApiProperty({ example: false }) reviewsDue!: boolean;
  @ApiProperty({ example: false }) painAlerts!: boolean;
  @ApiProperty({ example: false }) lowAdherence!: boolean;
}

export class TodayDto implements Today {
  @ApiProperty({ format: 'date', example: '2026-11-25', description: 'The UTC day the lists were computed for' }) date!: string;
  @ApiProperty({ type: [TodayReferralDto], description: 'Emergency first, then urgent; most recently recorded first within each' }) referrals!: TodayReferralDto[];
  @ApiProperty({ type: [TodayReviewDueDto], description: 'Most overdue first' }) reviewsDue!: TodayReviewDueDto[];
  @ApiProperty({ type: [TodayPainAlertDto], description: 'From the patients’ exercise logs (patient portal)' }) painAlerts!: TodayPainAlertDto[];
  @ApiProperty({ type: [TodayLowAdherenceDto], description: 'From the patients’ exercise logs (patient portal)' }) lowAdherence!: TodayLowAdherenceDto[];
  @ApiProperty({ example: 50, description: 'The most items one list holds' }) limit!: number;
  @ApiProperty({ type: TodayTruncatedDto, description: 'true for a list cut at `limit`' }) truncated!: TodayTruncatedDto;
}
