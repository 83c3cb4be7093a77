'use client';
import { useRef, useState, type DragEvent } from 'react';
import { TableFrame } from '@/components/table-frame';
import { Button, ButtonLink, Card, ErrorMessage, Spinner, TextLink } from '@/components/ui';
import type { ImportField, ImportResult, Problem } from '@/lib/api/client';
import { sentence } from '@/lib/problems';
import { sendImport, type UploadProgress } from './upload';

/** The API's own limits (a larger file is refused before it is sent). */
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 10_000;
/** Rows of each table shown at once: a file of thousands of bad rows would otherwise make a page nobody can use. */
const SHOWN = 200;

const FIELD_LABELS: Record<ImportField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  email: 'Email',
  phone: 'Phone',
  notes: 'Notes',
};

type Phase = 'idle' | 'checking' | 'checked' | 'importing' | 'done';

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The column a field came from, as the file's header names it. */
function columnOf(result: ImportResult, field: string): string {
  if (field === 'row') return 'Whole row';
  const column = result.columns.find((c) => c.field === field);
  return column?.header || FIELD_LABELS[field as ImportField] || field;
}

/** While a file is sent and read: the upload's progress, then a busy state while the API checks the rows. */
function Progress({ progress, verb }: { progress: UploadProgress | null; verb: string }) {
  const uploaded = progress && progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  const sending = !progress || progress.loaded < progress.total;
  return (
    <div className="mt-4 rounded-xl bg-slate-50 p-4" aria-busy="true">
      <div className="flex items-center gap-2 text-sm font-medium text-slate-800" role="status">
        <Spinner />
        {sending ? `Uploading the file… ${uploaded}%` : `${verb} the rows… a large file takes a few seconds.`}
      </div>
      <progress className="mt-3 h-2 w-full accent-brand-600" max={100} value={sending ? uploaded : undefined} aria-label="Upload progress">
        {uploaded}%
      </progress>
    </div>
  );
}

