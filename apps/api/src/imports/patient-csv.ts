import { CsvError, parse } from 'csv-parse/sync';
import { AppError, type FieldError } from '../common/app-error.js';

/** The most patient rows one file may hold (after its header row). */
export const MAX_IMPORT_ROWS = 10_000;
/** The largest CSV body the API reads (the route's own limit; every other route keeps the JSON limit). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The patient fields a CSV column can fill, as the patient DTO names them. */
export const IMPORT_FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'sex', 'email', 'phone', 'notes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED: readonly ImportField[] = ['firstName', 'lastName', 'dateOfBirth', 'sex'];

/**
 * Header spellings of common exports, compared without case, spaces, `_`, `-` or `.`: `First name`, `first_name`
 * and `FIRST-NAME` all read as `firstname`.
 */
const SPELLINGS: Record<ImportField, string[]> = {
  firstName: ['firstname', 'givenname', 'forename', 'forenames'],
  lastName: ['lastname', 'surname', 'familyname'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'birthday'],
  sex: ['sex', 'gender'],
  email: ['email', 'emailaddress'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'mobilephone', 'telephone', 'telephonenumber', 'tel'],
  notes: ['notes', 'note', 'comments'],
};
const FIELD_OF_SPELLING = new Map(Object.entries(SPELLINGS).flatMap(([field, names]) => names.map((name) => [name, field as ImportField])));
const headerKey = (header: string) => header.toLowerCase().replace(/[\s_.-]+/g, '');
/** How each field's column may be named, for the message when it is missing. */
const EXAMPLE_HEADERS: Record<ImportField, string> = {
  firstName: 'firstName, first name, given name or forename',
  lastName: 'lastName, surname or family name',
  dateOfBirth: 'dateOfBirth, dob, date of birth or birth date',
  sex: 'sex or gender',
  email: 'email or e-mail',
  phone: 'phone, mobile or telephone',
  notes: 'notes',
};

/** One column of the file and the field it fills (null: not imported). */
export interface ImportColumn {
  header: string;
  field: ImportField | null;
}

/** A data row: its line in the file (the header is line 1 when the file starts with it) and its cells by field. */
export interface CsvPatientRow {
  line: number;
  cells: Partial<Record<ImportField, string>>;
  /** A problem with the row's shape (more cells than the header has columns), when there is one. */
  problem?: string;
}

export interface ParsedPatientCsv {
  columns: ImportColumn[];
  rows: CsvPatientRow[];
}

const badFile = (message: string, errors: FieldError[] = [{ field: 'file', message }]) => new AppError('validation_failed', message, errors);

/**
 * What csv-parse's errors mean for someone who exported the file from a spreadsheet, at `line`: where the record
 * that could not be read starts (csv-parse's own count is where it gave up, the end of the file for an unclosed quote).
 */
function explain(error: CsvError, line: number): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `line ${line}: a quoted value is never closed (a " is missing), so the rest of the file cannot be read`;
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `line ${line}: a " inside a value: put the whole value in quotes and double the quote ("")`;
    default:
      return `line ${line}: ${error.message}`;
  }
}

/** Counts line breaks (CRLF, LF or a lone CR) while walking forward through the file. */
class LineCounter {
  private position = 0;
  private line = 1;
  constructor(private readonly bytes: Buffer) {}

  /** The line of the byte at `offset` (offsets asked in increasing order). */
  lineAt(offset: number): number {
    const { bytes } = this;
    for (; this.position < offset && this.position < bytes.length; this.position++) {
      const byte = bytes[this.position];
      if (byte === 0x0a || (byte === 0x0d && bytes[this.position + 1] !== 0x0a)) this.line++;
    }
    return this.line;
  }

  /** The first byte at or after `offset` that does not end a line: where a record starts after skipped empty lines. */
  recordStart(offset: number): number {
    let at = offset;
    while (this.bytes[at] === 0x0a || this.bytes[at] === 0x0d) at++;
    return at;
  }
}

