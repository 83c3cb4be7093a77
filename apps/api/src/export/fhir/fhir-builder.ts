/**
 * A patient's record as FHIR R4 resources (types from @medplum/fhirtypes). Pure functions of the record: the same
 * builder gives the clinician's bundle, the patient's own copy and the practice's bulk NDJSON export, which differ
 * only in how resources point at each other (`urn:uuid:` inside a Bundle, `Type/id` between NDJSON lines).
 *
 * What becomes what:
 *   patient          Patient (identifier: the Upright id as a urn:uuid, assigned by the practice)
 *   episode          Condition (SNOMED CT low back pain, Upright's category in the text, red flags in note + evidence)
 *   assessment       Observation panel (the assessment: notes, findings) with hasMember: one Observation per measurement
 *                    (per side for bilateral ones, with a lateralised body site) and one per symmetry index / ratio
 *   outcome score    Observation (LOINC for ODI and NPRS, text for RMDQ and PSFS), the answers as components
 *   plan version     CarePlan (a version `replaces` the one before; an activity per exercise, its dose in the description)
 *   appointment      Appointment; a completed one (or one with a visit note) also an Encounter
 *   visit note       DocumentReference (the note with its addenda as a text attachment), and its Encounter
 *   diary log        Observation (pain on the NPRS code, difficulty and exercises done as components)
 */
import { createHash } from 'node:crypto';
import type {
  Appointment,
  Bundle,
  CarePlan,
  CarePlanActivity,
  CodeableConcept,
  Condition,
  DocumentReference,
  Encounter,
  ExtractResource,
  Observation,
  ObservationComponent,
  Patient,
  Reference,
  Resource,
  ResourceType,
} from '@medplum/fhirtypes';
import { doseText } from '../../plans/plan-changes.js';
import type {
  AppointmentRecord,
  AssessmentRecord,
  EpisodeRecord,
  LogRecord,
  NoteRecord,
  OutcomeRecord,
  PatientRecord,
  PlanRecord,
  PlanVersionRecord,
} from '../patient-record.js';
import { AMBULATORY, CATEGORY, LOINC, SNOMED, SYSTEMS, text, UNITS } from './fhir-codes.js';

/** How one resource points at another: inside a Bundle by its entry's `urn:uuid:` fullUrl, elsewhere as `Type/id`. */
export type ReferenceStyle = 'bundle' | 'relative';

export interface FhirContext {
  references: ReferenceStyle;
  /** The practice, which assigned the patient's Upright id. */
  practiceName: string;
  /** An exercise's name by its code (the built-in library's, else the practice's own). */
  exerciseName: (code: string) => string;
}

type Ref = <K extends ResourceType>(type: K, id: string) => Reference<ExtractResource<K>>;

function referenceMaker(style: ReferenceStyle): Ref {
  return style === 'bundle' ? (type, id) => ({ reference: `urn:uuid:${id}`, type }) : (type, id) => ({ reference: `${type}/${id}`, type });
}

