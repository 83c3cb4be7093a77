import type { LibraryExercise, PlanExerciseEntry, PlanPhaseEntry } from '@/lib/api/client';
import { PHASES, isIsoDate, type PhaseKey, type Side } from '@upright/domain';

/**
 * The plan builder's working copy. Numbers are kept as the text typed (so a field can be empty while the
 * clinician types); `toPlanContent` checks them with the API's limits and turns them back into a plan body.
 * Every item has a `uid` so React keeps focus on the right element when items move.
 */
export interface ExerciseDraft {
  uid: string;
  exerciseCode: string;
  sets: string;
  reps: string;
  holdSeconds: string;
  perSide: boolean;
  timesPerWeek: string;
  side: '' | Side;
  notes: string;
}

export interface PhaseDraft {
  uid: string;
  key: string;
  title: string;
  startWeek: string;
  endWeek: string;
  /** One goal a line. */
  goals: string;
  exercises: ExerciseDraft[];
}

export interface PlanDraftState {
  title: string;
  startDate: string;
  phases: PhaseDraft[];
  /** One note a line. */
  notes: string;
}

export interface PlanContentBody {
  title: string;
  startDate: string;
  phases: PlanPhaseEntry[];
  notes: string[];
}

/** The API's limits (apps/api/src/plans/dto/plan.dto.ts). */
export const LIMITS = { phases: 6, exercisesPerPhase: 20, goals: 10, notes: 10 } as const;

let counter = 0;
export const newUid = (): string => `u${++counter}${Math.random().toString(36).slice(2, 6)}`;

export function exerciseDraft(e: PlanExerciseEntry): ExerciseDraft {
  return {
    uid: newUid(),
    exerciseCode: e.exerciseCode,
    sets: String(e.sets),
    reps: String(e.reps),
    holdSeconds: e.holdSeconds !== undefined ? String(e.holdSeconds) : '',
    perSide: e.perSide,
    timesPerWeek: String(e.timesPerWeek),
    side: e.side ?? '',
    notes: e.notes ?? '',
  };
}

/**
 * A library exercise at its default dose, as added from the picker. In one of the rules' phases that sets its
 * own frequency (Activate daily, Strengthen 3 times a week, Maintain twice), the phase's frequency wins, as in
 * the suggestion.
 */
export function exerciseFromLibrary(e: LibraryExercise, phaseKey?: string): ExerciseDraft {
  const { sets, reps, holdSeconds, perSide, timesPerWeek, notes } = e.defaultDose;
  const phaseFrequency = phaseKey && Object.hasOwn(PHASES, phaseKey) ? PHASES[phaseKey as PhaseKey].timesPerWeek : undefined;
  return exerciseDraft({ exerciseCode: e.code, sets, reps, holdSeconds, perSide, timesPerWeek: phaseFrequency ?? timesPerWeek, notes });
}

export function toDraft(content: { title: string; startDate: string; phases: PlanPhaseEntry[]; notes: string[] }): PlanDraftState {
  return {
    title: content.title,
    startDate: content.startDate,
    notes: content.notes.join('\n'),
    phases: content.phases.map((p) => ({
      uid: newUid(),
      key: p.key,
      title: p.title,
      startWeek: String(p.startWeek),
      endWeek: String(p.endWeek),
      goals: p.goals.join('\n'),
      exercises: p.exercises.map(exerciseDraft),
    })),
  };
}