function Counts({ result, dryRun }: { result: ImportResult; dryRun: boolean }) {
  const badRows = new Set(result.errors.map((e) => e.row)).size;
  const items: [string, number][] = [
    ['Rows in the file', result.rows],
    [dryRun ? 'To import' : 'Imported', result.imported],
    ['Already in Upright', result.duplicates.length],
    ['Rows with problems', badRows],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-xl border border-slate-200 p-3">
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`count-${label.toLowerCase().replace(/\s+/g, '-')}`}>
            {value.toLocaleString('en-GB')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Columns({ result }: { result: ImportResult }) {
  return (
    <div>
      <h3 className="text-sm font-semibold">Columns</h3>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        {result.columns.map((c, i) => (
          <li key={`${i}-${c.header}`} className={`rounded-lg px-2 py-1 ${c.field ? 'bg-brand-50 text-brand-800' : 'bg-slate-100 text-slate-600'}`}>
            {c.header || `(column ${i + 1})`} → {c.field ? FIELD_LABELS[c.field] : 'not imported'}
          </li>
        ))}
      </ul>
    </div>
  );
}

function More({ total, what }: { total: number; what: string }) {
  return total > SHOWN ? (
    <p className="mt-2 text-sm text-slate-600">
      Showing the first {SHOWN.toLocaleString('en-GB')} of {count(total, what)}. Correct these in the file and check it again to see the rest.
    </p>
  ) : null;
}

function Problems({ result }: { result: ImportResult }) {
  if (!result.errors.length) return null;
  return (
    <section aria-labelledby="import-errors">
      <h3 id="import-errors" className="text-sm font-semibold">
        Rows that will not be imported ({count(new Set(result.errors.map((e) => e.row)).size, 'row')})
      </h3>
      <TableFrame label="Rows with problems" className="mt-2 rounded-xl border border-slate-200">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Line
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Column
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Problem
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="import-errors">
            {result.errors.slice(0, SHOWN).map((e, i) => (
              <tr key={`${e.row}-${e.field}-${i}`} className="align-top">
                <td className="px-3 py-2 tabular-nums">{e.row}</td>
                <td className="px-3 py-2 break-words">{columnOf(result, e.field)}</td>
                <td className="px-3 py-2 break-words">{sentence(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      <More total={result.errors.length} what="problem" />
    </section>
  );
}

function Duplicates({ result }: { result: ImportResult }) {
  if (!result.duplicates.length) return null;
  return (
    <section aria-labelledby="import-duplicates">
      <h3 id="import-duplicates" className="text-sm font-semibold">
        Already in Upright ({count(result.duplicates.length, 'row')}): not imported again
      </h3>
      <p className="mt-1 text-sm text-slate-600">Same name and date of birth, same email or same phone as a patient you have.</p>
      <TableFrame label="Rows already in Upright" className="mt-2 rounded-xl border border-slate-200">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Line
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Existing patient
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="import-duplicates">
            {result.duplicates.slice(0, SHOWN).map((d) => (
              <tr key={d.row}>
                <td className="px-3 py-2 tabular-nums">{d.row}</td>
                <td className="px-3 py-2">
                  <TextLink href={`/patients/${d.patientId}`} aria-label={`Open the existing patient for line ${d.row}`}>
                    Open their record
                  </TextLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      <More total={result.duplicates.length} what="row" />
    </section>
  );
}

/** A refusal of the whole file: what the API said, and each thing it named. */
function Refusal({ problem }: { problem: Problem }) {
  return (
    <div className="mt-4 space-y-2">
      <ErrorMessage>{problem.detail || problem.title}</ErrorMessage>
      {problem.errors && problem.errors.length > 1 && (
        <ul className="list-disc pl-5 text-sm text-red-800">
          {problem.errors.map((e, i) => (
            <li key={i}>
              {e.field === 'file' ? '' : `${FIELD_LABELS[e.field as ImportField] ?? e.field}: `}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The admin's patient import: choose (or drop) a CSV file, check it (the API's dry run) with the upload's progress
 * and a busy state while the rows are read, see what would happen (counts, each row's problems by line and column,
 * the rows that are patients already), then import the good, new rows and see the result.
 */
export function PatientImport() {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const busy = phase === 'checking' || phase === 'importing';

  function choose(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setProgress(null);
    setPhase('idle');
    setProblem(
      chosen && chosen.size > MAX_BYTES
        ? {
            type: 'about:blank',
            title: 'File too large',
            status: 413,
            detail: `This file is ${formatBytes(chosen.size)}; the largest file Upright imports is 5 MB (${MAX_ROWS.toLocaleString('en-GB')} rows). Split it into smaller files and import them one after the other.`,
            instance: '/admin/import',
            code: 'payload_too_large',
          }
        : null,
    );
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  }

  async function send(dryRun: boolean) {
    if (!file || busy) return;
    setPhase(dryRun ? 'checking' : 'importing');
    setProblem(null);
    setProgress(null);
    const answer = await sendImport(file, dryRun, setProgress);
    if (!answer.ok) {
      setProblem(answer.problem);
      setPhase(dryRun ? 'idle' : 'checked');
      return;
    }
    if (dryRun) {
      setPreview(answer.result);
      setPhase('checked');
      requestAnimationFrame(() => previewRef.current?.focus());
    } else {
      setResult(answer.result);
      setPhase('done');
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  function startAgain() {
    choose(null);
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  }

  return (
    <div className="space-y-6">
      <Card title="1. Choose the file">
        <div
          onDragOver={(e) => {
            e.preventDefault();
            if (!busy) setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-drop-zone"
          className={`rounded-xl border-2 border-dashed p-4 transition-colors ${dragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300'}`}
        >
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
            CSV file
          </label>
          <input
            ref={inputRef}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            aria-describedby="import-file-hint"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
            className="mt-2 block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-50"
          />
          <p id="import-file-hint" className="mt-2 text-xs text-slate-600">
            Choose the file, or drop it here. One row per patient after a header row naming the columns: first name, last name, date of birth (YYYY-MM-DD or
            DD/MM/YYYY), sex (female, male, unspecified, or F, M, U), and if you have them email, phone and notes. Other columns are left out. Save it from your
            spreadsheet as “CSV UTF-8”; at most {MAX_ROWS.toLocaleString('en-GB')} rows (5 MB).
          </p>
        </div>
        {file && (
          <p className="mt-3 text-sm text-slate-700" data-testid="import-file-name">
            <span className="font-medium break-all">{file.name}</span> · {formatBytes(file.size)}
          </p>
        )}
        <div className="mt-4 flex flex-wrap gap-2">
          <Button onClick={() => void send(true)} disabled={!file || (problem?.status === 413 && phase === 'idle')} pending={phase === 'checking'}>
            {phase === 'checking' ? 'Checking…' : 'Check file'}
          </Button>
        </div>
        {phase === 'checking' && <Progress progress={progress} verb="Checking" />}
        {problem && phase !== 'checked' && <Refusal problem={problem} />}
      </Card>

      {preview && phase !== 'done' && (
        <Card>
          <h2 ref={previewRef} tabIndex={-1} className="mb-4 text-lg font-semibold tracking-tight focus:outline-none">
            2. Check what will happen
          </h2>
          <div className="space-y-6">
            <Counts result={preview} dryRun />
            <Columns result={preview} />
            <Problems result={preview} />
            <Duplicates result={preview} />
            {preview.rows === 0 && <p className="text-sm text-slate-700">The file has a header row but no patients.</p>}
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-5">
              <Button onClick={() => void send(false)} disabled={preview.imported === 0} pending={phase === 'importing'}>
                {phase === 'importing' ? 'Importing…' : preview.imported === 0 ? 'Nothing to import' : `Import ${count(preview.imported, 'patient')}`}
              </Button>
              <Button variant="ghost" onClick={startAgain} disabled={phase === 'importing'}>
                Choose another file
              </Button>
            </div>
            {phase === 'importing' && <Progress progress={progress} verb="Importing" />}
            {problem && phase === 'checked' && <Refusal problem={problem} />}
          </div>
        </Card>
      )}

      {result && (
        <Card>
          <h2 ref={resultRef} tabIndex={-1} className="mb-4 text-lg font-semibold tracking-tight focus:outline-none">
            Import finished
          </h2>
          <div className="space-y-6">
            <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              {result.imported === 0 ? 'No patients were added.' : `${count(result.imported, 'patient')} added.`}
              {preview && result.imported !== preview.imported && ' The check found a different number: patients were added or changed in between.'}
            </p>
            <Counts result={result} dryRun={false} />
            <Problems result={result} />
            <Duplicates result={result} />
            <div className="flex flex-wrap gap-2">
              <ButtonLink href="/patients" variant="primary">
                Go to patients
              </ButtonLink>
              <Button variant="secondary" onClick={startAgain}>
                Import another file
              </Button>
            </div>
          </div>
        </Card>
      )}
    </div>
  );
}
