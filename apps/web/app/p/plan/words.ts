import type { AccessLogEntry, PortalExercise, PortalPhase } from '@/lib/api/client';
import { formatDate } from '@/lib/format';

/**
 * Plain words for what the API says, for the patient page. Nothing clinical is decided here: the API chose the
 * dose, the current phase and the changes; this only says them in sentences.
 */

const TIMES_PER_WEEK: Record<number, string> = { 1: 'once a week', 2: 'twice a week', 7: 'every day', 14: 'twice a day' };

/** "3 sets of 10 · hold 10 s · each side · 3 times a week" */
export function doseInWords(exercise: Pick<PortalExercise, 'sets' | 'reps' | 'holdSeconds' | 'perSide' | 'side' | 'timesPerWeek'>): string {
  const parts: string[] = [];
  // A single "set of 1" (a walk, a stretch held once) says nothing: the dose is its hold, frequency and notes.
  if (exercise.sets > 1 || exercise.reps > 1) parts.push(`${exercise.sets} ${exercise.sets === 1 ? 'set' : 'sets'} of ${exercise.reps}`);
  if (exercise.holdSeconds) parts.push(`hold ${exercise.holdSeconds} s`);
  if (exercise.side) parts.push(`${exercise.side} side only`);
  else if (exercise.perSide) parts.push('each side');
  parts.push(TIMES_PER_WEEK[exercise.timesPerWeek] ?? `${exercise.timesPerWeek} times a week`);
  return parts.join(' · ');
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** When a phase runs: its weeks counted from 1 ("Weeks 2–3") and its dates, from the plan's start date. */
export function phaseWhen(phase: Pick<PortalPhase, 'startWeek' | 'endWeek'>, startDate: string): { weeks: string; dates: string } {
  const first = phase.startWeek + 1;
  const last = phase.endWeek;
  return {
    weeks: first >= last ? `Week ${first}` : `Weeks ${first}–${last}`,
    dates: `${formatDate(addDays(startDate, 7 * phase.startWeek))} – ${formatDate(addDays(startDate, 7 * phase.endWeek - 1))}`,
  };
}

const ROLE_WORDS: Record<string, string> = { admin: 'Practice administrator', clinician: 'Clinician', reception: 'Reception' };

const ACTION_WORDS: Record<string, string> = {
  read: 'Viewed',
  create: 'Added',
  update: 'Changed',
  archive: 'Archived',
  share: 'Shared',
  revoke: 'Stopped',
  export: 'Exported',
};

const RESOURCE_WORDS: Record<string, string> = {
  patient: 'your details',
  patients: 'the patient list',
  plan: 'your plan',
  plans: 'your plans',
  plan_version: 'a version of your plan',
  plan_suggestion: 'a suggested plan',
  share_link: 'the link to your plan',
  episode: 'a record of your back pain',
  assessment: 'a posture assessment',
  outcome: 'a questionnaire score',
  timeline: 'your record',
  patient_log: 'your exercise diary',
  adherence: 'how often you did your exercises',
  pain_alert: 'a pain report',
  fhir_bundle: 'a copy of your whole record',
};

export function roleInWords(role: string | null): string {
  return role ? (ROLE_WORDS[role] ?? role) : 'Practice staff';
}

/** "Viewed your plan", "Changed your details". */
export function accessInWords(entry: Pick<AccessLogEntry, 'action' | 'resourceType'>): string {
  const action = ACTION_WORDS[entry.action] ?? entry.action.replaceAll('_', ' ');
  const what = RESOURCE_WORDS[entry.resourceType] ?? entry.resourceType.replaceAll('_', ' ');
  return `${action} ${what}`;
}
