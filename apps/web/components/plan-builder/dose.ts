import type { LibraryExercise, PlanExerciseEntry } from '@/lib/api/client';

/** "daily", "twice a day", "3 times a week". */
export function frequencyText(timesPerWeek: number): string {
  if (timesPerWeek === 7) return 'daily';
  if (timesPerWeek === 14) return 'twice a day';
  if (timesPerWeek === 1) return 'once a week';
  return `${timesPerWeek} times a week`;
}

/** A dose in one line: "3 sets × 5 reps · 10 s holds · each side · daily". */
export function doseText(e: Pick<PlanExerciseEntry, 'sets' | 'reps' | 'holdSeconds' | 'perSide' | 'timesPerWeek' | 'side'>): string {
  const parts = [
    e.sets === 1 && e.reps === 1 ? '1 session' : `${e.sets} set${e.sets === 1 ? '' : 's'} × ${e.reps} rep${e.reps === 1 ? '' : 's'}`,
    e.holdSeconds ? `${e.holdSeconds} s holds` : null,
    e.side ? `${e.side} side only` : e.perSide ? 'each side' : null,
    frequencyText(e.timesPerWeek),
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

/** The library's names by code; a code no longer in the library reads as words. */
export function exerciseNamer(library: readonly Pick<LibraryExercise, 'code' | 'name'>[]): (code: string) => string {
  const names = new Map(library.map((e) => [e.code, e.name]));
  return (code) => names.get(code) ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
