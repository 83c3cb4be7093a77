/**
 * The API's types, generated from its OpenAPI document (packages/api-contract, `npm run contract`): the only place
 * the dashboard and the patient page get them from. Names are the document's schemas without the `Dto` suffix.
 */
import type { components, paths as generatedPaths } from '@upright/api-contract/schema';

/** The API's routes, parameters, bodies and answers, for openapi-fetch's `createClient<paths>()`. */
export type paths = generatedPaths;

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

export type Me = Schemas['MeDto'];
export type Role = Me['role'];
export type User = Schemas['UserDto'];
export type UserPage = Schemas['UserPageDto'];
export type NewUser = Schemas['CreateUserDto'];
export type UserChanges = Schemas['UpdateUserDto'];
export type PracticeSettings = Schemas['PracticeDto'];
export type PracticeChanges = Schemas['UpdatePracticeDto'];
export type AuditEventView = Schemas['AuditEventDto'];
export type AuditPage = Schemas['AuditPageDto'];

export type Patient = Schemas['PatientDto'];
export type PatientPage = Schemas['PatientPageDto'];
export type Sex = Patient['sex'];
export type NewPatient = Schemas['CreatePatientDto'];
export type PatientDuplicate = Schemas['DuplicateDto'];
export type MatchReason = PatientDuplicate['matchedOn'][number];
export type ImportResult = Schemas['ImportResultDto'];
export type ImportField = NonNullable<ImportResult['columns'][number]['field']>;
export type PatientChanges = Schemas['UpdatePatientDto'];

export type Episode = Schemas['EpisodeDto'];
export type EpisodePage = Schemas['EpisodePageDto'];
export type NewEpisode = Schemas['CreateEpisodeDto'];
export type Assessment = Schemas['AssessmentDto'];
export type AssessmentPage = Schemas['AssessmentPageDto'];
export type NewAssessment = Schemas['CreateAssessmentDto'];
export type AssessmentComparison = Schemas['AssessmentComparisonDto'];
export type OutcomeScore = Schemas['OutcomeScoreDto'];
export type OutcomeScoreList = Schemas['OutcomeScoreListDto'];
export type NewOutcome = Schemas['CreateOutcomeDto'];
export type OutcomeAnswers = NewOutcome['answers'];

export type LibraryExercise = Schemas['LibraryExerciseDto'];
export type ExerciseList = Schemas['ExerciseListDto'];
export type PlanSuggestion = Schemas['PlanSuggestionDto'];
export type Plan = Schemas['PlanDto'] & { completedOn?: string | null; dischargeReason?: string | null; reachedMeaningfulChange?: boolean | null }; // PROVISIONAL (issue 19)
export type PlanStatus = Plan['status'];
export type PlanListItem = Schemas['PlanListItemDto'];
export type PlanPage = Schemas['PlanPageDto'];
export type PlanVersionSummary = Schemas['PlanVersionSummaryDto'];
export type PlanVersionDetail = Schemas['PlanVersionDetailDto'];
export type PlanVersionPage = Schemas['PlanVersionPageDto'];
export type PlanPhaseEntry = Schemas['PlanPhaseDto'];
export type PlanExerciseEntry = Schemas['PlanExerciseDto'];
export type NewPlan = Schemas['CreatePlanDto'];
export type PlanChanges = Schemas['UpdatePlanDto'];
export type CreatedShareLink = Schemas['CreatedShareLinkDto'];
export type ShareLinkInfo = Schemas['ShareLinkInfoDto'];
export type ShareLinkState = ShareLinkInfo['state'];
export type ShareLinkList = Schemas['ShareLinkListDto'];

export type Timeline = Schemas['TimelineDto'];
export type TimelineEntry = Schemas['TimelineEntryDto'];

export type Today = Schemas['TodayDto'];
export type TodayPatient = Schemas['TodayPatientDto'];
export type TodayReferral = Schemas['TodayReferralDto'];
export type TodayReviewDue = Schemas['TodayReviewDueDto'];
export type TodayPainAlert = Schemas['TodayPainAlertDto'];
export type TodayLowAdherence = Schemas['TodayLowAdherenceDto'];

export type PatientAdherence = Schemas['PatientAdherenceDto'];
export type PainAlertItem = Schemas['PainAlertItemDto'];
export type PainAlertList = Schemas['PainAlertListDto'];
export type ClinicianPatientLog = Schemas['ClinicianPatientLogDto'];
export type ClinicianPatientLogPage = Schemas['ClinicianPatientLogPageDto'];

