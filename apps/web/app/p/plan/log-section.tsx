'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PatientLogEntry } from '@/lib/api/client';
import { Button, ErrorMessage, Field, Select, Textarea } from '@/components/ui';
import { ApiError, isSessionOver, ok, portalApi } from '@/lib/api/browser';
import { formatDate } from '@/lib/format';
import { localIsoDate } from './local-date';
import { LOG_FORM_ID } from './log-form-id';

function tickedBoxes(form: HTMLFormElement | null): HTMLInputElement[] {
  if (!form) return [];
  return [...form.elements].filter((e): e is HTMLInputElement => e instanceof HTMLInputElement && e.type === 'checkbox' && e.name === 'completed' && e.checked);
}

interface Feedback {
  tone: 'success' | 'caution';
  text: string;
}

const GENTLE_FALLBACK =
  'Thank you for letting us know. Take it easier for now: do fewer repetitions or the easier versions, and contact the practice if the pain does not settle.';

/**
 * The exercise diary: the "Done today" boxes on the exercise cards belong to this form, the patient adds pain and
 * difficulty and an optional note, and the entry joins the history below. High pain gets a gentle message from the API.
 */
export function LogSection({ initialLogs, exerciseNames }: { initialLogs: PatientLogEntry[]; exerciseNames: Record<string, string> }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [logs, setLogs] = useState(initialLogs);
  const [pain, setPain] = useState(0);
  const [difficulty, setDifficulty] = useState(0);
  const [note, setNote] = useState('');
  const [ticked, setTicked] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  // The boxes sit on the exercise cards, outside the form's element: count them as they change.
  useEffect(() => {
    const recount = () => setTicked(new Set(tickedBoxes(formRef.current).map((box) => box.value)).size);
    document.addEventListener('change', recount);
    recount();
    return () => document.removeEventListener('change', recount);
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const completedExercises = [...new Set(data.getAll('completed').map(String))];
    const daysAgo = data.get('day') === 'yesterday' ? 1 : 0;
    setPending(true);
    setError(null);
    setFieldErrors({});
    setFeedback(null);
    try {
      const created = await ok(
        portalApi.POST('/api/portal/logs', {
          body: { date: localIsoDate(daysAgo), completedExercises, pain, difficulty, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      setLogs((current) => [created.log, ...current.filter((log) => log.id !== created.log.id)]);
      setFeedback(
        created.message || created.painAlert
          ? { tone: 'caution', text: created.message ?? GENTLE_FALLBACK }
          : { tone: 'success', text: 'Saved. Thank you, and well done for keeping going.' },
      );
      for (const box of tickedBoxes(form)) box.checked = false;
      setTicked(0);
      setPain(0);
      setDifficulty(0);
      setNote('');
    } catch (e) {
      if (isSessionOver(e)) {
        router.replace('/p/expired');
        return;
      }
      if (e instanceof ApiError) {
        setFieldErrors(e.fieldErrors());
        setError(e.problem.detail || 'Your entry could not be saved. Please try again.');
      } else {
        setError('Your entry could not be saved. Please try again.');
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <section aria-labelledby="diary-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm print:hidden">
        <h2 id="diary-heading" className="text-xl font-semibold tracking-tight">
          How did it go?
        </h2>
        <p className="mt-1 text-slate-600">Tick “Done today” on each exercise you did, then tell us how it felt.</p>
        <form id={LOG_FORM_ID} ref={formRef} onSubmit={onSubmit} className="mt-4 space-y-5" noValidate>
          <p className="rounded-lg bg-slate-50 px-3 py-2 text-slate-700" aria-live="polite">
            {ticked === 0 ? 'No exercises ticked yet.' : `${ticked} ${ticked === 1 ? 'exercise' : 'exercises'} ticked as done.`}
          </p>
          {fieldErrors.completedExercises && <p className="text-sm text-red-700">{fieldErrors.completedExercises}</p>}
          <Field id="log-day" label="Which day?" error={fieldErrors.date}>
            <Select id="log-day" name="day" defaultValue="today" invalid={!!fieldErrors.date} className="min-h-11">
              <option value="today">Today</option>
              <option value="yesterday">Yesterday</option>
            </Select>
          </Field>
          <Scale id="log-pain" label="Pain" value={pain} onChange={setPain} low="No pain" high="Worst pain" error={fieldErrors.pain} />
          <Scale
            id="log-difficulty"
            label="Difficulty"
            value={difficulty}
            onChange={setDifficulty}
            low="Very easy"
            high="Too hard to do"
            error={fieldErrors.difficulty}
          />
          <Field id="log-note" label="Anything to tell your physiotherapist? (optional)" error={fieldErrors.note}>
            <Textarea id="log-note" name="note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} invalid={!!fieldErrors.note} />
          </Field>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <Button type="submit" pending={pending} className="min-h-12 w-full text-base!">
            {pending ? 'Saving…' : 'Save'}
          </Button>
          <div role="status" aria-live="polite">
            {feedback && (
              <p
                data-testid="diary-feedback"
                data-tone={feedback.tone}
                className={
                  feedback.tone === 'caution'
                    ? 'rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950'
                    : 'rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-900'
                }
              >
                {feedback.text}
              </p>
            )}
          </div>
        </form>
      </section>

      <section aria-labelledby="history-heading" className="print:hidden">
        <h2 id="history-heading" className="text-xl font-semibold tracking-tight">
          Your diary
        </h2>
        {logs.length === 0 ? (
          <p className="mt-2 rounded-2xl border border-dashed border-slate-300 bg-white p-5 text-slate-600">
            Nothing saved yet. Your entries will appear here, newest first.
          </p>
        ) : (
          <ul className="mt-3 space-y-3" data-testid="diary">
            {logs.map((log) => (
              <li key={log.id} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">{formatDate(log.date)}</span>
                  <span className="text-slate-700">
                    Pain {log.pain}/10 · Difficulty {log.difficulty}/10
                  </span>
                </div>
                <p className="mt-1 text-slate-700">
                  {log.completedExercises.length === 0
                    ? 'No exercises ticked'
                    : `Done: ${log.completedExercises.map((code) => exerciseNames[code] ?? code.replaceAll('_', ' ')).join(', ')}`}
                </p>
                {log.note && <p className="mt-1 whitespace-pre-line text-slate-600">“{log.note}”</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** A 0-10 slider with its value shown and both ends named. */
function Scale({
  id,
  label,
  value,
  onChange,
  low,
  high,
  error,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  low: string;
  high: string;
  error?: string;
}) {
  return (
    <div>
      <div className="flex items-baseline justify-between">
        <label htmlFor={id} className="text-base font-medium text-slate-800">
          {label}
        </label>
        <output htmlFor={id} className="text-lg font-semibold tabular-nums text-brand-700">
          {value}/10
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={0}
        max={10}
        step={1}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-valuetext={`${value} out of 10`}
        aria-describedby={`${id}-ends${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        className="mt-2 h-8 w-full cursor-pointer accent-brand-600"
      />
      <div id={`${id}-ends`} className="flex justify-between text-sm text-slate-600">
        <span>0 · {low}</span>
        <span>10 · {high}</span>
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
