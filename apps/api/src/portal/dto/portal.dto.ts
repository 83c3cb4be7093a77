import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { addDays, PAIN_ALERT_REASONS, SIDES, SPASM_CYCLES, type PainAlert, type PainAlertReason, type Side, type SpasmCycle } from '@upright/domain';
import { IsIsoDate, IsNotFutureDate, todayIso } from '../../common/dates.js';
import { SNAKE_CASE } from '../../exercises/dto/exercise.dto.js';

/** How far back a patient may log a day they forgot. */
export const LOG_DAYS_BACK = 30;
export const LOG_NOTE_MAX = 1000;
export const EARLIEST_BIRTH_YEAR = 1900;
/** More codes than any plan has (6 phases x 20 exercises). */
const MAX_COMPLETED = 120;

/** A birth year not after this year (checked against the clock at validation time). */
function IsNotFutureYear() {
  return ValidateBy({
    name: 'isNotFutureYear',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || value <= new Date().getUTCFullYear(),
      defaultMessage: () => 'cannot be in the future',
    },
  });
}

/** A log date at most LOG_DAYS_BACK days before today. */
function IsWithinLogWindow() {
  return ValidateBy({
    name: 'isWithinLogWindow',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value >= addDays(todayIso(), -LOG_DAYS_BACK),
      defaultMessage: () => `cannot be more than ${LOG_DAYS_BACK} days ago`,
    },
  });
}

const trimToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

export class OpenPortalSessionDto {
  @ApiProperty({ example: '3q2-7wXyZ0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1', description: 'The token at the end of the link (`/p/<token>`)' })
  @IsString()
  @Length(20, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be the token of a link (letters, digits, - and _)' })
  token!: string;

  @ApiProperty({ example: 1979, minimum: EARLIEST_BIRTH_YEAR, description: 'The patient’s year of birth; not after this year' })
  @IsInt({ message: 'must be a whole number' })
  @Min(EARLIEST_BIRTH_YEAR)
  @IsNotFutureYear()
  birthYear!: number;
}

class PortalPatientDto {
  @ApiProperty({ example: 'Zoë' }) firstName!: string;
}

/** POST /api/portal/session: the link and birth year matched; the portal cookie is set. */
export class PortalSessionOpenedDto {
  @ApiProperty({ type: PortalPatientDto }) patient!: PortalPatientDto;
  @ApiProperty({ format: 'uuid' }) planId!: string;
}

/** One exercise as the patient page shows it: the dose of the plan and the library's instructions. */
export class PortalExerciseDto {
  @ApiProperty({ example: 'bird_dog' }) exerciseCode!: string;
  @ApiProperty({ example: 'Bird dog' }) name!: string;
  @ApiProperty({ type: [String], example: ['Get on your hands and knees, hands under your shoulders and knees under your hips.'] }) steps!: string[];
  @ApiProperty({ example: 3 }) sets!: number;
  @ApiProperty({ example: 5 }) reps!: number;
  @ApiProperty({ nullable: true, type: Number, example: 10 }) holdSeconds!: number | null;
  @ApiProperty({ example: true }) perSide!: boolean;
  @ApiProperty({ example: 7, description: '7 means daily' }) timesPerWeek!: number;
  @ApiProperty({ nullable: true, enum: SIDES }) side!: Side | null;
  @ApiProperty({ nullable: true, type: String, example: 'Descending pyramid 5/3/1.' }) notes!: string | null;
  @ApiProperty({ example: 'Lift only one arm or one leg at a time.' }) regression!: string;
  @ApiProperty({ example: 'Move to 7/5/3 when every hold is clean.' }) progression!: string;
  @ApiProperty({ example: 'Keep your back still; stop if pain goes down a leg.' }) safety!: string;
}

export class PortalPhaseDto {
  @ApiProperty({ example: 'activate' }) key!: string;
  @ApiProperty({ example: 'Activate' }) title!: string;
  @ApiProperty({ example: 0 }) startWeek!: number;
  @ApiProperty({ example: 3 }) endWeek!: number;
  @ApiProperty({ type: [String] }) goals!: string[];
  @ApiProperty({ description: 'The phase the patient is in today' }) current!: boolean;
  @ApiProperty({ type: [PortalExerciseDto] }) exercises!: PortalExerciseDto[];
}

export class PortalPlanDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Back support rehabilitation plan (12 weeks)' }) title!: string;
  @ApiProperty({ format: 'date', example: '2026-03-02' }) startDate!: string;
  @ApiProperty({ example: 2 }) versionNumber!: number;
  @ApiProperty({ type: [String], example: ['2026-03-09', '2026-03-23'] }) reviewDates!: string[];
  @ApiProperty({ type: [String] }) notes!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'activate' }) currentPhaseKey!: string | null;
  @ApiProperty({ type: [PortalPhaseDto] }) phases!: PortalPhaseDto[];
}

