import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { StaffActor } from '../common/request-context.js';
import { decodeCursor, Page, toPage } from '../common/pagination.js';
import { searchable } from '../common/names.js';
import type { Patient } from '../generated/prisma/client.js';
import type { PatientDto, PatientListQueryDto } from './dto/patient.dto.js';
import { PatientsRepository } from './patients.repository.js';

export function toPatientDto(p: Patient): PatientDto {
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth.toISOString().slice(0, 10),
    sex: p.sex,
    email: p.email,
    phone: p.phone,
    notes: p.notes,
    archivedAt: p.archivedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

@Injectable()
export class PatientsService {
  constructor(
    private readonly patients: PatientsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The patient, scoped to the caller's practice; 404 when it does not exist or belongs to another practice.
   * Other modules call this before touching a patient's records.
   */
  async require(practiceId: string, patientId: string): Promise<Patient> {
    const patient = await this.patients.find(practiceId, patientId);
    if (!patient) throw new AppError('not_found', 'No such patient in your practice.');
    return patient;
  }

  async list(actor: StaffActor, query: PatientListQueryDto): Promise<Page<PatientDto>> {
    const search = query.q ? searchable(query.q) : undefined;
    const rows = await this.patients.list(actor.practiceId, {
      search: search || undefined,
      archived: query.archived ?? false,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    });
    await this.audit.record({ action: 'read', resourceType: 'patient_list' });
    return toPage(rows, query.limit, (r) => r.createdAt, toPatientDto);
  }
}
