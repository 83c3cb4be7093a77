'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { LibraryExercise, Plan } from '@/lib/api/client';
import { toDraft, toPlanContent, type PlanDraftState } from '@/components/plan-builder/draft';
import { PlanBuilder } from '@/components/plan-builder/plan-builder';
import { Button, Card, ErrorMessage, Field, Input } from '@/components/ui';
import { api, ApiError, ok, ifMatch } from '@/lib/api/browser';
import { describeError } from '@/lib/problems';

/**
 * Edits a plan with the builder and saves it with If-Match (the plan's version as read). A draft changes in
 * place; an active plan gets a new version. When someone else saved first (412), the clinician reloads.
 */
export function EditPlan({ plan, library }: { plan: Plan; library: LibraryExercise[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<PlanDraftState>(() => toDraft(plan.current));
  const [changeNote, setChangeNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [pending, setPending] = useState(false);
  const active = plan.status === 'active';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const { content, errors: problems } = toPlanContent(draft);
    if (changeNote.trim().length > 500) problems.changeNote = 'At most 500 characters';
    if (Object.keys(problems).length) {
      setErrors(problems);
      setError('Please correct the highlighted fields.');
      return;
    }
    setPending(true);
    try {
      await ok(
        api.PATCH('/api/plans/{planId}', {
          params: { path: { planId: plan.id }, header: ifMatch(plan.version) },
          body: { ...content, ...(changeNote.trim() ? { changeNote: changeNote.trim() } : {}) },
        }),
      );
      router.push(`/plans/${plan.id}?saved=1`);
      router.refresh();
    } catch (e) {
      setPending(false);
      if (e instanceof ApiError && e.problem.status === 412) {
        setStale(true);
        return;
      }
      const { message, fields } = describeError(e, 'The plan could not be saved. Please try again.');
      setErrors(fields);
      setError(message);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      {active && (
        <div className="rounded-xl border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950" data-testid="new-version-note">
          <p className="font-semibold">This plan is active: saving creates version {plan.currentVersion + 1}.</p>
          <p className="mt-0.5">Version {plan.currentVersion} stays readable, and the patient’s link shows the new version from then on.</p>
        </div>
      )}
      {stale && (
        <div role="alert" className="rounded-xl border-l-4 border-amber-500 bg-amber-50 p-4 text-amber-950">
          <p className="font-semibold">Someone else changed this plan while you were editing it</p>
          <p className="mt-1 text-sm">Your changes were not saved. Reload to see the latest version, then make your changes again.</p>
          <Button variant="secondary" className="mt-3" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </div>
      )}
      <PlanBuilder value={draft} onChange={setDraft} library={library} errors={errors} setErrors={setErrors} />
      {active && (
        <Card>
          <Field
            id="changeNote"
            label="What changed and why"
            hint="Optional; kept with the new version. For example: side bridge progressed to 7/5/3."
            error={errors.changeNote}
          >
            <Input id="changeNote" value={changeNote} maxLength={500} onChange={(e) => setChangeNote(e.target.value)} invalid={!!errors.changeNote} />
          </Field>
        </Card>
      )}
      <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
        {error && (
          <div className="w-full">
            <ErrorMessage>{error}</ErrorMessage>
          </div>
        )}
        <Button type="submit" pending={pending} disabled={stale}>
          {active ? `Save as version ${plan.currentVersion + 1}` : 'Save changes'}
        </Button>
        <Link href={`/plans/${plan.id}`} className="text-sm font-medium text-slate-700 hover:underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
