import { Injectable, Logger } from '@nestjs/common';
import { Readable, pipeline } from 'node:stream';
import type { Bundle } from '@medplum/fhirtypes';
import { EXERCISES } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { CSV_FORMATS, csvStringifier } from './csv-export.js';
import { ExportRepository, FIRST_ID, type CsvKind, type PracticeExerciseName } from './export.repository.js';
import { patientBundle, patientResources, type FhirContext } from './fhir/fhir-builder.js';

/** Patients per statement of the FHIR bulk export (each with their whole record). */
export const FHIR_BATCH_SIZE = 200;
/** Rows per statement of a CSV export. */
export const CSV_BATCH_SIZE = 1000;

const BUILT_IN_NAMES = new Map<string, string>(EXERCISES.map((e) => [e.code, e.name]));

function exerciseNames(own: PracticeExerciseName[]): (code: string) => string {
  const names = new Map([...own.map((e) => [e.code, e.name] as const), ...BUILT_IN_NAMES]);
  return (code) => names.get(code) ?? code;
}

/**
 * The data-out side of Upright: one patient's record as a FHIR Bundle, and the practice's whole data as FHIR NDJSON
 * or CSV, streamed. Every read writes its `export` audit row in the same statement as the data it reads; a streamed
 * export reads batch by batch (keyset on the primary key, each batch one statement on the pool, so no connection is
 * held while the client downloads) and pulls the next batch only when the client has taken the last one.
 */
@Injectable()
export class ExportService {
  private readonly logger = new Logger('Export');

  constructor(
    private readonly repository: ExportRepository,
    private readonly audit: AuditService,
  ) {}

  /** The patient's record as a FHIR R4 Bundle (collection); 404 for a patient outside the practice. */
  async patientBundle(practiceId: string, patientId: string): Promise<Bundle> {
    const record = await this.repository.patientRecordAudited(this.audit.context(practiceId), patientId);
    if (!record) throw new AppError('not_found', 'No such patient in your practice.');
    return patientBundle(record, { practiceName: record.practiceName, exerciseName: exerciseNames(record.exercises) });
  }

  /**
   * Every patient's record as FHIR NDJSON: one resource per line, references as `Type/id`. The first batch (and its
   * audit row) is read before anything is answered, so a failure there is still an error answer; after that a failure
   * ends the download early (the client sees it cut off, never a partial file passed off as whole).
   */
  async fhirNdjson(practiceId: string): Promise<Readable> {
    const audit = this.audit.context(practiceId);
    const { practiceName, exercises } = await this.repository.practiceContext(practiceId);
    const context: FhirContext = { references: 'relative', practiceName, exerciseName: exerciseNames(exercises) };
    const repository = this.repository;
    const first = await repository.recordBatchAudited(audit, FIRST_ID, FHIR_BATCH_SIZE);
    async function* lines(): AsyncGenerator<string> {
      let batch = first;
      for (;;) {
        for (let i = 0; i < batch.length; i++) {
          const record = batch[i];
          yield `${patientResources(record, context)
            .map((resource) => JSON.stringify(resource))
            .join('\n')}\n`;
        }
        if (batch.length < FHIR_BATCH_SIZE) return;
        batch = await repository.recordBatchAudited(audit, batch[batch.length - 1].id, FHIR_BATCH_SIZE);
      }
    }
    return this.stream(Readable.from(lines(), { objectMode: false, highWaterMark: 64 * 1024 }), 'fhir');
  }

  /** One kind of record of the whole practice as CSV (header row first), streamed like the NDJSON export. */
  async csv(practiceId: string, kind: CsvKind): Promise<Readable> {
    const audit = this.audit.context(practiceId);
    const repository = this.repository;
    const { record } = CSV_FORMATS[kind];
    const first = await repository.csvBatchAudited(audit, kind, FIRST_ID, CSV_BATCH_SIZE);
    async function* rows() {
      let batch = first;
      for (;;) {
        for (const row of batch) yield record(row);
        if (batch.length < CSV_BATCH_SIZE) return;
        batch = await repository.csvBatchAudited(audit, kind, batch[batch.length - 1].id, CSV_BATCH_SIZE);
      }
    }
    // pipeline: when the client goes away, Fastify destroys the stringifier and the pipeline ends the row generator.
    const out = pipeline(Readable.from(rows(), { highWaterMark: 64 }), csvStringifier(kind), (error) => {
      if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.error({ err: error, kind }, 'CSV export failed midway');
    });
    return out;
  }

  private stream(readable: Readable, what: string): Readable {
    readable.on('error', (error) => this.logger.error({ err: error, what }, 'Export failed midway'));
    return readable;
  }
}
