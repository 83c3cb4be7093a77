import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  DISCHARGE_REASON_CODES,
  DISCHARGE_STATUSES,
  EPISODE_CATEGORIES,
  INSTRUMENTS,
  PROGRESSION_ACTION_CODES,
  PROGRESSION_ADVICE,
  PROGRESSION_REASON_CODES,
  RECURRENCE_RISKS,
  SPASM_CYCLES,
  SPASM_HISTORY_REASON_CODES,
  SPASM_TRENDS,
  TRIGGERS,
  type DischargeReasonCode,
  type DischargeStatus,
  type Instrument,
  type ProgressionActionCode,
  type ProgressionAdviceCode,
  type ProgressionReasonCode,
  type RecurrenceRisk,
  type RulesetVersion,
  type SpasmCycle,
  type SpasmHistoryReasonCode,
  type SpasmTrend,
} from '@upright/domain';
import { IsIsoDate } from '../../common/dates.js';
import { HAS_TEXT } from '../../exercises/dto/exercise.dto.js';
import { PlanPhaseDto } from '../../plans/dto/plan.dto.js';

const RULESET = { type: String, example: '2026.12', description: 'The clinical ruleset the result was computed with' } as const;

// ---------------------------------------------------------------------------------------------------------------
// Spasm history (route 1)

export class SpasmHistoryReasonDto {
  @ApiProperty({ enum: SPASM_HISTORY_REASON_CODES }) code!: SpasmHistoryReasonCode;
  @ApiProperty({ example: 'No spasm for 143 days since the plan began.' }) text!: string;
}

export class DistinctEpisodeDto {
  @ApiProperty({ format: 'date' }) onsetDate!: string;
  @ApiProperty({ format: 'date', description: 'The latest onset or resolution among its members' }) end!: string;
  @ApiProperty({ type: [String], description: 'The ids of its episodes (the first, then its flares), in order' }) memberIds!: string[];
}

/** The domain's SpasmHistory (rule 9.1). */
export class SpasmHistoryResultDto {
  @ApiProperty({ type: [DistinctEpisodeDto] }) distinct!: DistinctEpisodeDto[];
  @ApiProperty({ example: 1 }) last12Months!: number;
  @ApiProperty({ example: 2 }) previous12Months!: number;
  @ApiProperty({ enum: SPASM_TRENDS }) trend!: SpasmTrend;
  @ApiProperty({ example: 2 }) priorEpisodes!: number;
  @ApiProperty({ enum: RECURRENCE_RISKS }) recurrenceRisk!: RecurrenceRisk;
  @ApiProperty({ nullable: true, type: Number }) newSincePlan!: number | null;
  @ApiProperty({ nullable: true, type: Number }) daysSincePlan!: number | null;
  @ApiProperty({ nullable: true, type: Number }) daysFree!: number | null;
  @ApiProperty({ enum: SPASM_CYCLES }) cycle!: SpasmCycle;
  @ApiProperty({ type: [SpasmHistoryReasonDto], description: 'Three: trend, recurrence risk, cycle' }) reasons!: SpasmHistoryReasonDto[];
  @ApiProperty({ example: 'No spasm for 143 days since your plan began' }) patientText!: string;
  @ApiProperty(RULESET) rulesetVersion!: RulesetVersion;
}

export class SpasmHistoryEpisodeDto {
  @ApiProperty({ format: 'uuid', description: 'The episode’s id, or the follow-up’s for a spasm reported at a follow-up' }) id!: string;
  @ApiProperty({ format: 'date' }) onsetDate!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) resolvedOn!: string | null;
  @ApiProperty({ enum: ['episode', 'follow_up'] }) source!: 'episode' | 'follow_up';
}

export class SpasmHistoryDto extends SpasmHistoryResultDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The plan the cycle is told against: the active one, else the latest completed' })
  planId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'That plan’s start (its version 1)' }) planStartDate!: string | null;
  @ApiProperty({ format: 'date', description: 'The practice’s today' }) asOf!: string;
  @ApiProperty({ type: [SpasmHistoryEpisodeDto], description: 'The input: recorded episodes and follow-up spasms, by onset' })
  episodes!: SpasmHistoryEpisodeDto[];
}

