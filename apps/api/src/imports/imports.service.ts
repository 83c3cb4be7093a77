import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { FieldError } from '../common/app-error.js';
import { textProblem } from '../common/input-limits.js';
import type { StaffActor } from '../common/request-context.js';
import { fieldErrors } from '../common/validation.js';
import { Transactions } from '../database/transactions.js';
import { CreatePatientDto } from '../patients/dto/patient-write.dto.js';
import { duplicateKeysOf, identityColumns, type DuplicateKeys, type MatchReason } from '../patients/patient-identity.js';
import type { ImportResultDto, ImportRowErrorDto } from './dto/import.dto.js';
import { ImportsRepository, type ImportedPatient } from './imports.repository.js';
import { csvDate, csvSex, IMPORT_FIELDS, parsePatientCsv, type CsvPatientRow } from './patient-csv.js';

/** A row that passed the patient DTO's rules, ready to be looked up and added. */
interface Candidate {
  line: number;
  patient: CreatePatientDto;
  keys: DuplicateKeys;
}

/** Rows validated between two turns of the event loop. */
const VALIDATION_SLICE = 250;

/** How long an import's transaction may take (10,000 rows take seconds; this is the ceiling, not the budget). */
const IMPORT_TIMEOUT_MS = 60_000;

/** Messages of the patient DTO's rules that read better for a CSV cell (the rule itself is the DTO's). */
const CSV_MESSAGES: Record<string, string> = {
  'dateOfBirth:isIsoDate': 'must be a real date written YYYY-MM-DD or DD/MM/YYYY',
  'sex:isIn': 'must be female, male or unspecified (or F, M, U)',
};

const REASON_WORDS: Record<MatchReason, string> = {
  name_and_date_of_birth: 'same name and date of birth',
  email: 'same email',
  phone: 'same phone',
};

/**
 * One row through the same rules as POST /api/patients: the cells (dates and sexes in the CSV's spellings rewritten
 * first) become a CreatePatientDto and class-validator checks it with that DTO's own decorators. Answers the patient,
 * or every bad field.
 */
function validateRow(row: CsvPatientRow): { patient: CreatePatientDto } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const plain: Record<string, string> = {};
  for (const field of IMPORT_FIELDS) {
    const cell = row.cells[field];
    if (cell === undefined) continue;
    const problem = textProblem(cell);
    if (problem) errors.push({ field, message: problem });
    // A blank cell is no value: a required field then "is required", an optional one stays empty.
    else if (cell.trim() !== '') plain[field] = field === 'dateOfBirth' ? csvDate(cell) : field === 'sex' ? csvSex(cell) : cell;
  }
  const patient = plainToInstance(CreatePatientDto, plain);
  const failures = validateSync(patient, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: true },
  });
  for (const failure of failures) {
    if (errors.some((e) => e.field === failure.property)) continue; // already named (unreadable text)
    const rule = Object.keys(failure.constraints ?? {})[0];
    for (const error of fieldErrors([failure])) errors.push({ field: error.field, message: CSV_MESSAGES[`${failure.property}:${rule}`] ?? error.message });
  }
  if (row.problem) errors.unshift({ field: 'row', message: row.problem });
  return errors.length ? { errors } : { patient };
}

/** The first earlier row of the file with the same name and date of birth, email or phone. */
class EarlierRows {
  private readonly seen: Record<MatchReason, Map<string, number>> = { name_and_date_of_birth: new Map(), email: new Map(), phone: new Map() };

  private static index(keys: DuplicateKeys): Record<MatchReason, string | null> {
    return { name_and_date_of_birth: keys.name && keys.born ? `${keys.name}\n${keys.born}` : null, email: keys.email, phone: keys.phone };
  }

  find(keys: DuplicateKeys): { line: number; reason: MatchReason } | undefined {
    let first: { line: number; reason: MatchReason } | undefined;
    for (const [reason, key] of Object.entries(EarlierRows.index(keys)) as [MatchReason, string | null][]) {
      const line = key === null ? undefined : this.seen[reason].get(key);
      if (line !== undefined && (!first || line < first.line)) first = { line, reason };
    }
    return first;
  }

  remember(line: number, keys: DuplicateKeys): void {
    for (const [reason, key] of Object.entries(EarlierRows.index(keys)) as [MatchReason, string | null][]) {
      if (key !== null && !this.seen[reason].has(key)) this.seen[reason].set(key, line);
    }
  }
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Checks (dryRun) or imports a CSV of patients. Every row meets the patient DTO's rules; a row that is the same
   * person as an existing patient (patient-identity.ts) is listed with that patient's id, one that repeats an earlier
   * row of the file is an error naming that line; the rest are added in one transaction, all or none, under the
   * practice's import lock. A dry run answers the same without adding anything (audited as a read of the duplicates
   * it shows).
   */
  async importPatients(actor: StaffActor, csv: string, dryRun: boolean): Promise<ImportResultDto> {
    const { columns, rows } = parsePatientCsv(csv);
    const errors: ImportRowErrorDto[] = [];
    const candidates: Candidate[] = [];
    for (const [index, row] of rows.entries()) {
      // Thousands of rows take a few seconds to validate: other requests get their turn every few hundred.
      if (index > 0 && index % VALIDATION_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const result = validateRow(row);
      if ('errors' in result) errors.push(...result.errors.map((e) => ({ row: row.line, ...e })));
      else candidates.push({ line: row.line, patient: result.patient, keys: duplicateKeysOf(result.patient) });
    }

    return this.transactions.run(
      async (tx) => {
        if (!dryRun) await this.imports.lockPracticeImports(actor.practiceId, `${IMPORT_TIMEOUT_MS}ms`, tx);
        const existing = await this.imports.existingDuplicates(
          actor.practiceId,
          candidates.map((c) => ({ line: c.line, ...c.keys })),
          tx,
        );
        const duplicates: ImportResultDto['duplicates'] = [];
        const added: ImportedPatient[] = [];
        const earlier = new EarlierRows();
        for (const { line, patient, keys } of candidates) {
          const patientId = existing.get(line);
          const repeat = patientId ? undefined : earlier.find(keys);
          earlier.remember(line, keys);
          if (patientId) duplicates.push({ row: line, patientId });
          else if (repeat) errors.push({ row: line, field: 'row', message: `is the same patient as line ${repeat.line} (${REASON_WORDS[repeat.reason]})` });
          else added.push(toImported(patient));
        }
        errors.sort((a, b) => a.row - b.row);
        const shown = [...new Set(duplicates.map((d) => d.patientId))];
        let imported = added.length;
        if (dryRun) {
          await this.audit.record({ action: 'read', resourceType: 'patient_import', patientIds: shown }, tx);
        } else {
          imported = await this.imports.insert(this.audit.context(actor.practiceId), added, shown, tx);
        }
        return { rows: rows.length, imported, duplicates, errors, columns };
      },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
  }
}

function toImported(patient: CreatePatientDto): ImportedPatient {
  const email = patient.email ?? null;
  const phone = patient.phone ?? null;
  return {
    id: randomUUID(),
    firstName: patient.firstName,
    lastName: patient.lastName,
    ...identityColumns({ firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dateOfBirth, email, phone }),
    dateOfBirth: patient.dateOfBirth,
    sex: patient.sex,
    email,
    phone,
    notes: patient.notes ?? null,
  };
}