const PLAN_CHANGE_KINDS = ['added', 'removed', 'dose_changed'] as const;
export type PlanChangeKind = (typeof PLAN_CHANGE_KINDS)[number];

/** One change to the patient's exercises between two versions of the plan, in plain words. */
export class PlanChangeDto {
  @ApiProperty({ enum: PLAN_CHANGE_KINDS }) kind!: PlanChangeKind;
  @ApiProperty({ example: 'side_bridge' }) exerciseCode!: string;
  @ApiProperty({ example: 'Side bridge' }) name!: string;
  @ApiProperty({ example: 'strengthen' }) phaseKey!: string;
  @ApiProperty({ example: 'New in “Strengthen”: Side bridge, 3 sets of 5 with 10-second holds, on each side, every day.' }) text!: string;
}

/** What changed since the version the patient last saw through this link. */
export class PlanChangesDto {
  @ApiProperty({ example: 1, description: 'The version the patient last saw through this link' }) sinceVersion!: number;
  @ApiProperty({ type: [PlanChangeDto] }) items!: PlanChangeDto[];
}

/** "Had the pain settled by the next morning?" about a recent session. */
export class PortalSettleQuestionDto {
  @ApiProperty({ format: 'uuid', description: 'Answer with POST /api/portal/logs/:logId/settled' }) logId!: string;
  @ApiProperty({ format: 'date', example: '2026-12-06', description: 'The day of the session' }) date!: string;
}

/** "Has your spasm settled?" about the patient's latest episode. */
export class PortalEpisodeQuestionDto {
  @ApiProperty({ format: 'uuid', description: 'Answer with POST /api/portal/episodes/:episodeId/resolved' }) episodeId!: string;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) onsetDate!: string;
}

/** The maintenance programme the patient keeps after discharge, as stored with the discharge. */
export class PortalMaintenanceDto {
  @ApiProperty({ example: 'Keep the exercises going for at least 12 months.' }) text!: string;
  @ApiProperty({ example: 'Keep doing your exercises for at least a year: it is what keeps the spasms away.' }) patientText!: string;
  @ApiProperty({ type: PortalPhaseDto, description: 'The exercises to keep doing (the plan’s maintain phase, else its last)' }) phase!: PortalPhaseDto;
}

/** The plan was completed: the patient was discharged. */
export class PortalDischargedDto {
  @ApiProperty({ format: 'date', example: '2026-10-02' }) completedOn!: string;
  @ApiProperty({ type: PortalMaintenanceDto }) maintenance!: PortalMaintenanceDto;
}

/** A follow-up question after discharge that has come due. */
export class PortalFollowUpDto {
  @ApiProperty({ format: 'uuid', description: 'Answer with POST /api/portal/follow-ups/:followUpId' }) id!: string;
  @ApiProperty({ enum: [3, 6, 12], example: 3, description: 'Months after the discharge' }) months!: number;
  @ApiProperty({ format: 'date', example: '2027-01-01' }) dueOn!: string;
}

