import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isWithinWorkingHours, toZonedIso } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { currentTimeZone } from '../common/dates.js';
import { staleVersion } from '../common/if-match.js';
import type { StaffActor } from '../common/request-context.js';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { Transactions } from '../database/transactions.js';
import type { Appointment } from '../generated/prisma/client.js';
import { PatientsService } from '../patients/patients.service.js';
import { AppointmentsRepository, type CalendarRow } from './appointments.repository.js';
import type {
  AppointmentDto,
  AppointmentListDto,
  AppointmentListQueryDto,
  AppointmentStatus,
  AppointmentStatusDto,
  CancelAppointmentDto,
  CreateAppointmentDto,
  MoveAppointmentDto,
  OverrideDto,
} from './dto/scheduling.dto.js';
import { rangeInstants, SchedulingService } from './scheduling.service.js';

/** From which statuses each recorded status may be reached. */
const STATUS_FROM: Record<AppointmentStatusDto['status'], AppointmentStatus[]> = {
  arrived: ['booked'],
  no_show: ['booked'],
  completed: ['booked', 'arrived'],
};

type Row = Pick<
  CalendarRow,
  | 'id'
  | 'patientId'
  | 'clinicianId'
  | 'typeId'
  | 'startAt'
  | 'endAt'
  | 'status'
  | 'cancelReason'
  | 'overrideReason'
  | 'episodeId'
  | 'planId'
  | 'note'
  | 'createdBy'
  | 'version'
> & { firstName: string; lastName: string; createdAt: string | Date; updatedAt: string | Date };

const isoOf = (value: string | Date) => (typeof value === 'string' ? value : value.toISOString());

/** The answer for this caller: reception sees names and times, never the clinical fields (note, episode, plan). */
export function toAppointmentDto(row: Row, actor: StaffActor, timeZone: string): AppointmentDto {
  const dto: AppointmentDto = {
    id: row.id,
    patientId: row.patientId,
    patient: { id: row.patientId, firstName: row.firstName, lastName: row.lastName },
    clinicianId: row.clinicianId,
    typeId: row.typeId,
    start: toZonedIso(row.startAt, timeZone),
    end: toZonedIso(row.endAt, timeZone),
    status: row.status as AppointmentStatus,
    cancelReason: row.cancelReason,
    overrideReason: row.overrideReason,
    createdBy: row.createdBy,
    createdAt: isoOf(row.createdAt),
    updatedAt: isoOf(row.updatedAt),
    version: row.version,
  };
  if (actor.role !== 'reception') Object.assign(dto, { episodeId: row.episodeId, planId: row.planId, note: row.note });
  return dto;
}

