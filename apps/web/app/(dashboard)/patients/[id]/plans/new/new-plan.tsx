'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { Assessment, Episode, LibraryExercise, PlanSuggestion } from '@/lib/api/client';
import { PlanBuilder } from '@/components/plan-builder/plan-builder';
import { toDraft, toPlanContent, type PlanDraftState } from '@/components/plan-builder/draft';
import { Badge, Button, ButtonLink, Card, ErrorMessage, Field, Select, Spinner } from '@/components/ui';
import { api, ApiError, ok } from '@/lib/api/browser';
import { CATEGORY_EXPLANATIONS, CATEGORY_LABELS, TARGET_LABELS, categoryTone } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { usePracticeToday } from '@/lib/practice-day';
import { describeError } from '@/lib/problems';

type Suggestion =
  | { state: 'loading' }
  | { state: 'ready'; suggestion: PlanSuggestion }
  | { state: 'red_flag'; detail: string }
  | { state: 'no_episode'; detail: string }
  | { state: 'error'; detail: string };

/**
 * A new plan: pick the episode (and optionally an assessment), get the rules' suggestion, edit it in the
 * builder, save it as a draft. Changing the episode or assessment drafts the suggestion again.
 */
export function NewPlan({
  patientId,
  episodes,
  assessments,
  library,
  initialEpisodeId,
  initialAssessmentId,
}: {
  patientId: string;
  episodes: Episode[];
  assessments: Assessment[];
  library: LibraryExercise[];
  initialEpisodeId: string;
  initialAssessmentId: string;
}) {
  const router = useRouter();
  const [episodeId, setEpisodeId] = useState(initialEpisodeId);
  const [assessmentId, setAssessmentId] = useState(initialAssessmentId);
  const [suggestion, setSuggestion] = useState<Suggestion>({ state: 'loading' });
  const [draft, setDraft] = useState<PlanDraftState | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [reload, setReload] = useState(0);
  const today = usePracticeToday();

  useEffect(() => {
    let current = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a changed episode, assessment or reload shows loading until its suggestion comes
    setSuggestion({ state: 'loading' });
    ok(api.GET('/api/patients/{id}/plan-suggestion', { params: { path: { id: patientId }, query: { episodeId, ...(assessmentId ? { assessmentId } : {}) } } }))
      .then((s) => {
        if (!current) return;
        setSuggestion({ state: 'ready', suggestion: s });
        setDraft(toDraft({ title: s.title, startDate: today, phases: s.phases, notes: s.notes }));
        setErrors({});
        setError(null);
      })
      .catch((e: unknown) => {
        if (!current) return;
        setDraft(null);
        if (e instanceof ApiError && e.problem.code === 'red_flag_open') setSuggestion({ state: 'red_flag', detail: e.problem.detail });
        else if (e instanceof ApiError && e.problem.status === 409) setSuggestion({ state: 'no_episode', detail: e.problem.detail });
        else setSuggestion({ state: 'error', detail: e instanceof Error ? e.message : 'The suggestion could not be loaded.' });
      });
    return () => {
      current = false;
    };
  }, [patientId, episodeId, assessmentId, reload, today]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || suggestion.state !== 'ready') return;
    setError(null);
    const { content, errors: problems } = toPlanContent(draft);
    if (Object.keys(problems).length) {
      setErrors(problems);
      setError('Please correct the highlighted fields.');
      return;
    }
    setPending(true);
    try {
      const plan = await ok(
        api.POST('/api/patients/{id}/plans', {
          params: { path: { id: patientId } },
          body: {
            ...content,
            episodeId: suggestion.suggestion.episodeId,
            ...(suggestion.suggestion.assessmentId ? { assessmentId: suggestion.suggestion.assessmentId } : {}),
          },
        }),
      );
      router.push(`/plans/${plan.id}?created=1`);
    } catch (e) {
      const { message, fields } = describeError(e, 'The plan could not be saved. Please try again.');
      setErrors(fields);
      setError(message);
      setPending(false);
    }
  }

  const episode = episodes.find((e) => e.id === episodeId);

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <Card title="Start from">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="episodeId" label="Episode" hint="The plan follows its classification.">
            <Select id="episodeId" value={episodeId} onChange={(e) => setEpisodeId(e.target.value)}>
              {episodes.map((e, i) => (
                <option key={e.id} value={e.id}>
                  {CATEGORY_LABELS[e.classification.category]} · started {formatDate(e.onsetDate)}
                  {i === 0 ? ' (latest)' : ''}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="assessmentId" label="Postural assessment (optional)" hint="Its strengthening targets personalise a support-deficit plan.">
            <Select id="assessmentId" value={assessmentId} onChange={(e) => setAssessmentId(e.target.value)}>
              <option value="">None</option>
              {assessments.map((a) => (
                <option key={a.id} value={a.id}>
                  {formatDate(a.assessedOn)} · {a.report.targets.length} target{a.report.targets.length === 1 ? '' : 's'}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {episode && (
          <div className="mt-4 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <Badge tone={categoryTone(episode.classification.category)}>{CATEGORY_LABELS[episode.classification.category]}</Badge>
            <span>{CATEGORY_EXPLANATIONS[episode.classification.category]}</span>
          </div>
        )}
        {suggestion.state === 'ready' && suggestion.suggestion.basedOn.targets.length > 0 && (
          <p className="mt-2 text-sm text-slate-700">
            <span className="font-medium">Targets worked on: </span>
            {suggestion.suggestion.basedOn.targets.map((t) => TARGET_LABELS[t]).join(', ')}
          </p>
        )}
        <p className="mt-3 text-xs text-slate-500">Changing the episode or the assessment drafts the suggestion again and replaces the plan below.</p>
      </Card>

      {suggestion.state === 'loading' && (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Drafting the suggestion…
        </p>
      )}

      {suggestion.state === 'red_flag' && (
        <div role="alert" data-testid="red-flag-banner" className="rounded-xl border-l-4 border-red-600 bg-red-50 p-4 text-red-950">
          <p className="text-lg font-semibold">No exercise plan while a red flag is open</p>
          <p className="mt-1 text-sm">{suggestion.detail}</p>
          <p className="mt-2 text-sm">
            The patient needs medical review first. Once a doctor has cleared them, record the new episode; a draft plan can also be activated with your reason.
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <ButtonLink href={`/patients/${patientId}/episodes/${episodeId}`}>See the episode</ButtonLink>
            <ButtonLink href={`/patients/${patientId}/episodes/new`}>Record a new episode</ButtonLink>
          </div>
        </div>
      )}

      {suggestion.state === 'no_episode' && (
        <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <p className="font-semibold">Record an episode first</p>
          <p className="mt-1 text-sm">{suggestion.detail}</p>
          <div className="mt-3">
            <ButtonLink href={`/patients/${patientId}/episodes/new`} variant="primary">
              Record an episode
            </ButtonLink>
          </div>
        </div>
      )}

      {suggestion.state === 'error' && (
        <div className="space-y-2">
          <ErrorMessage>{suggestion.detail}</ErrorMessage>
          <Button variant="secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </Button>
        </div>
      )}

      {suggestion.state === 'ready' && draft && (
        <>
          <p className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="suggestion-note">
            Suggested by the rules ({suggestion.suggestion.rulesetVersion}) from the {CATEGORY_LABELS[suggestion.suggestion.category].toLowerCase()} episode
            {suggestion.suggestion.assessmentId ? ' and the assessment' : ''}: {suggestion.suggestion.phases.length} phase
            {suggestion.suggestion.phases.length === 1 ? '' : 's'}. Edit anything before you save.
          </p>
          <PlanBuilder value={draft} onChange={setDraft} library={library} errors={errors} setErrors={setErrors} />
          <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
            {error && (
              <div className="w-full">
                <ErrorMessage>{error}</ErrorMessage>
              </div>
            )}
            <Button type="submit" pending={pending}>
              Save as draft
            </Button>
            <Link href={`/patients/${patientId}/plans`} className="text-sm font-medium text-slate-700 hover:underline">
              Cancel
            </Link>
            <span className="text-xs text-slate-500">A draft is not shown to the patient until you activate and share it.</span>
          </div>
        </>
      )}
    </form>
  );
}