/** Where the patient stands in the spasm cycle since their plan began (rule 9.1). */
export class PortalCycleDto {
  @ApiProperty({ enum: SPASM_CYCLES, example: 'holding' }) cycle!: SpasmCycle;
  @ApiProperty({ type: Number, nullable: true, example: 143, description: 'Days without a spasm since the plan began (or the latest spasm after it)' })
  daysFree!: number | null;
  @ApiProperty({ example: 'No spasm for 143 days since your plan began' }) patientText!: string;
}

/** The progression advice asks the patient to ease off (advice `regress`). */
export class PortalEaseOffDto {
  @ApiProperty({
    example:
      'Please ease off your exercises for now: do the easier versions, or fewer of them, and keep moving gently. The clinic will be in touch with you soon.',
  })
  patientText!: string;
}

/** GET /api/portal/plan */
export class PortalPlanViewDto {
  @ApiProperty({ type: PortalPatientDto }) patient!: PortalPatientDto;
  @ApiProperty({ type: PortalPlanDto }) plan!: PortalPlanDto;
  @ApiProperty({ type: PlanChangesDto, nullable: true, description: 'null on the first visit and when nothing changed since the last one' })
  changes!: PlanChangesDto | null;
  @ApiProperty({ type: PortalCycleDto, description: 'The spasm history told against this plan’s start (always present)' }) cycle!: PortalCycleDto;
  @ApiProperty({
    type: PortalEaseOffDto,
    nullable: true,
    description: 'The progression advice’s words for the patient when it is to ease off (regress); null otherwise, and for a completed plan',
  })
  easeOff!: PortalEaseOffDto | null;
  @ApiProperty({
    type: PortalSettleQuestionDto,
    nullable: true,
    description: 'The most recent session of the plan 1-3 days ago without a next-morning answer; null when none',
  })
  settleQuestion!: PortalSettleQuestionDto | null;
  @ApiProperty({
    type: PortalEpisodeQuestionDto,
    nullable: true,
    description: 'The latest recorded episode when it has not settled and the plan is active; null otherwise',
  })
  episodeQuestion!: PortalEpisodeQuestionDto | null;
  @ApiProperty({ type: PortalDischargedDto, nullable: true, description: 'The discharge, when the plan is completed; null while it is active' })
  discharged!: PortalDischargedDto | null;
  @ApiProperty({ type: PortalFollowUpDto, nullable: true, description: 'The earliest follow-up question come due and not answered; null when none' })
  followUp!: PortalFollowUpDto | null;
}

export class CreatePatientLogDto {
  @ApiProperty({ format: 'date', example: '2026-03-04', description: `Not in the future, at most ${LOG_DAYS_BACK} days ago` })
  @IsIsoDate()
  @IsNotFutureDate()
  @IsWithinLogWindow()
  date!: string;

  @ApiProperty({ type: [String], example: ['bird_dog', 'walking'], description: 'Codes of exercises of the current plan done that day; may be empty' })
  @IsArray()
  @ArrayMaxSize(MAX_COMPLETED)
  @ArrayUnique({ message: 'must not repeat an exercise' })
  @IsString({ each: true })
  @Matches(SNAKE_CASE, { each: true, message: 'each item must be an exercise code' })
  completedExercises!: string[];

  @ApiProperty({ minimum: 0, maximum: 10, example: 3, description: '0 no pain, 10 worst imaginable' })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(10)
  pain!: number;

  @ApiProperty({ minimum: 0, maximum: 10, example: 4, description: '0 very easy, 10 too hard' })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(10)
  difficulty!: number;