/**
 * Appointments: booking, moving, cancelling and recording what happened. No double-booking is the database's
 * exclusion constraint (a violation answers 409 slot_taken, mapped in common/database-errors.ts); working hours
 * are checked here with the domain's isWithinWorkingHours in the practice's time zone (409 outside_hours unless
 * an admin sends override.reason; anyone else's override is 403).
 *
 * Email hooks for the integrator: `create`, `move`, `cancel` each run one `Transactions.run` (the change and its
 * audit row); a notification enqueued inside that callback commits with the booking.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly patients: PatientsService,
    private readonly scheduling: SchedulingService,
    private readonly repository: AppointmentsRepository,
  ) {}

  async list(actor: StaffActor, query: AppointmentListQueryDto): Promise<AppointmentListDto> {
    const timeZone = currentTimeZone();
    const range = rangeInstants(query, timeZone);
    const rows = await this.repository.calendar(
      this.audit.context(actor.practiceId),
      range.start,
      range.end,
      query.clinicianId ?? null,
      query.patientId ?? null,
    );
    return { items: rows.map((r) => toAppointmentDto(r, actor, timeZone)) };
  }

  async get(actor: StaffActor, id: string): Promise<AppointmentDto> {
    const row = await this.require(actor.practiceId, id);
    await this.audit.record({ action: 'read', resourceType: 'appointment', resourceId: id, patientId: row.patientId });
    return toAppointmentDto(row, actor, currentTimeZone());
  }

  async create(actor: StaffActor, body: CreateAppointmentDto): Promise<AppointmentDto> {
    requireOverrideRight(actor, body.override);
    const { practiceId } = actor;
    const patient = await this.patients.requireActive(practiceId, body.patientId);
    const clinician = await this.scheduling.requireBookableClinician(practiceId, body.clinicianId);
    const type = await this.scheduling.requireBookableType(practiceId, body.typeId);
    if (body.episodeId && !(await this.prisma.episode.findFirst({ where: { practiceId, patientId: patient.id, id: body.episodeId } })))
      throw invalid('episodeId', 'must be one of this patient’s episodes');
    if (body.planId && !(await this.prisma.plan.findFirst({ where: { practiceId, patientId: patient.id, id: body.planId } })))
      throw invalid('planId', 'must be one of this patient’s plans');
    const startAt = new Date(Date.parse(body.start));
    const endAt = new Date(startAt.getTime() + type.durationMinutes * 60_000);
    const overrideReason = await this.checkHours(practiceId, clinician.id, startAt, endAt, body.override);
    const created = await this.transactions.run(async (tx) => {
      const row = await tx.appointment.create({
        data: {
          id: randomUUID(),
          practiceId,
          patientId: patient.id,
          clinicianId: clinician.id,
          typeId: type.id,
          startAt,
          endAt,
          overrideReason,
          episodeId: body.episodeId ?? null,
          planId: body.planId ?? null,
          note: body.note ?? null,
          createdBy: actor.userId,
        },
      });
      await this.audit.record({ action: 'create', resourceType: 'appointment', resourceId: row.id, patientId: row.patientId }, tx);
      return row;
    });
    return toAppointmentDto({ ...created, firstName: patient.firstName, lastName: patient.lastName }, actor, currentTimeZone());
  }

  /** Moves a booked appointment (start, clinician, type) under the same rules as booking; If-Match required. */
  async move(actor: StaffActor, id: string, expectedVersion: number, body: MoveAppointmentDto): Promise<AppointmentDto> {
    if (body.start === undefined && body.clinicianId === undefined && body.typeId === undefined)
      throw invalid('body', 'must change at least one of start, clinicianId, typeId');
    requireOverrideRight(actor, body.override);
    const { practiceId } = actor;
    const current = await this.require(practiceId, id);
    if (current.version !== expectedVersion) throw staleVersion(current.version);
    if (current.status !== 'booked') throw new AppError('conflict', `Only a booked appointment can be moved; this one is ${current.status}.`);
    const clinicianId = body.clinicianId ? (await this.scheduling.requireBookableClinician(practiceId, body.clinicianId)).id : current.clinicianId;
    const type = await this.scheduling.requireBookableType(practiceId, body.typeId ?? current.typeId, 'typeId', current.typeId);
    const startAt = body.start ? new Date(Date.parse(body.start)) : current.startAt;
    const endAt = new Date(startAt.getTime() + type.durationMinutes * 60_000);
    const overrideReason = await this.checkHours(practiceId, clinicianId, startAt, endAt, body.override);
    await this.transactions.run(async (tx) => {
      const { count } = await tx.appointment.updateMany({
        where: { practiceId, id, version: expectedVersion, status: 'booked' },
        data: { clinicianId, typeId: type.id, startAt, endAt, overrideReason, version: { increment: 1 } },
      });
      if (count === 0) await this.explainMiss(practiceId, id, tx, expectedVersion);
      await this.audit.record({ action: 'update', resourceType: 'appointment', resourceId: id, patientId: current.patientId }, tx);
    });
    return toAppointmentDto(await this.require(practiceId, id), actor, currentTimeZone());
  }

  /** Cancels a booked appointment with the reason (never deleted); its time is free again. */
  async cancel(actor: StaffActor, id: string, body: CancelAppointmentDto): Promise<AppointmentDto> {
    return this.setStatus(actor, id, 'cancelled', ['booked'], body.reason);
  }

  /** Records arrived, no_show (from booked) or completed (from booked or arrived). */
  async recordStatus(actor: StaffActor, id: string, body: AppointmentStatusDto): Promise<AppointmentDto> {
    return this.setStatus(actor, id, body.status, STATUS_FROM[body.status]);
  }

  private async setStatus(actor: StaffActor, id: string, status: AppointmentStatus, from: AppointmentStatus[], reason?: string): Promise<AppointmentDto> {
    const { practiceId } = actor;
    await this.transactions.run(async (tx) => {
      const { count } = await tx.appointment.updateMany({
        where: { practiceId, id, status: { in: from } },
        data: { status, ...(reason !== undefined ? { cancelReason: reason } : {}), version: { increment: 1 } },
      });
      const row = await tx.appointment.findUnique({ where: { practiceId_id: { practiceId, id } } });
      if (!row) throw notFound();
      if (count === 0) throw new AppError('conflict', `This appointment is ${row.status}: it cannot become ${status}.`);
      await this.audit.record({ action: 'update', resourceType: 'appointment', resourceId: id, patientId: row.patientId }, tx);
    });
    return toAppointmentDto(await this.require(practiceId, id), actor, currentTimeZone());
  }

  /** The override reason to store, or null; 409 outside_hours when outside the hours without one. */
  private async checkHours(practiceId: string, clinicianId: string, startAt: Date, endAt: Date, override?: OverrideDto): Promise<string | null> {
    const timeZone = currentTimeZone();
    const from = toZonedIso(startAt, timeZone).slice(0, 10);
    const to = toZonedIso(endAt, timeZone).slice(0, 10);
    const hours = (await this.scheduling.hoursOf(practiceId, [clinicianId], from, to)).get(clinicianId)!;
    if (isWithinWorkingHours(hours, timeZone, startAt.getTime(), endAt.getTime())) return null;
    if (override) return override.reason;
    throw new AppError('outside_hours', 'That time is outside the clinician’s working hours. An admin may book it anyway with override: { reason }.');
  }

  /** Why a guarded update changed nothing: gone (404), changed since the read (412) or no longer booked (409). */
  private async explainMiss(practiceId: string, id: string, tx: Tx, expectedVersion: number): Promise<never> {
    const row = await tx.appointment.findUnique({ where: { practiceId_id: { practiceId, id } } });
    if (!row) throw notFound();
    if (row.version !== expectedVersion) throw staleVersion(row.version);
    throw new AppError('conflict', `Only a booked appointment can be moved; this one is ${row.status}.`);
  }

  private async require(practiceId: string, id: string): Promise<Appointment & { firstName: string; lastName: string }> {
    const row = await this.prisma.appointment.findUnique({
      where: { practiceId_id: { practiceId, id } },
      include: { patient: { select: { firstName: true, lastName: true } } },
    });
    if (!row) throw notFound();
    const { patient, ...appointment } = row;
    return { ...appointment, firstName: patient.firstName, lastName: patient.lastName };
  }
}

function requireOverrideRight(actor: StaffActor, override: OverrideDto | undefined): void {
  if (override && actor.role !== 'admin') throw new AppError('forbidden', 'Only an admin may book outside working hours (override).');
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field} ${message}.`, [{ field, message }]);
}

function notFound(): AppError {
  return new AppError('not_found', 'No such appointment in your practice.');
}
