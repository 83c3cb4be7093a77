'use client';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { LibraryExercise } from '@/lib/api/client';
import { Button, Card, Field, Input, Select, Textarea } from '@/components/ui';
import { TARGET_LABELS } from '@/lib/clinical-labels';
import { doseText, exerciseNamer } from './dose';
import { LIMITS, exerciseFromLibrary, newPhase, type ExerciseDraft, type PhaseDraft, type PlanDraftState } from './draft';

type Errors = Record<string, string>;

/**
 * The plan builder: title and start date, then each phase with its exercises. Exercises are added from the
 * library (a searchable list), removed, moved with Move up / Move down buttons (focus stays on the moved
 * exercise, and the move is announced), and dosed. Controlled: the page owns the draft and saves it.
 *
 * `errors` are keyed by the API's field paths (`phases[0].exercises[1].sets`); any change to the structure
 * clears them, since the positions they name no longer hold.
 */
export function PlanBuilder({
  value,
  onChange,
  library,
  errors,
  setErrors,
}: {
  value: PlanDraftState;
  onChange: (next: PlanDraftState) => void;
  library: LibraryExercise[];
  errors: Errors;
  setErrors: (errors: Errors) => void;
}) {
  const [announcement, setAnnouncement] = useState('');
  const focusAfter = useRef<{ id: string; fallback?: string } | null>(null);
  const nameOf = exerciseNamer(library);

  useEffect(() => {
    const next = focusAfter.current;
    if (!next) return;
    focusAfter.current = null;
    const el = document.getElementById(next.id) as HTMLButtonElement | HTMLInputElement | null;
    if (el && !(el as HTMLButtonElement).disabled) el.focus();
    else if (next.fallback) document.getElementById(next.fallback)?.focus();
  });

  function clear(path: string) {
    if (errors[path]) {
      const { [path]: _, ...rest } = errors;
      setErrors(rest);
    }
  }

  function setPlan<K extends keyof PlanDraftState>(field: K, v: PlanDraftState[K]) {
    onChange({ ...value, [field]: v });
    clear(field);
  }

  function setPhases(phases: PhaseDraft[], structural = false) {
    onChange({ ...value, phases });
    if (structural && Object.keys(errors).length) setErrors({});
  }

  function updatePhase(i: number, patch: Partial<PhaseDraft>, path?: string) {
    setPhases(value.phases.map((p, k) => (k === i ? { ...p, ...patch } : p)));
    if (path) clear(path);
  }

  function updateExercise(i: number, j: number, patch: Partial<ExerciseDraft>, path: string) {
    setPhases(value.phases.map((p, k) => (k === i ? { ...p, exercises: p.exercises.map((e, m) => (m === j ? { ...e, ...patch } : e)) } : p)));
    clear(path);
  }

  function moveExercise(i: number, j: number, by: -1 | 1) {
    const phase = value.phases[i];
    const to = j + by;
    if (to < 0 || to >= phase.exercises.length) return;
    const exercises = [...phase.exercises];
    const [moved] = exercises.splice(j, 1);
    exercises.splice(to, 0, moved);
    setPhases(
      value.phases.map((p, k) => (k === i ? { ...p, exercises } : p)),
      true,
    );
    const dir = by < 0 ? 'up' : 'down';
    focusAfter.current = { id: `ex-${moved.uid}-${dir}`, fallback: `ex-${moved.uid}-${dir === 'up' ? 'down' : 'up'}` };
    setAnnouncement(`${nameOf(moved.exerciseCode)} moved to position ${to + 1} of ${exercises.length} in ${phase.title}.`);
  }

  function removeExercise(i: number, j: number) {
    const phase = value.phases[i];
    const removed = phase.exercises[j];
    const exercises = phase.exercises.filter((_, m) => m !== j);
    setPhases(
      value.phases.map((p, k) => (k === i ? { ...p, exercises } : p)),
      true,
    );
    const neighbour = exercises[j] ?? exercises[j - 1];
    focusAfter.current = { id: neighbour ? `ex-${neighbour.uid}-remove` : `phase-${phase.uid}-add` };
    setAnnouncement(`${nameOf(removed.exerciseCode)} removed from ${phase.title}.`);
  }

  function addExercise(i: number, exercise: LibraryExercise) {
    const phase = value.phases[i];
    const added = exerciseFromLibrary(exercise, phase.key);
    setPhases(
      value.phases.map((p, k) => (k === i ? { ...p, exercises: [...p.exercises, added] } : p)),
      true,
    );
    focusAfter.current = { id: `ex-${added.uid}-sets` };
    setAnnouncement(`${exercise.name} added to ${phase.title} at ${doseText({ ...exercise.defaultDose, timesPerWeek: Number(added.timesPerWeek) })}.`);
  }

  function removePhase(i: number) {
    const phase = value.phases[i];
    setPhases(
      value.phases.filter((_, k) => k !== i),
      true,
    );
    focusAfter.current = { id: 'plan-add-phase' };
    setAnnouncement(`Phase ${phase.title} removed.`);
  }

  function addPhase() {
    const phase = newPhase(value.phases);
    setPhases([...value.phases, phase], true);
    focusAfter.current = { id: `phase-${phase.uid}-title` };
    setAnnouncement(`${phase.title} added.`);
  }

  return (
    <div className="space-y-6" data-testid="plan-builder">
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <Card title="Plan">
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <Field id="plan-title" label="Title" error={errors.title}>
              <Input id="plan-title" value={value.title} maxLength={200} onChange={(e) => setPlan('title', e.target.value)} invalid={!!errors.title} />
            </Field>
          </div>
          <Field id="plan-startDate" label="Start date" error={errors.startDate}>
            <Input
              id="plan-startDate"
              type="date"
              value={value.startDate}
              onChange={(e) => setPlan('startDate', e.target.value)}
              invalid={!!errors.startDate}
            />
          </Field>
          <div className="sm:col-span-3">
            <Field id="plan-notes" label="Notes on the plan" hint="One note a line; the patient sees them with the plan." error={errors.notes}>
              <Textarea id="plan-notes" rows={2} value={value.notes} onChange={(e) => setPlan('notes', e.target.value)} invalid={!!errors.notes} />
            </Field>
          </div>
        </div>
      </Card>

      {errors.phases && <p className="text-sm text-red-700">{errors.phases}</p>}
      {value.phases.map((phase, i) => (
        <PhaseEditor
          key={phase.uid}
          phase={phase}
          index={i}
          count={value.phases.length}
          library={library}
          nameOf={nameOf}
          errors={errors}
          onPhase={(patch, path) => updatePhase(i, patch, path)}
          onExercise={(j, patch, path) => updateExercise(i, j, patch, path)}
          onMove={(j, by) => moveExercise(i, j, by)}
          onRemove={(j) => removeExercise(i, j)}
          onAdd={(e) => addExercise(i, e)}
          onRemovePhase={() => removePhase(i)}
        />
      ))}

      {value.phases.length < LIMITS.phases && (
        <Button id="plan-add-phase" variant="secondary" onClick={addPhase}>
          + Add a phase
        </Button>
      )}
    </div>
  );
}

