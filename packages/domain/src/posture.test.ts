import fc from 'fast-check';
import { LATERAL_SHIFTS, SEXES, type FindingCode, type Severity, type Side } from './codes.js';
import { DomainValidationError } from './errors.js';
import { assessPosture, comparePosture, symmetryIndex, type Finding, type PosturalInput, type PosturalMeasurements, type PosturalReport } from './posture.js';

function assess(measurements: PosturalMeasurements, sex: PosturalInput['sex'] = 'female'): PosturalReport {
  return assessPosture({ sex, age: 40, measurements });
}

function only(report: PosturalReport, code: FindingCode): Finding[] {
  return report.findings.filter((f) => f.code === code);
}

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.errors.map((x) => x.field);
    throw e;
  }
  throw new Error('expected a DomainValidationError');
}

describe('symmetryIndex', () => {
  it.each([
    [0, 0, 0],
    [50, 50, 0],
    [95, 105, 10],
    [105, 95, 10],
    [100, 110.4, 9.9],
    [92.5, 107.5, 15],
    [92.55, 107.45, 14.9],
    [95.025, 104.975, 10],
    [0, 30, 200],
    [90, 100, 10.5],
  ])('SI(%p, %p) = %p', (left, right, si) => {
    expect(symmetryIndex(left, right)).toBe(si);
  });
});

describe('asymmetry rows: side bridge and hip abduction', () => {
  it.each<[number, number, Severity | null, Side | null, number | undefined]>([
    [100, 110.4, null, null, undefined],
    [95, 105, 'mild', 'left', 10],
    [105, 95, 'mild', 'right', 10],
    [95.025, 104.975, 'mild', 'left', 10],
    [92.55, 107.45, 'mild', 'left', 10],
    [92.5, 107.5, 'marked', 'left', 15],
    [107.5, 92.5, 'marked', 'right', 15],
    [0, 0, null, null, undefined],
  ])('side bridge %p s / %p s -> %p on the %p side', (left, right, severity, side, threshold) => {
    const report = assess({ sideBridgeS: { left, right } });
    const findings = only(report, 'side_bridge_asymmetry');
    expect(report.indices.sideBridgeSI).toBe(symmetryIndex(left, right));
    if (severity === null) {
      expect(findings).toEqual([]);
      expect(report.targets).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity,
      side,
      value: symmetryIndex(left, right),
      threshold,
      unit: 'percent',
      observational: false,
    });
    expect(findings[0].text).toContain(`the ${side} side is weaker`);
    expect(report.targets).toEqual([{ code: `lateral_trunk_${side}`, priority: severity === 'marked' ? 1 : 2, because: ['side_bridge_asymmetry'] }]);
  });

  it.each<[number, number, Severity | null, Side | null]>([
    [100, 110.4, null, null],
    [95, 105, 'mild', 'left'],
    [105, 95, 'mild', 'right'],
    [92.55, 107.45, 'mild', 'left'],
    [107.5, 92.5, 'marked', 'right'],
  ])('hip abduction %p / %p -> %p on the %p side', (left, right, severity, side) => {
    const report = assess({ hipAbduction: { left, right } });
    const findings = only(report, 'hip_abduction_asymmetry');
    expect(report.indices.hipAbductionSI).toBe(symmetryIndex(left, right));
    if (severity === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings[0]).toMatchObject({ severity, side, unit: 'percent' });
    expect(report.targets.map((t) => t.code)).toEqual([`hip_abductors_${side}`]);
  });
});

describe('Trendelenburg row', () => {
  it.each<[boolean, boolean, Side[]]>([
    [false, false, []],
    [true, false, ['left']],
    [false, true, ['right']],
    [true, true, ['left', 'right']],
  ])('left %p, right %p -> marked on %p', (left, right, sides) => {
    const report = assess({ trendelenburg: { left, right } });
    const findings = only(report, 'trendelenburg_positive');
    expect(findings.map((f) => f.side)).toEqual(sides);
    for (const f of findings) expect(f).toMatchObject({ severity: 'marked', value: true, unit: 'result' });
    expect(report.targets).toEqual(sides.map((side) => ({ code: `hip_abductors_${side}`, priority: 1, because: ['trendelenburg_positive'] })));
  });
});