/**
 * A stable id for a resource that has no row of its own in Upright (a measurement of an assessment, a version of a
 * plan, an encounter): a name-based UUID (RFC 9562 version 8, from SHA-256 of what it is), the same on every export.
 */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256')
    .update(`upright:fhir:${parts.join(':')}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The encounter of an appointment (completed, or with a visit note), or of a visit note made without one. */
const appointmentEncounterId = (appointmentId: string) => derivedId('encounter', 'appointment', appointmentId);
const noteEncounterId = (noteId: string) => derivedId('encounter', 'note', noteId);

const GENDER = { female: 'female', male: 'male', unspecified: 'unknown' } as const;
const CATEGORY_WORDS: Record<string, string> = {
  overload: 'overload',
  support_deficit: 'support deficit',
  unclear: 'unclear pattern',
  referral: 'referral',
};
const SIDE = { left: SNOMED.left, right: SNOMED.right } as const;
type Side = keyof typeof SIDE;
const isSide = (value: unknown): value is Side => value === 'left' || value === 'right';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const words = (code: string) => code.replace(/_/g, ' ');
const observationStatus = (status: string): Observation['status'] => (status === 'entered_in_error' ? 'entered-in-error' : 'final');

/** Every resource of the patient's record, the Patient first. */
export function patientResources(record: PatientRecord, context: FhirContext): Resource[] {
  const ref = referenceMaker(context.references);
  const patientRef = ref('Patient', record.patient.id);
  const episodeIds = new Set(record.episodes.map((e) => e.id));
  const conditionRef = (episodeId: string | null) => (episodeId && episodeIds.has(episodeId) ? ref('Condition', episodeId) : undefined);
  const planVersions = new Map(record.plans.map((p) => [p.id, p]));
  const carePlanRef = (planId: string | null, number?: number | null) => {
    const plan = planId ? planVersions.get(planId) : undefined;
    if (!plan) return undefined;
    const version = number ?? plan.currentVersion;
    return plan.versions.some((v) => v.number === version) ? ref('CarePlan', derivedId('care-plan', plan.id, String(version))) : undefined;
  };
  const assessmentIds = new Set(record.assessments.map((a) => a.id));

  const resources: Resource[] = [toPatient(record, context)];
  const latestEpisode = [...record.episodes].reverse().find((e) => e.status !== 'entered_in_error');
  for (const episode of record.episodes) resources.push(toCondition(episode, episode === latestEpisode, patientRef));
  for (const assessment of record.assessments) resources.push(...assessmentObservations(assessment, patientRef, ref));
  for (const outcome of record.outcomes) resources.push(toOutcomeObservation(outcome, patientRef));
  for (const plan of record.plans)
    for (const version of plan.versions)
      resources.push(
        toCarePlan(plan, version, context, {
          patientRef,
          ref,
          condition: conditionRef(plan.episodeId),
          assessment: plan.assessmentId && assessmentIds.has(plan.assessmentId) ? ref('Observation', plan.assessmentId) : undefined,
        }),
      );
  for (const appointment of record.appointments)
    resources.push(toAppointment(appointment, patientRef, conditionRef(appointment.episodeId), carePlanRef(appointment.planId)));
  resources.push(...encounters(record, patientRef, ref, conditionRef));
  const appointmentIds = new Set(record.appointments.map((a) => a.id));
  for (const note of record.notes) {
    const encounter = ref(
      'Encounter',
      note.appointmentId && appointmentIds.has(note.appointmentId) ? appointmentEncounterId(note.appointmentId) : noteEncounterId(note.id),
    );
    resources.push(toDocumentReference(note, patientRef, encounter, conditionRef(note.episodeId), carePlanRef(note.planId, note.planVersion)));
  }
  for (const log of record.logs) resources.push(toDiaryObservation(log, patientRef, carePlanRef(log.planId, log.planVersion), context));
  return resources;
}

/** The record as one FHIR Bundle of type `collection`: every entry's fullUrl is `urn:uuid:<id>`, references use them. */
export function patientBundle(record: PatientRecord, context: Omit<FhirContext, 'references'>, now = new Date()): Bundle {
  const resources = patientResources(record, { ...context, references: 'bundle' });
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id!}`, resource })),
  };
}

function toPatient(record: PatientRecord, context: FhirContext): Patient {
  const p = record.patient;
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { lastUpdated: p.updatedAt },
    identifier: [
      {
        use: 'usual',
        type: text('Upright patient id'),
        // The id is a UUID: as an identifier value it is the URI urn:uuid:<id> (system urn:ietf:rfc:3986), which needs
        // no namespace of Upright's own.
        system: SYSTEMS.uri,
        value: `urn:uuid:${p.id}`,
        assigner: { display: context.practiceName },
      },
    ],
    // Archived patients are exported too, as inactive records.
    active: p.archivedAt === null,
    name: [{ use: 'official', family: p.lastName, given: [p.firstName], text: `${p.firstName} ${p.lastName}` }],
    telecom: [...(p.email ? [{ system: 'email' as const, value: p.email }] : []), ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : [])],
    gender: GENDER[p.sex],
    birthDate: p.dateOfBirth,
  };
}