// ---------------------------------------------------------------------------------------------------------------
// Progression (routes 3, 4)

export class ProgressionReasonDto {
  @ApiProperty({ enum: PROGRESSION_REASON_CODES }) code!: ProgressionReasonCode;
  @ApiProperty() text!: string;
}

export class ProgressionActionDto {
  @ApiProperty({ enum: PROGRESSION_ACTION_CODES }) code!: ProgressionActionCode;
  @ApiProperty() text!: string;
  @ApiProperty() patientText!: string;
}

export class ProgressionPhaseDto {
  @ApiProperty({ example: 'activate' }) key!: string;
  @ApiProperty({ example: 'Activate' }) title!: string;
  @ApiProperty({ example: 15, description: 'Whole days since the phase’s first day' }) daysInPhase!: number;
  @ApiProperty() isLastPhase!: boolean;
}

export class ProgressionLogDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ minimum: 0, maximum: 10 }) pain!: number;
  @ApiProperty({ nullable: true, type: Boolean, description: 'The patient’s next-morning answer; null: not answered' }) settledByNextMorning!: boolean | null;
}

export class ProposalChangeDto {
  @ApiProperty({ example: 'side_bridge' }) exerciseCode!: string;
  @ApiProperty({ example: 'Side bridge' }) name!: string;
  @ApiProperty({ example: '3 sets of 5 with 10-second holds, on each side, every day' }) from!: string;
  @ApiProperty({ example: '3 sets of 7 with 10-second holds, on each side, every day' }) to!: string;
}

export class ProgressionProposalDto {
  @ApiProperty({ enum: ['next_phase', 'previous_phase', 'exercise_progressions', 'exercise_regressions'] })
  kind!: 'next_phase' | 'previous_phase' | 'exercise_progressions' | 'exercise_regressions';
  @ApiProperty({ nullable: true, type: String, description: 'The phase moved to (next_phase, previous_phase)' }) toPhaseKey!: string | null;
  @ApiProperty({ description: 'One sentence; it becomes the new version’s change note' }) summary!: string;
  @ApiProperty({ type: [ProposalChangeDto] }) changes!: ProposalChangeDto[];
}

/** The domain's ProgressionAdvice (rule 9.2) with what it was computed from and what applying it would change. */
export class ProgressionDto {
  @ApiProperty({ enum: PROGRESSION_ADVICE }) advice!: ProgressionAdviceCode;
  @ApiProperty({ type: [ProgressionReasonDto] }) reasons!: ProgressionReasonDto[];
  @ApiProperty({ type: ProgressionActionDto }) action!: ProgressionActionDto;
  @ApiProperty(RULESET) rulesetVersion!: RulesetVersion;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: ProgressionPhaseDto }) phase!: ProgressionPhaseDto;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Rule 7 over the 28 days up to asOf' }) adherencePercent!: number;
  @ApiProperty({ description: 'A pain alert of this plan no clinician has acknowledged' }) openPainAlert!: boolean;
  @ApiProperty({ type: [ProgressionLogDto], description: 'The plan’s logs of asOf-13..asOf, oldest first' }) logs!: ProgressionLogDto[];
  @ApiProperty({ nullable: true, type: ProgressionProposalDto, description: 'Null for hold, review and maintain' })
  proposal!: ProgressionProposalDto | null;
}

export class ApplyProgressionDto {
  @ApiProperty({
    enum: ['progress', 'regress'],
    example: 'progress',
    description: 'The advice you saw: refused (409 advice_changed) when it is no longer the advice',
  })
  @IsIn(['progress', 'regress'])
  advice!: 'progress' | 'regress';
}

// ---------------------------------------------------------------------------------------------------------------
// Discharge review (route 5)

export class OutcomePairDto {
  @ApiProperty({ example: 40 }) baseline!: number;
  @ApiProperty({ example: 14 }) latest!: number;
  @ApiProperty({ format: 'date' }) baselineOn!: string;
  @ApiProperty({ format: 'date' }) latestOn!: string;
  @ApiProperty({ description: 'Rule 6: an improvement that matters' }) meaningful!: boolean;
}

