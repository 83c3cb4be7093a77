import Link from 'next/link';
import { daysBetween, LOW_ADHERENCE_PERCENT } from '@upright/domain';
import { Badge, Card } from '@/components/ui';
import { ok, serverApi } from '@/lib/api/server';
import { PAIN_ALERT_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { AcknowledgeAlert } from './acknowledge-alert';

function adherenceTone(percent: number): 'success' | 'warning' | 'danger' {
  if (percent >= 80) return 'success';
  return percent >= LOW_ADHERENCE_PERCENT ? 'warning' : 'danger';
}

function daysAgoText(days: number | null): string {
  if (days === null) return 'No diary entry yet';
  if (days === 0) return 'Last diary entry today';
  return `Last diary entry ${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/**
 * What the patient does at home with their plan: adherence over the last four weeks (the domain's `adherence`),
 * open pain alerts (the domain's `painAlert`) to acknowledge, and the latest diary entries.
 */
export async function HomeProgramme({ patientId }: { patientId: string }) {
  const api = await serverApi();
  const [adherence, alerts, logs] = await Promise.all([
    ok(api.GET('/api/patients/{id}/adherence', { params: { path: { id: patientId } } })),
    ok(api.GET('/api/patients/{id}/pain-alerts', { params: { path: { id: patientId } } })),
    ok(api.GET('/api/patients/{id}/logs', { params: { path: { id: patientId }, query: { limit: 5 } } })),
  ]);

  return (
    <Card title="Home programme">
      <div className="space-y-4" data-testid="home-programme">
        {adherence.planId === null ? (
          <p className="text-sm text-slate-600">No active plan. Activate a plan and share it with the patient: what they log on their plan page shows here.</p>
        ) : (
          <div className="flex flex-wrap items-center gap-3" data-testid="adherence">
            <Badge tone={adherenceTone(adherence.percent ?? 0)}>{adherence.percent}% adherence</Badge>
            <p className="text-sm text-slate-700">
              {adherence.loggedSessions} of {adherence.prescribedSessions} prescribed sessions logged in the last{' '}
              {daysBetween(adherence.from, adherence.to) + 1} days · {daysAgoText(adherence.daysSinceLastLog)}
            </p>
            <Link href={`/plans/${adherence.planId}`} className="text-sm font-medium text-brand-700 hover:underline">
              Open the active plan
            </Link>
          </div>
        )}

        {alerts.items.length > 0 && (
          <section aria-labelledby="pain-alerts-title" className="rounded-lg border border-red-200 bg-red-50 p-3">
            <h3 id="pain-alerts-title" className="text-sm font-semibold text-red-900">
              Open pain {alerts.items.length === 1 ? 'alert' : 'alerts'} ({alerts.items.length})
            </h3>
            <ul className="mt-2 divide-y divide-red-100" data-testid="pain-alerts">
              {alerts.items.map((alert) => (
                <li key={alert.logId} className="flex flex-wrap items-start justify-between gap-3 py-2">
                  <div className="min-w-0 text-sm text-red-950">
                    <p className="flex flex-wrap items-center gap-2">
                      {alert.reasons.map((reason) => (
                        <Badge key={reason} tone="danger">
                          {PAIN_ALERT_LABELS[reason]}
                        </Badge>
                      ))}
                      <span>
                        Pain {alert.pain}/10 · difficulty {alert.difficulty}/10 on {formatDate(alert.date)}
                      </span>
                    </p>
                    {alert.note && <p className="mt-1 whitespace-pre-line">“{alert.note}”</p>}
                  </div>
                  <AcknowledgeAlert patientId={patientId} logId={alert.logId} date={alert.date} />
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="diary-title">
          <h3 id="diary-title" className="text-sm font-semibold text-slate-900">
            Latest diary entries
          </h3>
          {logs.items.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">The patient has not logged a session yet.</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="patient-logs">
              {logs.items.map((log) => (
                <li key={log.id} className="py-2">
                  <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <span className="font-medium text-slate-900">
                      {formatDate(log.date)} · pain {log.pain}/10 · difficulty {log.difficulty}/10
                    </span>
                    <span className="text-xs text-slate-500">
                      {log.completedExercises.length} {log.completedExercises.length === 1 ? 'exercise' : 'exercises'} done · plan v{log.planVersion}
                    </span>
                  </p>
                  {log.note && <p className="mt-0.5 whitespace-pre-line text-slate-600">“{log.note}”</p>}
                  {log.alertReasons.length > 0 && log.alertAcknowledgedAt && (
                    <p className="mt-0.5 text-xs text-slate-500">Pain alert seen {formatDate(log.alertAcknowledgedAt)}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Card>
  );
}
