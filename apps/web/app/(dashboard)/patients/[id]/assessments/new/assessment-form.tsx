'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Sex } from '@/lib/api/client';
import { DomainValidationError, assessPosture, isIsoDate, type PosturalMeasurements, type PosturalReport } from '@upright/domain';
import { BodyDiagram } from '@/components/body-diagram';
import { Button, ButtonLink, Card, ErrorMessage, Field, Input, Select, Textarea } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { FINDING_LABELS } from '@/lib/clinical-labels';
import { ageOn } from '@/lib/format';
import { usePracticeToday } from '@/lib/practice-day';
import { describeError, sentence } from '@/lib/problems';
import { MEASUREMENT_KEYS, MEASUREMENT_LABELS, type MeasurementKey } from '../_components/posture-labels';
import { ReferBanner, SymmetryFigures } from '../_components/symmetry';

/** The kind of input each test needs. */
const KIND: Record<MeasurementKey, 'pair' | 'pairInt' | 'test' | 'single' | 'sided' | 'shift'> = {
  sideBridgeS: 'pair',
  hipAbduction: 'pair',
  trendelenburg: 'test',
  trunkFlexorS: 'single',
  trunkExtensorS: 'single',
  aslr: 'pairInt',
  legLengthDifferenceCm: 'sided',
  trunkRotationDeg: 'single',
  shoulderHeightDifferenceCm: 'sided',
  pelvicHeightDifferenceCm: 'sided',
  craniovertebralAngleDeg: 'single',
  lateralShift: 'shift',
};

const UNITS: Partial<Record<MeasurementKey, string>> = {
  sideBridgeS: 's',
  trunkFlexorS: 's',
  trunkExtensorS: 's',
  legLengthDifferenceCm: 'cm',
  shoulderHeightDifferenceCm: 'cm',
  pelvicHeightDifferenceCm: 'cm',
  trunkRotationDeg: '°',
  craniovertebralAngleDeg: '°',
};

const SIDE_WORD: Partial<Record<MeasurementKey, string>> = {
  legLengthDifferenceCm: 'longer',
  shoulderHeightDifferenceCm: 'higher',
  pelvicHeightDifferenceCm: 'higher',
};

const GROUPS: { title: string; keys: MeasurementKey[] }[] = [
  { title: 'Endurance and strength', keys: ['sideBridgeS', 'trunkFlexorS', 'trunkExtensorS', 'hipAbduction', 'trendelenburg', 'aslr'] },
  {
    title: 'Static posture',
    keys: ['legLengthDifferenceCm', 'trunkRotationDeg', 'shoulderHeightDifferenceCm', 'pelvicHeightDifferenceCm', 'craniovertebralAngleDeg', 'lateralShift'],
  },
];

/** McGill's endurance battery: the three holds that give both symmetry and the ratios. */
const MCGILL_BATTERY: MeasurementKey[] = ['sideBridgeS', 'trunkFlexorS', 'trunkExtensorS'];

/** Form values by input id (`m-sideBridgeS-left`); ticks are booleans. */
type Values = Record<string, string | boolean>;

const inputId = (key: MeasurementKey, part?: string) => (part ? `m-${key}-${part}` : `m-${key}`);
/** `measurements.sideBridgeS.left` (the API's and the domain's field path) -> `m-sideBridgeS-left`. */
const idOfPath = (path: string) => `m-${path.replace(/^measurements\./, '').replace(/\./g, '-')}`;

function num(value: string | boolean | undefined): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** One test's measurement from the form, or the ids of the inputs still empty. */
function readTest(key: MeasurementKey, v: Values): { value: unknown } | { missing: string[] } {
  const id = (part?: string) => inputId(key, part);
  switch (KIND[key]) {
    case 'pair':
    case 'pairInt': {
      const left = num(v[id('left')]);
      const right = num(v[id('right')]);
      const missing = [...(left === null ? [id('left')] : []), ...(right === null ? [id('right')] : [])];
      return missing.length ? { missing } : { value: { left, right } };
    }
    case 'test':
      return { value: { left: v[id('left')] === true, right: v[id('right')] === true } };
    case 'single': {
      const value = num(v[id()]);
      return value === null ? { missing: [id()] } : { value };
    }
    case 'sided': {
      const value = num(v[id('value')]);
      const side = v[id(SIDE_WORD[key])];
      const missing = [...(value === null ? [id('value')] : []), ...(side !== 'left' && side !== 'right' ? [id(SIDE_WORD[key])] : [])];
      return missing.length ? { missing } : { value: { value, [SIDE_WORD[key]!]: side } };
    }
    case 'shift':
      return { value: v[id()] || 'none' };
  }
}

type Preview = { report: PosturalReport | null; measurements: PosturalMeasurements; incomplete: MeasurementKey[]; problems: Record<string, string> };

