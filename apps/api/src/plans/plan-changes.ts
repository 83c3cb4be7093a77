/**
 * What changed in a plan's exercises between two of its versions, in plain words: the patient's plan page shows it
 * ("what changed since your last visit") and a new visit note's prefill lists it. Pure functions.
 */
import type { PlanExerciseDto, PlanPhaseDto } from './dto/plan.dto.js';

export type PlanChangeKind = 'added' | 'dose_changed' | 'removed';

/** One change to the patient's exercises between two versions of the plan, in plain words. */
export interface PlanChange {
  kind: PlanChangeKind;
  exerciseCode: string;
  name: string;
  phaseKey: string;
  text: string;
}

/** An exercise's name by its code (the built-in library's, else the practice's own). */
export type ExerciseNames = (code: string) => { name: string };

/** A dose in plain words: "3 sets of 5 with 10-second holds, on each side, every day". */
export function doseText(e: Pick<PlanExerciseDto, 'sets' | 'reps' | 'holdSeconds' | 'perSide' | 'timesPerWeek' | 'side'>): string {
  const parts = [`${e.sets} ${e.sets === 1 ? 'set' : 'sets'} of ${e.reps}`];
  if (e.holdSeconds) parts[0] += ` with ${e.holdSeconds}-second holds`;
  if (e.side) parts.push(`on your ${e.side} side only`);
  else if (e.perSide) parts.push('on each side');
  parts.push(timesText(e.timesPerWeek));
  return parts.join(', ');
}

function timesText(timesPerWeek: number): string {
  if (timesPerWeek === 7) return 'every day';
  if (timesPerWeek === 14) return 'twice a day';
  if (timesPerWeek === 1) return 'once a week';
  return `${timesPerWeek} times a week`;
}

const DOSE_FIELDS = ['sets', 'reps', 'holdSeconds', 'perSide', 'timesPerWeek'] as const;

/** An exercise is the same entry across versions when phase, code and side match (a side-specific extra is its own entry). */
const entryKey = (phaseKey: string, e: PlanExerciseDto) => `${phaseKey}\u0000${e.exerciseCode}\u0000${e.side ?? ''}`;

function entries(phases: readonly PlanPhaseDto[]) {
  const map = new Map<string, { phase: PlanPhaseDto; exercise: PlanExerciseDto }>();
  for (const phase of phases)
    for (const exercise of phase.exercises) if (!map.has(entryKey(phase.key, exercise))) map.set(entryKey(phase.key, exercise), { phase, exercise });
  return map;
}

/**
 * The exercise changes from `before` to `after`, in the order of the new plan (additions and dose changes), then
 * the removals in the order of the old one. Each with a sentence for the patient.
 */
export function planChanges(before: readonly PlanPhaseDto[], after: readonly PlanPhaseDto[], lookup: ExerciseNames): PlanChange[] {
  const old = entries(before);
  const now = entries(after);
  const changes: PlanChange[] = [];
  for (const [key, { phase, exercise }] of now) {
    const name = lookup(exercise.exerciseCode).name;
    const base = { exerciseCode: exercise.exerciseCode, name, phaseKey: phase.key };
    const previous = old.get(key)?.exercise;
    if (!previous) {
      changes.push({ ...base, kind: 'added', text: `New in “${phase.title}”: ${name}, ${doseText(exercise)}.` });
    } else if (DOSE_FIELDS.some((f) => (previous[f] ?? null) !== (exercise[f] ?? null))) {
      changes.push({ ...base, kind: 'dose_changed', text: `${name} in “${phase.title}”: now ${doseText(exercise)} (before: ${doseText(previous)}).` });
    }
  }
  for (const [key, { phase, exercise }] of old) {
    if (now.has(key)) continue;
    const name = lookup(exercise.exerciseCode).name;
    const where = exercise.side ? ` (${exercise.side} side)` : '';
    changes.push({
      kind: 'removed',
      exerciseCode: exercise.exerciseCode,
      name,
      phaseKey: phase.key,
      text: `${name}${where} is no longer part of “${phase.title}”.`,
    });
  }
  return changes;
}
