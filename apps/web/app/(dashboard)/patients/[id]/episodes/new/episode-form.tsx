'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import {
  DomainValidationError,
  EMERGENCY_RED_FLAGS,
  FREQUENCY_TRENDS,
  PAIN_AREAS,
  RED_FLAG_CODES,
  TRIGGERS,
  URGENT_RED_FLAGS,
  classifyEpisode,
  daysBetween,
  isIsoDate,
  screenRedFlags,
  type EpisodeClassification,
  type FrequencyTrend,
  type PainArea,
  type RedFlagCode,
  type RedFlagScreen,
  type Trigger,
} from '@upright/domain';
import { Button, ButtonLink, Card, ErrorMessage, Field, Input, Select, Textarea } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';
import {
  CATEGORY_LABELS,
  FREQUENCY_TREND_LABELS,
  PAIN_AREA_LABELS,
  RED_FLAG_LABELS,
  TRIGGER_EXPLANATIONS,
  TRIGGER_LABELS,
  URGENCY_LABELS,
} from '@/lib/clinical-labels';
import { ageOn } from '@/lib/format';
import { ClassificationDetails, RedFlagBanner } from '../../_components/classification';
import { usePracticeToday } from '@/lib/practice-day';
import { describeError } from '@/lib/problems';

const OTHER_RED_FLAGS = RED_FLAG_CODES.filter(
  (c) => !(EMERGENCY_RED_FLAGS as readonly string[]).includes(c) && !(URGENT_RED_FLAGS as readonly string[]).includes(c),
);
const RED_FLAG_GROUPS: { key: string; title: string; hint: string; codes: readonly RedFlagCode[]; tone: string }[] = [
  { key: 'emergency', title: 'Emergency', hint: 'Any one of these: same day to the emergency department.', codes: EMERGENCY_RED_FLAGS, tone: 'border-red-200' },
  { key: 'urgent', title: 'Urgent', hint: 'Any one of these: medical review today.', codes: URGENT_RED_FLAGS, tone: 'border-amber-200' },
  {
    key: 'other',
    title: 'Fracture risk',
    hint: 'Urgent together (a minor fall with osteoporosis), or a minor fall over age 50.',
    codes: OTHER_RED_FLAGS,
    tone: 'border-slate-200',
  },
];

interface Values {
  onsetDate: string;
  trigger: Trigger | '';
  episodesLast12Months: string;
  frequencyTrend: FrequencyTrend | '';
  painNprs: string;
  painAreas: PainArea[];
  redFlags: RedFlagCode[];
  notes: string;
}

const EMPTY: Values = { onsetDate: '', trigger: '', episodesLast12Months: '', frequencyTrend: '', painNprs: '', painAreas: [], redFlags: [], notes: '' };

type Preview =
  | { kind: 'result'; classification: EpisodeClassification }
  | { kind: 'incomplete'; missing: string[]; screen: RedFlagScreen | null }
  | { kind: 'invalid'; messages: string[] };

function wholeNumber(value: string, max: number): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

/**
 * The episode form. As the clinician fills it in, the domain's `classifyEpisode` runs in the browser on the same
 * facts the server will use (age from the date of birth and days since onset, both on the practice's today), so the
 * category, red-flag banner and actions update live. The server classifies again when the episode is saved.
 */