export type PortalSessionOpened = Schemas['PortalSessionOpenedDto'];
export type PortalPlanView = Schemas['PortalPlanViewDto'];
export type PortalPlan = Schemas['PortalPlanDto'];
export type PortalPhase = Schemas['PortalPhaseDto'];
export type PortalExercise = Schemas['PortalExerciseDto'];
export type PortalNextAppointment = Schemas['PortalNextAppointmentDto'];
export type PortalSettleQuestion = Schemas['PortalSettleQuestionDto'];
export type PortalEpisodeQuestion = Schemas['PortalEpisodeQuestionDto'];
export type PortalFollowUp = Schemas['PortalFollowUpDto'];
export type PortalDischarged = Schemas['PortalDischargedDto'];
export type CalendarFeedCreated = Schemas['CalendarFeedCreatedDto'];
export type PlanChange = Schemas['PlanChangeDto'];
export type PatientLogEntry = Schemas['PatientLogEntryDto'];
export type PatientLogCreated = Schemas['PatientLogCreatedDto'];
export type PatientLogList = Schemas['PatientLogListDto'];
export type AccessLogEntry = Schemas['AccessLogEntryDto'];
export type AccessLog = Schemas['AccessLogDto'];

export type AppointmentType = Schemas['AppointmentTypeDto'];
export type AppointmentTypeList = Schemas['AppointmentTypeListDto'];
export type NewAppointmentType = Schemas['CreateAppointmentTypeDto'];
export type AppointmentTypeChanges = Schemas['UpdateAppointmentTypeDto'];
export type Clinician = Schemas['ClinicianDto'];
export type WorkingHours = Schemas['WorkingHoursDto'];
export type WeeklyHours = Schemas['WeeklyHoursDto'];
export type HoursException = Schemas['HoursExceptionDto'];
export type Slot = Schemas['SlotDto'];
export type SlotList = Schemas['SlotListDto'];
export type Appointment = Schemas['AppointmentDto'];
export type AppointmentList = Schemas['AppointmentListDto'];
export type AppointmentStatus = Appointment['status'];
export type NewAppointment = Schemas['CreateAppointmentDto'];

export type NoteSections = Schemas['NoteSectionsDto'];
export type NoteTemplate = Schemas['NoteTemplateDto'];
export type NoteAddendum = Schemas['NoteAddendumDto'];
export type VisitNote = Schemas['VisitNoteDto'];
export type VisitNoteStatus = VisitNote['status'];
export type VisitNoteSummary = Schemas['VisitNoteSummaryDto'];
export type TodayUnsignedNote = Schemas['TodayUnsignedNoteDto'];

// --- Issue 19 (the spasm cycle): PROVISIONAL shapes from the specification, replaced by the generated ones once the
// API's contract lands (see the merge of issue-19-api / issue-19-portal).
import type {
  ClinicOutcomes as DomainClinicOutcomes,
  DischargeReview as DomainDischargeReview,
  Instrument as DomainInstrument,
  ProgressionAdvice as DomainProgressionAdvice,
  SpasmHistory as DomainSpasmHistory,
} from '@upright/domain';
export type SpasmHistoryView = DomainSpasmHistory & {
  planId: string | null;
  planStartDate: string | null;
  asOf: string;
  episodes: { id: string; onsetDate: string; resolvedOn: string | null; source: 'episode' | 'follow_up' }[];
};
export type Progression = DomainProgressionAdvice & {
  asOf: string;
  phase: { key: string; title: string; daysInPhase: number; isLastPhase: boolean };
  adherencePercent: number;
  openPainAlert: boolean;
  logs: { date: string; pain: number; settledByNextMorning: boolean | null }[];
  proposal: {
    kind: 'next_phase' | 'previous_phase' | 'exercise_progressions' | 'exercise_regressions';
    toPhaseKey: string | null;
    summary: string;
    changes: { exerciseCode: string; name: string; from: string; to: string }[];
  } | null;
};
export type DischargeOutcomePair = { baseline: number; latest: number; baselineOn: string; latestOn: string; meaningful: boolean };
export type DischargeReviewView = DomainDischargeReview & {
  asOf: string;
  stored: boolean;
  inputs: {
    weeksInCare: number;
    outcomes: { [I in DomainInstrument]?: DischargeOutcomePair };
    adherencePercent: number;
    redFlagOpen: boolean;
    priorEpisodes: number;
  };
};
export type DischargeLetter = {
  practice: { name: string };
  patient: { name: string; dateOfBirth: string };
  clinician: { name: string };
  completedOn: string;
  reason: string;
  letterToDoctor: { name: string; address?: string | null } | null;
  episodes: { onsetDate: string; resolvedOn: string | null; category: string; trigger: string }[];
  findings: string[];
  plan: { title: string; phases: { title: string; exercises: string[] }[] };
  outcomes: { instrument: string; label: string; baseline: number; latest: number; change: number; meaningful: boolean; mcid: string }[];
  review: DomainDischargeReview;
  history: DomainSpasmHistory;
  maintenance: { text: string; patientText: string; exercises: { name: string; dose: string }[] };
  rulesetVersion: string;
};
export type PracticeOutcomes = {
  asOf: string;
  overall: DomainClinicOutcomes & { cases: number };
  byClinician: ({ clinicianId: string; name: string; cases: number } & DomainClinicOutcomes)[];
};
export type TodayProgression = {
  patientId: string;
  patientName: string;
  planId: string;
  advice: 'progress' | 'regress' | 'review' | 'maintain';
  reasons: { code: string; text: string }[];
  actionText: string;
};
export type TodayFollowUpSpasm = { followUpId: string; patientId: string; patientName: string; spasmOn: string; months: number };
