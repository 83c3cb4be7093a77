import { POSTURE_INDICES, POSTURE_THRESHOLDS, type Bilateral, type PosturalMeasurements, type PosturalReport } from '@upright/domain';
import { POSTURE_INDEX_LABELS, formatIndex, indexOverLimit } from './posture-labels';

/**
 * The report's figures: a left/right bar for each bilateral strength or endurance test (with its symmetry index
 * as a number), then the McGill ratios. The bars are decoration; the numbers beside them say the same in text.
 */
export function SymmetryFigures({ measurements, indices }: { measurements: PosturalMeasurements; indices: PosturalReport['indices'] }) {
  const bars: { key: string; label: string; pair: Bilateral; unit: string; si: number | undefined }[] = [];
  if (measurements.sideBridgeS) bars.push({ key: 'sideBridge', label: 'Side bridge', pair: measurements.sideBridgeS, unit: ' s', si: indices.sideBridgeSI });
  if (measurements.hipAbduction)
    bars.push({ key: 'hipAbduction', label: 'Hip abduction', pair: measurements.hipAbduction, unit: '', si: indices.hipAbductionSI });
  const ratios = POSTURE_INDICES.filter((i) => (i === 'flexorExtensorRatio' || i === 'sideBridgeExtensorRatio') && indices[i] !== undefined);

  if (bars.length === 0 && ratios.length === 0) {
    return <p className="text-sm text-slate-600">No index yet: side bridge, hip abduction or trunk endurance times give the symmetry indices and ratios.</p>;
  }
  return (
    <div className="space-y-4" data-testid="symmetry-figures">
      {bars.map((b) => (
        <LeftRightBar key={b.key} label={b.label} pair={b.pair} unit={b.unit} si={b.si} />
      ))}
      {ratios.length > 0 && (
        <dl className="grid gap-2 sm:grid-cols-2">
          {ratios.map((index) => {
            const value = indices[index]!;
            const over = indexOverLimit(index, value);
            return (
              <div key={index} className={`rounded-lg border px-3 py-2 ${over ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'}`}>
                <dt className="text-xs text-slate-600">{POSTURE_INDEX_LABELS[index].label}</dt>
                <dd className="flex items-baseline gap-2">
                  <span className="text-lg font-semibold tabular-nums">{formatIndex(index, value)}</span>
                  <span className={`text-xs ${over ? 'font-medium text-amber-900' : 'text-slate-500'}`}>
                    {over ? 'Extensors lag behind' : 'Balanced'} · {POSTURE_INDEX_LABELS[index].explanation}
                  </span>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </div>
  );
}

function LeftRightBar({ label, pair, unit, si }: { label: string; pair: Bilateral; unit: string; si: number | undefined }) {
  const max = Math.max(pair.left, pair.right, 1);
  const t = POSTURE_THRESHOLDS;
  const level = si === undefined || si < t.symmetryMildPct ? 'ok' : si < t.symmetryMarkedPct ? 'mild' : 'marked';
  const weaker = pair.left === pair.right ? null : pair.left < pair.right ? 'left' : 'right';
  const colour = (side: 'left' | 'right') => (level !== 'ok' && weaker === side ? (level === 'marked' ? 'bg-red-600' : 'bg-amber-600') : 'bg-brand-500');
  const verdict = level === 'ok' ? 'within 10 %' : `${level === 'marked' ? 'marked' : 'mild'}, ${weaker} weaker`;
  return (
    <div data-testid={`lr-bar-${label.toLowerCase().replace(/\s+/g, '-')}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className="text-slate-700">
          Symmetry index <span className="font-semibold tabular-nums">{si === undefined ? '—' : `${si.toFixed(1)} %`}</span>{' '}
          <span className={level === 'marked' ? 'text-red-700' : level === 'mild' ? 'text-amber-800' : 'text-slate-500'}>({verdict})</span>
        </span>
      </div>
      <div className="mt-1.5 flex justify-between text-xs text-slate-700 tabular-nums">
        <span>
          Left {pair.left}
          {unit}
        </span>
        <span>
          Right {pair.right}
          {unit}
        </span>
      </div>
      <div aria-hidden="true" className="mt-0.5 flex h-3.5 items-stretch">
        <div className="flex flex-1 justify-end overflow-hidden rounded-l-full bg-slate-100">
          <div className={`${colour('left')} rounded-l-full`} style={{ width: `${(pair.left / max) * 100}%` }} />
        </div>
        <div className="w-0.5 bg-slate-500" />
        <div className="flex flex-1 overflow-hidden rounded-r-full bg-slate-100">
          <div className={`${colour('right')} rounded-r-full`} style={{ width: `${(pair.right / max) * 100}%` }} />
        </div>
      </div>
    </div>
  );
}

/** A report that refers: shown above everything else. */
export function ReferBanner({ report }: { report: Pick<PosturalReport, 'refer' | 'findings'> }) {
  if (!report.refer) return null;
  const referring = report.findings.filter((f) => f.severity === 'refer');
  return (
    <div role="alert" data-testid="refer-banner" className="rounded-xl border-l-4 border-purple-700 bg-purple-50 p-4 text-purple-950">
      <p className="font-semibold">Refer: a finding needs assessment beyond physiotherapy</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
        {referring.map((f, i) => (
          <li key={`${f.code}-${i}`}>{f.text}</li>
        ))}
      </ul>
    </div>
  );
}