export class DischargeOutcomesDto {
  @ApiPropertyOptional({ type: OutcomePairDto }) odi?: OutcomePairDto;
  @ApiPropertyOptional({ type: OutcomePairDto }) rmdq?: OutcomePairDto;
  @ApiPropertyOptional({ type: OutcomePairDto }) nprs?: OutcomePairDto;
  @ApiPropertyOptional({ type: OutcomePairDto }) psfs?: OutcomePairDto;
}

export class DischargeInputsDto {
  @ApiProperty({ example: 10 }) weeksInCare!: number;
  @ApiProperty({ type: DischargeOutcomesDto, description: 'Per recorded instrument: the first and the latest score' }) outcomes!: DischargeOutcomesDto;
  @ApiProperty({ minimum: 0, maximum: 100 }) adherencePercent!: number;
  @ApiProperty() redFlagOpen!: boolean;
  @ApiProperty() priorEpisodes!: number;
}

export class DischargeReasonDto {
  @ApiProperty({ enum: DISCHARGE_REASON_CODES }) code!: DischargeReasonCode;
  @ApiProperty() text!: string;
}

export class MaintenanceDto {
  @ApiProperty({ enum: ['keep_exercising_12_months'] }) code!: 'keep_exercising_12_months';
  @ApiProperty() text!: string;
  @ApiProperty() patientText!: string;
}

/** The domain's DischargeReview (rule 9.3). */
export class DischargeReviewResultDto {
  @ApiProperty({ enum: DISCHARGE_STATUSES }) status!: DischargeStatus;
  @ApiProperty({ type: [DischargeReasonDto] }) reasons!: DischargeReasonDto[];
  @ApiPropertyOptional({ type: MaintenanceDto, description: 'When the status is ready' }) maintenance?: MaintenanceDto;
  @ApiProperty(RULESET) rulesetVersion!: RulesetVersion;
}

export class DischargeReviewDto extends DischargeReviewResultDto {
  @ApiProperty({ format: 'date', description: 'The day the review is for (a stored review: the day it was made)' }) asOf!: string;
  @ApiProperty({ type: DischargeInputsDto }) inputs!: DischargeInputsDto;
  @ApiProperty({ description: 'True for a completed plan: the review stored at discharge, never recomputed' }) stored!: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Discharge (route 6)

export class LetterToDoctorDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Dr Jane Okafor' })
  @IsString()
  @Length(1, 200)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  name!: string;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Riverside Surgery, 1 High Street, Oxford OX1 1AA' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  address?: string;
}

export class DischargePlanDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'Goals met: ODI 40 to 14, pain 7 to 2; continues the maintenance programme at home.' })
  @IsString()
  @Length(1, 2000)
  @Matches(HAS_TEXT, { message: 'must not be blank' })
  reason!: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-06-01', description: 'Defaults to today; not after today, not before the plan started' })
  @IsOptional()
  @IsIsoDate()
  completedOn?: string;

  @ApiPropertyOptional({ nullable: true, type: LetterToDoctorDto, description: 'A copy of the discharge letter for the patient’s doctor' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LetterToDoctorDto)
  letterToDoctor?: LetterToDoctorDto | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Discharge letter (route 7)

class NameDto {
  @ApiProperty() name!: string;
}

class LetterPatientDto {
  @ApiProperty({ example: 'Maria Nowak' }) name!: string;
  @ApiProperty({ format: 'date' }) dateOfBirth!: string;
}

class LetterEpisodeDto {
  @ApiProperty({ format: 'date' }) onsetDate!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) resolvedOn!: string | null;
  @ApiProperty({ enum: EPISODE_CATEGORIES }) category!: string;
  @ApiProperty({ enum: TRIGGERS }) trigger!: string;
}

class LetterPhaseDto {
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String], description: 'Exercise names' }) exercises!: string[];
}

class LetterPlanDto {
  @ApiProperty() title!: string;
  @ApiProperty({ type: [LetterPhaseDto] }) phases!: LetterPhaseDto[];
}

class LetterOutcomeDto {
  @ApiProperty({ enum: INSTRUMENTS }) instrument!: Instrument;
  @ApiProperty({ example: 'Oswestry Disability Index (ODI)' }) label!: string;
  @ApiProperty() baseline!: number;
  @ApiProperty() latest!: number;
  @ApiProperty({ description: 'latest - baseline, 1 decimal' }) change!: number;
  @ApiProperty() meaningful!: boolean;
  @ApiProperty({ example: 'an improvement of 10 points or more', description: 'The smallest change that matters (rule 6)' }) mcid!: string;
}

class LetterExerciseDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '3 sets of 7 with 10-second holds, on each side, twice a week' }) dose!: string;
}

class LetterMaintenanceDto {
  @ApiProperty() text!: string;
  @ApiProperty() patientText!: string;
  @ApiProperty({ type: [LetterExerciseDto] }) exercises!: LetterExerciseDto[];
}

/** What a printed discharge letter needs, from the stored discharge (never recomputed). */
export class DischargeLetterDto {
  @ApiProperty({ type: NameDto }) practice!: NameDto;
  @ApiProperty({ type: LetterPatientDto }) patient!: LetterPatientDto;
  @ApiProperty({ type: NameDto, description: 'The clinician who discharged' }) clinician!: NameDto;
  @ApiProperty({ format: 'date' }) completedOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: LetterToDoctorDto }) letterToDoctor!: LetterToDoctorDto | null;
  @ApiProperty({ type: [LetterEpisodeDto], description: 'The patient’s recorded episodes, by onset' }) episodes!: LetterEpisodeDto[];
  @ApiProperty({ type: [String], description: 'The latest postural assessment’s findings and strengthening targets' }) findings!: string[];
  @ApiProperty({ type: LetterPlanDto }) plan!: LetterPlanDto;
  @ApiProperty({ type: [LetterOutcomeDto] }) outcomes!: LetterOutcomeDto[];
  @ApiProperty({ type: DischargeReviewResultDto, description: 'As stored at discharge' }) review!: DischargeReviewResultDto;
  @ApiProperty({ type: SpasmHistoryResultDto, description: 'As stored at discharge' }) history!: SpasmHistoryResultDto;
  @ApiProperty({ type: LetterMaintenanceDto }) maintenance!: LetterMaintenanceDto;
  @ApiProperty(RULESET) rulesetVersion!: RulesetVersion;
}

/** The maintenance programme kept in the discharge snapshot: the plan's maintain phase (else its last) as stored. */
export class DischargeMaintenanceDto {
  @ApiProperty({ type: PlanPhaseDto }) phase!: PlanPhaseDto;
  @ApiProperty() text!: string;
  @ApiProperty() patientText!: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Practice outcomes (route 8)

export class OutcomeRateDto {
  @ApiProperty({ description: 'Cases with a known value' }) n!: number;
  @ApiProperty() count!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'count / n, 3 decimals; null when n < 10 (too few cases to say)' }) rate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % Wilson interval, low end' }) low!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % Wilson interval, high end' }) high!: number | null;
}

export class ClinicOutcomesDto {
  @ApiProperty({ type: OutcomeRateDto, description: 'Discharged plans whose scores reached a change that matters' }) meaningfulChange!: OutcomeRateDto;
  @ApiProperty({ type: OutcomeRateDto, description: 'Discharged plans followed by a spasm within 12 months' }) recurrence!: OutcomeRateDto;
  @ApiProperty(RULESET) rulesetVersion!: RulesetVersion;
  @ApiProperty({ description: 'Discharged plans counted' }) cases!: number;
}

export class ClinicianOutcomesDto extends ClinicOutcomesDto {
  @ApiProperty({ format: 'uuid' }) clinicianId!: string;
  @ApiProperty() name!: string;
}

export class PracticeOutcomesDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: ClinicOutcomesDto }) overall!: ClinicOutcomesDto;
  @ApiProperty({ type: [ClinicianOutcomesDto], description: 'By the clinician who activated the plan (else created it), by name' })
  byClinician!: ClinicianOutcomesDto[];
}

// ---------------------------------------------------------------------------------------------------------------
// Follow-ups (route 10)

export class ReviewFollowUpDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '0f3c9a1e-5d2b-4c7e-9a41-2b8d6e1f7c30',
    description: 'The episode you recorded from the patient’s answer (one of this patient’s)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  episodeId?: string;
}

export class FollowUpReviewedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) reviewedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) episodeId!: string | null;
}