describe('McGill ratio rows', () => {
  it.each<[number, number, number, boolean]>([
    [100, 100, 1, true],
    [99, 100, 0.99, false],
    [99.5, 100, 1, true],
    [99.4, 100, 0.99, false],
    [150, 100, 1.5, true],
    [0, 100, 0, false],
  ])('flexor %p s / extensor %p s = %p -> flagged %p', (flexor, extensor, ratio, flagged) => {
    const report = assess({ trunkFlexorS: flexor, trunkExtensorS: extensor });
    expect(report.indices.flexorExtensorRatio).toBe(ratio);
    const findings = only(report, 'flexor_extensor_ratio_high');
    expect(findings.length).toBe(flagged ? 1 : 0);
    if (flagged) {
      expect(findings[0]).toMatchObject({ severity: 'mild', value: ratio, threshold: 1, unit: 'ratio' });
      expect(report.targets).toEqual([{ code: 'trunk_extensors', priority: 2, because: ['flexor_extensor_ratio_high'] }]);
    }
  });

  it.each<[number, number, number, number, boolean]>([
    [75, 75, 100, 0.75, true],
    [74, 74, 100, 0.74, false],
    [70, 80, 100, 0.75, true],
    [74.5, 74.5, 100, 0.75, true],
    [60, 60, 120, 0.5, false],
  ])('side bridge %p/%p s, extensor %p s = %p -> flagged %p', (left, right, extensor, ratio, flagged) => {
    const report = assess({ sideBridgeS: { left, right }, trunkExtensorS: extensor });
    expect(report.indices.sideBridgeExtensorRatio).toBe(ratio);
    const findings = only(report, 'side_bridge_extensor_ratio_high');
    expect(findings.length).toBe(flagged ? 1 : 0);
    if (flagged) expect(findings[0]).toMatchObject({ severity: 'mild', threshold: 0.75, unit: 'ratio' });
  });

  it('needs both measurements for a ratio', () => {
    expect(assess({ trunkFlexorS: 100 }).indices).toEqual({});
    expect(assess({ trunkExtensorS: 100 }).indices).toEqual({});
    expect(assess({ trunkFlexorS: null, trunkExtensorS: 100 }).indices).toEqual({});
  });

  it('leaves the ratios out when the extensor hold is 0 s (cannot divide)', () => {
    const report = assess({ trunkFlexorS: 30, trunkExtensorS: 0, sideBridgeS: { left: 20, right: 20 } });
    expect(report.indices).toEqual({ sideBridgeSI: 0 });
    expect(report.findings).toEqual([]);
  });
});

describe('Biering-Sorensen row', () => {
  it.each<[PosturalInput['sex'], number, boolean]>([
    ['male', 175, true],
    ['male', 175.9, true],
    ['male', 176, false],
    ['male', 240, false],
    ['male', 0, true],
    ['female', 100, false],
    ['unspecified', 100, false],
  ])('%s holding %p s -> low endurance %p', (sex, seconds, flagged) => {
    const report = assess({ trunkExtensorS: seconds }, sex);
    const findings = only(report, 'low_extensor_endurance');
    expect(findings.length).toBe(flagged ? 1 : 0);
    if (flagged) {
      expect(findings[0]).toMatchObject({ severity: 'mild', value: seconds, threshold: 176, unit: 'seconds' });
      expect(report.targets).toEqual([{ code: 'trunk_extensors', priority: 2, because: ['low_extensor_endurance'] }]);
    }
  });
});

describe('ASLR row', () => {
  it.each<[number, number, Severity | null, number | undefined]>([
    [0, 0, null, undefined],
    [1, 0, 'mild', 1],
    [0, 1, 'mild', 1],
    [3, 2, 'mild', 1],
    [3, 3, 'marked', 6],
    [5, 5, 'marked', 6],
  ])('left %i + right %i -> %p', (left, right, severity, threshold) => {
    const report = assess({ aslr: { left, right } });
    const findings = only(report, 'aslr_positive');
    if (severity === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings[0]).toMatchObject({ severity, value: left + right, threshold, unit: 'points' });
    expect(findings[0].side).toBeUndefined();
    expect(report.targets).toEqual([{ code: 'load_transfer', priority: severity === 'marked' ? 1 : 2, because: ['aslr_positive'] }]);
  });
});

