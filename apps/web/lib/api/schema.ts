/**
 * The API's types, generated from its OpenAPI document (packages/api-contract, `npm run contract`): the only place
 * the dashboard and the patient page get them from. Names are the document's schemas without the `Dto` suffix.
 */
import type { components, paths as generatedPaths } from '@upright/api-contract/schema';
import type { TargetCode } from '@upright/domain';

/* ---------------------------------------------------------------------------------------------------------------
 * DOCUMENT GAPS. The current document describes a few fields and answers loosely: nullable scalars it declares as
 * `type: object` (generated as `Record<string, never>`), and answers without a schema (generated as `unknown`).
 * `Exact<>` below puts the API's true types in their place, by field name, and only where the generated type is
 * that empty object: it changes nothing else, and nothing at all once the document is exact. When a regenerated
 * schema.d.ts no longer has such fields, delete GapFields, GapAnswers and Exact, and use the generated types as
 * they are.
 * ------------------------------------------------------------------------------------------------------------- */

/** The true types of the fields the document declares as `type: object` (nullability comes from the document). */
interface GapFields {
  // AuditEventDto
  actorId: string;
  actorName: string;
  role: string;
  resourceId: string;
  patientId: string;
  ip: string;
  requestId: string;
  // PatientDto, CreatePatientDto, UpdatePatientDto (email, phone, notes, archivedAt); CreateEpisodeDto,
  // CreateAssessmentDto (notes)
  email: string;
  phone: string;
  notes: string | null; // the create bodies accept null too (documented as optional, not nullable)
  archivedAt: string;
  // EpisodeClassificationDto, PosturalReportDto
  rulesetVersion: string;
  // MeasurementsDto
  trunkFlexorS: number;
  trunkExtensorS: number;
  trunkRotationDeg: number;
  craniovertebralAngleDeg: number;
  // PlanDraftBasisDto
  classification: Pick<components['schemas']['EpisodeClassificationDto'], 'category' | 'reviewInDays'>;
  // TodayPainAlertDto (items: type object)
  alerts: components['schemas']['PainAlertItemDto'];
  // TodayLowAdherenceDto (type object, additionalProperties)
  adherence: components['schemas']['PatientAdherenceDto'];
}

/** Fields the document declares as plain strings (no enum) though the API answers codes. */
interface GapEnums {
  // PlanDraftBasisDto.targets (items)
  targets: TargetCode;
}

type EmptyObject = Record<string, never>;
/** The true type of field K where the generated type V is loose, else undefined. */
type Gap<K, V> = K extends keyof GapFields
  ? [V] extends [EmptyObject]
    ? GapFields[K]
    : string extends keyof V
      ? GapFields[K]
      : never
  : K extends keyof GapEnums
    ? [V] extends [string]
      ? GapEnums[K]
      : never
    : never;
type ExactValue<K, V> = V extends null | undefined
  ? V
  : V extends readonly (infer Item)[]
    ? [Gap<K, Item>] extends [never]
      ? Exact<Item>[]
      : Gap<K, Item>[]
    : [Gap<K, V>] extends [never]
      ? Exact<V>
      : Gap<K, V>;
type Exact<T> = T extends object ? { [K in keyof T]: ExactValue<K, T[K]> } : T;

/** GET /api/patients/{id}/timeline: the document has no schema for it (generated as `unknown`). */
export interface Timeline {
  patientId: string;
  entries: TimelineEntry[];
  /** True when older records exist beyond the per-kind limit. */
  truncated: boolean;
}
export interface TimelineEntry {
  kind: 'episode' | 'assessment' | 'plan' | 'outcome';
  id: string;
  /** The clinical date: onset / assessment / plan start / score date (YYYY-MM-DD). */
  date: string;
  recordedAt: string;
  title: string;
  /** A short line: category and urgency, findings count, plan status, score. */
  summary: string;
  status: string;
}

type GapAnswers = {
  '/api/patients/{id}/timeline': { get: { responses: { 200: { content: { 'application/json': Timeline } } } } };
};
type WithAnswer<Path, Gap> = {
  [M in keyof Path]: M extends keyof Gap
    ? Omit<Path[M], 'responses'> & { responses: Omit<Path[M] extends { responses: infer R } ? R : never, 200> & (Gap[M] extends { responses: infer G } ? G : never) }
    : Path[M];
};

type ExactPaths = Exact<generatedPaths>;
/** The API's routes, parameters, bodies and answers, for openapi-fetch's `createClient<paths>()`. */
export type paths = { [P in keyof ExactPaths]: P extends keyof GapAnswers ? WithAnswer<ExactPaths[P], GapAnswers[P]> : ExactPaths[P] };

type Schemas = Exact<components['schemas']>;

/* ------------------------------------------------------------------------------------------------------------ */

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
export type PlanChange = Schemas['PlanChangeDto'];
export type PatientLogEntry = Schemas['PatientLogEntryDto'];
export type PatientLogCreated = Schemas['PatientLogCreatedDto'];
export type PatientLogList = Schemas['PatientLogListDto'];
export type AccessLogEntry = Schemas['AccessLogEntryDto'];
export type AccessLog = Schemas['AccessLogDto'];
