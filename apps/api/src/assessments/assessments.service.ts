import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { assessPosture, comparePosture, type PosturalMeasurements, type PosturalReport } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { ageOn, fromIsoDate, toIsoDate } from '../common/dates.js';
import { decodeCursor, Page, toPage } from '../common/pagination.js';
import type { StaffActor } from '../common/request-context.js';
import { requireNotBeforeBirth } from '../episodes/clinical-dates.js';
import type { EnteredInErrorDto } from '../episodes/dto/entered-in-error.dto.js';
import type { Assessment } from '../generated/prisma/client.js';
import { PatientsService } from '../patients/patients.service.js';
import { AssessmentsRepository } from './assessments.repository.js';
import type { AssessmentComparisonDto, AssessmentDto, AssessmentListQueryDto, CompareAssessmentsQueryDto, CreateAssessmentDto } from './dto/assessment.dto.js';
import { takenMeasurements } from './dto/measurements.dto.js';
import { Transactions } from '../database/transactions.js';

export function toAssessmentDto(a: Assessment): AssessmentDto {
  return {
    id: a.id,
    patientId: a.patientId,
    assessedOn: toIsoDate(a.assessedOn),
    measurements: a.measurements as PosturalMeasurements,
    notes: a.notes,
    report: a.report as unknown as PosturalReport,
    status: a.status,
    statusReason: a.statusReason,
    createdAt: a.createdAt.toISOString(),
    createdBy: a.createdBy,
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
  };
}

@Injectable()
export class AssessmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly assessments: AssessmentsRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a postural assessment with the report computed here from the patient's sex and age on the day of the
   * assessment; only the measurements that were taken are stored.
   */
  async create(actor: StaffActor, patientId: string, body: CreateAssessmentDto): Promise<AssessmentDto> {
    const patient = await this.patients.requireActive(actor.practiceId, patientId);
    requireNotBeforeBirth(patient.dateOfBirth, body.assessedOn, 'assessedOn');
    const measurements = takenMeasurements(body.measurements);
    const report = assessPosture({ sex: patient.sex, age: ageOn(toIsoDate(patient.dateOfBirth), body.assessedOn), measurements });
    const row = await this.transactions.run(async (tx) => {
      const created = await this.assessments.create(
        {
          id: randomUUID(),
          practiceId: actor.practiceId,
          patientId,
          assessedOn: fromIsoDate(body.assessedOn),
          measurements: measurements as object,
          notes: body.notes ?? null,
          report: report as object,
          refer: report.refer,
          rulesetVersion: report.rulesetVersion,
          createdBy: actor.userId,
        },
        tx,
      );
      await this.audit.record({ action: 'create', resourceType: 'assessment', resourceId: created.id, patientId }, tx);
      return created;
    });
    return toAssessmentDto(row);
  }

  async list(actor: StaffActor, patientId: string, query: AssessmentListQueryDto): Promise<Page<AssessmentDto>> {
    await this.patients.require(actor.practiceId, patientId);
    const rows = await this.assessments.list(actor.practiceId, patientId, {
      status: query.status,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    });
    await this.audit.record({ action: 'read', resourceType: 'assessment', resourceId: null, patientId });
    return toPage(rows, query.limit, (r) => r.assessedOn, toAssessmentDto);
  }

  async get(actor: StaffActor, patientId: string, assessmentId: string): Promise<AssessmentDto> {
    await this.patients.require(actor.practiceId, patientId);
    const assessment = await this.require(actor.practiceId, patientId, assessmentId);
    await this.audit.record({ action: 'read', resourceType: 'assessment', resourceId: assessment.id, patientId });
    return toAssessmentDto(assessment);
  }

  /**
   * How the postural indices moved from one assessment to another. Both must be this patient's; one marked
   * entered in error cannot be compared (409), since its figures are known to be wrong.
   */
  async compare(actor: StaffActor, patientId: string, query: CompareAssessmentsQueryDto): Promise<AssessmentComparisonDto> {
    await this.patients.require(actor.practiceId, patientId);
    const missing = (['before', 'after'] as const).filter((key) => query[key] === undefined);
    if (missing.length > 0) {
      throw new AppError(
        'validation_failed',
        missing.map((key) => `${key}: is required`).join('; '),
        missing.map((field) => ({ field, message: 'is required' })),
      );
    }
    const before = await this.require(actor.practiceId, patientId, query.before!);
    const after = await this.require(actor.practiceId, patientId, query.after!);
    for (const a of [before, after]) {
      if (a.status === 'entered_in_error') throw new AppError('conflict', `Assessment ${a.id} is marked entered in error and cannot be compared.`);
    }
    const changes = comparePosture(before.report as unknown as PosturalReport, after.report as unknown as PosturalReport);
    await this.audit.record({ action: 'read', resourceType: 'assessment', resourceId: null, patientId });
    return {
      before: { id: before.id, assessedOn: toIsoDate(before.assessedOn) },
      after: { id: after.id, assessedOn: toIsoDate(after.assessedOn) },
      changes,
    };
  }

  /** Marks an assessment entered in error (never deleted); 409 when it already is. */
  async markEnteredInError(actor: StaffActor, patientId: string, assessmentId: string, body: EnteredInErrorDto): Promise<AssessmentDto> {
    await this.patients.require(actor.practiceId, patientId);
    const row = await this.transactions.run(async (tx) => {
      const marked = await this.assessments.markEnteredInError(actor.practiceId, patientId, assessmentId, body.reason, tx);
      const current = await this.assessments.find(actor.practiceId, patientId, assessmentId, tx);
      if (!current) throw notFound();
      if (!marked) throw new AppError('conflict', 'This assessment is already marked entered in error.');
      await this.audit.record({ action: 'update', resourceType: 'assessment', resourceId: assessmentId, patientId }, tx);
      return current;
    });
    return toAssessmentDto(row);
  }

  /** The assessment of this patient in the caller's practice; 404 otherwise. */
  private async require(practiceId: string, patientId: string, assessmentId: string): Promise<Assessment> {
    const assessment = await this.assessments.find(practiceId, patientId, assessmentId);
    if (!assessment) throw notFound();
    return assessment;
  }
}

function notFound(): AppError {
  return new AppError('not_found', 'No such assessment for this patient.');
}
