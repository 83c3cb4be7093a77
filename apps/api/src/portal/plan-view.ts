/**
 * The patient's view of a plan version: which phase they are in today and each exercise with its instructions.
 * Pure functions (dates come in as arguments). What changed since the version the patient last saw is
 * plans/plan-changes.ts, which the visit notes' prefill shares.
 */
import { daysBetween } from '@upright/domain';
import type { PlanExerciseDto, PlanPhaseDto } from '../plans/dto/plan.dto.js';
import type { PortalExerciseDto, PortalPhaseDto } from './dto/portal.dto.js';

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
