import type { Appointment, Bundle, CarePlan, Condition, DocumentReference, Observation, Patient, Resource } from '@medplum/fhirtypes';

/**
 * The patient's record, read back from the FHIR Bundle the API gives them (the same file they can download), in the
 * pieces the summary page shows. Nothing is worked out here that the file does not say.
 */
export interface RecordSummary {
  patient: Patient | undefined;
  episodes: Condition[];
  plan: CarePlan | undefined;
  diary: Observation[];
  appointments: Appointment[];
  counts: { assessments: number; scores: number; notes: number; planVersions: number };
}

const DIARY = 'Exercise diary entry (patient-reported)';

const ofType = <T extends Resource>(resources: Resource[], type: T['resourceType']) => resources.filter((r): r is T => r.resourceType === type);

export function summarise(bundle: Bundle): RecordSummary {
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const observations = ofType<Observation>(resources, 'Observation').filter((o) => o.status !== 'entered-in-error');
  const plans = ofType<CarePlan>(resources, 'CarePlan').filter((p) => p.status !== 'entered-in-error');
  // The plan in force: the active version, else the newest one that was not replaced.
  const current = plans.find((p) => p.status === 'active') ?? plans.filter((p) => p.status !== 'revoked').at(-1);
  return {
    patient: ofType<Patient>(resources, 'Patient')[0],
    episodes: ofType<Condition>(resources, 'Condition')
      .filter((c) => c.verificationStatus?.coding?.[0]?.code !== 'entered-in-error')
      .sort((a, b) => (b.onsetDateTime ?? '').localeCompare(a.onsetDateTime ?? '')),
    plan: current,
    diary: observations.filter((o) => o.code.text === DIARY).sort((a, b) => (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? '')),
    appointments: ofType<Appointment>(resources, 'Appointment').sort((a, b) => (b.start ?? '').localeCompare(a.start ?? '')),
    counts: {
      // An assessment is one panel Observation whose members are its measurements.
      assessments: observations.filter((o) => o.hasMember).length,
      scores: observations.filter((o) => o.category?.[0]?.coding?.[0]?.code === 'survey' && o.code.text !== DIARY).length,
      notes: ofType<DocumentReference>(resources, 'DocumentReference').filter((d) => d.status !== 'entered-in-error' && d.docStatus === 'final').length,
      planVersions: plans.length,
    },
  };
}

/** What Upright calls the kind of back spasm (the category the export puts in the Condition's text), in plain words. */
const CATEGORY_WORDS: Record<string, string> = {
  overload: 'Overload: the back muscles were tired out by effort they were not used to.',
  support_deficit: 'Your back needs more support: exercises to strengthen it are the way forward.',
  unclear: 'The pattern is not clear yet: your physiotherapist is looking into it.',
  referral: 'A medical check first: your physiotherapist referred you to a doctor.',
};

export function episodeInWords(condition: Condition): string {
  const category = /Upright category (\w+)/.exec(condition.code?.text ?? '')?.[1];
  return (category && CATEGORY_WORDS[category]) || 'A back spasm.';
}

export function isCurrentEpisode(condition: Condition): boolean {
  return condition.clinicalStatus?.coding?.[0]?.code === 'active';
}

const APPOINTMENT_WORDS: Record<Appointment['status'], string> = {
  booked: 'Booked',
  arrived: 'You arrived',
  fulfilled: 'Done',
  cancelled: 'Cancelled',
  noshow: 'Missed',
  proposed: 'Proposed',
  pending: 'Waiting to be confirmed',
  'entered-in-error': 'Recorded by mistake',
  'checked-in': 'Checked in',
  waitlist: 'On the waiting list',
};

export function appointmentInWords(appointment: Appointment): string {
  return APPOINTMENT_WORDS[appointment.status];
}

/** A diary day: pain and difficulty out of 10, the exercises done. */
export function diaryInWords(entry: Observation): { pain?: number; difficulty?: number; exercises?: string } {
  const part = (text: string) => entry.component?.find((c) => c.code.text === text);
  return {
    pain: part('Pain, 0-10')?.valueInteger,
    difficulty: part('Difficulty, 0-10')?.valueInteger,
    exercises: part('Exercises done')?.valueString,
  };
}
