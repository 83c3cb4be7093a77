/**
 * Rule 7, adherence: how many of the prescribed exercise sessions the patient logged.
 */
import { daysBetween, toDayNumber } from './dates.js';
import { Problems, eachItem, checkArray, checkDate, checkInteger, checkRecord, field } from './validation.js';

/**
 * What adherence needs of a plan: its start date and, per phase, the weeks it runs and how often each exercise
 * is prescribed. A `PlanDraft` plus a `startDate` fits.
 */
export interface AdherencePlan {
  /** `YYYY-MM-DD`: day 0 of week 0. */
  startDate: string;
  phases: readonly {
    startWeek: number;
    endWeek: number;
    exercises: readonly { timesPerWeek: number }[];
  }[];
}

/** A patient's log. Other fields (pain, difficulty, note) may be present and are ignored here. */
export interface ExerciseLog {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Codes of the exercises done that day (built-in or the practice's own). */
  completedExercises: readonly string[];
}

/**
 * Below this percentage of prescribed sessions logged, adherence is low: the clinician's Today list shows the
 * patient. A product threshold (the sources give none), kept here so the API and the dashboard agree.
 */
export const LOW_ADHERENCE_PERCENT = 50;

/**
 * From this percentage of prescribed sessions logged, adherence is satisfactory (the level most exercise trials
 * use; Bailey 2020). Progression (9.2) and the discharge review (9.3) both ask for it.
 */
export const SATISFACTORY_ADHERENCE_PERCENT = 80;

export interface Adherence {
  /** Sessions prescribed in the window (rounded to a whole number). */
  prescribedSessions: number;
  /** Days in the window with a log of at least one completed exercise. */
  loggedSessions: number;
  /** logged / prescribed as a whole percentage, capped at 100; 100 when nothing was prescribed. */
  percent: number;
  /** Days from the last log on or before `to` (any log, also before `from`) to `to`; null when there is none. */
  daysSinceLastLog: number | null;
}

const DAYS_PER_WEEK = 7;

function validate(plan: unknown, logs: unknown, from: unknown, to: unknown): void {
  const p = new Problems();
  if (checkRecord(p, 'plan', plan)) {
    checkDate(p, 'plan.startDate', plan.startDate);
    if (checkArray(p, 'plan.phases', plan.phases)) {
      eachItem(plan.phases, (phase, i) => {
        const path = field('plan.phases', i);
        if (!checkRecord(p, path, phase)) return;
        const startOk = checkInteger(p, field(path, 'startWeek'), phase.startWeek, 0);
        const endOk = checkInteger(p, field(path, 'endWeek'), phase.endWeek, 0);
        if (startOk && endOk && (phase.endWeek as number) <= (phase.startWeek as number)) {
          p.add(field(path, 'endWeek'), 'must be after startWeek');
        }
        if (checkArray(p, field(path, 'exercises'), phase.exercises)) {
          eachItem(phase.exercises, (exercise, j) => {
            const exercisePath = field(field(path, 'exercises'), j);
            if (checkRecord(p, exercisePath, exercise)) {
              checkInteger(p, field(exercisePath, 'timesPerWeek'), exercise.timesPerWeek, 0, DAYS_PER_WEEK);
            }
          });
        }
      });
    }
  }
  if (checkArray(p, 'logs', logs)) {
    eachItem(logs, (log, i) => {
      const path = field('logs', i);
      if (!checkRecord(p, path, log)) return;
      checkDate(p, field(path, 'date'), log.date);
      const exercisesPath = field(path, 'completedExercises');
      if (checkArray(p, exercisesPath, log.completedExercises)) {
        eachItem(log.completedExercises, (code, j) => {
          if (typeof code !== 'string' || code === '') p.add(field(exercisesPath, j), 'must be an exercise code');
        });
      }
    });
  }
  const fromOk = checkDate(p, 'from', from);
  const toOk = checkDate(p, 'to', to);
  if (fromOk && toOk && daysBetween(from, to) < 0) p.add('to', 'must be on or after from');
  p.throwIfAny();
}

/**
 * Adherence to a plan between `from` and `to` (both inclusive, `YYYY-MM-DD`).
 *
 * - Week `w` of the plan is days `7w` to `7w + 6` after `startDate`; a phase is active in the weeks
 *   `startWeek <= w < endWeek`. Nothing is prescribed before the start or after the last phase ends.
 * - Prescribed sessions: for each day of the window, the highest `timesPerWeek` of the exercises of the
 *   phase(s) active that week, divided by 7; summed over the window and rounded to a whole number.
 * - A logged session is a day in the window with at least one log that has at least one completed exercise
 *   (several logs on one day count once; a pain-only log is not a session).
 * - `percent` = logged / prescribed x 100, rounded, capped at 100; 100 when nothing was prescribed (nothing missed).
 * - `daysSinceLastLog`: from the latest log of any kind on or before `to`, to `to`; null when there is none.
 *
 * @throws DomainValidationError listing every bad field (e.g. `plan.phases[1].exercises[0].timesPerWeek`,
 *   `logs[3].date`, `to` before `from`).
 */
export function adherence(plan: AdherencePlan, logs: readonly ExerciseLog[], from: string, to: string): Adherence {
  validate(plan, logs, from, to);
  const start = toDayNumber(plan.startDate);
  const first = toDayNumber(from);
  const last = toDayNumber(to);

  let prescribedSevenths = 0;
  for (let day = Math.max(first, start); day <= last; day++) {
    const week = Math.floor((day - start) / DAYS_PER_WEEK);
    let timesPerWeek = 0;
    for (const phase of plan.phases) {
      if (week < phase.startWeek || week >= phase.endWeek) continue;
      for (const exercise of phase.exercises) timesPerWeek = Math.max(timesPerWeek, exercise.timesPerWeek);
    }
    prescribedSevenths += timesPerWeek;
  }
  const prescribedSessions = Math.round(prescribedSevenths / DAYS_PER_WEEK);

  const sessionDays = new Set<number>();
  let lastLog: number | null = null;
  for (const log of logs) {
    const day = toDayNumber(log.date);
    if (day > last) continue;
    if (lastLog === null || day > lastLog) lastLog = day;
    if (day >= first && log.completedExercises.length > 0) sessionDays.add(day);
  }
  const loggedSessions = sessionDays.size;

  const percent = prescribedSessions === 0 ? 100 : Math.min(100, Math.round((loggedSessions / prescribedSessions) * 100));
  return {
    prescribedSessions,
    loggedSessions,
    percent,
    daysSinceLastLog: lastLog === null ? null : last - lastLog,
  };
}
