'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition, type FormEvent } from 'react';
import type { OutcomeAnswers, OutcomeScore } from '@/lib/api/client';
import { DomainValidationError, INSTRUMENTS, ODI, PSFS, RMDQ_ITEMS, scoreNprs, scoreOdi, scorePsfs, scoreRmdq, type Instrument } from '@upright/domain';
import { Button, ErrorMessage, Field, Input, Select } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import { INSTRUMENT_LABELS, INSTRUMENT_SHORT_LABELS, ODI_BAND_LABELS, ODI_SECTION_TOPICS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { usePracticeToday } from '@/lib/practice-day';
import { describeError } from '@/lib/problems';

interface Answers {
  odi: string[];
  nprs: string;
  rmdq: boolean[];
  psfs: { name: string; rating: string }[];
}

const EMPTY: Answers = {
  odi: Array.from({ length: ODI.sections }, () => ''),
  nprs: '',
  rmdq: Array.from({ length: RMDQ_ITEMS }, () => false),
  psfs: [{ name: '', rating: '' }],
};

const INSTRUMENT_HINTS: Record<Instrument, string> = {
  odi: 'Disability, 0-100 %',
  nprs: 'Pain, 0-10',
  rmdq: 'Disability, 0-24',
  psfs: 'Chosen activities, 0-10',
};

function rating(value: string, max: number): number | null {
  return /^\d+$/.test(value.trim()) && Number(value) <= max ? Number(value) : null;
}

/** The answers to send for the chosen instrument; may be incomplete (the scorer says what is missing). */
function answersFor(instrument: Instrument, a: Answers): OutcomeAnswers {
  switch (instrument) {
    case 'odi':
      return a.odi.map((v) => (v === '' ? null : Number(v)));
    case 'nprs':
      return rating(a.nprs, 10) ?? Number.NaN;
    case 'rmdq':
      return a.rmdq;
    case 'psfs':
      return a.psfs.map((p) => rating(p.rating, PSFS.maxRating) ?? Number.NaN);
  }
}

/** The score the server will compute, worked out in the browser with the same domain scorer. */
function preview(instrument: Instrument, a: Answers): { text: string } | { problem: string } {
  try {
    switch (instrument) {
      case 'odi': {
        const s = scoreOdi(answersFor('odi', a) as (number | null)[]);
        return { text: `${s.percent} % · ${ODI_BAND_LABELS[s.band]} (${s.answered} of ${ODI.sections} sections answered)` };
      }
      case 'nprs':
        return { text: `${scoreNprs(answersFor('nprs', a) as number).score}/10` };
      case 'rmdq':
        return { text: `${scoreRmdq(a.rmdq).score}/${RMDQ_ITEMS}` };
      case 'psfs': {
        const s = scorePsfs(answersFor('psfs', a) as number[]);
        return { text: `${s.score}/10 (mean of ${s.activities} activit${s.activities === 1 ? 'y' : 'ies'})` };
      }
    }
  } catch (e) {
    if (!(e instanceof DomainValidationError)) throw e;
    if (instrument === 'odi') {
      const answered = a.odi.filter((v) => v !== '').length;
      return { problem: `Answer at least ${ODI.minAnswered} of ${ODI.sections} sections (${answered} so far).` };
    }
    if (instrument === 'nprs') return { problem: 'Enter the pain rating, 0 to 10.' };
    return { problem: 'Rate every activity from 0 to 10.' };
  }
}

/** Enter an outcome measure: pick the instrument, enter its answers, see the score, save. */
export function RecordOutcome({ patientId, dateOfBirth, onSaved }: { patientId: string; dateOfBirth: string; onSaved?: (score: OutcomeScore) => void }) {
  const router = useRouter();
  const [instrument, setInstrument] = useState<Instrument>('odi');
  const today = usePracticeToday();
  const [recordedOn, setRecordedOn] = useState(today);
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const live = useMemo(() => preview(instrument, answers), [instrument, answers]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(null);
    setFieldErrors({});
    if ('problem' in live) {
      setError(live.problem);
      return;
    }
    setPending(true);
    try {
      const score = await ok(
        api.POST('/api/patients/{id}/outcomes', {
          params: { path: { id: patientId } },
          body: { instrument, recordedOn, answers: answersFor(instrument, answers) },
        }),
      );
      setAnswers((a) => ({ ...a, [instrument]: EMPTY[instrument] }));
      setSaved(`${INSTRUMENT_SHORT_LABELS[instrument]} score saved: ${score.score}${instrument === 'odi' ? ' %' : ''} on ${formatDate(recordedOn)}.`);
      onSaved?.(score);
      startTransition(() => router.refresh());
    } catch (e) {
      const { message, fields } = describeError(e, 'The score could not be saved. Please try again.');
      setFieldErrors(fields);
      setError(message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Instrument</legend>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {INSTRUMENTS.map((i) => (
            <label
              key={i}
              className="cursor-pointer rounded-xl border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500"
            >
              <input
                type="radio"
                name="instrument"
                value={i}
                checked={instrument === i}
                onChange={() => setInstrument(i)}
                aria-describedby={`instrument-${i}-hint`}
                className="sr-only"
              />
              <span className="block font-semibold text-slate-900">{INSTRUMENT_SHORT_LABELS[i]}</span>
              <span id={`instrument-${i}-hint`} className="block text-xs text-slate-600">
                {INSTRUMENT_HINTS[i]}
              </span>
            </label>
          ))}
        </div>
        <p className="mt-2 text-xs text-slate-500">{INSTRUMENT_LABELS[instrument]}</p>
      </fieldset>

      <Field id="recordedOn" label="Date" error={fieldErrors.recordedOn}>
        <Input
          id="recordedOn"
          type="date"
          min={dateOfBirth}
          max={today}
          value={recordedOn}
          onChange={(e) => setRecordedOn(e.target.value)}
          invalid={!!fieldErrors.recordedOn}
          className="max-w-xs"
        />
      </Field>

      {instrument === 'odi' && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Section scores</legend>
          <p className="text-xs text-slate-500">
            Enter each section’s score (0-5) from the patient’s questionnaire. At least {ODI.minAnswered} of {ODI.sections} must be answered.
          </p>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            {ODI_SECTION_TOPICS.map((topic, i) => (
              <Field key={topic} id={`odi-${i}`} label={`Section ${i + 1}: ${topic}`} error={fieldErrors[`answers[${i}]`]}>
                <Select
                  id={`odi-${i}`}
                  value={answers.odi[i]}
                  onChange={(e) => setAnswers((a) => ({ ...a, odi: a.odi.map((v, j) => (j === i ? e.target.value : v)) }))}
                  invalid={!!fieldErrors[`answers[${i}]`]}
                >
                  <option value="">Not answered</option>
                  {[0, 1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
        </fieldset>
      )}

      {instrument === 'nprs' && (
        <Field id="nprs" label="Pain rating (0-10)" hint="0 is no pain, 10 the worst pain imaginable." error={fieldErrors.answers}>
          <div className="mt-1 flex items-center gap-4">
            <input
              type="range"
              min={0}
              max={10}
              step={1}
              value={rating(answers.nprs, 10) ?? 0}
              onChange={(e) => setAnswers((a) => ({ ...a, nprs: e.target.value }))}
              aria-label="Pain rating, slider"
              aria-valuetext={rating(answers.nprs, 10) === null ? 'Not set' : `${answers.nprs} out of 10`}
              className={`h-2 flex-1 cursor-pointer accent-brand-600 ${rating(answers.nprs, 10) === null ? 'opacity-40' : ''}`}
            />
            <div className="w-20 shrink-0">
              <Input
                id="nprs"
                type="number"
                inputMode="numeric"
                min={0}
                max={10}
                step={1}
                value={answers.nprs}
                onChange={(e) => setAnswers((a) => ({ ...a, nprs: e.target.value }))}
                invalid={!!fieldErrors.answers}
                className="mt-0! text-center"
              />
            </div>
          </div>
        </Field>
      )}

      {instrument === 'rmdq' && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Items the patient answered “yes”</legend>
          <p className="text-xs text-slate-500">Tick each numbered statement the patient said applies to them today, from their questionnaire.</p>
          <div className="mt-3 grid grid-cols-3 gap-1 sm:grid-cols-6">
            {answers.rmdq.map((yes, i) => (
              <label key={i} className="flex cursor-pointer items-center gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-slate-50">
                <input
                  type="checkbox"
                  checked={yes}
                  onChange={(e) => setAnswers((a) => ({ ...a, rmdq: a.rmdq.map((v, j) => (j === i ? e.target.checked : v)) }))}
                  className="h-4 w-4 accent-brand-600"
                />
                Item {i + 1}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {instrument === 'psfs' && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Activities</legend>
          <p className="text-xs text-slate-500">
            1 to {PSFS.maxActivities} activities the patient finds hard, each rated 0 (unable) to 10 (as before the problem). Names help you while entering;
            only the ratings are stored.
          </p>
          <div className="mt-3 space-y-3">
            {answers.psfs.map((p, i) => (
              <div key={i} className="flex flex-wrap items-end gap-3">
                <div className="min-w-48 flex-1">
                  <Field id={`psfs-name-${i}`} label={`Activity ${i + 1}`}>
                    <Input
                      id={`psfs-name-${i}`}
                      value={p.name}
                      placeholder="e.g. Lifting my toddler"
                      onChange={(e) => setAnswers((a) => ({ ...a, psfs: a.psfs.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) }))}
                    />
                  </Field>
                </div>
                <div className="w-32">
                  <Field id={`psfs-rating-${i}`} label={`Activity ${i + 1} rating`} error={fieldErrors[`answers[${i}]`]}>
                    <Input
                      id={`psfs-rating-${i}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={10}
                      value={p.rating}
                      onChange={(e) => setAnswers((a) => ({ ...a, psfs: a.psfs.map((x, j) => (j === i ? { ...x, rating: e.target.value } : x)) }))}
                      invalid={!!fieldErrors[`answers[${i}]`]}
                    />
                  </Field>
                </div>
                {answers.psfs.length > 1 && (
                  <Button
                    variant="ghost"
                    aria-label={`Remove activity ${i + 1}`}
                    onClick={() => setAnswers((a) => ({ ...a, psfs: a.psfs.filter((_, j) => j !== i) }))}
                  >
                    Remove
                  </Button>
                )}
              </div>
            ))}
            {answers.psfs.length < PSFS.maxActivities && (
              <Button variant="secondary" onClick={() => setAnswers((a) => ({ ...a, psfs: [...a.psfs, { name: '', rating: '' }] }))}>
                Add activity
              </Button>
            )}
          </div>
        </fieldset>
      )}

      {fieldErrors.answers && instrument !== 'nprs' && <p className="text-sm text-red-700">{fieldErrors.answers}</p>}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {saved && (
        <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">
          {saved}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
        <p className="text-sm" aria-live="polite">
          {'text' in live ? (
            <>
              <span className="text-slate-500">Score: </span>
              <span className="font-semibold text-slate-900" data-testid="score-preview">
                {live.text}
              </span>
            </>
          ) : (
            <span className="text-slate-500">{live.problem}</span>
          )}
        </p>
        <Button type="submit" pending={pending || refreshing}>
          Save {INSTRUMENT_SHORT_LABELS[instrument]} score
        </Button>
      </div>
    </form>
  );
}
