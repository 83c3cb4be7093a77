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
export type Plan = Schemas['PlanDto'];
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

export type SpasmHistoryView = Schemas['SpasmHistoryDto'];
export type Progression = Schemas['ProgressionDto'];
export type DischargeReviewView = Schemas['DischargeReviewDto'];
export type DischargeLetter = Schemas['DischargeLetterDto'];
export type PracticeOutcomes = Schemas['PracticeOutcomesDto'];
export type TodayProgression = Schemas['TodayProgressionDto'];
export type TodayFollowUpSpasm = Schemas['TodayFollowUpSpasmDto'];
