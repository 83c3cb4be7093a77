'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { Badge, Button, Card, ErrorMessage } from '@/components/ui';
import { api, ApiError, ifMatch, ok, type Progression } from '@/lib/api/browser';
import { PROGRESSION_ADVICE_LABELS, progressionAdviceTone } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';

type Proposal = NonNullable<Progression['proposal']>;

/** The one button's words: what applying the proposal does. */
export function applyLabel(proposal: Proposal, phaseTitle: (key: string) => string): string {
  switch (proposal.kind) {
    case 'next_phase':
      return `Apply: move to ${proposal.toPhaseKey ? phaseTitle(proposal.toPhaseKey) : 'the next phase'}`;
    case 'previous_phase':
      return `Apply: step back to ${proposal.toPhaseKey ? phaseTitle(proposal.toPhaseKey) : 'the previous phase'}`;
    case 'exercise_progressions':
      return 'Apply: progress each exercise';
    case 'exercise_regressions':
      return 'Apply: ease each exercise';
  }
}

/**
 * The progression advice of an active plan (rule 9.2): the advice as a badge, every reason, and when the advice is
 * to progress or to ease off, what applying it would change, behind one button and a confirm dialog. Applying makes a
 * new plan version; if the advice has changed since the page was read (a new log came in), the API refuses with
 * `advice_changed`, and the page reloads the new advice and says so.
 */
export function ProgressionPanel({
  planId,
  planVersion,
  progression,
  phaseTitles,
}: {
  planId: string;
  planVersion: number;
  progression: Progression;
  /** Phase key → title, from the plan's current version. */
  phaseTitles: Record<string, string>;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const { proposal, phase } = progression;
  const phaseTitle = (key: string) => phaseTitles[key] ?? key;
  const advice = progression.advice;

  async function apply() {
    if (advice !== 'progress' && advice !== 'regress') return;
    setPending(true);
    setError(null);
    try {
      await ok(api.POST('/api/plans/{planId}/progression/apply', { params: { path: { planId }, header: ifMatch(planVersion) }, body: { advice } }));
      dialog.current?.close();
      setChanged(null);
      router.replace(`/plans/${planId}?progressed=1`);
      router.refresh();
    } catch (e) {
      dialog.current?.close();
      if (e instanceof ApiError && (e.problem.code === 'advice_changed' || e.problem.status === 412)) {
        setChanged(
          e.problem.code === 'advice_changed'
            ? 'The advice changed since this page was opened (the patient logged again, or someone else acted on it). Nothing was applied: read the new advice below.'
            : 'This plan was changed meanwhile. Nothing was applied: read the advice again below.',
        );
        router.refresh();
      } else {
        setError(e instanceof ApiError ? e.problem.detail || e.problem.title : 'The change could not be applied. Please try again.');
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <Card title="Progression">
      <div className="space-y-4" data-testid="progression">
        {changed && (
          <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {changed}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={progressionAdviceTone(advice)}>{PROGRESSION_ADVICE_LABELS[advice]}</Badge>
          <span className="text-sm text-slate-600">
            {phase.title}, day {phase.daysInPhase + 1}
            {phase.isLastPhase ? ' (last phase)' : ''} · adherence {progression.adherencePercent}% over 28 days
          </span>
        </div>
        <p className="text-sm font-medium text-slate-900">{progression.action.text}</p>
        <div>
          <h3 className="text-sm font-semibold text-slate-800">Why</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="progression-reasons">
            {progression.reasons.map((r) => (
              <li key={r.code}>{r.text}</li>
            ))}
          </ul>
        </div>
        {progression.logs.length > 0 ? (
          <p className="text-xs text-slate-500">
            Read from {progression.logs.length} {progression.logs.length === 1 ? 'log' : 'logs'} of the last 14 days
            {progression.openPainAlert ? ', with a pain alert still open' : ''}.
          </p>
        ) : (
          <p className="text-xs text-slate-500">No log in the last 14 days.</p>
        )}

        {proposal && (
          <div className="rounded-xl border border-slate-200 p-4" data-testid="progression-proposal">
            <h3 className="text-sm font-semibold text-slate-800">What applying changes</h3>
            <p className="mt-1 text-sm text-slate-700">{proposal.summary}</p>
            {proposal.changes.length > 0 && (
              <ul className="mt-3 space-y-2 text-sm">
                {proposal.changes.map((c) => (
                  <li key={c.exerciseCode} className="rounded-lg bg-slate-50 px-3 py-2">
                    <span className="font-medium text-slate-900">{c.name}</span>
                    <span className="block text-slate-600">
                      <span className="sr-only">from </span>
                      {c.from} <span aria-hidden="true">→</span>
                      <span className="sr-only"> to</span> {c.to}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <div className="mt-4">
              <Button onClick={() => dialog.current?.showModal()} variant={advice === 'regress' ? 'danger' : 'primary'}>
                {applyLabel(proposal, phaseTitle)}
              </Button>
            </div>
            {error && (
              <div className="mt-3">
                <ErrorMessage>{error}</ErrorMessage>
              </div>
            )}
          </div>
        )}
        <p className="text-xs text-slate-500">
          A suggestion for you to confirm, never a decision. As of {formatDate(progression.asOf)} · rules version {progression.rulesetVersion}.
        </p>
      </div>

      {proposal && (
        <dialog
          ref={dialog}
          aria-labelledby={`${id}-title`}
          className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-black/50"
        >
          <div className="space-y-4 p-6">
            <h2 id={`${id}-title`} className="text-lg font-semibold">
              {applyLabel(proposal, phaseTitle)
                .replace('Apply: ', '')
                .replace(/^./, (c) => c.toUpperCase())}
              ?
            </h2>
            <p className="text-sm text-slate-700">{proposal.summary}</p>
            <p className="text-sm text-slate-700">
              This saves a new version of the plan; the earlier one stays readable. The patient sees the change on their page.
            </p>
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={() => dialog.current?.close()}>
                Cancel
              </Button>
              <Button onClick={apply} pending={pending} variant={advice === 'regress' ? 'danger' : 'primary'}>
                Apply
              </Button>
            </div>
          </div>
        </dialog>
      )}
    </Card>
  );
}