/**
 * An episode: a Condition coded as low back pain, with Upright's category in its text. The patient's latest episode is
 * `active`, earlier ones `inactive` (a new episode is recorded when a spasm comes back, so an older one is over; Upright
 * records no end date). An episode entered in error has verificationStatus entered-in-error and, as FHIR requires
 * (con-5), no clinicalStatus.
 */
function toCondition(episode: EpisodeRecord, latest: boolean, patientRef: Reference<Patient>): Condition {
  const enteredInError = episode.status === 'entered_in_error';
  const screen = episode.classification?.redFlags;
  const reasonText = new Map((screen?.reasons ?? []).map((r) => [r.code, r.text]));
  const level = screen?.level ?? (episode.redFlags.length ? 'unknown' : 'clear');
  const redFlagNote =
    `Red-flag screen: ${level}` +
    (episode.redFlags.length ? `; red flags: ${episode.redFlags.map((code) => reasonText.get(code) ?? words(code)).join('; ')}.` : '; no red flag recorded.');
  const notes = [
    redFlagNote,
    `Upright category: ${CATEGORY_WORDS[episode.category] ?? words(episode.category)} (${episode.category}), urgency ${episode.urgency}, review in ${episode.reviewInDays} days (ruleset ${episode.rulesetVersion}).`,
    `Trigger: ${words(episode.trigger)}; pain ${episode.painNprs}/10; pain areas: ${episode.painAreas.map(words).join(', ') || 'none recorded'}; ` +
      `${episode.episodesLast12Months} previous episodes in 12 months, trend ${words(episode.frequencyTrend)}.`,
    ...(episode.notes ? [episode.notes] : []),
    ...(enteredInError ? [`Entered in error${episode.statusReason ? `: ${episode.statusReason}` : ''}.`] : []),
  ];
  return {
    resourceType: 'Condition',
    id: episode.id,
    ...(enteredInError ? {} : { clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: latest ? 'active' : 'inactive' }] } }),
    verificationStatus: { coding: [{ system: SYSTEMS.conditionVerification, code: enteredInError ? 'entered-in-error' : 'confirmed' }] },
    category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: {
      coding: [SNOMED.lowBackPain],
      text: `Back muscle spasm, ${CATEGORY_WORDS[episode.category] ?? words(episode.category)} (Upright category ${episode.category})`,
    },
    subject: patientRef,
    onsetDateTime: episode.onsetDate,
    recordedDate: episode.recordedOn,
    // Each red flag the clinician ticked, in the words of the red-flag screen.
    evidence: episode.redFlags.length ? episode.redFlags.map((code) => ({ code: [text(reasonText.get(code) ?? words(code))] })) : undefined,
    note: notes.map((t) => ({ text: t })),
  };
}

/** A body site, with its laterality when the measurement was taken on one side. */
function bodySite(site: (typeof SNOMED)['trunk'], siteWords: string, side?: Side): CodeableConcept {
  if (!side) return { coding: [site], text: siteWords };
  // FHIR R4 has no laterality element or core extension for Observation; its body-site binding says the code "may
  // include laterality", and SNOMED CT codes may be postcoordinated expressions (https://hl7.org/fhir/R4/snomedct.html):
  // <body structure>:272741003|Laterality|=7771000|Left| (or 24028007|Right|), written without terms or spaces.
  return {
    coding: [{ system: SYSTEMS.snomed, code: `${site.code!}:${SNOMED.lateralityAttribute}=${SIDE[side].code!}` }],
    text: `${side === 'left' ? 'Left' : 'Right'} ${siteWords}`,
  };
}

interface Measured {
  observation: Observation;
  key: string;
}

/**
 * An assessment: one panel Observation (the assessment itself: its date, notes and the report's findings), with
 * hasMember pointing at one Observation per measurement (per side for bilateral ones) and per symmetry index or ratio,
 * each index derivedFrom the measurements it was computed from.
 */