describe('leg-length row', () => {
  it.each<[number, Severity | null, number | undefined]>([
    [0, null, undefined],
    [0.5, null, undefined],
    [0.6, 'info', 0.6],
    [1.2, 'info', 0.6],
    [2.0, 'info', 0.6],
    [2.1, 'refer', 2],
    [3, 'refer', 2],
  ])('%p cm -> %p', (value, severity, threshold) => {
    const report = assess({ legLengthDifferenceCm: { value, longer: 'right' } });
    const findings = only(report, 'leg_length_difference');
    expect(report.targets).toEqual([]);
    expect(report.refer).toBe(severity === 'refer');
    if (severity === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings[0]).toMatchObject({ severity, side: 'right', value, threshold, unit: 'cm' });
    expect(findings[0].text).toMatch(severity === 'refer' ? /refer/ : /recorded/);
  });
});

describe('scoliometer row', () => {
  it.each<[number, Severity | null]>([
    [0, null],
    [4.9, null],
    [5, 'info'],
    [6.9, 'info'],
    [7, 'refer'],
    [12, 'refer'],
  ])('%p degrees -> %p', (deg, severity) => {
    const report = assess({ trunkRotationDeg: deg });
    const findings = only(report, 'trunk_rotation');
    expect(report.refer).toBe(severity === 'refer');
    expect(report.targets).toEqual([]);
    if (severity === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings[0]).toMatchObject({ severity, value: deg, threshold: severity === 'refer' ? 7 : 5, unit: 'degrees' });
  });
});

describe('static height rows (observational only)', () => {
  it.each([
    ['shoulderHeightDifferenceCm', 'shoulder_height_difference'],
    ['pelvicHeightDifferenceCm', 'pelvic_height_difference'],
  ] as const)('%s is recorded as observational info, never a target', (key, code) => {
    const report = assess({ [key]: { value: 1.5, higher: 'left' } });
    expect(report.findings).toEqual([expect.objectContaining({ code, severity: 'info', side: 'left', value: 1.5, unit: 'cm', observational: true })]);
    expect(report.findings[0].threshold).toBeUndefined();
    expect(report.findings[0].text).toMatch(/observational/);
    expect(report.targets).toEqual([]);
    expect(report.refer).toBe(false);
  });

  it('records a 0 cm difference without a side', () => {
    const [finding] = assess({ shoulderHeightDifferenceCm: { value: 0, higher: 'right' } }).findings;
    expect(finding).toMatchObject({ code: 'shoulder_height_difference', value: 0, observational: true });
    expect(finding.side).toBeUndefined();
    expect(finding.text).not.toMatch(/higher\)/);
  });
});

describe('craniovertebral angle and lateral shift rows', () => {
  it.each([
    [49.9, true],
    [50, false],
    [62, false],
  ])('craniovertebral angle %p -> forward head %p', (deg, flagged) => {
    const report = assess({ craniovertebralAngleDeg: deg });
    expect(report.findings).toEqual(flagged ? [expect.objectContaining({ code: 'forward_head_posture', severity: 'info', threshold: 50 })] : []);
    expect(report.targets).toEqual([]);
  });

  it.each([
    ['none', null],
    ['left', 'left'],
    ['right', 'right'],
  ] as const)('lateral shift %s -> %p', (shift, side) => {
    const report = assess({ lateralShift: shift });
    expect(report.findings).toEqual(side ? [expect.objectContaining({ code: 'lateral_shift', severity: 'info', side, value: side, unit: 'result' })] : []);
  });
});