/** The report of what is filled in so far: incomplete tests wait, out-of-range ones are named and left out. */
function preview(tests: MeasurementKey[], values: Values, sex: Sex, age: number): Preview {
  const measurements: Record<string, unknown> = {};
  const incomplete: MeasurementKey[] = [];
  for (const key of tests) {
    const read = readTest(key, values);
    if ('value' in read) measurements[key] = read.value;
    else incomplete.push(key);
  }
  const problems: Record<string, string> = {};
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const report = Object.keys(measurements).length ? assessPosture({ sex, age, measurements: measurements }) : null;
      return { report, measurements: measurements, incomplete, problems };
    } catch (e) {
      if (!(e instanceof DomainValidationError)) throw e;
      for (const err of e.errors) {
        problems[idOfPath(err.field)] = sentence(err.message);
        const key = err.field.split('.')[1];
        if (key) delete measurements[key];
      }
    }
  }
  return { report: null, measurements: measurements, incomplete, problems };
}

/**
 * The postural assessment form. The clinician adds only the tests they did; as they type, the domain's
 * `assessPosture` runs in the browser (the patient's sex and age on the assessment date), so findings, indices,
 * targets and the body diagram update live. The server computes the stored report again on save.
 */
export function AssessmentForm({ patientId, sex, dateOfBirth }: { patientId: string; sex: Sex; dateOfBirth: string }) {
  const router = useRouter();
  const today = usePracticeToday();
  const [assessedOn, setAssessedOn] = useState(today);
  const [notes, setNotes] = useState('');
  const [tests, setTests] = useState<MeasurementKey[]>([]);
  const [values, setValues] = useState<Values>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const focusNext = useRef<string | null>(null);
  const addBar = useRef<HTMLDivElement>(null);

  const dateProblem = !isIsoDate(assessedOn)
    ? 'Enter a real date.'
    : assessedOn > today
      ? 'The assessment date cannot be in the future.'
      : assessedOn < dateOfBirth
        ? 'The date cannot be before the patient was born.'
        : null;
  const age = ageOn(dateOfBirth, isIsoDate(assessedOn) && !dateProblem ? new Date(`${assessedOn}T00:00:00Z`) : new Date());
  const ordered = MEASUREMENT_KEYS.filter((k) => tests.includes(k));
  const live = preview(ordered, values, sex, age);

  useEffect(() => {
    if (focusNext.current) {
      document.getElementById(focusNext.current)?.focus();
      focusNext.current = null;
    }
  });

  function addTests(keys: MeasurementKey[]) {
    const fresh = keys.filter((k) => !tests.includes(k));
    if (fresh.length === 0) return;
    setTests((t) => [...t, ...fresh]);
    const first = MEASUREMENT_KEYS.find((k) => fresh.includes(k))!;
    focusNext.current =
      KIND[first] === 'pair' || KIND[first] === 'pairInt' || KIND[first] === 'test'
        ? inputId(first, 'left')
        : KIND[first] === 'sided'
          ? inputId(first, 'value')
          : inputId(first);
  }

  function removeTest(key: MeasurementKey) {
    setTests((t) => t.filter((k) => k !== key));
    setValues((v) => Object.fromEntries(Object.entries(v).filter(([id]) => !id.startsWith(`m-${key}-`) && id !== `m-${key}`)));
    setFieldErrors((f) => Object.fromEntries(Object.entries(f).filter(([id]) => !id.startsWith(`m-${key}`))));
    // The removed section's button is gone: continue from the list of tests to add.
    requestAnimationFrame(() => addBar.current?.querySelector<HTMLButtonElement>('button')?.focus());
  }

  function set(id: string, value: string | boolean) {
    setValues((v) => ({ ...v, [id]: value }));
    if (fieldErrors[id]) setFieldErrors(({ [id]: _, ...rest }) => rest);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const errors: Record<string, string> = {};
    if (dateProblem) errors.assessedOn = dateProblem;
    const measurements: Record<string, unknown> = {};
    for (const key of ordered) {
      const read = readTest(key, values);
      if ('missing' in read)
        for (const id of read.missing) errors[id] = id.endsWith('longer') || id.endsWith('higher') ? 'Choose a side' : 'Enter a value, or remove this test';
      else measurements[key] = read.value;
    }
    Object.assign(errors, live.problems);
    if (ordered.length === 0) {
      setError('Add at least one test you did, then enter its results.');
      return;
    }
    if (Object.keys(errors).length > 0) {
      setFieldErrors(errors);
      setError('Please complete or correct the highlighted fields.');
      document.getElementById(Object.keys(errors)[0])?.focus();
      return;
    }
    setPending(true);
    try {
      const saved = await ok(
        api.POST('/api/patients/{id}/assessments', {
          params: { path: { id: patientId } },
          body: { assessedOn, measurements, notes: notes.trim() || null },
        }),
      );
      router.push(`/patients/${patientId}/assessments/${saved.id}?saved=1`);
    } catch (e) {
      const { message, fields } = describeError(e, 'The assessment could not be saved. Please try again.');
      setFieldErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [f.startsWith('measurements.') ? idOfPath(f) : f, m])));
      setError(message);
      setPending(false);
    }
  }

  const errorOf = (id: string) => fieldErrors[id] ?? live.problems[id];
  const remaining = MEASUREMENT_KEYS.filter((k) => !tests.includes(k));
  const findings = live.report?.findings ?? [];
  const targets = live.report?.targets ?? [];
  const announcement = live.report
    ? `${findings.length} finding${findings.length === 1 ? '' : 's'}${findings.length ? `: ${findings.map((f) => `${FINDING_LABELS[f.code]}${f.side ? `, ${f.side}` : ''}`).join('; ')}` : ''}. ${targets.length} strengthening target${targets.length === 1 ? '' : 's'}.`
    : '';

  return (
    <form onSubmit={submit} noValidate className="grid gap-6 md:grid-cols-5">
      <div className="space-y-6 md:col-span-3">
        {error && <ErrorMessage>{error}</ErrorMessage>}

        <Card>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="assessedOn" label="Assessment date" error={fieldErrors.assessedOn ?? dateProblem ?? undefined} hint={`Age on that day: ${age} years.`}>
              <Input
                id="assessedOn"
                type="date"
                max={today}
                min={dateOfBirth}
                value={assessedOn}
                onChange={(e) => setAssessedOn(e.target.value)}
                invalid={!!(fieldErrors.assessedOn ?? dateProblem)}
              />
            </Field>
          </div>
        </Card>

        {ordered.map((key) => (
          <TestSection key={key} testKey={key} onRemove={() => removeTest(key)}>
            <TestInputs testKey={key} values={values} set={set} errorOf={errorOf} />
          </TestSection>
        ))}

        <Card title={tests.length === 0 ? 'Add the tests you did' : 'Add another test'}>
          <p className="-mt-2 mb-4 text-sm text-slate-600">Record only what you tested: untested measurements are left out, never counted as normal.</p>
          <div ref={addBar} className="space-y-4">
            {MCGILL_BATTERY.some((k) => remaining.includes(k)) && (
              <Button variant="secondary" onClick={() => addTests(MCGILL_BATTERY)}>
                + McGill endurance tests (side bridge, flexors, extensors)
              </Button>
            )}
            {GROUPS.map((g) => {
              const keys = g.keys.filter((k) => remaining.includes(k));
              if (keys.length === 0) return null;
              return (
                <div key={g.title}>
                  <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{g.title}</h3>
                  <ul className="mt-2 flex flex-wrap gap-2">
                    {keys.map((k) => (
                      <li key={k}>
                        <button
                          type="button"
                          onClick={() => addTests([k])}
                          className="rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:border-brand-500 hover:bg-brand-50"
                        >
                          <span aria-hidden="true">+ </span>
                          <span className="sr-only">Add </span>
                          {MEASUREMENT_LABELS[k].title}
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
            {remaining.length === 0 && <p className="text-sm text-slate-600">Every test is on the form.</p>}
          </div>
        </Card>

        <Card>
          <Field id="notes" label="Notes" hint="Optional. For example: side bridge stopped by fatigue, not pain." error={fieldErrors.notes}>
            <Textarea id="notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} invalid={!!fieldErrors.notes} />
          </Field>
        </Card>
      </div>

      <aside aria-label="Live findings" className="md:col-span-2">
        {/* Sticky beside the form; the findings scroll when long, so Save always stays in view. */}
        <div className="space-y-4 md:sticky md:top-4 md:flex md:max-h-[calc(100vh-2rem)] md:flex-col md:space-y-0 md:gap-4">
          <p role="status" className="sr-only">
            {announcement}
          </p>
          <div className="md:-m-1 md:min-h-0 md:overflow-y-auto md:p-1">
            <Card title="Findings as you type">
              <div className="space-y-5" data-testid="live-findings">
                {live.report && <ReferBanner report={live.report} />}
                {live.report ? (
                  <>
                    <SymmetryFigures measurements={live.measurements} indices={live.report.indices} />
                    <BodyDiagram findings={findings} targets={targets} compact />
                  </>
                ) : (
                  <p className="text-sm text-slate-600">
                    {tests.length === 0
                      ? 'Add a test and enter its results: findings, symmetry and the body diagram appear here.'
                      : 'Enter the results: findings appear as soon as a test is complete.'}
                  </p>
                )}
                {live.incomplete.length > 0 && live.report && (
                  <p className="text-xs text-slate-500">Waiting for: {live.incomplete.map((k) => MEASUREMENT_LABELS[k].title).join(', ')}.</p>
                )}
              </div>
            </Card>
          </div>
          <div className="flex shrink-0 flex-wrap gap-2">
            <Button type="submit" pending={pending} className="flex-1 sm:flex-none">
              Save assessment
            </Button>
            <ButtonLink href={`/patients/${patientId}/assessments`} variant="ghost">
              Cancel
            </ButtonLink>
          </div>
        </div>
      </aside>
    </form>
  );
}

function TestSection({ testKey, onRemove, children }: { testKey: MeasurementKey; onRemove: () => void; children: ReactNode }) {
  const { title, hint } = MEASUREMENT_LABELS[testKey];
  return (
    <section
      aria-labelledby={`${inputId(testKey)}-title`}
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid={`test-${testKey}`}
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${inputId(testKey)}-title`} className="text-lg font-semibold tracking-tight">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{hint}</p>
        </div>
        <Button variant="ghost" onClick={onRemove} aria-label={`Remove ${title}`} className="text-slate-600">
          Remove
        </Button>
      </div>
      {children}
    </section>
  );
}

function NumberInput({
  id,
  label,
  unit,
  integer,
  max,
  values,
  set,
  errorOf,
}: {
  id: string;
  label: string;
  unit?: string;
  integer?: boolean;
  max?: number;
  values: Values;
  set: (id: string, v: string) => void;
  errorOf: (id: string) => string | undefined;
}) {
  const error = errorOf(id);
  return (
    <Field id={id} label={unit ? `${label} (${unit})` : label} error={error}>
      <Input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={0}
        max={max}
        step={integer ? 1 : 'any'}
        value={(values[id] as string | undefined) ?? ''}
        onChange={(e) => set(id, e.target.value)}
        invalid={!!error}
      />
    </Field>
  );
}

function TestInputs({
  testKey: key,
  values,
  set,
  errorOf,
}: {
  testKey: MeasurementKey;
  values: Values;
  set: (id: string, v: string | boolean) => void;
  errorOf: (id: string) => string | undefined;
}) {
  const id = (part?: string) => inputId(key, part);
  const unit = UNITS[key];
  const title = MEASUREMENT_LABELS[key].title;
  switch (KIND[key]) {
    case 'pair':
    case 'pairInt':
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberInput
            id={id('left')}
            label={`${title}, left`}
            unit={unit}
            integer={KIND[key] === 'pairInt'}
            max={KIND[key] === 'pairInt' ? 5 : undefined}
            values={values}
            set={set}
            errorOf={errorOf}
          />
          <NumberInput
            id={id('right')}
            label={`${title}, right`}
            unit={unit}
            integer={KIND[key] === 'pairInt'}
            max={KIND[key] === 'pairInt' ? 5 : undefined}
            values={values}
            set={set}
            errorOf={errorOf}
          />
        </div>
      );
    case 'test':
      return (
        <fieldset>
          <legend className="sr-only">{title}: positive sides</legend>
          <div className="flex flex-wrap gap-3">
            {(['left', 'right'] as const).map((side) => (
              <label
                key={side}
                className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-red-400 has-[:checked]:bg-red-50"
              >
                <input
                  id={id(side)}
                  type="checkbox"
                  checked={values[id(side)] === true}
                  onChange={(e) => set(id(side), e.target.checked)}
                  className="h-4 w-4 accent-brand-600"
                />
                Positive standing on the {side} leg
              </label>
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-500">Leave a side unticked when the pelvis stays level (negative).</p>
        </fieldset>
      );
    case 'single':
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberInput
            id={id()}
            label={title}
            unit={unit}
            max={key === 'trunkExtensorS' ? 240 : key === 'craniovertebralAngleDeg' ? 90 : undefined}
            values={values}
            set={set}
            errorOf={errorOf}
          />
        </div>
      );
    case 'sided': {
      const word = SIDE_WORD[key]!;
      const sideId = id(word);
      const sideError = errorOf(sideId);
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberInput id={id('value')} label="Difference" unit={unit} values={values} set={set} errorOf={errorOf} />
          <Field id={sideId} label={`Which side is ${word}?`} error={sideError}>
            <Select id={sideId} value={(values[sideId] as string | undefined) ?? ''} onChange={(e) => set(sideId, e.target.value)} invalid={!!sideError}>
              <option value="" disabled>
                Choose…
              </option>
              <option value="left">Left</option>
              <option value="right">Right</option>
            </Select>
          </Field>
        </div>
      );
    }
    case 'shift':
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={id()} label="Shift of the trunk">
            <Select id={id()} value={(values[id()] as string | undefined) ?? 'none'} onChange={(e) => set(id(), e.target.value)}>
              <option value="none">None</option>
              <option value="left">To the left</option>
              <option value="right">To the right</option>
            </Select>
          </Field>
        </div>
      );
  }
}
