import type { Instrument } from '@upright/domain';
import { Badge, ButtonLink, Card } from '@/components/ui';
import type { DischargeReviewView } from '@/lib/api/client';
import { DISCHARGE_STATUS_LABELS, INSTRUMENT_SCALES, INSTRUMENT_SHORT_LABELS, dischargeStatusTone } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { DischargeDialog } from './discharge-dialog';

const INSTRUMENT_ORDER: Instrument[] = ['odi', 'rmdq', 'nprs', 'psfs'];

/**
 * The discharge review (rule 9.3): the status and the reasons of the rule that decided, with what it was read from
 * (weeks in care, each instrument's first and latest score, adherence). On an active plan, "Discharge" next to it;
 * on a completed plan, the review stored at discharge (never recomputed).
 */
export function DischargePanel({
  planId,
  planVersion,
  startDate,
  review,
  canDischarge,
}: {
  planId: string;
  planVersion: number;
  startDate: string;
  review: DischargeReviewView;
  canDischarge: boolean;
}) {
  const outcomes = INSTRUMENT_ORDER.flatMap((instrument) => {
    const pair = review.inputs.outcomes[instrument];
    return pair ? [{ instrument, ...pair }] : [];
  });
  return (
    <Card
      title="Discharge review"
      actions={canDischarge && <DischargeDialog planId={planId} planVersion={planVersion} startDate={startDate} ready={review.status === 'ready'} />}
    >
      <div className="space-y-4" data-testid="discharge-review">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={dischargeStatusTone(review.status)}>{DISCHARGE_STATUS_LABELS[review.status]}</Badge>
          <span className="text-sm text-slate-600">
            {review.inputs.weeksInCare} {review.inputs.weeksInCare === 1 ? 'week' : 'weeks'} in care · adherence {review.inputs.adherencePercent}%
            {review.stored ? ' · as reviewed at discharge' : ''}
          </span>
        </div>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="discharge-reasons">
          {review.reasons.map((r) => (
            <li key={r.code}>{r.text}</li>
          ))}
        </ul>
        {outcomes.length > 0 && (
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Outcome scores, first and latest</h3>
            <ul className="mt-2 grid gap-2 text-sm sm:grid-cols-2">
              {outcomes.map((o) => (
                <li key={o.instrument} className="rounded-lg bg-slate-50 px-3 py-2">
                  <span className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium text-slate-900">{INSTRUMENT_SHORT_LABELS[o.instrument]}</span>
                    {o.meaningful ? <Badge tone="success">Change that matters</Badge> : <Badge>No change that matters</Badge>}
                  </span>
                  <span className="block text-slate-600">
                    {o.baseline}
                    {INSTRUMENT_SCALES[o.instrument].unit} ({formatDate(o.baselineOn)}) <span aria-hidden="true">→</span>
                    <span className="sr-only">to</span> {o.latest}
                    {INSTRUMENT_SCALES[o.instrument].unit} ({formatDate(o.latestOn)})
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {review.maintenance && (
          <p className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="maintenance-advice">
            {review.maintenance.text}
          </p>
        )}
        {review.inputs.redFlagOpen && <p className="text-sm text-red-800">The patient’s latest episode has a red flag that is still open.</p>}
        <p className="text-xs text-slate-500">
          A suggestion for you to confirm, never a decision. As of {formatDate(review.asOf)} · rules version {review.rulesetVersion}.
        </p>
      </div>
    </Card>
  );
}

/** The plan's discharge, once completed: when, why, and the letter. */
export function DischargedNotice({ planId, completedOn, reason }: { planId: string; completedOn: string; reason: string | null }) {
  return (
    <div role="note" className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950" data-testid="discharged">
      <p className="font-semibold">Discharged on {formatDate(completedOn)}</p>
      {reason && <p className="mt-0.5 whitespace-pre-line">Reason: {reason}</p>}
      <p className="mt-1">This plan is completed and read-only; the patient keeps their maintenance programme.</p>
      <div className="mt-3">
        <ButtonLink href={`/plans/${planId}/discharge-letter`}>Discharge letter</ButtonLink>
      </div>
    </div>
  );
}
