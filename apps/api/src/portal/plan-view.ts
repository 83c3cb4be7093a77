/**
 * The patient's view of a plan version: which phase they are in today, each exercise with its instructions, and
 * what changed since the version they last saw. Pure functions (dates come in as arguments).
 */
import { daysBetween } from '@upright/domain';
import type { PlanExerciseDto, PlanPhaseDto } from '../plans/dto/plan.dto.js';
import type { PlanChangeDto, PortalExerciseDto, PortalPhaseDto } from './dto/portal.dto.js';

/** What the patient page shows of an exercise besides its dose: the library's words. */
export interface ExerciseDetails {
  name: string;
  steps: string[];
  regression: string;
  progression: string;
  safety: string;
}

export type ExerciseLookup = (code: string) => ExerciseDetails;

/**
 * The phase the patient is in on `today`: the latest-starting phase whose weeks [startWeek, endWeek) contain the
 * plan week of today (week 0 starts on startDate). Before the first phase the first one counts, after the last
 * one the last. In a gap between phases, the latest phase that has started. Null when the plan has no phases.
 */
export function currentPhaseKey(phases: readonly Pick<PlanPhaseDto, 'key' | 'startWeek' | 'endWeek'>[], startDate: string, today: string): string | null {
  if (!phases.length) return null;
  const firstWeek = Math.min(...phases.map((p) => p.startWeek));
  const lastWeek = Math.max(...phases.map((p) => p.endWeek)) - 1;
  const week = Math.min(Math.max(Math.floor(daysBetween(startDate, today) / 7), firstWeek), lastWeek);
  const containing = phases.filter((p) => p.startWeek <= week && week < p.endWeek);
  const candidates = containing.length ? containing : phases.filter((p) => p.startWeek <= week);
  // Of equal starts, the one listed later wins (the clinician's later, more specific phase).
  return candidates.reduce((best, p) => (p.startWeek >= best.startWeek ? p : best)).key;
}

export function toPortalExercise(entry: PlanExerciseDto, details: ExerciseDetails): PortalExerciseDto {
  return {
    exerciseCode: entry.exerciseCode,
    name: details.name,
    steps: [...details.steps],
    sets: entry.sets,
    reps: entry.reps,
    holdSeconds: entry.holdSeconds ?? null,
    perSide: entry.perSide,
    timesPerWeek: entry.timesPerWeek,
    side: entry.side ?? null,
    notes: entry.notes ?? null,
    regression: details.regression,
    progression: details.progression,
    safety: details.safety,
  };
}

export function toPortalPhases(phases: readonly PlanPhaseDto[], currentKey: string | null, lookup: ExerciseLookup): PortalPhaseDto[] {
  return phases.map((phase) => ({
    key: phase.key,
    title: phase.title,
    startWeek: phase.startWeek,
    endWeek: phase.endWeek,
    goals: [...phase.goals],
    current: phase.key === currentKey,
    exercises: phase.exercises.map((e) => toPortalExercise(e, lookup(e.exerciseCode))),
  }));
}

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
export function planChanges(before: readonly PlanPhaseDto[], after: readonly PlanPhaseDto[], lookup: ExerciseLookup): PlanChangeDto[] {
  const old = entries(before);
  const now = entries(after);
  const changes: PlanChangeDto[] = [];
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