function PhaseEditor({
  phase,
  index,
  count,
  library,
  nameOf,
  errors,
  onPhase,
  onExercise,
  onMove,
  onRemove,
  onAdd,
  onRemovePhase,
}: {
  phase: PhaseDraft;
  index: number;
  count: number;
  library: LibraryExercise[];
  nameOf: (code: string) => string;
  errors: Errors;
  onPhase: (patch: Partial<PhaseDraft>, path?: string) => void;
  onExercise: (j: number, patch: Partial<ExerciseDraft>, path: string) => void;
  onMove: (j: number, by: -1 | 1) => void;
  onRemove: (j: number) => void;
  onAdd: (e: LibraryExercise) => void;
  onRemovePhase: () => void;
}) {
  const at = `phases[${index}]`;
  const id = (part: string) => `phase-${phase.uid}-${part}`;
  const name = phase.title.trim() || `Phase ${index + 1}`;
  return (
    <section aria-labelledby={id('heading')} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="builder-phase">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id={id('heading')} className="text-lg font-semibold tracking-tight">
          <span className="text-slate-500">{index + 1}.</span> {name}
        </h2>
        {count > 1 && (
          <Button variant="ghost" onClick={onRemovePhase} className="text-slate-600">
            Remove phase<span className="sr-only">: {name}</span>
          </Button>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <div className="sm:col-span-2">
          <Field id={id('title')} label="Phase name" error={errors[`${at}.title`]}>
            <Input
              id={id('title')}
              value={phase.title}
              maxLength={100}
              onChange={(e) => onPhase({ title: e.target.value }, `${at}.title`)}
              invalid={!!errors[`${at}.title`]}
            />
          </Field>
        </div>
        <Field id={id('startWeek')} label="From week" error={errors[`${at}.startWeek`]}>
          <Input
            id={id('startWeek')}
            type="number"
            inputMode="numeric"
            min={0}
            max={104}
            value={phase.startWeek}
            onChange={(e) => onPhase({ startWeek: e.target.value }, `${at}.startWeek`)}
            invalid={!!errors[`${at}.startWeek`]}
          />
        </Field>
        <Field id={id('endWeek')} label="To week" error={errors[`${at}.endWeek`]}>
          <Input
            id={id('endWeek')}
            type="number"
            inputMode="numeric"
            min={1}
            max={104}
            value={phase.endWeek}
            onChange={(e) => onPhase({ endWeek: e.target.value }, `${at}.endWeek`)}
            invalid={!!errors[`${at}.endWeek`]}
          />
        </Field>
        <div className="sm:col-span-4">
          <Field id={id('goals')} label="Goals" hint="One goal a line, in words the patient understands." error={errors[`${at}.goals`]}>
            <Textarea
              id={id('goals')}
              rows={Math.min(5, Math.max(2, phase.goals.split('\n').length))}
              value={phase.goals}
              onChange={(e) => onPhase({ goals: e.target.value }, `${at}.goals`)}
              invalid={!!errors[`${at}.goals`]}
            />
          </Field>
        </div>
      </div>

      <h3 className="mt-5 text-sm font-semibold tracking-wide text-slate-500 uppercase">Exercises</h3>
      {phase.exercises.length === 0 ? (
        <p className={`mt-2 text-sm ${errors[`${at}.exercises`] ? 'text-red-700' : 'text-slate-600'}`}>
          {errors[`${at}.exercises`] ?? 'No exercises yet: add one from the library.'}
        </p>
      ) : (
        <ol className="mt-2 space-y-3">
          {phase.exercises.map((e, j) => (
            <ExerciseEditor
              key={e.uid}
              exercise={e}
              path={`${at}.exercises[${j}]`}
              position={j}
              count={phase.exercises.length}
              name={nameOf(e.exerciseCode)}
              phaseName={name}
              errors={errors}
              onChange={(patch, path) => onExercise(j, patch, path)}
              onMove={(by) => onMove(j, by)}
              onRemove={() => onRemove(j)}
            />
          ))}
        </ol>
      )}
      {phase.exercises.length > 0 && errors[`${at}.exercises`] && <p className="mt-2 text-sm text-red-700">{errors[`${at}.exercises`]}</p>}
      {phase.exercises.length < LIMITS.exercisesPerPhase && (
        <ExercisePicker phaseUid={phase.uid} phaseName={name} library={library} inPhase={phase.exercises.map((e) => e.exerciseCode)} onAdd={onAdd} />
      )}
    </section>
  );
}

function DoseInput({
  id,
  label,
  context,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  context: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
        <span className="sr-only">, {context}</span>
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function ExerciseEditor({
  exercise: e,
  path,
  position,
  count,
  name,
  phaseName,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  exercise: ExerciseDraft;
  path: string;
  position: number;
  count: number;
  name: string;
  phaseName: string;
  errors: Errors;
  onChange: (patch: Partial<ExerciseDraft>, path: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = (part: string) => `ex-${e.uid}-${part}`;
  const context = `${name} (${phaseName})`;
  const err = (field: string) => errors[`${path}.${field}`];
  const small = 'mt-0.5! py-1.5! text-sm!';
  return (
    <li className="rounded-xl border border-slate-200 bg-slate-50/60 p-3" data-testid="builder-exercise" data-code={e.exerciseCode}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-slate-900">
          <span className="mr-1.5 inline-flex h-6 w-6 items-center justify-center rounded-full bg-white text-xs text-slate-500 ring-1 ring-slate-200">
            {position + 1}
          </span>
          {name}
        </p>
        <div className="flex flex-wrap gap-1">
          <Button
            id={id('up')}
            variant="ghost"
            className="px-2! py-1! text-xs"
            disabled={position === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move up: ${context}`}
          >
            ↑ Move up
          </Button>
          <Button
            id={id('down')}
            variant="ghost"
            className="px-2! py-1! text-xs"
            disabled={position === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move down: ${context}`}
          >
            ↓ Move down
          </Button>
          <Button id={id('remove')} variant="ghost" className="px-2! py-1! text-xs text-red-700" onClick={onRemove} aria-label={`Remove: ${context}`}>
            Remove
          </Button>
        </div>
      </div>
      {err('exerciseCode') && <p className="mt-1 text-sm text-red-700">{err('exerciseCode')}</p>}
      <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-6">
        <DoseInput id={id('sets')} label="Sets" context={context} error={err('sets')}>
          <Input
            id={id('sets')}
            type="number"
            inputMode="numeric"
            min={1}
            max={10}
            value={e.sets}
            onChange={(ev) => onChange({ sets: ev.target.value }, `${path}.sets`)}
            invalid={!!err('sets')}
            className={small}
          />
        </DoseInput>
        <DoseInput id={id('reps')} label="Reps" context={context} error={err('reps')}>
          <Input
            id={id('reps')}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={e.reps}
            onChange={(ev) => onChange({ reps: ev.target.value }, `${path}.reps`)}
            invalid={!!err('reps')}
            className={small}
          />
        </DoseInput>
        <DoseInput id={id('hold')} label="Hold (s)" context={context} error={err('holdSeconds')}>
          <Input
            id={id('hold')}
            type="number"
            inputMode="numeric"
            min={1}
            max={600}
            placeholder="—"
            value={e.holdSeconds}
            onChange={(ev) => onChange({ holdSeconds: ev.target.value }, `${path}.holdSeconds`)}
            invalid={!!err('holdSeconds')}
            className={small}
          />
        </DoseInput>
        <DoseInput id={id('tpw')} label="Times a week" context={context} error={err('timesPerWeek')}>
          <Input
            id={id('tpw')}
            type="number"
            inputMode="numeric"
            min={1}
            max={14}
            value={e.timesPerWeek}
            onChange={(ev) => onChange({ timesPerWeek: ev.target.value }, `${path}.timesPerWeek`)}
            invalid={!!err('timesPerWeek')}
            className={small}
          />
        </DoseInput>
        <DoseInput id={id('side')} label="Side" context={context} error={err('side')}>
          <Select
            id={id('side')}
            value={e.side}
            onChange={(ev) => {
              const side = ev.target.value as ExerciseDraft['side'];
              // One side only: the sets are done on that side, not on each side.
              onChange(side ? { side, perSide: false } : { side }, `${path}.side`);
            }}
            className={small}
          >
            <option value="">Both sides</option>
            <option value="left">Left only</option>
            <option value="right">Right only</option>
          </Select>
        </DoseInput>
        <div className="flex items-end pb-1.5">
          <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={e.perSide}
              disabled={!!e.side}
              onChange={(ev) => onChange({ perSide: ev.target.checked }, `${path}.perSide`)}
              className="h-4 w-4 accent-brand-600"
            />
            Each side<span className="sr-only">, {context}</span>
          </label>
        </div>
      </div>
      <div className="mt-3">
        <DoseInput id={id('notes')} label="Notes for the patient" context={context} error={err('notes')}>
          <Textarea
            id={id('notes')}
            rows={2}
            value={e.notes}
            maxLength={1000}
            onChange={(ev) => onChange({ notes: ev.target.value }, `${path}.notes`)}
            invalid={!!err('notes')}
            className="mt-0.5! py-1.5! text-sm!"
          />
        </DoseInput>
      </div>
    </li>
  );
}

/** "Add exercise": a search box over the library and a list of matches, each added with one press. */
function ExercisePicker({
  phaseUid,
  phaseName,
  library,
  inPhase,
  onAdd,
}: {
  phaseUid: string;
  phaseName: string;
  library: LibraryExercise[];
  inPhase: string[];
  onAdd: (e: LibraryExercise) => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const listId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const toggleId = `phase-${phaseUid}-add`;

  useEffect(() => {
    if (open) searchRef.current?.focus();
  }, [open]);

  const q = query.trim().toLowerCase();
  const matches = library.filter(
    (e) =>
      !q || e.name.toLowerCase().includes(q) || e.code.includes(q.replace(/\s+/g, '_')) || e.targets.some((t) => TARGET_LABELS[t].toLowerCase().includes(q)),
  );

  function close() {
    setOpen(false);
    setQuery('');
    requestAnimationFrame(() => document.getElementById(toggleId)?.focus());
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  if (!open) {
    return (
      <Button id={toggleId} variant="secondary" className="mt-3" onClick={() => setOpen(true)} aria-expanded={false}>
        + Add exercise<span className="sr-only"> to {phaseName}</span>
      </Button>
    );
  }
  return (
    <div className="mt-3 rounded-xl border border-brand-100 bg-brand-50/50 p-3" onKeyDown={onKeyDown}>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-[14rem] flex-1">
          <label htmlFor={`${toggleId}-search`} className="block text-sm font-medium text-slate-700">
            Search the exercise library<span className="sr-only"> for {phaseName}</span>
          </label>
          <Input
            ref={searchRef}
            id={`${toggleId}-search`}
            type="search"
            value={query}
            placeholder="Name or target, e.g. hip"
            onChange={(e) => setQuery(e.target.value)}
            aria-controls={listId}
            onKeyDown={(e) => {
              // Enter adds the only match, so search-then-Enter is enough; never submits the whole form.
              if (e.key === 'Enter') {
                e.preventDefault();
                if (matches.length === 1) {
                  onAdd(matches[0]);
                  setOpen(false);
                  setQuery('');
                }
              }
            }}
          />
        </div>
        <Button variant="ghost" onClick={close}>
          Close
        </Button>
      </div>
      <p className="mt-2 text-xs text-slate-500" aria-live="polite">
        {matches.length === 0
          ? 'No exercise matches.'
          : `${matches.length} exercise${matches.length === 1 ? '' : 's'}${q ? ' match' : ''}. Each is added at its usual dose, at this phase’s frequency.`}
      </p>
      <ul id={listId} className="mt-2 max-h-72 space-y-1 overflow-y-auto" aria-label={`Exercises to add to ${phaseName}`}>
        {matches.map((e) => (
          <li key={e.code}>
            <button
              type="button"
              onClick={() => {
                onAdd(e);
                setOpen(false);
                setQuery('');
              }}
              className="flex w-full flex-wrap items-baseline justify-between gap-x-3 rounded-lg bg-white px-3 py-2 text-left text-sm ring-1 ring-slate-200 hover:bg-brand-50 hover:ring-brand-500"
            >
              <span className="font-medium text-slate-900">
                <span className="sr-only">Add </span>
                {e.name}
                {!e.builtIn && <span className="ml-1 text-xs font-normal text-slate-500">(your practice)</span>}
                {inPhase.includes(e.code) && <span className="ml-1 text-xs font-normal text-amber-800">(already in this phase)</span>}
              </span>
              <span className="text-xs text-slate-600">{doseText(e.defaultDose)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
