import type { LibraryExercise, PlanPhaseEntry } from '@/lib/api/client';
import { formatDate } from '@/lib/format';
import { doseText, exerciseNamer } from './dose';

/** A plan version's content, read-only: its phases with goals and dosed exercises, then notes and review dates. */
export function PlanView({
  phases,
  notes,
  reviewDates,
  library,
}: {
  phases: PlanPhaseEntry[];
  notes: string[];
  reviewDates: string[];
  library: readonly Pick<LibraryExercise, 'code' | 'name'>[];
}) {
  const nameOf = exerciseNamer(library);
  return (
    <div className="space-y-6" data-testid="plan-view">
      {notes.length > 0 && (
        <ul className="space-y-1 rounded-xl border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      <ol className="space-y-5">
        {phases.map((phase, i) => (
          <li key={`${phase.key}-${i}`} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
            <section aria-labelledby={`phase-${i}-title`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`phase-${i}-title`} className="text-lg font-semibold tracking-tight">
                  <span className="text-slate-500">{i + 1}.</span> {phase.title}
                </h2>
                <span className="text-sm text-slate-600">
                  Weeks {phase.startWeek}–{phase.endWeek}
                </span>
              </div>
              {phase.goals.length > 0 && (
                <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
                  {phase.goals.map((g, j) => (
                    <li key={j}>{g}</li>
                  ))}
                </ul>
              )}
              <ol className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
                {phase.exercises.map((e, j) => (
                  <li key={`${e.exerciseCode}-${j}`} className="py-3" data-testid="plan-exercise" data-code={e.exerciseCode}>
                    <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                      <span className="font-medium text-slate-900">{nameOf(e.exerciseCode)}</span>
                      <span className="text-sm text-slate-700 tabular-nums" data-testid="dose">
                        {doseText(e)}
                      </span>
                    </div>
                    {e.notes && <p className="mt-1 text-sm text-slate-600">{e.notes}</p>}
                  </li>
                ))}
              </ol>
            </section>
          </li>
        ))}
      </ol>
      {reviewDates.length > 0 && (
        <p className="text-sm text-slate-600">
          <span className="font-medium text-slate-800">Review dates: </span>
          {reviewDates.map(formatDate).join(', ')}
        </p>
      )}
    </div>
  );
}