export function newPhase(existing: readonly PhaseDraft[]): PhaseDraft {
  let n = existing.length + 1;
  while (existing.some((p) => p.key === `phase_${n}`)) n++;
  const lastEnd = Math.max(0, ...existing.map((p) => Number(p.endWeek) || 0));
  return { uid: newUid(), key: `phase_${n}`, title: `Phase ${n}`, startWeek: String(lastEnd), endWeek: String(lastEnd + 4), goals: '', exercises: [] };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function wholeNumber(text: string, min: number, max: number, path: string, errors: Record<string, string>, required = true): number | undefined {
  const t = text.trim();
  if (t === '') {
    if (required) errors[path] = 'Required';
    return undefined;
  }
  if (!/^\d+$/.test(t)) {
    errors[path] = 'Enter a whole number';
    return undefined;
  }
  const n = Number(t);
  if (n < min || n > max) {
    errors[path] = `From ${min} to ${max}`;
    return undefined;
  }
  return n;
}

/**
 * The plan body, or the problems by field path (`phases[0].exercises[1].sets`, the same paths the API names), so
 * a mistake is shown beside its field before the request is sent.
 */
export function toPlanContent(d: PlanDraftState): { content: PlanContentBody; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = d.title.trim();
  if (!title) errors.title = 'Give the plan a title';
  else if (title.length > 200) errors.title = 'At most 200 characters';
  if (!isIsoDate(d.startDate)) errors.startDate = 'Enter the date the plan starts';
  const notes = lines(d.notes);
  if (notes.length > LIMITS.notes) errors.notes = `At most ${LIMITS.notes} notes (one a line)`;
  else if (notes.some((n) => n.length > 1000)) errors.notes = 'Each note at most 1000 characters';
  if (d.phases.length === 0) errors.phases = 'Keep at least one phase';

  const phases: PlanPhaseEntry[] = d.phases.map((p, i) => {
    const at = `phases[${i}]`;
    const phaseTitle = p.title.trim();
    if (!phaseTitle) errors[`${at}.title`] = 'Give the phase a name';
    else if (phaseTitle.length > 100) errors[`${at}.title`] = 'At most 100 characters';
    const startWeek = wholeNumber(p.startWeek, 0, 104, `${at}.startWeek`, errors);
    const endWeek = wholeNumber(p.endWeek, 1, 104, `${at}.endWeek`, errors);
    if (startWeek !== undefined && endWeek !== undefined && endWeek <= startWeek) errors[`${at}.endWeek`] = 'Must be after the first week';
    const goals = lines(p.goals);
    if (goals.length > LIMITS.goals) errors[`${at}.goals`] = `At most ${LIMITS.goals} goals (one a line)`;
    else if (goals.some((g) => g.length > 500)) errors[`${at}.goals`] = 'Each goal at most 500 characters';
    if (p.exercises.length === 0) errors[`${at}.exercises`] = 'Add at least one exercise, or remove this phase';
    if (p.exercises.length > LIMITS.exercisesPerPhase) errors[`${at}.exercises`] = `At most ${LIMITS.exercisesPerPhase} exercises in a phase`;
    const exercises: PlanExerciseEntry[] = p.exercises.map((e, j) => {
      const ex = `${at}.exercises[${j}]`;
      const sets = wholeNumber(e.sets, 1, 10, `${ex}.sets`, errors);
      const reps = wholeNumber(e.reps, 1, 100, `${ex}.reps`, errors);
      const holdSeconds = wholeNumber(e.holdSeconds, 1, 600, `${ex}.holdSeconds`, errors, false);
      const timesPerWeek = wholeNumber(e.timesPerWeek, 1, 14, `${ex}.timesPerWeek`, errors);
      const exerciseNotes = e.notes.trim();
      if (exerciseNotes.length > 1000) errors[`${ex}.notes`] = 'At most 1000 characters';
      return {
        exerciseCode: e.exerciseCode,
        sets: sets ?? 0,
        reps: reps ?? 0,
        ...(holdSeconds !== undefined ? { holdSeconds } : {}),
        perSide: e.perSide,
        timesPerWeek: timesPerWeek ?? 0,
        ...(e.side ? { side: e.side } : {}),
        ...(exerciseNotes ? { notes: exerciseNotes } : {}),
      };
    });
    return { key: p.key, title: phaseTitle, startWeek: startWeek ?? 0, endWeek: endWeek ?? 0, goals, exercises };
  });
  return { content: { title, startDate: d.startDate, phases, notes }, errors };
}
