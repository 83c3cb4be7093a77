import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge, Card, EmptyState } from '@/components/ui';
import type { Episode, SpasmHistoryView } from '@/lib/api/client';
import { CATEGORY_LABELS, RECURRENCE_RISK_LABELS, SPASM_CYCLE_LABELS, SPASM_TREND_LABELS, recurrenceRiskTone, spasmCycleTone } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { MarkResolved } from './mark-resolved';

type Member = SpasmHistoryView['episodes'][number];

/**
 * The patient's spasm history (rule 9.1): distinct episodes in time, each spasm less than 30 days after the one before
 * shown as a flare under its episode; the last 12 months against the 12 before, the recurrence risk and the cycle
 * since the plan began, each with the rule's own reason. An open episode can be marked resolved here.
 */
export function SpasmHistorySection({
  patientId,
  history,
  episodes,
  active,
}: {
  patientId: string;
  history: SpasmHistoryView;
  /** The patient's recorded episodes (for their category, and the version "Mark resolved" sends). */
  episodes: Episode[];
  active: boolean;
}) {
  const members = new Map(history.episodes.map((e) => [e.id, e]));
  const records = new Map(episodes.map((e) => [e.id, e]));
  const [trendReason, riskReason, cycleReason] = history.reasons;
  const newestFirst = [...history.distinct].reverse();

  return (
    <Card title="Spasm history">
      {history.distinct.length === 0 ? (
        <EmptyState title="No spasm recorded yet">
          Each episode recorded, and each spasm the patient reports after discharge, appears here with what it means for the cycle.
        </EmptyState>
      ) : (
        <div className="space-y-5" data-testid="spasm-history">
          <dl className="grid gap-3 sm:grid-cols-3">
            <Summary
              label="Last 12 months"
              value={`${history.last12Months} vs ${history.previous12Months} the 12 before`}
              badge={SPASM_TREND_LABELS[history.trend]}
            >
              {trendReason?.text}
            </Summary>
            <Summary
              label="Recurrence risk"
              value={<Badge tone={recurrenceRiskTone(history.recurrenceRisk)}>{RECURRENCE_RISK_LABELS[history.recurrenceRisk]}</Badge>}
            >
              {riskReason?.text}
            </Summary>
            <Summary label="Cycle since the plan began" value={<Badge tone={spasmCycleTone(history.cycle)}>{SPASM_CYCLE_LABELS[history.cycle]}</Badge>}>
              {cycleReason?.text}
            </Summary>
          </dl>

          <div>
            <h3 className="text-sm font-semibold text-slate-800">Episodes, newest first</h3>
            <ol className="mt-2 space-y-3" data-testid="spasm-episodes">
              {newestFirst.map((distinct) => {
                const [first, ...flares] = distinct.memberIds.map((id) => members.get(id)).filter((m): m is Member => !!m);
                if (!first) return null;
                return (
                  <li key={distinct.memberIds[0]} className="rounded-xl border border-slate-200 px-4 py-3">
                    <SpasmRow patientId={patientId} member={first} record={records.get(first.id)} active={active} />
                    {distinct.end !== distinct.onsetDate && <p className="mt-1 text-xs text-slate-500">Until {formatDate(distinct.end)}</p>}
                    {flares.length > 0 && (
                      <ul aria-label="Flares of this episode" className="mt-2 space-y-2 border-l-2 border-slate-200 pl-3">
                        {flares.map((flare) => (
                          <li key={flare.id}>
                            <SpasmRow patientId={patientId} member={flare} record={records.get(flare.id)} active={active} flare />
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
          <p className="text-xs text-slate-500">
            A spasm less than 30 days after the end of the one before counts as a flare of the same episode. Rules version {history.rulesetVersion}.
          </p>
        </div>
      )}
    </Card>
  );
}

function Summary({ label, value, badge, children }: { label: string; value: ReactNode; badge?: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl bg-slate-50 px-3 py-2">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 space-y-1">
        <span className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
          {value}
          {badge && <Badge>{badge}</Badge>}
        </span>
        {children && <span className="block text-xs text-slate-600">{children}</span>}
      </dd>
    </div>
  );
}

function SpasmRow({
  patientId,
  member,
  record,
  active,
  flare = false,
}: {
  patientId: string;
  member: Member;
  record?: Episode;
  active: boolean;
  flare?: boolean;
}) {
  const title = flare ? 'Flare' : 'Episode';
  const category = record ? (CATEGORY_LABELS[record.classification.category] ?? record.classification.category) : null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <div className="min-w-0 text-sm">
        <span className="font-medium text-slate-900">
          {member.source === 'episode' ? (
            <Link href={`/patients/${patientId}/episodes/${member.id}`} className="text-brand-700 underline decoration-1 underline-offset-2 hover:decoration-2">
              {title} from {formatDate(member.onsetDate)}
            </Link>
          ) : (
            `${title} from ${formatDate(member.onsetDate)}`
          )}
        </span>
        <span className="ml-2 inline-flex flex-wrap gap-1.5 align-middle">
          {category && <Badge tone="neutral">{category}</Badge>}
          {member.source === 'follow_up' && <Badge tone="info">Reported at follow-up</Badge>}
          {member.resolvedOn ? (
            <Badge tone="success">Resolved {formatDate(member.resolvedOn)}</Badge>
          ) : (
            member.source === 'episode' && <Badge tone="warning">Open</Badge>
          )}
        </span>
      </div>
      {active && member.source === 'episode' && !member.resolvedOn && record && (
        <MarkResolved patientId={patientId} episodeId={member.id} version={record.version} onsetDate={member.onsetDate} />
      )}
    </div>
  );
}