  @ApiPropertyOptional({ maxLength: LOG_NOTE_MAX, example: 'Side bridge felt easier today.' })
  @Transform(trimToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(LOG_NOTE_MAX)
  note?: string;
}

/** A patient's log as the patient sees it. */
export class PatientLogEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', example: '2026-03-04' }) date!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ example: 2 }) planVersion!: number;
  @ApiProperty({ type: [String], example: ['bird_dog'] }) completedExercises!: string[];
  @ApiProperty({ example: 3 }) pain!: number;
  @ApiProperty({ example: 4 }) difficulty!: number;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PainAlertDto implements PainAlert {
  @ApiProperty({ enum: ['pain_alert'] }) code!: 'pain_alert';
  @ApiProperty({ enum: PAIN_ALERT_REASONS, isArray: true, example: ['pain_high'] }) reasons!: PainAlertReason[];
  @ApiProperty({ example: 'Pain logged at 8/10 (7 or more). Contact the patient and review the plan.' }) text!: string;
}

/** POST /api/portal/logs */
export class PatientLogCreatedDto {
  @ApiProperty({ type: PatientLogEntryDto }) log!: PatientLogEntryDto;
  @ApiProperty({ type: PainAlertDto, nullable: true, description: 'The pain alert your physio will see; null when none' }) painAlert!: PainAlertDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Advice for the patient when the pain alert fired' }) message!: string | null;
}

export class PatientLogListDto {
  @ApiProperty({ type: [PatientLogEntryDto], description: 'Newest first, at most 100' }) items!: PatientLogEntryDto[];
}

/** One access to the patient's record by someone at the practice. */
export class AccessLogEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Dr Sam Patel' }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'clinician' }) role!: string | null;
  @ApiProperty({ example: 'read' }) action!: string;
  @ApiProperty({ example: 'plan' }) resourceType!: string;
}

export class AccessLogDto {
  @ApiProperty({ type: [AccessLogEntryDto], description: 'Newest first, at most 100' }) items!: AccessLogEntryDto[];
}

/** GET /api/portal/appointments/next: the patient's next appointment, or an empty object when none is booked. */
export class PortalNextAppointmentDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-06-09T10:30:00+01:00', description: 'With the practice zone’s offset' })
  start?: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-06-09T11:15:00+01:00', description: 'With the practice zone’s offset' })
  end?: string;
  @ApiPropertyOptional({ example: 'Europe/London', description: 'The practice’s IANA time zone, to show the time as its clock does' })
  timeZone?: string;
  @ApiPropertyOptional({ example: 'Sam Clinician' }) clinicianName?: string;
  @ApiPropertyOptional({ example: 'Riverside Physio' }) practiceName?: string;
  @ApiPropertyOptional({ example: 'Follow-up' }) typeName?: string;
}

/** POST /api/portal/logs/:logId/settled: the patient's answer the day after a session. */
export class SettledAnswerDto {
  @ApiProperty({ example: true, description: 'Had the pain of that session settled by the next morning? Answering again replaces the answer' })
  @IsBoolean()
  settledByNextMorning!: boolean;
}

export class SettledAnswerStoredDto {
  @ApiProperty({ format: 'uuid', description: 'The log' }) id!: string;
  @ApiProperty({ example: true }) settledByNextMorning!: boolean;
}

/** POST /api/portal/episodes/:episodeId/resolved: the patient says when their spasm settled. */
export class PortalEpisodeResolvedDto {
  @ApiProperty({ format: 'date', example: '2026-11-30', description: 'The day the spasm settled: not before its onset, not in the future' })
  @IsIsoDate()
  @IsNotFutureDate()
  resolvedOn!: string;
}

/** The episode as the patient's answer left it. */
export class PortalEpisodeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) onsetDate!: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) resolvedOn!: string;
  @ApiProperty({ enum: ['patient'], description: 'Who said it settled: the patient, here' }) resolvedByType!: 'patient';
}

/** POST /api/portal/follow-ups/:followUpId: the patient's answer to "Any spasm since your discharge?". */
export class FollowUpAnswerDto {
  @ApiProperty({ example: false, description: 'Has there been a back spasm since the discharge?' })
  @IsBoolean()
  spasmSince!: boolean;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-02-14',
    description: 'When the spasm began: required when spasmSince is true (then after the discharge and not in the future), left out otherwise',
  })
  @IsOptional()
  @IsIsoDate()
  spasmOn?: string;
}

export class FollowUpAnsweredDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [3, 6, 12], example: 3, description: 'Months after the discharge' }) months!: number;
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
  @ApiProperty({ example: false }) spasmSince!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) spasmOn!: string | null;
}