describe('targets and the whole report', () => {
  it('orders targets by priority, ties in table order, and merges the findings behind each', () => {
    const report = assessPosture({
      sex: 'male',
      age: 45,
      measurements: {
        sideBridgeS: { left: 95, right: 105 }, // SI 10 mild, left weaker
        hipAbduction: { left: 100, right: 110.4 }, // SI 9.9: nothing
        trendelenburg: { left: false, right: true }, // marked right
        trunkFlexorS: 120,
        trunkExtensorS: 100, // ratio 1.2, and < 176 s in a man
        aslr: { left: 1, right: 1 }, // mild
        legLengthDifferenceCm: { value: 2.5, longer: 'left' }, // refer
      },
    });
    expect(report.findings.map((f) => f.code)).toEqual([
      'side_bridge_asymmetry',
      'trendelenburg_positive',
      'flexor_extensor_ratio_high',
      'side_bridge_extensor_ratio_high',
      'low_extensor_endurance',
      'aslr_positive',
      'leg_length_difference',
    ]);
    expect(report.targets).toEqual([
      { code: 'hip_abductors_right', priority: 1, because: ['trendelenburg_positive'] },
      { code: 'lateral_trunk_left', priority: 2, because: ['side_bridge_asymmetry'] },
      {
        code: 'trunk_extensors',
        priority: 2,
        because: ['flexor_extensor_ratio_high', 'side_bridge_extensor_ratio_high', 'low_extensor_endurance'],
      },
      { code: 'load_transfer', priority: 2, because: ['aslr_positive'] },
    ]);
    expect(report.indices).toEqual({
      sideBridgeSI: 10,
      hipAbductionSI: 9.9,
      flexorExtensorRatio: 1.2,
      sideBridgeExtensorRatio: 1,
    });
    expect(report.refer).toBe(true);
    expect(report.rulesetVersion).toBe('2026.12');
  });

  it('a target gets priority 1 when any of its findings is marked', () => {
    const report = assess({ hipAbduction: { left: 95, right: 105 }, trendelenburg: { left: true, right: false } });
    expect(report.targets).toEqual([{ code: 'hip_abductors_left', priority: 1, because: ['hip_abduction_asymmetry', 'trendelenburg_positive'] }]);
  });

  it('gives an empty report for no measurements, or only untested (null) ones', () => {
    const empty = { findings: [], targets: [], indices: {}, refer: false, rulesetVersion: '2026.12' };
    expect(assess({})).toEqual(empty);
    expect(
      assess({
        sideBridgeS: null,
        hipAbduction: null,
        trendelenburg: null,
        trunkFlexorS: null,
        trunkExtensorS: null,
        aslr: null,
        legLengthDifferenceCm: null,
        trunkRotationDeg: null,
        shoulderHeightDifferenceCm: null,
        pelvicHeightDifferenceCm: null,
        craniovertebralAngleDeg: null,
        lateralShift: null,
      }),
    ).toEqual(empty);
    expect(assess({ trunkFlexorS: undefined })).toEqual(empty);
  });
});

const swap = (side: Side): Side => (side === 'left' ? 'right' : 'left');
const nonNegative = fc.double({ min: 0, max: 300, noNaN: true, noDefaultInfinity: true });
const measurementsArb: fc.Arbitrary<PosturalMeasurements> = fc.record(
  {
    sideBridgeS: fc.record({ left: nonNegative, right: nonNegative }),
    hipAbduction: fc.record({ left: nonNegative, right: nonNegative }),
    trendelenburg: fc.record({ left: fc.boolean(), right: fc.boolean() }),
    trunkFlexorS: nonNegative,
    trunkExtensorS: fc.double({ min: 0, max: 240, noNaN: true }),
    aslr: fc.record({ left: fc.integer({ min: 0, max: 5 }), right: fc.integer({ min: 0, max: 5 }) }),
    legLengthDifferenceCm: fc.record({ value: fc.double({ min: 0, max: 5, noNaN: true }), longer: fc.constantFrom<Side>('left', 'right') }),
    trunkRotationDeg: fc.double({ min: 0, max: 20, noNaN: true }),
    shoulderHeightDifferenceCm: fc.record({ value: fc.double({ min: 0, max: 4, noNaN: true }), higher: fc.constantFrom<Side>('left', 'right') }),
    pelvicHeightDifferenceCm: fc.record({ value: fc.double({ min: 0, max: 4, noNaN: true }), higher: fc.constantFrom<Side>('left', 'right') }),
    craniovertebralAngleDeg: fc.double({ min: 0, max: 90, noNaN: true }),
    lateralShift: fc.constantFrom(...LATERAL_SHIFTS),
  },
  { requiredKeys: [] },
);

