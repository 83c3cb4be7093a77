import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { fromIsoDate } from '../common/dates.js';
import { staleVersion } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { decodeCursor, Page, toPage } from '../common/pagination.js';
import type { Tx } from '../database/prisma.service.js';
import { Transactions } from '../database/transactions.js';
import type { Patient } from '../generated/prisma/client.js';
import type { PatientDto, PatientListQueryDto } from './dto/patient.dto.js';
import type { CreatePatientDto, UpdatePatientDto } from './dto/patient-write.dto.js';
import type { DuplicateListDto, DuplicateQueryDto } from './dto/patient-duplicates.dto.js';
import { duplicateKeysOf, identityColumns, searchPatternOf } from './patient-identity.js';
import { PatientFields, PatientsRepository } from './patients.repository.js';

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

/** The answer for a patient that does not exist, or belongs to another practice (never told apart). */
export const patientNotFound = () => new AppError('not_found', 'No such patient in your practice.');

@Injectable()
export class PatientsService {
  constructor(
    private readonly patients: PatientsRepository,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
  ) {}

  /**
   * The patient, scoped to the caller's practice; 404 when it does not exist or belongs to another practice.
   * Other modules call this before touching a patient's records.
   */
  async require(practiceId: string, patientId: string, tx?: Tx): Promise<Patient> {
    const patient = await this.patients.find(practiceId, patientId, tx);
    if (!patient) throw patientNotFound();
    return patient;
  }

  /**
   * Like `require`, for adding a new clinical record: an archived patient is inactive (hidden from lists), so
   * new records wait until someone restores them (409 conflict). Reading and correcting old records still work.
   */
  async requireActive(practiceId: string, patientId: string, tx?: Tx): Promise<Patient> {
    const patient = await this.require(practiceId, patientId, tx);
    if (patient.archivedAt) throw new AppError('conflict', 'This patient is archived. Restore them to add new records.');
    return patient;
  }

  async list(actor: StaffActor, query: PatientListQueryDto): Promise<Page<PatientDto>> {
    // A name, part of an email, a phone number in any format or a date of birth: one term (patient-identity.ts).
    const search = query.q ? searchPatternOf(query.q) : undefined;
    // The page and its audit row are one statement.
    const rows = await this.patients.listAudited(this.audit.context(actor.practiceId), {
      search,
      archived: query.archived ?? false,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (r) => new Date(r.createdAt),
      (r) => r,
    );
  }

  /**
   * Existing patients a record about to be registered looks like (same name and date of birth, same email, same
   * phone): the new-patient form asks before saving when there are any. The read and its audit row (listing the ids
   * shown) are one statement.
   */
  async duplicates(actor: StaffActor, query: DuplicateQueryDto): Promise<DuplicateListDto> {
    const keys = duplicateKeysOf(query);
    if (!keys.name && !keys.email && !keys.phone) {
      throw new AppError('validation_failed', 'Send firstName, lastName and dateOfBirth, or email, or phone.', [
        { field: 'query', message: 'needs firstName, lastName and dateOfBirth, or email, or phone' },
      ]);
    }
    return { items: await this.patients.duplicatesAudited(this.audit.context(actor.practiceId), keys) };
  }

  /** One patient, archived or not; the read is audited before the data leaves. */
  async get(actor: StaffActor, patientId: string): Promise<PatientDto> {
    // The read and its audit row are one statement: no answer without its audit row.
    const patient = await this.patients.findAudited(this.audit.context(actor.practiceId), patientId);
    if (!patient) throw patientNotFound();
    return patient;
  }

  async create(actor: StaffActor, body: CreatePatientDto): Promise<PatientDto> {
    const id = randomUUID();
    return this.transactions.run(async (tx) => {
      const patient = await this.patients.create(
        actor.practiceId,
        {
          id,
          firstName: body.firstName,
          lastName: body.lastName,
          ...identityColumns({ ...body, email: body.email ?? null, phone: body.phone ?? null }),
          dateOfBirth: fromIsoDate(body.dateOfBirth),
          sex: body.sex,
          email: body.email ?? null,
          phone: body.phone ?? null,
          notes: body.notes ?? null,
          createdBy: actor.userId,
        },
        tx,
      );
      await this.audit.record({ action: 'create', resourceType: 'patient', resourceId: id, patientId: id }, tx);
      return toPatientDto(patient);
    });
  }

  /**
   * Applies the fields sent, provided nobody changed the patient since the client read `expectedVersion`
   * (checked in the UPDATE itself, so two concurrent editors cannot both win).
   */
  async update(actor: StaffActor, patientId: string, expectedVersion: number, changes: UpdatePatientDto): Promise<PatientDto> {
    return this.transactions.run(async (tx) => {
      // Existence first: another practice's patient is a 404 whatever the body says.
      const current = await this.require(actor.practiceId, patientId, tx);
      if (Object.values(changes).every((value) => value === undefined)) throw new AppError('validation_failed', 'Send at least one field to change.');
      if (current.version !== expectedVersion) throw staleVersion(current.version);
      const data: PatientFields = {
        firstName: changes.firstName,
        lastName: changes.lastName,
        dateOfBirth: changes.dateOfBirth === undefined ? undefined : fromIsoDate(changes.dateOfBirth),
        sex: changes.sex,
        email: changes.email,
        phone: changes.phone,
        notes: changes.notes,
      };
      // The search and duplicate keys follow every detail they are made of (patient-identity.ts).
      if ([changes.firstName, changes.lastName, changes.dateOfBirth, changes.email, changes.phone].some((value) => value !== undefined)) {
        Object.assign(
          data,
          identityColumns({
            firstName: changes.firstName ?? current.firstName,
            lastName: changes.lastName ?? current.lastName,
            dateOfBirth: changes.dateOfBirth ?? current.dateOfBirth.toISOString().slice(0, 10),
            email: changes.email === undefined ? current.email : changes.email,
            phone: changes.phone === undefined ? current.phone : changes.phone,
          }),
        );
      }
      if (!(await this.patients.updateAtVersion(actor.practiceId, patientId, expectedVersion, data, tx))) {
        // Changed (or gone) between our read and the update.
        const now = await this.require(actor.practiceId, patientId, tx);
        throw staleVersion(now.version);
      }
      const updated = await this.require(actor.practiceId, patientId, tx);
      await this.audit.record({ action: 'update', resourceType: 'patient', resourceId: patientId, patientId }, tx);
      return toPatientDto(updated);
    });
  }

  /** Hides the patient from lists; nothing is deleted. Archiving again keeps the first archive date. */
  async archive(actor: StaffActor, patientId: string): Promise<PatientDto> {
    return this.transactions.run(async (tx) => {
      await this.require(actor.practiceId, patientId, tx);
      await this.patients.archive(actor.practiceId, patientId, new Date(), tx);
      const patient = await this.require(actor.practiceId, patientId, tx);
      await this.audit.record({ action: 'archive', resourceType: 'patient', resourceId: patientId, patientId }, tx);
      return toPatientDto(patient);
    });
  }

  /** Brings an archived patient back into the lists (a no-op for a current patient). */
  async restore(actor: StaffActor, patientId: string): Promise<PatientDto> {
    return this.transactions.run(async (tx) => {
      await this.require(actor.practiceId, patientId, tx);
      await this.patients.restore(actor.practiceId, patientId, tx);
      const patient = await this.require(actor.practiceId, patientId, tx);
      await this.audit.record({ action: 'update', resourceType: 'patient', resourceId: patientId, patientId }, tx);
      return toPatientDto(patient);
    });
  }
}
