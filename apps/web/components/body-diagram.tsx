import { useId } from 'react';
import type { Finding, FindingCode, Severity, Side, Target, TargetCode } from '@upright/domain';
import { FINDING_LABELS, SEVERITY_LABELS, TARGET_LABELS } from '@/lib/clinical-labels';

/**
 * A front view of the body with the postural findings marked where they are, and the strengthening targets
 * shaded. Seen from the front, so the patient's left is on the viewer's right (the diagram says so).
 *
 * Never colour-only: every marker carries a number that matches the list beside it, and the list says the
 * finding, where it is and how much it matters. The SVG itself is one `role="img"` with a text summary.
 */

export type BodyRegion = 'neck' | 'shoulder' | 'lateral_trunk' | 'spine' | 'pelvis' | 'hip' | 'leg';

export const BODY_REGION_LABELS: Record<BodyRegion, string> = {
  neck: 'head and neck',
  shoulder: 'shoulder',
  lateral_trunk: 'lateral trunk',
  spine: 'spine and trunk',
  pelvis: 'pelvis',
  hip: 'hip',
  leg: 'leg',
};

/** Where each finding is drawn. A finding's `side` (weaker, longer, higher or shifted-to side) places it left or right. */
export const FINDING_REGIONS: Record<FindingCode, BodyRegion> = {
  side_bridge_asymmetry: 'lateral_trunk',
  hip_abduction_asymmetry: 'hip',
  trendelenburg_positive: 'hip',
  flexor_extensor_ratio_high: 'spine',
  side_bridge_extensor_ratio_high: 'spine',
  low_extensor_endurance: 'spine',
  aslr_positive: 'pelvis',
  leg_length_difference: 'leg',
  trunk_rotation: 'spine',
  shoulder_height_difference: 'shoulder',
  pelvic_height_difference: 'pelvis',
  forward_head_posture: 'neck',
  lateral_shift: 'spine',
};

/**
 * Marker colours by severity (fill; the number on it is in --color-white). The palette's variables, so the drawing
 * follows the dark colour scheme (globals.css); the fallbacks are the light values.
 */
const SEVERITY_FILL: Record<Severity, string> = {
  info: 'var(--color-sky-700, #0369a1)',
  mild: 'var(--color-amber-700, #b45309)',
  marked: 'var(--color-red-600, #dc2626)',
  refer: 'var(--color-purple-700, #7e22ce)',
};

/** The drawing's other colours, from the same palette. */
const INK = {
  white: 'var(--color-white, #fff)',
  body: 'var(--color-slate-100, #f1f5f9)',
  outline: 'var(--color-slate-400, #94a3b8)',
  midline: 'var(--color-slate-300, #cbd5e1)',
  label: 'var(--color-slate-600, #475569)',
  hatchFill: 'var(--color-brand-100, #d5ecea)',
  hatchLine: 'var(--color-brand-500, #1f8a80)',
  target: 'var(--color-brand-600, #177067)',
};

const SEVERITY_TEXT_CLASS: Record<Severity, string> = {
  info: 'bg-sky-100 text-sky-900',
  mild: 'bg-amber-100 text-amber-900',
  marked: 'bg-red-100 text-red-800',
  refer: 'bg-purple-100 text-purple-900',
};

const CENTRE = 120;

/** Anchor of a region: its height, and how far from the midline a sided finding sits (toward the patient's side). */
const ANCHORS: Record<BodyRegion, { y: number; dx: number }> = {
  neck: { y: 72, dx: 0 },
  shoulder: { y: 98, dx: 42 },
  lateral_trunk: { y: 150, dx: 36 },
  // Up to five centre markers fit in the column above the pelvis; a sided one (a shift) sits beside it.
  spine: { y: 108, dx: 24 },
  pelvis: { y: 214, dx: 22 },
  hip: { y: 234, dx: 42 },
  leg: { y: 320, dx: 20 },
};

/** Markers at one spot are stacked this far apart, downward. */
const STACK = 21;

/** The viewer's x for the patient's side: the patient's left is on the viewer's right. */
function xFor(dx: number, side: Side | undefined): number {
  if (!side) return CENTRE;
  return side === 'left' ? CENTRE + dx : CENTRE - dx;
}