function assessmentObservations(assessment: AssessmentRecord, patientRef: Reference<Patient>, ref: Ref): Observation[] {
  const status = observationStatus(assessment.status);
  const m = assessment.measurements ?? {};
  const measured: Measured[] = [];
  const base = (key: string, code: string, site: CodeableConcept, side?: Side): Observation => ({
    resourceType: 'Observation',
    id: derivedId('measurement', assessment.id, key, side ?? ''),
    status,
    category: [CATEGORY.exam],
    code: text(code),
    subject: patientRef,
    effectiveDateTime: assessment.assessedOn,
    issued: assessment.createdAt,
    bodySite: site,
  });
  const add = (key: string, observation: Observation) => measured.push({ key, observation });

  const bilateral = <T>(key: string, code: string, site: (typeof SNOMED)['trunk'], siteWords: string, value: (v: T) => Partial<Observation> | undefined) => {
    const pair = m[key] as { left?: T; right?: T } | null | undefined;
    if (!pair || typeof pair !== 'object') return;
    for (const side of ['left', 'right'] as const) {
      const v = pair[side];
      const valued = v === undefined || v === null ? undefined : value(v);
      if (valued) add(`${key}.${side}`, { ...base(key, code, bodySite(site, siteWords, side), side), ...valued });
    }
  };
  const single = (key: string, code: string, site: (typeof SNOMED)['trunk'], siteWords: string, value: (v: unknown) => Partial<Observation> | undefined) => {
    const v = m[key];
    const valued = v === undefined || v === null ? undefined : value(v);
    if (valued) add(key, { ...base(key, code, bodySite(site, siteWords)), ...valued });
  };
  const seconds = (v: unknown) => (isNumber(v) ? { valueQuantity: { value: v, ...UNITS.seconds } } : undefined);
  const degrees = (v: unknown) => (isNumber(v) ? { valueQuantity: { value: v, ...UNITS.degrees } } : undefined);
  const difference = (sideKey: 'longer' | 'higher', sideWords: string) => (v: unknown) => {
    const d = v as { value?: unknown; longer?: unknown; higher?: unknown };
    if (!d || !isNumber(d.value)) return undefined;
    const side = d[sideKey];
    const component: ObservationComponent[] = isSide(side) ? [{ code: text(sideWords), valueCodeableConcept: { coding: [SIDE[side]], text: side } }] : [];
    return { valueQuantity: { value: d.value, ...UNITS.centimetres }, component: component.length ? component : undefined };
  };

  bilateral<number>('sideBridgeS', 'Side-bridge endurance hold (lying on that side)', SNOMED.flank, 'flank', (v) =>
    isNumber(v) ? { valueQuantity: { value: v, ...UNITS.seconds } } : undefined,
  );
  // Any force unit, the same on both sides (the clinician's dynamometer): no UCUM code can be claimed for it.
  bilateral<number>('hipAbduction', 'Hip abduction strength (same force unit on both sides)', SNOMED.hipRegion, 'hip region', (v) =>
    isNumber(v) ? { valueQuantity: { value: v, unit: 'force unit as measured' } } : undefined,
  );
  bilateral<boolean>('trendelenburg', 'Trendelenburg test, standing on that leg (true: positive)', SNOMED.hipRegion, 'hip region', (v) =>
    typeof v === 'boolean' ? { valueBoolean: v } : undefined,
  );
  bilateral<number>('aslr', 'Active straight leg raise (ASLR) score, 0-5', SNOMED.lowerLimb, 'lower limb', (v) =>
    Number.isInteger(v) ? { valueInteger: v } : undefined,
  );
  single('trunkFlexorS', 'Trunk flexor endurance hold', SNOMED.trunk, 'trunk', seconds);
  single('trunkExtensorS', 'Trunk extensor endurance hold (Biering-Sorensen test)', SNOMED.trunk, 'trunk', seconds);
  single('legLengthDifferenceCm', 'Leg length difference', SNOMED.lowerLimb, 'lower limbs', difference('longer', 'Longer side'));
  single('trunkRotationDeg', 'Angle of trunk rotation (scoliometer)', SNOMED.trunk, 'trunk', degrees);
  single('shoulderHeightDifferenceCm', 'Shoulder height difference', SNOMED.shoulderRegion, 'shoulder regions', difference('higher', 'Higher side'));
  single('pelvicHeightDifferenceCm', 'Pelvic height difference', SNOMED.pelvis, 'pelvis', difference('higher', 'Higher side'));
  single('craniovertebralAngleDeg', 'Craniovertebral angle', SNOMED.neck, 'neck', degrees);
  single('lateralShift', 'Lateral shift', SNOMED.trunk, 'trunk', (v) =>
    v === 'none' ? { valueCodeableConcept: text('No lateral shift') } : isSide(v) ? { valueCodeableConcept: text(`Shifted to the ${v}`) } : undefined,
  );

  const byKey = (...keys: string[]) => measured.filter((x) => keys.includes(x.key)).map((x) => ref('Observation', x.observation.id!));
  const indices = assessment.report?.indices ?? {};
  const INDICES: { key: string; code: string; unit: (typeof UNITS)['percent' | 'ratio']; from: string[] }[] = [
    {
      key: 'sideBridgeSI',
      code: 'Side-bridge symmetry index, |R - L| / mean x 100 (Herzog 1989)',
      unit: UNITS.percent,
      from: ['sideBridgeS.left', 'sideBridgeS.right'],
    },
    {
      key: 'hipAbductionSI',
      code: 'Hip abduction symmetry index, |R - L| / mean x 100 (Herzog 1989)',
      unit: UNITS.percent,
      from: ['hipAbduction.left', 'hipAbduction.right'],
    },
    { key: 'flexorExtensorRatio', code: 'Trunk flexor / extensor endurance ratio (McGill)', unit: UNITS.ratio, from: ['trunkFlexorS', 'trunkExtensorS'] },
    {
      key: 'sideBridgeExtensorRatio',
      code: 'Side-bridge (mean of both sides) / extensor endurance ratio (McGill)',
      unit: UNITS.ratio,
      from: ['sideBridgeS.left', 'sideBridgeS.right', 'trunkExtensorS'],
    },
  ];
  const indexObservations: Observation[] = INDICES.filter((i) => isNumber(indices[i.key])).map((i) => ({
    resourceType: 'Observation',
    id: derivedId('index', assessment.id, i.key),
    status,
    category: [CATEGORY.exam],
    code: text(i.code),
    subject: patientRef,
    effectiveDateTime: assessment.assessedOn,
    issued: assessment.createdAt,
    valueQuantity: { value: indices[i.key], ...i.unit },
    derivedFrom: byKey(...i.from).length ? byKey(...i.from) : undefined,
  }));

  const members = [...measured.map((x) => x.observation), ...indexObservations];
  const findings = assessment.report?.findings ?? [];
  const panel: Observation = {
    resourceType: 'Observation',
    id: assessment.id,
    status,
    category: [CATEGORY.exam],
    code: text('Postural symmetry assessment'),
    subject: patientRef,
    effectiveDateTime: assessment.assessedOn,
    issued: assessment.createdAt,
    hasMember: members.length ? members.map((o) => ref('Observation', o.id!)) : undefined,
    note: [
      ...findings.map((f) => ({ text: `Finding (${f.severity}${f.side ? `, ${f.side}` : ''}): ${f.text}` })),
      ...(assessment.refer ? [{ text: 'The report advises referral.' }] : []),
      { text: `Report computed with ruleset ${assessment.rulesetVersion}.` },
      ...(assessment.notes ? [{ text: assessment.notes }] : []),
      ...(assessment.status === 'entered_in_error' ? [{ text: `Entered in error${assessment.statusReason ? `: ${assessment.statusReason}` : ''}.` }] : []),
    ],
  };
  return [panel, ...members];
}