function mirrored(m: PosturalMeasurements): PosturalMeasurements {
  const out: PosturalMeasurements = { ...m };
  if (m.sideBridgeS) out.sideBridgeS = { left: m.sideBridgeS.right, right: m.sideBridgeS.left };
  if (m.hipAbduction) out.hipAbduction = { left: m.hipAbduction.right, right: m.hipAbduction.left };
  if (m.trendelenburg) out.trendelenburg = { left: m.trendelenburg.right, right: m.trendelenburg.left };
  if (m.aslr) out.aslr = { left: m.aslr.right, right: m.aslr.left };
  if (m.legLengthDifferenceCm) out.legLengthDifferenceCm = { ...m.legLengthDifferenceCm, longer: swap(m.legLengthDifferenceCm.longer) };
  if (m.shoulderHeightDifferenceCm) {
    out.shoulderHeightDifferenceCm = { ...m.shoulderHeightDifferenceCm, higher: swap(m.shoulderHeightDifferenceCm.higher) };
  }
  if (m.pelvicHeightDifferenceCm) {
    out.pelvicHeightDifferenceCm = { ...m.pelvicHeightDifferenceCm, higher: swap(m.pelvicHeightDifferenceCm.higher) };
  }
  if (m.lateralShift && m.lateralShift !== 'none') out.lateralShift = swap(m.lateralShift);
  return out;
}

const swapTarget = (code: string): string => code.replace(/_(left|right)$/, (_m, side: Side) => `_${swap(side)}`);
const key = (f: Pick<Finding, 'code' | 'side' | 'severity'>): string => `${f.code}|${f.side ?? '-'}|${f.severity}`;

describe('assessPosture: properties', () => {
  it('swapping left and right swaps the sides of findings and targets and leaves the indices unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEXES), measurementsArb, (sex, m) => {
        const a = assessPosture({ sex, age: 40, measurements: m });
        const b = assessPosture({ sex, age: 40, measurements: mirrored(m) });
        expect(b.indices).toEqual(a.indices);
        expect(b.refer).toBe(a.refer);
        expect(b.findings.map(key).sort()).toEqual(a.findings.map((f) => key({ ...f, side: f.side ? swap(f.side) : undefined })).sort());
        const targets = (r: PosturalReport, map: (c: string) => string): string[] =>
          r.targets.map((t) => `${map(t.code)}|${t.priority}|${t.because.join(',')}`).sort();
        expect(targets(b, (c) => c)).toEqual(targets(a, swapTarget));
      }),
    );
  });

  it('only mild or marked findings become targets, and refer is set exactly by refer findings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEXES), measurementsArb, (sex, m) => {
        const report = assessPosture({ sex, age: 40, measurements: m });
        const targetable = report.findings.filter((f) => f.severity === 'mild' || f.severity === 'marked');
        expect(report.targets.length > 0).toBe(targetable.length > 0);
        expect(report.refer).toBe(report.findings.some((f) => f.severity === 'refer'));
        const priorities = report.targets.map((t) => t.priority);
        expect(priorities).toEqual([...priorities].sort());
        for (const f of report.findings.filter((x) => x.observational)) expect(f.severity).toBe('info');
      }),
    );
  });
});