/** The area each strengthening target shades. */
const TARGET_AREAS: Record<TargetCode, { cx: number; cy: number; rx: number; ry: number }> = {
  lateral_trunk_left: { cx: CENTRE + 34, cy: 158, rx: 13, ry: 34 },
  lateral_trunk_right: { cx: CENTRE - 34, cy: 158, rx: 13, ry: 34 },
  hip_abductors_left: { cx: CENTRE + 32, cy: 232, rx: 14, ry: 16 },
  hip_abductors_right: { cx: CENTRE - 32, cy: 232, rx: 14, ry: 16 },
  trunk_extensors: { cx: CENTRE, cy: 150, rx: 20, ry: 50 },
  load_transfer: { cx: CENTRE, cy: 214, rx: 36, ry: 14 },
};

function whereText(finding: Finding): string {
  const region = BODY_REGION_LABELS[FINDING_REGIONS[finding.code]];
  return finding.side ? `${finding.side} ${region}` : region;
}

function summary(findings: readonly Finding[], targets: readonly Target[], label?: string): string {
  const head = `${label ? `${label}: b` : 'B'}ody diagram, front view`;
  if (findings.length === 0) return `${head}. No findings marked.`;
  const items = findings.map((f, i) => `${i + 1}, ${FINDING_LABELS[f.code]}, ${whereText(f)}, ${SEVERITY_LABELS[f.severity].toLowerCase()}`);
  const goals = targets.length ? ` Strengthening targets shaded: ${targets.map((t) => TARGET_LABELS[t.code]).join('; ')}.` : '';
  return `${head}, ${findings.length} finding${findings.length === 1 ? '' : 's'} marked: ${items.join('; ')}.${goals}`;
}

interface Placed {
  finding: Finding;
  number: number;
  x: number;
  y: number;
}

/** Markers at the same spot are stacked downward, so none hides another. */
function place(findings: readonly Finding[]): Placed[] {
  const used = new Map<string, number>();
  return findings.map((finding, i) => {
    const region = FINDING_REGIONS[finding.code];
    const anchor = ANCHORS[region];
    const x = xFor(anchor.dx, finding.side);
    const key = `${x}:${anchor.y}`;
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    return { finding, number: i + 1, x, y: anchor.y + n * STACK };
  });
}