const INSTRUMENT_CODE: Record<OutcomeRecord['instrument'], CodeableConcept> = {
  odi: { coding: [LOINC.odi], text: 'Oswestry Disability Index (ODI), per cent (0-100)' },
  nprs: { coding: [LOINC.nprs], text: 'Numeric pain rating scale (NPRS), 0-10' },
  rmdq: text('Roland-Morris Disability Questionnaire (RMDQ) score, 0-24'),
  psfs: text('Patient-Specific Functional Scale (PSFS) mean score, 0-10'),
};

/** An outcome score, with the answers it was computed from as components (no questionnaire wording is shipped). */
function toOutcomeObservation(outcome: OutcomeRecord, patientRef: Reference<Patient>): Observation {
  const answers = outcome.answers;
  const components: ObservationComponent[] = [];
  if (Array.isArray(answers)) {
    answers.forEach((answer: unknown, i) => {
      const label =
        outcome.instrument === 'odi' ? `ODI section ${i + 1}, 0-5` : outcome.instrument === 'rmdq' ? `RMDQ item ${i + 1}` : `PSFS activity ${i + 1}, 0-10`;
      if (typeof answer === 'boolean') components.push({ code: text(label), valueBoolean: answer });
      else if (Number.isInteger(answer)) components.push({ code: text(label), valueInteger: answer as number });
      else components.push({ code: text(label), dataAbsentReason: { coding: [{ system: SYSTEMS.dataAbsentReason, code: 'unknown' }], text: 'Not answered' } });
    });
  }
  const value: Partial<Observation> =
    outcome.instrument === 'odi'
      ? { valueQuantity: { value: outcome.score, ...UNITS.percent } }
      : Number.isInteger(outcome.score)
        ? { valueInteger: outcome.score }
        : { valueQuantity: { value: outcome.score, ...UNITS.score } };
  return {
    resourceType: 'Observation',
    id: outcome.id,
    status: observationStatus(outcome.status),
    category: [CATEGORY.survey],
    code: INSTRUMENT_CODE[outcome.instrument],
    subject: patientRef,
    effectiveDateTime: outcome.recordedOn,
    issued: outcome.createdAt,
    ...value,
    interpretation: outcome.band ? [text(`${words(outcome.band)} disability`)] : undefined,
    component: components.length ? components : undefined,
    note: outcome.status === 'entered_in_error' ? [{ text: `Entered in error${outcome.statusReason ? `: ${outcome.statusReason}` : ''}.` }] : undefined,
  };
}