export function EpisodeForm({
  patientId,
  dateOfBirth,
  initialOnsetDate,
  followUpId,
}: {
  patientId: string;
  dateOfBirth: string;
  /** The onset to start from (a spasm reported at a follow-up). */
  initialOnsetDate?: string;
  /** The follow-up the spasm was reported at: marked reviewed, with the new episode, once it is saved. */
  followUpId?: string;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({ ...EMPTY, onsetDate: initialOnsetDate ?? '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const today = usePracticeToday();
  const age = ageOn(dateOfBirth);

  function set<K extends keyof Values>(field: K, value: Values[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    if (fieldErrors[field]) setFieldErrors(({ [field]: _, ...rest }) => rest);
  }

  function toggle<K extends 'painAreas' | 'redFlags'>(field: K, code: Values[K][number], on: boolean) {
    const current = values[field] as string[];
    set(field, (on ? [...current, code] : current.filter((c) => c !== code)) as Values[K]);
  }

  const onsetProblem = useMemo(() => {
    if (!values.onsetDate) return null;
    if (!isIsoDate(values.onsetDate)) return 'Enter a real date.';
    if (values.onsetDate > today) return 'The onset date cannot be in the future.';
    if (values.onsetDate < dateOfBirth) return 'The onset date cannot be before the patient was born.';
    return null;
  }, [values.onsetDate, today, dateOfBirth]);
  const daysSinceOnset = values.onsetDate && !onsetProblem ? daysBetween(values.onsetDate, today) : null;

  const preview = useMemo<Preview>(() => {
    const episodes = wholeNumber(values.episodesLast12Months, 365);
    const pain = wholeNumber(values.painNprs, 10);
    const missing: string[] = [];
    if (daysSinceOnset === null) missing.push('onset date');
    if (!values.trigger) missing.push('trigger');
    if (episodes === null) missing.push('previous episodes');
    if (!values.frequencyTrend) missing.push('how often');
    if (pain === null) missing.push('pain now');
    // Red flags override everything else, so they show as soon as one is ticked, whatever else is missing.
    let screen: RedFlagScreen | null;
    try {
      screen = screenRedFlags({ age, redFlags: values.redFlags, painAreas: values.painAreas });
    } catch {
      screen = null;
    }
    if (missing.length > 0 || daysSinceOnset === null || episodes === null || pain === null || !values.trigger || !values.frequencyTrend) {
      return { kind: 'incomplete', missing, screen };
    }
    try {
      return {
        kind: 'result',
        classification: classifyEpisode({
          age,
          daysSinceOnset,
          painNprs: pain,
          trigger: values.trigger,
          episodesLast12Months: episodes,
          frequencyTrend: values.frequencyTrend,
          painAreas: values.painAreas,
          redFlags: values.redFlags,
        }),
      };
    } catch (e) {
      if (e instanceof DomainValidationError) return { kind: 'invalid', messages: e.errors.map((x) => `${x.field} ${x.message}`) };
      throw e;
    }
  }, [values, age, daysSinceOnset]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const missing: Record<string, string> = {};
    if (!values.onsetDate) missing.onsetDate = 'Enter the date the spasm started';
    else if (onsetProblem) missing.onsetDate = onsetProblem;
    const { trigger, frequencyTrend } = values;
    if (!trigger) missing.trigger = 'Choose what set it off';
    if (wholeNumber(values.episodesLast12Months, 365) === null) missing.episodesLast12Months = 'Enter a whole number (0 if none)';
    if (!frequencyTrend) missing.frequencyTrend = 'Choose one';
    if (wholeNumber(values.painNprs, 10) === null) missing.painNprs = 'Enter pain from 0 to 10';
    if (values.painAreas.length === 0) missing.painAreas = 'Tick at least one area';
    if (Object.keys(missing).length > 0 || !trigger || !frequencyTrend) {
      setFieldErrors(missing);
      setError('Please complete the highlighted fields.');
      return;
    }
    setPending(true);
    try {
      const episode = await ok(
        api.POST('/api/patients/{id}/episodes', {
          params: { path: { id: patientId } },
          body: {
            onsetDate: values.onsetDate,
            trigger,
            episodesLast12Months: Number(values.episodesLast12Months),
            frequencyTrend,
            painNprs: Number(values.painNprs),
            painAreas: values.painAreas,
            redFlags: values.redFlags,
            notes: values.notes.trim() || null,
          },
        }),
      );
      // The episode is saved whatever happens next; a follow-up left unreviewed stays on Today, to mark from there.
      if (followUpId)
        await ok(api.POST('/api/follow-ups/{followUpId}/reviewed', { params: { path: { followUpId } }, body: { episodeId: episode.id } })).catch(() => null);
      router.push(`/patients/${patientId}/episodes/${episode.id}?saved=1`);
    } catch (e) {
      const { message, fields } = describeError(e, 'The episode could not be saved. Please try again.');
      setFieldErrors(fields);
      setError(message);
      setPending(false);
    }
  }

  const painValue = wholeNumber(values.painNprs, 10);

  return (
    <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-5">
      <div className="space-y-6 lg:col-span-3">
        {error && <ErrorMessage>{error}</ErrorMessage>}

        <Card title="The episode">
          <div className="space-y-5">
            <Field
              id="onsetDate"
              label="Onset date"
              hint={
                daysSinceOnset === null
                  ? 'The day the spasm started.'
                  : daysSinceOnset === 0
                    ? 'Started today.'
                    : `Started ${daysSinceOnset} day${daysSinceOnset === 1 ? '' : 's'} ago.`
              }
              error={fieldErrors.onsetDate ?? onsetProblem ?? undefined}
            >
              <Input
                id="onsetDate"
                type="date"
                max={today}
                min={dateOfBirth}
                value={values.onsetDate}
                onChange={(e) => set('onsetDate', e.target.value)}
                invalid={!!(fieldErrors.onsetDate || onsetProblem)}
                className="max-w-xs"
              />
            </Field>

            <fieldset aria-describedby={fieldErrors.trigger ? 'trigger-error' : undefined}>
              <legend className="text-sm font-medium text-slate-700">What set it off?</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {TRIGGERS.map((t) => (
                  <label
                    key={t}
                    className={`flex cursor-pointer gap-3 rounded-xl border p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${fieldErrors.trigger ? 'border-red-400' : 'border-slate-200'}`}
                  >
                    <input
                      type="radio"
                      name="trigger"
                      value={t}
                      checked={values.trigger === t}
                      onChange={() => set('trigger', t)}
                      aria-labelledby={`trigger-${t}-label`}
                      aria-describedby={`trigger-${t}-hint`}
                      className="mt-0.5 h-4 w-4 accent-brand-600"
                    />
                    <span>
                      <span id={`trigger-${t}-label`} className="block font-medium text-slate-900">
                        {TRIGGER_LABELS[t]}
                      </span>
                      <span id={`trigger-${t}-hint`} className="mt-0.5 block text-slate-600">
                        {TRIGGER_EXPLANATIONS[t]}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
              {fieldErrors.trigger && (
                <p id="trigger-error" className="mt-1 text-sm text-red-700">
                  {fieldErrors.trigger}
                </p>
              )}
            </fieldset>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                id="episodesLast12Months"
                label="Previous episodes in the last 12 months"
                hint="Not counting this one; 0 if none."
                error={fieldErrors.episodesLast12Months}
              >
                <Input
                  id="episodesLast12Months"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={365}
                  step={1}
                  value={values.episodesLast12Months}
                  onChange={(e) => {
                    set('episodesLast12Months', e.target.value);
                    // No previous episode: this is the first, unless the clinician already said otherwise.
                    if (e.target.value.trim() === '0' && !values.frequencyTrend) set('frequencyTrend', 'first_episode');
                  }}
                  invalid={!!fieldErrors.episodesLast12Months}
                />
              </Field>
              <Field
                id="frequencyTrend"
                label="How often lately?"
                hint="How often episodes have been happening, as the patient sees it."
                error={fieldErrors.frequencyTrend}
              >
                <Select
                  id="frequencyTrend"
                  value={values.frequencyTrend}
                  onChange={(e) => set('frequencyTrend', e.target.value as FrequencyTrend)}
                  invalid={!!fieldErrors.frequencyTrend}
                >
                  <option value="" disabled>
                    Choose…
                  </option>
                  {FREQUENCY_TRENDS.map((t) => (
                    <option key={t} value={t}>
                      {FREQUENCY_TREND_LABELS[t]}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
          </div>
        </Card>

        <Card title="Pain">
          <div className="space-y-5">
            <Field id="painNprs" label="Pain now (0-10)" hint="0 is no pain, 10 the worst pain imaginable." error={fieldErrors.painNprs}>
              <div className="mt-1 flex items-center gap-4">
                <input
                  type="range"
                  min={0}
                  max={10}
                  step={1}
                  value={painValue ?? 0}
                  onChange={(e) => set('painNprs', e.target.value)}
                  aria-label="Pain now, slider"
                  aria-valuetext={painValue === null ? 'Not set' : `${painValue} out of 10`}
                  className={`h-2 flex-1 cursor-pointer accent-brand-600 ${painValue === null ? 'opacity-40' : ''}`}
                />
                <div className="w-20 shrink-0">
                  <Input
                    id="painNprs"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={10}
                    step={1}
                    value={values.painNprs}
                    onChange={(e) => set('painNprs', e.target.value)}
                    invalid={!!fieldErrors.painNprs}
                    className="mt-0! text-center"
                  />
                </div>
              </div>
            </Field>

            <fieldset aria-describedby={fieldErrors.painAreas ? 'painAreas-error' : undefined}>
              <legend className="text-sm font-medium text-slate-700">Where is the pain?</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {PAIN_AREAS.map((a) => (
                  <label key={a} className="flex cursor-pointer items-center gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-slate-50">
                    <input
                      type="checkbox"
                      checked={values.painAreas.includes(a)}
                      onChange={(e) => toggle('painAreas', a, e.target.checked)}
                      className="h-4 w-4 accent-brand-600"
                    />
                    <span>{PAIN_AREA_LABELS[a]}</span>
                    {a === 'both_legs' && <span className="text-xs font-medium text-red-700">(red flag)</span>}
                    {a === 'below_knee_one_leg' && <span className="text-xs text-slate-500">(nerve check)</span>}
                  </label>
                ))}
              </div>
              {fieldErrors.painAreas && (
                <p id="painAreas-error" className="mt-1 text-sm text-red-700">
                  {fieldErrors.painAreas}
                </p>
              )}
            </fieldset>
          </div>
        </Card>

        <Card title="Red flags">
          <p className="-mt-2 mb-4 text-sm text-slate-600">Ask about each one. Tick only what the patient reports; leave the rest unticked.</p>
          <div className="space-y-4">
            {RED_FLAG_GROUPS.map((g) => (
              <fieldset key={g.key} className={`rounded-xl border p-3 ${g.tone}`}>
                <legend className="px-1 text-sm font-semibold text-slate-800">{g.title}</legend>
                <p className="px-1 text-xs text-slate-600">{g.hint}</p>
                <div className="mt-2 grid gap-1">
                  {g.codes.map((code) => (
                    <label key={code} className="flex cursor-pointer items-start gap-2 rounded-lg px-1 py-1.5 text-sm hover:bg-slate-50">
                      <input
                        type="checkbox"
                        checked={values.redFlags.includes(code)}
                        onChange={(e) => toggle('redFlags', code, e.target.checked)}
                        className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                      />
                      <span>{RED_FLAG_LABELS[code]}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
          {fieldErrors.redFlags && <p className="mt-2 text-sm text-red-700">{fieldErrors.redFlags}</p>}
        </Card>

        <Card>
          <Field id="notes" label="Notes" hint="Optional. What happened, in the patient’s words." error={fieldErrors.notes}>
            <Textarea id="notes" value={values.notes} onChange={(e) => set('notes', e.target.value)} maxLength={4000} invalid={!!fieldErrors.notes} />
          </Field>
        </Card>
      </div>

      <aside aria-label="Classification" className="lg:col-span-2">
        <div className="space-y-4 lg:sticky lg:top-4">
          <Card title="Classification">
            <LivePreview preview={preview} age={age} />
          </Card>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={pending} className="flex-1 sm:flex-none">
              Save episode
            </Button>
            <ButtonLink href={`/patients/${patientId}`} variant="ghost">
              Cancel
            </ButtonLink>
          </div>
        </div>
      </aside>
    </form>
  );
}

function LivePreview({ preview, age }: { preview: Preview; age: number }) {
  const announcement =
    preview.kind === 'result'
      ? `Classification: ${CATEGORY_LABELS[preview.classification.category]}, ${URGENCY_LABELS[preview.classification.urgency]}.`
      : preview.kind === 'incomplete' && preview.screen && (preview.screen.level === 'emergency' || preview.screen.level === 'urgent')
        ? `Red flag: referral, ${preview.screen.level}.`
        : '';
  return (
    <div data-testid="live-classification">
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {preview.kind === 'result' && <ClassificationDetails classification={preview.classification} />}
      {preview.kind === 'incomplete' && (
        <div className="space-y-3">
          {preview.screen && <RedFlagBanner screen={preview.screen} />}
          <p className="text-sm text-slate-600">The classification appears here as you fill in the form. Still needed: {preview.missing.join(', ')}.</p>
        </div>
      )}
      {preview.kind === 'invalid' && (
        <div className="space-y-2 text-sm text-slate-700">
          <p>Some answers are out of range, so there is no classification yet:</p>
          <ul className="list-disc pl-5">
            {preview.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="mt-4 border-t border-slate-100 pt-3 text-xs text-slate-500">
        Worked out for age {age} on today’s date. Upright classifies the episode again when you save it.
      </p>
    </div>
  );
}