export function BodyDiagram({
  findings,
  targets,
  label,
  detailed = false,
  headingLevel = 3,
  compact = false,
}: {
  findings: readonly Finding[];
  targets: readonly Target[];
  /** Names the diagram when a page shows more than one (e.g. the assessment date). */
  label?: string;
  /** Also list each finding's full clinician text under it. */
  detailed?: boolean;
  headingLevel?: 3 | 4;
  /** A smaller figure, so the list fits beside it in a narrow column. */
  compact?: boolean;
}) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const hatch = `hatch${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const placed = place(findings);
  const targetCodes = new Set(targets.map((t) => t.code));

  return (
    <div className="flex flex-wrap gap-5" data-testid="body-diagram">
      <figure className={`shrink-0 ${compact ? 'w-36' : 'w-44 sm:w-52'}`}>
        <svg viewBox="0 0 240 430" role="img" aria-label={summary(findings, targets, label)} className="h-auto w-full">
          <defs>
            <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill={INK.hatchFill} />
              <line x1="0" y1="0" x2="0" y2="6" stroke={INK.hatchLine} strokeWidth="2" />
            </pattern>
          </defs>
          <g fill={INK.body} stroke={INK.outline} strokeWidth="2" strokeLinejoin="round">
            <circle cx={CENTRE} cy="40" r="24" />
            <path d="M110 62 L130 62 L131 84 L109 84 Z" />
            <path d="M84 86 Q120 78 156 86 Q172 90 173 106 L160 170 Q154 198 160 232 L80 232 Q86 198 80 170 L67 106 Q68 90 84 86 Z" />
            <path d="M67 100 Q54 104 53 122 L44 204 L38 252 Q42 264 50 256 L60 206 L74 142 Z" />
            <path d="M67 100 Q54 104 53 122 L44 204 L38 252 Q42 264 50 256 L60 206 L74 142 Z" transform={`translate(${2 * CENTRE} 0) scale(-1 1)`} />
            <path d="M80 232 L118 232 L116 304 L112 406 L90 406 L86 304 Z" />
            <path d="M122 232 L160 232 L154 304 L150 406 L128 406 L124 304 Z" />
          </g>
          <line x1={CENTRE} y1="92" x2={CENTRE} y2="226" stroke={INK.midline} strokeWidth="1.5" strokeDasharray="4 4" />

          {targets.map((t) => {
            const a = TARGET_AREAS[t.code];
            return (
              <ellipse
                key={t.code}
                data-target={t.code}
                cx={a.cx}
                cy={a.cy}
                rx={a.rx}
                ry={a.ry}
                fill={`url(#${hatch})`}
                fillOpacity="0.75"
                stroke={INK.target}
                strokeWidth="2"
                strokeDasharray="5 3"
              />
            );
          })}

          {placed.map(({ finding, number, x, y }) => (
            <g
              key={`${finding.code}-${finding.side ?? 'mid'}-${number}`}
              data-finding={finding.code}
              data-region={FINDING_REGIONS[finding.code]}
              data-side={finding.side ?? 'centre'}
              data-severity={finding.severity}
            >
              <circle cx={x} cy={y} r="10" fill={SEVERITY_FILL[finding.severity]} stroke={INK.white} strokeWidth="2" />
              <text x={x} y={y + 4} textAnchor="middle" fontSize="12" fontWeight="700" fill={INK.white}>
                {number}
              </text>
            </g>
          ))}

          <text x="16" y="424" fontSize="14" fill={INK.label}>
            Right
          </text>
          <text x="224" y="424" fontSize="14" fill={INK.label} textAnchor="end">
            Left
          </text>
        </svg>
        <figcaption className="mt-1 text-center text-xs text-slate-500">Seen from the front: the patient’s left is on your right.</figcaption>
      </figure>

      <div className={`${compact ? 'min-w-[12rem]' : 'min-w-[14rem]'} flex-1 space-y-4`}>
        <div>
          <H className="text-sm font-semibold text-slate-800">Findings</H>
          {findings.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No findings: the measurements are within the rules’ limits.</p>
          ) : (
            <ol className="mt-2 space-y-2" data-testid="finding-list">
              {placed.map(({ finding, number }) => (
                <li key={`${finding.code}-${finding.side ?? 'mid'}-${number}`} className="flex gap-2 text-sm">
                  <span
                    aria-hidden="true"
                    className="mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-[11px] font-bold text-white"
                    style={{ backgroundColor: SEVERITY_FILL[finding.severity] }}
                  >
                    {number}
                  </span>
                  <span className="min-w-0">
                    <span className="font-medium text-slate-900">{FINDING_LABELS[finding.code]}</span>
                    <span className="text-slate-600"> · {whereText(finding)}</span>{' '}
                    <span
                      className={`ml-0.5 inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${SEVERITY_TEXT_CLASS[finding.severity]}`}
                    >
                      {SEVERITY_LABELS[finding.severity]}
                    </span>
                    {finding.observational && <span className="ml-1 text-xs text-slate-500">(observational)</span>}
                    {detailed && <span className="mt-0.5 block text-slate-700">{finding.text}</span>}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <H className="text-sm font-semibold text-slate-800">Strengthening targets</H>
          {targets.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">None: no finding asks for targeted strengthening.</p>
          ) : (
            <ul className="mt-2 space-y-1.5" data-testid="target-list">
              {targets.map((t) => (
                <li key={t.code} className="flex items-center gap-2 text-sm">
                  <span aria-hidden="true" className="h-3.5 w-5 shrink-0 rounded-full border-2 border-dashed border-brand-600 bg-brand-100" />
                  <span className="font-medium text-slate-900">{TARGET_LABELS[t.code]}</span>
                  <span
                    className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${t.priority === 1 ? 'bg-brand-600 text-white' : 'bg-brand-100 text-brand-700'}`}
                  >
                    Priority {t.priority}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {targetCodes.size > 0 && <p className="mt-1 text-xs text-slate-500">Shaded with dashed outlines on the diagram.</p>}
        </div>
        <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500" aria-hidden="true">
          {(['info', 'mild', 'marked', 'refer'] as const).map((s) => (
            <span key={s} className="inline-flex items-center gap-1">
              <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: SEVERITY_FILL[s] }} />
              {SEVERITY_LABELS[s]}
            </span>
          ))}
        </p>
      </div>
    </div>
  );
}
