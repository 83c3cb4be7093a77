/**
 * The CSV exports: the columns of each kind, how a stored row becomes a CSV record, and the stringifier (csv-stringify)
 * that writes them. Dates are YYYY-MM-DD, timestamps ISO 8601 UTC, lists are joined with `;`, and any text cell that a
 * spreadsheet would run as a formula is defused.
 */
import { stringify, type Stringifier } from 'csv-stringify';
import type { CsvKind, CsvRow } from './export.repository.js';

type CsvRecord = Record<string, string | number | boolean | null | undefined>;

/**
 * A cell a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return) is prefixed
 * with an apostrophe, which makes it plain text (OWASP, "CSV Injection"). Numbers are written as numbers and never
 * start with one of these here (no exported number is negative).
 */
export function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const list = (value: unknown) => (Array.isArray(value) ? value.join(';') : null);
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The postural measurements, one column per side or part (empty when not tested). */
const MEASUREMENT_COLUMNS = [
  'sideBridgeLeftS',
  'sideBridgeRightS',
  'hipAbductionLeft',
  'hipAbductionRight',
  'trendelenburgLeft',
  'trendelenburgRight',
  'trunkFlexorS',
  'trunkExtensorS',
  'aslrLeft',
  'aslrRight',
  'legLengthDifferenceCm',
  'legLengthLonger',
  'trunkRotationDeg',
  'shoulderHeightDifferenceCm',
  'shoulderHigher',
  'pelvicHeightDifferenceCm',
  'pelvicHigher',
  'craniovertebralAngleDeg',
  'lateralShift',
] as const;
const INDEX_COLUMNS = ['sideBridgeSI', 'hipAbductionSI', 'flexorExtensorRatio', 'sideBridgeExtensorRatio'] as const;

type Scalar = string | number | boolean | null;
const scalar = (value: unknown): Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : value === null || value === undefined
      ? null
      : JSON.stringify(value);

function measurementCells(measurements: unknown): Record<(typeof MEASUREMENT_COLUMNS)[number], Scalar> {
  const m = (measurements ?? {}) as Record<string, Record<string, unknown> | number | string | null | undefined>;
  const side = (key: string, which: 'left' | 'right') => {
    const pair = m[key];
    return pair && typeof pair === 'object' ? scalar(pair[which]) : null;
  };
  const part = (key: string, field: string) => {
    const value = m[key];
    return value && typeof value === 'object' ? scalar(value[field]) : null;
  };
  return {
    sideBridgeLeftS: side('sideBridgeS', 'left'),
    sideBridgeRightS: side('sideBridgeS', 'right'),
    hipAbductionLeft: side('hipAbduction', 'left'),
    hipAbductionRight: side('hipAbduction', 'right'),
    trendelenburgLeft: side('trendelenburg', 'left'),
    trendelenburgRight: side('trendelenburg', 'right'),
    trunkFlexorS: scalar(m.trunkFlexorS),
    trunkExtensorS: scalar(m.trunkExtensorS),
    aslrLeft: side('aslr', 'left'),
    aslrRight: side('aslr', 'right'),
    legLengthDifferenceCm: part('legLengthDifferenceCm', 'value'),
    legLengthLonger: part('legLengthDifferenceCm', 'longer'),
    trunkRotationDeg: scalar(m.trunkRotationDeg),
    shoulderHeightDifferenceCm: part('shoulderHeightDifferenceCm', 'value'),
    shoulderHigher: part('shoulderHeightDifferenceCm', 'higher'),
    pelvicHeightDifferenceCm: part('pelvicHeightDifferenceCm', 'value'),
    pelvicHigher: part('pelvicHeightDifferenceCm', 'higher'),
    craniovertebralAngleDeg: scalar(m.craniovertebralAngleDeg),
    lateralShift: scalar(m.lateralShift),
  };
}

interface CsvFormat {
  columns: readonly string[];
  record: (row: CsvRow) => CsvRecord;
}

const same = (columns: readonly string[]) => (row: CsvRow) => Object.fromEntries(columns.map((c) => [c, scalar(row[c])]));

const PATIENT_COLUMNS = ['id', 'firstName', 'lastName', 'dateOfBirth', 'sex', 'email', 'phone', 'notes', 'archivedAt', 'createdAt', 'updatedAt'];
const EPISODE_COLUMNS = [
  'id',
  'patientId',
  'onsetDate',
  'recordedOn',
  'trigger',
  'episodesLast12Months',
  'frequencyTrend',
  'painNprs',
  'painAreas',
  'redFlags',
  'redFlagLevel',
  'category',
  'urgency',
  'reviewInDays',
  'rulesetVersion',
  'status',
  'statusReason',
  'notes',
  'createdAt',
];
const ASSESSMENT_COLUMNS = [
  'id',
  'patientId',
  'assessedOn',
  ...MEASUREMENT_COLUMNS,
  ...INDEX_COLUMNS,
  'refer',
  'findings',
  'targets',
  'rulesetVersion',
  'status',
  'statusReason',
  'notes',
  'createdAt',
];
const OUTCOME_COLUMNS = ['id', 'patientId', 'instrument', 'recordedOn', 'score', 'band', 'answers', 'rulesetVersion', 'status', 'statusReason', 'createdAt'];
const APPOINTMENT_COLUMNS = [
  'id',
  'patientId',
  'clinicianId',
  'clinicianName',
  'type',
  'start',
  'end',
  'status',
  'cancelReason',
  'episodeId',
  'planId',
  'note',
  'createdAt',
];

export const CSV_FORMATS: Record<CsvKind, CsvFormat> = {
  patients: { columns: PATIENT_COLUMNS, record: same(PATIENT_COLUMNS) },
  episodes: {
    columns: EPISODE_COLUMNS,
    record: (row) => ({ ...same(EPISODE_COLUMNS)(row), painAreas: list(row.painAreas), redFlags: list(row.redFlags) }),
  },
  assessments: {
    columns: ASSESSMENT_COLUMNS,
    record: (row) => {
      const report = (row.report ?? {}) as {
        indices?: Record<string, unknown>;
        findings?: { code: string; severity: string; side?: string }[];
        targets?: { code: string; priority: number }[];
      };
      return {
        ...same(ASSESSMENT_COLUMNS)(row),
        ...measurementCells(row.measurements),
        ...Object.fromEntries(INDEX_COLUMNS.map((c) => [c, scalar(report.indices?.[c])])),
        // code:severity[:side] for each finding; code:priority for each target.
        findings: (report.findings ?? []).map((f) => [f.code, f.severity, f.side].filter(Boolean).join(':')).join(';'),
        targets: (report.targets ?? []).map((t) => `${t.code}:${t.priority}`).join(';'),
      };
    },
  },
  outcomes: { columns: OUTCOME_COLUMNS, record: (row) => ({ ...same(OUTCOME_COLUMNS)(row), answers: json(row.answers) }) },
  appointments: { columns: APPOINTMENT_COLUMNS, record: same(APPOINTMENT_COLUMNS) },
};

/**
 * The stringifier of one export: a header row, CRLF line ends (RFC 4180), a UTF-8 byte order mark (so a spreadsheet
 * opens accented names correctly), booleans as true/false, empty cells for nulls, and formula-looking text defused.
 */
export function csvStringifier(kind: CsvKind): Stringifier {
  return stringify({
    header: true,
    columns: [...CSV_FORMATS[kind].columns],
    bom: true,
    record_delimiter: 'windows',
    cast: { string: defuseFormula, boolean: (value) => (value ? 'true' : 'false') },
  });
}