describe('assessPosture: validation', () => {
  it('lists every bad field at once, with its path', () => {
    const input = {
      sex: 'other',
      age: 200,
      measurements: {
        sideBridgeS: { left: -1, right: '60' },
        hipAbduction: 12,
        trendelenburg: { left: 'yes', right: false },
        trunkFlexorS: -5,
        trunkExtensorS: 241,
        aslr: { left: 6, right: 1.5 },
        legLengthDifferenceCm: { value: -1, longer: 'up' },
        trunkRotationDeg: 'seven',
        shoulderHeightDifferenceCm: { value: 1 },
        pelvicHeightDifferenceCm: [],
        craniovertebralAngleDeg: 91,
        lateralShift: 'forward',
        sideBrigdeS: { left: 1, right: 1 },
      },
    };
    expect(fieldsOf(() => assessPosture(input as unknown as PosturalInput))).toEqual([
      'sex',
      'age',
      'measurements.sideBridgeS.left',
      'measurements.sideBridgeS.right',
      'measurements.hipAbduction',
      'measurements.trendelenburg.left',
      'measurements.trunkFlexorS',
      'measurements.trunkExtensorS',
      'measurements.aslr.left',
      'measurements.aslr.right',
      'measurements.legLengthDifferenceCm.value',
      'measurements.legLengthDifferenceCm.longer',
      'measurements.trunkRotationDeg',
      'measurements.shoulderHeightDifferenceCm.higher',
      'measurements.pelvicHeightDifferenceCm',
      'measurements.craniovertebralAngleDeg',
      'measurements.lateralShift',
      'measurements.sideBrigdeS',
    ]);
  });

  it.each<[unknown, string[]]>([
    [null, ['input']],
    [{ sex: 'male', age: 40 }, ['measurements']],
    [{ sex: 'male', age: 40, measurements: [] }, ['measurements']],
    [{ sex: 'male', age: 40.5, measurements: {} }, ['age']],
  ])('rejects %p', (input, fields) => {
    expect(fieldsOf(() => assessPosture(input as PosturalInput))).toEqual(fields);
  });

  it('accepts the edges of every range', () => {
    const report = assess({
      trunkExtensorS: 240,
      trunkFlexorS: 0,
      aslr: { left: 0, right: 5 },
      craniovertebralAngleDeg: 90,
      sideBridgeS: { left: 0, right: 0 },
    });
    expect(report.indices.flexorExtensorRatio).toBe(0);
  });
});

describe('comparePosture', () => {
  const report = (indices: PosturalReport['indices']): Pick<PosturalReport, 'indices'> => ({ indices });

  it('compares every index present in both, lower being better', () => {
    expect(
      comparePosture(
        report({ sideBridgeSI: 18.4, hipAbductionSI: 6, flexorExtensorRatio: 1.1, sideBridgeExtensorRatio: 0.7 }),
        report({ sideBridgeSI: 8.2, hipAbductionSI: 9.3, flexorExtensorRatio: 0.85, sideBridgeExtensorRatio: 0.7 }),
      ),
    ).toEqual([
      { index: 'sideBridgeSI', before: 18.4, after: 8.2, change: -10.2, towardSymmetry: true },
      { index: 'hipAbductionSI', before: 6, after: 9.3, change: 3.3, towardSymmetry: false },
      { index: 'flexorExtensorRatio', before: 1.1, after: 0.85, change: -0.25, towardSymmetry: true },
      { index: 'sideBridgeExtensorRatio', before: 0.7, after: 0.7, change: 0, towardSymmetry: false },
    ]);
  });

  it('skips an index missing on either side', () => {
    expect(comparePosture(report({ sideBridgeSI: 12, flexorExtensorRatio: 1.1 }), report({ hipAbductionSI: 4, flexorExtensorRatio: 1.21 }))).toEqual([
      { index: 'flexorExtensorRatio', before: 1.1, after: 1.21, change: 0.11, towardSymmetry: false },
    ]);
  });

  it('works on two real reports', () => {
    const before = assess({ sideBridgeS: { left: 40, right: 60 } });
    const after = assess({ sideBridgeS: { left: 55, right: 60 } });
    expect(comparePosture(before, after)).toEqual([{ index: 'sideBridgeSI', before: 40, after: 8.7, change: -31.3, towardSymmetry: true }]);
  });

  it('lists every bad field', () => {
    expect(
      fieldsOf(() =>
        comparePosture({ indices: { sideBridgeSI: 'x', hipAbductionSI: null } } as unknown as PosturalReport, { findings: [] } as unknown as PosturalReport),
      ),
    ).toEqual(['before.indices.sideBridgeSI', 'after.indices']);
    expect(fieldsOf(() => comparePosture(null as unknown as PosturalReport, report({})))).toEqual(['before']);
  });
});
