'use client';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OutcomeScore } from '@/lib/api/client';
import { MEANINGFUL_CHANGE, type Instrument } from '@upright/domain';
import { INSTRUMENT_SCALES, INSTRUMENT_SHORT_LABELS } from '@/lib/clinical-labels';
import { formatDate } from '@/lib/format';
import { changeMarks } from './meaningful-change';

/** The palette's variables, so the chart follows the dark colour scheme (globals.css); fallbacks are the light values. */
const INK = {
  line: 'var(--color-brand-600, #177067)',
  grid: 'var(--color-slate-200, #e2e8f0)',
  text: 'var(--color-slate-600, #475569)',
  band: 'var(--color-slate-400, #94a3b8)',
  baseline: 'var(--color-slate-500, #64748b)',
  improvement: 'var(--color-emerald-600, #059669)',
  improvementText: 'var(--color-emerald-700, #047857)',
  surface: 'var(--color-white, #fff)',
};
const TICKS: Record<Instrument, number[]> = {
  odi: [0, 20, 40, 60, 80, 100],
  nprs: [0, 2, 4, 6, 8, 10],
  rmdq: [0, 4, 8, 12, 16, 20, 24],
  psfs: [0, 2, 4, 6, 8, 10],
};

/**
 * One instrument's scores over time (oldest first), with the baseline, the band of change too small to matter
 * around it, and the line a meaningful improvement crosses. The table beside it carries the same numbers for
 * screen readers, so the chart itself is one labelled image.
 */
export function OutcomeChart({ instrument, scores }: { instrument: Instrument; scores: OutcomeScore[] }) {
  const scale = INSTRUMENT_SCALES[instrument];
  const rule = MEANINGFUL_CHANGE[instrument];
  const baseline = scores[0].score;
  const marks = changeMarks(instrument, baseline);
  const data = scores.map((s, i) => ({ key: `${i}`, date: s.recordedOn, score: s.score }));
  const last = scores[scores.length - 1].score;
  const summary = `${INSTRUMENT_SHORT_LABELS[instrument]} trend: ${scores.length} score${scores.length === 1 ? '' : 's'}, first ${baseline}, latest ${last} (${scale.higherIsBetter ? 'higher' : 'lower'} is better).`;

  return (
    <figure className="m-0">
      <div role="img" aria-label={summary} data-testid={`chart-${instrument}`} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 16, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={INK.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="key"
              padding={{ left: 16, right: 16 }}
              tickFormatter={(k: string) => formatDate(data[Number(k)]?.date ?? '')}
              tick={{ fontSize: 12, fill: INK.text }}
              tickMargin={6}
            />
            <YAxis domain={[rule.min, rule.max]} ticks={TICKS[instrument]} allowDecimals={!rule.integer} width={40} tick={{ fontSize: 12, fill: INK.text }} />
            <ReferenceArea y1={marks.band[0]} y2={marks.band[1]} fill={INK.band} fillOpacity={0.12} ifOverflow="hidden" />
            <ReferenceLine
              y={baseline}
              stroke={INK.baseline}
              strokeDasharray="4 4"
              label={{ value: 'First score', position: scale.higherIsBetter ? 'insideBottomRight' : 'insideTopRight', fontSize: 11, fill: INK.text }}
            />
            {marks.improvementAt !== null && (
              <ReferenceLine
                y={marks.improvementAt}
                stroke={INK.improvement}
                strokeDasharray="6 3"
                label={{
                  value: 'Meaningful improvement',
                  position: scale.higherIsBetter ? 'insideTopLeft' : 'insideBottomLeft',
                  fontSize: 11,
                  fill: INK.improvementText,
                }}
              />
            )}
            <Tooltip
              contentStyle={{ backgroundColor: INK.surface, borderColor: INK.grid, borderRadius: 8 }}
              labelStyle={{ color: INK.text }}
              itemStyle={{ color: INK.line }}
              labelFormatter={(k) => formatDate(data[Number(k)]?.date ?? '')}
              formatter={(value) => [`${String(value)}${scale.unit === '%' ? ' %' : scale.unit}`, INSTRUMENT_SHORT_LABELS[instrument]]}
            />
            <Line
              type="monotone"
              dataKey="score"
              stroke={INK.line}
              strokeWidth={2.5}
              dot={{ r: 4, fill: INK.line }}
              activeDot={{ r: 6 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">
        Dashed grey line: the first score. Shaded band: changes smaller than a meaningful one. Green line: where a meaningful improvement begins
        {scale.higherIsBetter ? ' (higher is better).' : ' (lower is better).'}
      </figcaption>
    </figure>
  );
}
