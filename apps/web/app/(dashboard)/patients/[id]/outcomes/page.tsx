import type { Metadata } from 'next';
import { INSTRUMENTS, type Instrument } from '@upright/domain';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui';
import { TableFrame } from '@/components/table-frame';
import { ok, type OutcomeScore, requireMe, serverApi } from '@/lib/api/server';
import { INSTRUMENT_LABELS, INSTRUMENT_SCALES, ODI_BAND_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { EnteredInErrorButton } from '../_components/entered-in-error';
import { fullName, loadPatient, seesClinicalRecords } from '../_components/load';
import { ClinicalOnly, PatientNotFound } from '../_components/patient-not-found';
import { thresholdText } from './meaningful-change';
import { OutcomeChart } from './outcome-chart';
import { ArchivedNotice } from '../_components/archived-notice';
import { RecordOutcome } from './record-outcome';

export const metadata: Metadata = { title: 'Outcomes' };

export default async function OutcomesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, patient] = await Promise.all([requireMe(), loadPatient(id)]);
  if (!patient) return <PatientNotFound />;
  if (!seesClinicalRecords(me)) return <ClinicalOnly patientId={patient.id} />;
  const list = await ok((await serverApi()).GET('/api/patients/{id}/outcomes', { params: { path: { id: patient.id } } }));
  const byInstrument = INSTRUMENTS.map((instrument) => ({ instrument, scores: list.items.filter((s) => s.instrument === instrument) })).filter(
    (g) => g.scores.length > 0,
  );

  return (
    <div>
      <PageHeader
        back={{ href: `/patients/${patient.id}`, label: fullName(patient) }}
        title="Outcome measures"
        subtitle={`${fullName(patient)} · each score is compared with the patient’s first score of the same measure`}
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
        <div className="xl:col-span-2">
          <div className="xl:sticky xl:top-4">
            <Card title="Record a score">
              {patient.archivedAt === null ? (
                <RecordOutcome patientId={patient.id} dateOfBirth={patient.dateOfBirth} />
              ) : (
                <ArchivedNotice patientId={patient.id} />
              )}
            </Card>
          </div>
        </div>
        <div className="space-y-6 xl:col-span-3">
          {list.truncated && <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">Only the oldest 500 scores are shown.</p>}
          {byInstrument.length === 0 ? (
            <EmptyState title="No outcome scores yet">
              Record a first score now: it becomes the baseline every later score of the same measure is compared with.
            </EmptyState>
          ) : (
            byInstrument.map(({ instrument, scores }) => <InstrumentHistory key={instrument} instrument={instrument} scores={scores} patientId={patient.id} />)
          )}
        </div>
      </div>
    </div>
  );
}

function formatScore(instrument: Instrument, score: number): string {
  return instrument === 'odi' ? `${score} %` : `${score}${INSTRUMENT_SCALES[instrument].unit}`;
}

function formatChange(change: number): string {
  if (change === 0) return '0';
  return `${change > 0 ? '+' : '−'}${Math.abs(change)}`;
}

function ChangeBadge({ score, first }: { score: OutcomeScore; first: boolean }) {
  if (first || !score.change) return <Badge>First score</Badge>;
  if (score.change.meaningful) return <Badge tone="success">Meaningful improvement</Badge>;
  if (score.change.improved) return <Badge tone="info">Improved, below threshold</Badge>;
  if (score.change.change === 0) return <Badge>No change</Badge>;
  return <Badge tone="warning">Worse</Badge>;
}

function InstrumentHistory({ instrument, scores, patientId }: { instrument: Instrument; scores: OutcomeScore[]; patientId: string }) {
  const headingId = `outcomes-${instrument}`;
  const latest = scores[scores.length - 1];
  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`outcomes-${instrument}`}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold tracking-tight">
          {INSTRUMENT_LABELS[instrument]}
        </h2>
        <p className="text-sm text-slate-600">
          Latest <span className="font-semibold text-slate-900">{formatScore(instrument, latest.score)}</span>
          {latest.change && <> ({formatChange(latest.change.change)} since first)</>}
        </p>
      </div>
      <OutcomeChart instrument={instrument} scores={scores} />
      <p className="mt-3 text-xs text-slate-500">
        A meaningful improvement is at least {thresholdText(instrument)} {INSTRUMENT_SCALES[instrument].higherIsBetter ? 'up' : 'down'} from the first score.
      </p>
      <TableFrame label={`${INSTRUMENT_LABELS[instrument]} scores`} className="mt-3">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{INSTRUMENT_LABELS[instrument]} scores, oldest first</caption>
          <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Date
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Score
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Change from first
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {scores.map((s, i) => (
              <tr key={s.id}>
                <td className="px-3 py-2 whitespace-nowrap">{formatDate(s.recordedOn)}</td>
                <td className="px-3 py-2">
                  <span className="font-medium">{formatScore(instrument, s.score)}</span>
                  {s.band && <span className="block text-xs text-slate-500">{ODI_BAND_LABELS[s.band]}</span>}
                </td>
                <td className="px-3 py-2">
                  <span className="mr-2 tabular-nums">{s.change && i > 0 ? formatChange(s.change.change) : '—'}</span> <ChangeBadge score={s} first={i === 0} />
                </td>
                <td className="px-1 py-1 text-right">
                  <EnteredInErrorButton
                    record={{ patientId, outcomeId: s.id }}
                    what="score"
                    label="Entered in error…"
                    compact
                    ariaLabel={`Mark the ${instrument.toUpperCase()} score of ${formatDate(s.recordedOn)} as entered in error`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </section>
  );
}
