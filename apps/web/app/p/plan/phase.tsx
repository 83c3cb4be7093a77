import type { PortalExercise, PortalPhase } from '@/lib/api/client';
import { Badge } from '@/components/ui';
import { LOG_FORM_ID } from './log-form-id';
import { doseInWords, phaseWhen } from './words';

/** One exercise: its dose in words, the steps, easier and harder versions, the safety note and "Done today". */
export function ExerciseCard({ exercise, phaseKey }: { exercise: PortalExercise; phaseKey: string }) {
  const headingId = `ex-${phaseKey}-${exercise.exerciseCode}`;
  return (
    <article aria-labelledby={headingId} className="portal-exercise rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
      <h4 id={headingId} className="text-lg font-semibold tracking-tight">
        {exercise.name}
      </h4>
      <p className="mt-1 font-medium text-brand-700">{doseInWords(exercise)}</p>
      {exercise.notes && (
        <p className="mt-2 rounded-lg bg-brand-50 px-3 py-2 text-slate-800">
          <span className="font-medium">From your physiotherapist: </span>
          {exercise.notes}
        </p>
      )}
      {exercise.steps.length > 0 && (
        <>
          <h5 className="mt-3 font-medium text-slate-800">How to do it</h5>
          <ol className="mt-1 list-decimal space-y-1 pl-6 leading-relaxed text-slate-700">
            {exercise.steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </>
      )}
      <dl className="mt-3 grid gap-3 sm:grid-cols-2">
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="font-medium text-slate-800">Easier version</dt>
          <dd className="mt-1 text-slate-700">{exercise.regression}</dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="font-medium text-slate-800">Harder version</dt>
          <dd className="mt-1 text-slate-700">{exercise.progression}</dd>
        </div>
      </dl>
      {exercise.safety && (
        <div role="note" className="portal-caution mt-3 flex gap-2 rounded-lg border-l-4 border-amber-500 bg-amber-50 p-3 text-amber-950">
          <span aria-hidden="true" className="font-bold">
            ⚠
          </span>
          <p>
            <span className="font-semibold">Take care: </span>
            {exercise.safety}
          </p>
        </div>
      )}
      <label className="mt-4 flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border border-slate-300 px-4 py-2 font-medium has-checked:border-brand-500 has-checked:bg-brand-50 print:hidden">
        <input
          type="checkbox"
          name="completed"
          value={exercise.exerciseCode}
          form={LOG_FORM_ID}
          aria-label={`Done today: ${exercise.name}`}
          className="h-6 w-6 shrink-0 accent-brand-600"
        />
        <span aria-hidden="true">Done today</span>
      </label>
    </article>
  );
}

/** A phase's goals and exercise cards (also the maintenance programme after discharge). */
export function PhaseBody({ phase }: { phase: PortalPhase }) {
  return (
    <>
      {phase.goals.length > 0 && (
        <div className="mt-3">
          <h4 className="font-medium text-slate-800">What this phase is for</h4>
          <ul className="mt-1 list-disc space-y-1 pl-6 leading-relaxed text-slate-700">
            {phase.goals.map((goal, i) => (
              <li key={i}>{goal}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="mt-4 space-y-4">
        {phase.exercises.map((exercise) => (
          <ExerciseCard key={exercise.exerciseCode} exercise={exercise} phaseKey={phase.key} />
        ))}
      </div>
    </>
  );
}

/**
 * A phase of the plan. The current one is open and highlighted; the others are collapsed (<details>, so they open
 * without script). On paper every phase is open, each on its own page.
 */
export function Phase({ phase, startDate, relation }: { phase: PortalPhase; startDate: string; relation: 'earlier' | 'current' | 'later' }) {
  const when = phaseWhen(phase, startDate);
  const headingId = `phase-${phase.key}`;
  if (relation === 'current') {
    return (
      <section aria-labelledby={headingId} data-testid="current-phase" className="portal-phase rounded-2xl border-2 border-brand-500 bg-brand-50/60 p-3 sm:p-5">
        <Badge tone="brand">You are here</Badge>
        <h3 id={headingId} className="mt-2 text-xl font-semibold tracking-tight">
          {phase.title}
        </h3>
        <p className="mt-1 text-slate-700">
          {when.weeks} · {when.dates}
        </p>
        <PhaseBody phase={phase} />
      </section>
    );
  }
  return (
    <details data-phase={phase.key} className="portal-phase group rounded-2xl border border-slate-200 bg-white">
      <summary className="flex min-h-12 cursor-pointer list-none items-center justify-between gap-3 rounded-2xl px-4 py-3 [&::-webkit-details-marker]:hidden">
        <span>
          <span id={headingId} className="block font-semibold">
            {phase.title}
          </span>
          <span className="block text-sm text-slate-600">
            {when.weeks} · {when.dates} · {relation === 'earlier' ? 'earlier' : 'coming up'}
          </span>
        </span>
        <span aria-hidden="true" className="text-slate-500 transition-transform group-open:rotate-180 print:hidden">
          ▾
        </span>
      </summary>
      <div className="px-4 pb-4">
        <PhaseBody phase={phase} />
      </div>
    </details>
  );
}
