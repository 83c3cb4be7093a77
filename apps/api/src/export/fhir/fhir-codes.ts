/**
 * The code systems and codes the FHIR export uses, each with where it comes from. Nothing here is made up: where no
 * standard code exists for an Upright measurement or instrument, the export says what it is in `text` only (a
 * CodeableConcept without a coding), as FHIR allows.
 */
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

export const SYSTEMS = {
  /** https://hl7.org/fhir/R4/snomedct.html */
  snomed: 'http://snomed.info/sct',
  /** https://hl7.org/fhir/R4/loinc.html */
  loinc: 'http://loinc.org',
  /** https://hl7.org/fhir/R4/ucum.html */
  ucum: 'http://unitsofmeasure.org',
  /** RFC 3986 URIs as identifier values (https://hl7.org/fhir/R4/datatypes.html#Identifier, "urn:ietf:rfc:3986"). */
  uri: 'urn:ietf:rfc:3986',
  /** https://hl7.org/fhir/R4/codesystem-observation-category.html */
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  /** https://hl7.org/fhir/R4/codesystem-condition-category.html */
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  /** https://hl7.org/fhir/R4/codesystem-condition-clinical.html */
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  /** https://hl7.org/fhir/R4/codesystem-condition-ver-status.html */
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  /** https://hl7.org/fhir/R4/v3/ActCode/cs.html (Encounter.class, value set v3-ActEncounterCode) */
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** https://hl7.org/fhir/R4/codesystem-data-absent-reason.html */
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
} as const;

const snomed = (code: string, display: string): Coding => ({ system: SYSTEMS.snomed, code, display });

/**
 * SNOMED CT concepts (International Edition). Each was checked against public FHIR and terminology sources that use
 * it with this meaning (FHIR body-site value sets, DICOM CID 4031, SNOMED's compositional grammar examples).
 */
export const SNOMED = {
  /** 279039007 |Low back pain (finding)|: the code of every episode (a back muscle spasm). */
  lowBackPain: snomed('279039007', 'Low back pain'),
  /** 272741003 |Laterality (attribute)|, with 7771000 |Left (qualifier value)| and 24028007 |Right (qualifier value)|. */
  lateralityAttribute: '272741003',
  left: snomed('7771000', 'Left'),
  right: snomed('24028007', 'Right'),
  /** Body structures. All but the trunk, pelvis and neck are lateralizable (they take a laterality). */
  flank: snomed('58602004', 'Flank structure'),
  hipRegion: snomed('29836001', 'Hip region structure'),
  lowerLimb: snomed('61685007', 'Lower limb structure'),
  shoulderRegion: snomed('16982005', 'Shoulder region structure'),
  pelvis: snomed('12921003', 'Pelvic structure'),
  trunk: snomed('22943007', 'Trunk structure'),
  neck: snomed('45048000', 'Neck structure'),
} as const;

/**
 * LOINC codes, only for the two instruments that have one:
 * - 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (the NPRS; also the pain of each diary
 *   entry), as used by HL7 implementation guides' pain profiles;
 * - 97909-6 "Oswestry disability index score ODI", as coded in the HL7 PACIO sample data's Oswestry Disability Index
 *   questionnaire (build.fhir.org/ig/paciowg/sample-data-fsh).
 * The Roland-Morris Disability Questionnaire and the Patient-Specific Functional Scale are exported with `text` only.
 * 11506-3 "Progress note" types the visit notes (the LOINC document type of US Core's clinical notes).
 */
export const LOINC = {
  nprs: { system: SYSTEMS.loinc, code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' },
  odi: { system: SYSTEMS.loinc, code: '97909-6', display: 'Oswestry disability index score ODI' },
  progressNote: { system: SYSTEMS.loinc, code: '11506-3', display: 'Progress note' },
} as const satisfies Record<string, Coding>;

/** UCUM units (https://ucum.org): seconds, centimetres, degrees, per cent, a dimensionless ratio, a score. */
export const UNITS = {
  seconds: { unit: 's', system: SYSTEMS.ucum, code: 's' },
  centimetres: { unit: 'cm', system: SYSTEMS.ucum, code: 'cm' },
  degrees: { unit: 'degrees', system: SYSTEMS.ucum, code: 'deg' },
  percent: { unit: '%', system: SYSTEMS.ucum, code: '%' },
  ratio: { unit: 'ratio', system: SYSTEMS.ucum, code: '1' },
  score: { unit: 'score', system: SYSTEMS.ucum, code: '{score}' },
} as const;

/** Observation categories (HL7 observation-category): clinician measurements, and questionnaire-style scores. */
export const CATEGORY = {
  exam: { coding: [{ system: SYSTEMS.observationCategory, code: 'exam', display: 'Exam' }] },
  survey: { coding: [{ system: SYSTEMS.observationCategory, code: 'survey', display: 'Survey' }] },
} as const satisfies Record<string, CodeableConcept>;

/** Encounter.class: every visit is an outpatient one (v3 ActCode AMB, "ambulatory"). */
export const AMBULATORY: Coding = { system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' };

export const text = (words: string): CodeableConcept => ({ text: words });