/**
 * Reads a patient CSV with csv-parse (quotes, commas and line breaks inside quotes, CRLF or LF, a BOM): the header
 * row maps columns to fields in any order; each following record becomes a row with the line it starts on (csv-parse
 * counts a CRLF inside a quoted value as two lines, so lines are counted here from the records' byte offsets).
 * Records whose cells are all blank are skipped. Answers 400 for a file that cannot be read (naming the line) or
 * whose header lacks a required column, 413 past MAX_IMPORT_ROWS rows.
 */
export function parsePatientCsv(text: string): ParsedPatientCsv {
  if (text.trim() === '') throw badFile('The file is empty: it needs a header row naming its columns, then one row per patient.');
  const bytes = Buffer.from(text, 'utf8');
  let cells: string[][];
  /** Where each record ends (the byte after its line break), as csv-parse counts while reading. */
  const ends: number[] = [];
  try {
    cells = parse(bytes, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      // The header, the most rows allowed and one more: enough to tell that a file is too long without reading it all.
      to: MAX_IMPORT_ROWS + 2,
      on_record: (record, context) => {
        ends.push(context.bytes);
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      // The record after the last one read whole.
      const counter = new LineCounter(bytes);
      const line = counter.lineAt(counter.recordStart(ends.at(-1) ?? 0));
      throw badFile(`The file could not be read as CSV: ${explain(error, line)}.`);
    }
    throw error;
  }
  const records = cells.map((record, index) => ({ cells: record, end: ends[index] }));
  if (records.length > MAX_IMPORT_ROWS + 1) {
    throw new AppError(
      'payload_too_large',
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows. Split it into files of at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows and import them one after the other.`,
      [{ field: 'file', message: `has more than ${MAX_IMPORT_ROWS} rows` }],
    );
  }

  const [header, ...data] = records;
  const lines = new LineCounter(bytes);
  const headerLine = lines.lineAt(lines.recordStart(0));
  const columns: ImportColumn[] = header.cells.map((cell) => ({ header: cell.trim(), field: FIELD_OF_SPELLING.get(headerKey(cell)) ?? null }));
  const problems: FieldError[] = [];
  for (const field of IMPORT_FIELDS) {
    const named = columns.filter((c) => c.field === field);
    if (named.length > 1) problems.push({ field, message: `is given by ${named.length} columns (${named.map((c) => `"${c.header}"`).join(', ')}): keep one` });
    if (named.length === 0 && REQUIRED.includes(field))
      problems.push({ field, message: `has no column: the header row needs one named ${EXAMPLE_HEADERS[field]}` });
  }
  if (problems.length) {
    throw badFile(
      `The header row (line ${headerLine}) does not name the columns an import needs: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
      problems,
    );
  }

  const rows: CsvPatientRow[] = [];
  let previousEnd = header.end;
  for (const record of data) {
    const line = lines.lineAt(lines.recordStart(previousEnd));
    previousEnd = record.end;
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    const cells: CsvPatientRow['cells'] = {};
    columns.forEach((column, index) => {
      if (column.field && record.cells[index] !== undefined) cells[column.field] = record.cells[index];
    });
    const extra = record.cells.slice(columns.length).filter((cell) => cell.trim() !== '').length;
    rows.push({
      line,
      cells,
      ...(extra ? { problem: `has ${record.cells.length} values but the header has ${columns.length} columns (a value with a comma in it needs quotes)` } : {}),
    });
  }
  return { columns, rows };
}

/** A date of birth as the CSV may write it: YYYY-MM-DD as it is, D/M/YYYY (or with . or -) rewritten YYYY-MM-DD. */
export function csvDate(cell: string): string {
  const trimmed = cell.trim();
  const match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(trimmed);
  return match ? `${match[4]}-${match[3].padStart(2, '0')}-${match[1].padStart(2, '0')}` : trimmed;
}

const SEX_CODES: Record<string, string> = { f: 'female', m: 'male', u: 'unspecified' };

/** A sex as the CSV may write it: female/male/unspecified, or F/M/U, in any case. */
export function csvSex(cell: string): string {
  const value = cell.trim().toLowerCase();
  return SEX_CODES[value] ?? value;
}