/** The end of a plan version: its start plus the last phase's end week. */
function planEnd(version: PlanVersionRecord): string | undefined {
  const weeks = Math.max(0, ...version.phases.map((p) => p.endWeek ?? 0));
  if (!weeks) return undefined;
  const end = new Date(`${version.startDate}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + weeks * 7);
  return end.toISOString().slice(0, 10);
}

/**
 * A plan version as a CarePlan. The version in force has the plan's status; an older version, replaced by the next
 * (which says so in `replaces`), is `revoked` with its activities `stopped`; a plan entered in error is so in every
 * version.
 */
function toCarePlan(
  plan: PlanRecord,
  version: PlanVersionRecord,
  context: FhirContext,
  links: { patientRef: Reference<Patient>; ref: Ref; condition?: Reference<Condition>; assessment?: Reference<Observation> },
): CarePlan {
  const current = version.number === plan.currentVersion;
  const status: CarePlan['status'] =
    plan.status === 'entered_in_error' ? 'entered-in-error' : !current ? 'revoked' : plan.status === 'draft' ? 'draft' : plan.status;
  const activityStatus: NonNullable<CarePlanActivity['detail']>['status'] = {
    'entered-in-error': 'entered-in-error' as const,
    revoked: 'stopped' as const,
    draft: 'not-started' as const,
    active: 'in-progress' as const,
    completed: 'completed' as const,
    'on-hold': 'on-hold' as const,
    unknown: 'unknown' as const,
  }[status];
  const previous = plan.versions.find((v) => v.number === version.number - 1);
  const end = planEnd(version);
  const activity: CarePlanActivity[] = version.phases.flatMap((phase) =>
    phase.exercises.map((e) => ({
      detail: {
        kind: 'ServiceRequest' as const,
        code: text(context.exerciseName(e.exerciseCode)),
        status: activityStatus,
        description: `${phase.title} (weeks ${phase.startWeek}-${phase.endWeek}): ${doseText(e)}${e.notes ? `. ${e.notes}` : ''}`,
      },
    })),
  );
  return {
    resourceType: 'CarePlan',
    id: derivedId('care-plan', plan.id, String(version.number)),
    status,
    intent: 'plan',
    title: version.title,
    description: `Version ${version.number} of ${plan.versions.length}${version.changeNote ? `: ${version.changeNote}` : ''}`,
    subject: links.patientRef,
    period: { start: version.startDate, ...(end ? { end } : {}) },
    created: version.createdAt,
    addresses: links.condition ? [links.condition] : undefined,
    supportingInfo: links.assessment ? [links.assessment] : undefined,
    replaces: previous ? [links.ref('CarePlan', derivedId('care-plan', plan.id, String(previous.number)))] : undefined,
    activity: activity.length ? activity : undefined,
    note: [
      ...version.phases.filter((p) => p.goals?.length).map((p) => ({ text: `${p.title} goals: ${p.goals!.join('; ')}` })),
      ...version.notes.map((n) => ({ text: n })),
      ...(version.reviewDates.length ? [{ text: `Review dates: ${version.reviewDates.join(', ')}` }] : []),
      ...(plan.status === 'entered_in_error' ? [{ text: `Entered in error${plan.statusReason ? `: ${plan.statusReason}` : ''}.` }] : []),
    ],
  };
}

const APPOINTMENT_STATUS: Record<AppointmentRecord['status'], Appointment['status']> = {
  booked: 'booked',
  arrived: 'arrived',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
};

function toAppointment(
  appointment: AppointmentRecord,
  patientRef: Reference<Patient>,
  condition?: Reference<Condition>,
  carePlan?: Reference<CarePlan>,
): Appointment {
  return {
    resourceType: 'Appointment',
    id: appointment.id,
    status: APPOINTMENT_STATUS[appointment.status],
    cancelationReason: appointment.cancelReason ? text(appointment.cancelReason) : undefined,
    appointmentType: text(appointment.typeName),
    description: appointment.typeName,
    start: appointment.start,
    end: appointment.end,
    created: appointment.createdAt,
    comment: appointment.note ?? undefined,
    reasonReference: condition ? [condition] : undefined,
    supportingInformation: carePlan ? [carePlan] : undefined,
    participant: [
      { actor: patientRef, status: 'accepted' },
      // Staff are not exported as resources: the clinician is named.
      { actor: { display: appointment.clinicianName }, status: 'accepted' },
    ],
  };
}

const ENCOUNTER_STATUS: Record<AppointmentRecord['status'], Encounter['status']> = {
  booked: 'planned',
  arrived: 'arrived',
  completed: 'finished',
  cancelled: 'cancelled',
  no_show: 'cancelled',
};

function encounters(
  record: PatientRecord,
  patientRef: Reference<Patient>,
  ref: Ref,
  conditionRef: (episodeId: string | null) => Reference<Condition> | undefined,
): Encounter[] {
  const notesByAppointment = new Map(record.notes.filter((n) => n.appointmentId).map((n) => [n.appointmentId!, n]));
  const out: Encounter[] = [];
  for (const a of record.appointments) {
    const note = notesByAppointment.get(a.id);
    if (a.status !== 'completed' && !note) continue;
    const reason = conditionRef(a.episodeId ?? note?.episodeId ?? null);
    out.push({
      resourceType: 'Encounter',
      id: appointmentEncounterId(a.id),
      status: ENCOUNTER_STATUS[a.status],
      class: AMBULATORY,
      type: [text(a.typeName)],
      subject: patientRef,
      participant: [{ individual: { display: a.clinicianName } }],
      appointment: [ref('Appointment', a.id)],
      period: { start: a.start, end: a.end },
      reasonReference: reason ? [reason] : undefined,
    });
  }
  const appointmentIds = new Set(record.appointments.map((a) => a.id));
  for (const note of record.notes) {
    if (note.appointmentId && appointmentIds.has(note.appointmentId)) continue;
    const reason = conditionRef(note.episodeId);
    out.push({
      resourceType: 'Encounter',
      id: noteEncounterId(note.id),
      status: note.status === 'entered_in_error' ? 'entered-in-error' : note.status === 'signed' ? 'finished' : 'in-progress',
      class: AMBULATORY,
      subject: patientRef,
      participant: [{ individual: { display: note.authorName } }],
      period: { start: note.visitDate },
      reasonReference: reason ? [reason] : undefined,
    });
  }
  return out;
}

/** A visit note as plain text: heading, status, the four sections, then each addendum. */
export function noteText(note: NoteRecord): string {
  const lines = [`Visit note, ${note.visitDate}${note.templateName ? ` (${note.templateName})` : ''}`, `Written by ${note.authorName}.`];
  if (note.signedAt) lines.push(`Signed by ${note.signedByName ?? note.authorName} at ${note.signedAt}.`);
  else if (note.status === 'draft') lines.push('Draft: not signed.');
  if (note.status === 'entered_in_error') lines.push(`Entered in error${note.statusReason ? `: ${note.statusReason}` : ''}.`);
  const sections = [
    ['Subjective', note.sections.subjective],
    ['Objective', note.sections.objective],
    ['Assessment', note.sections.assessment],
    ['Plan', note.sections.plan],
  ] as const;
  for (const [heading, body] of sections) lines.push('', heading, body.trim() || '(nothing written)');
  for (const addendum of note.addenda) lines.push('', `Addendum, ${addendum.createdAt}, by ${addendum.authorName}`, addendum.text);
  return `${lines.join('\n')}\n`;
}

/** A visit note: signed is final, a draft preliminary, entered in error so in `status`; the text, addenda included. */
function toDocumentReference(
  note: NoteRecord,
  patientRef: Reference<Patient>,
  encounter: Reference<Encounter>,
  condition?: Reference<Condition>,
  carePlan?: Reference<CarePlan>,
): DocumentReference {
  const related: Reference[] = [...(condition ? [condition] : []), ...(carePlan ? [carePlan] : [])];
  return {
    resourceType: 'DocumentReference',
    id: note.id,
    status: note.status === 'entered_in_error' ? 'entered-in-error' : 'current',
    docStatus: note.signedAt ? 'final' : 'preliminary',
    type: { coding: [LOINC.progressNote], text: `Visit note${note.templateName ? `: ${note.templateName}` : ''}` },
    subject: patientRef,
    date: note.signedAt ?? note.updatedAt,
    author: [{ display: note.authorName }],
    authenticator: note.signedByName ? { display: note.signedByName } : undefined,
    description: `Visit note of ${note.visitDate}${note.addenda.length ? ` with ${note.addenda.length} addend${note.addenda.length === 1 ? 'um' : 'a'}` : ''}`,
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en',
          data: Buffer.from(noteText(note), 'utf8').toString('base64'),
          title: `Visit note ${note.visitDate}`,
          creation: note.createdAt,
        },
      },
    ],
    context: {
      encounter: [encounter],
      period: { start: note.visitDate },
      related: related.length ? related : undefined,
    },
  };
}

/** A day of the patient's diary: the pain (on the NPRS code), how hard it was and which exercises were done. */
function toDiaryObservation(log: LogRecord, patientRef: Reference<Patient>, carePlan: Reference<CarePlan> | undefined, context: FhirContext): Observation {
  return {
    resourceType: 'Observation',
    id: log.id,
    status: 'final',
    category: [CATEGORY.survey],
    code: text('Exercise diary entry (patient-reported)'),
    subject: patientRef,
    performer: [patientRef],
    basedOn: carePlan ? [carePlan] : undefined,
    effectiveDateTime: log.date,
    issued: log.createdAt,
    component: [
      { code: { coding: [LOINC.nprs], text: 'Pain, 0-10' }, valueInteger: log.pain },
      { code: text('Difficulty, 0-10'), valueInteger: log.difficulty },
      {
        code: text('Exercises done'),
        valueString: log.completedExercises.length ? log.completedExercises.map(context.exerciseName).join(', ') : 'none',
      },
    ],
    note: log.note ? [{ text: log.note }] : undefined,
  };
}
