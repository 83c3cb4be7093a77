import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { addDays, daysBetween, freeSlots, toZonedIso, workingIntervals, zonedInstant, type WorkingHours } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError, type FieldError } from '../common/app-error.js';
import { currentTimeZone, fromIsoDate, toIsoDate } from '../common/dates.js';
import type { StaffActor } from '../common/request-context.js';
import { staleVersion } from '../common/if-match.js';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { Transactions } from '../database/transactions.js';
import type { AppointmentType } from '../generated/prisma/client.js';
import type {
  AppointmentTypeDto,
  AppointmentTypeListDto,
  ClinicianListDto,
  CreateAppointmentTypeDto,
  DateRangeQueryDto,
  SlotListDto,
  SlotQueryDto,
  UpdateAppointmentTypeDto,
  WorkingHoursDto,
} from './dto/scheduling.dto.js';

/** Who may be booked: active users of the practice with the role clinician or admin (admins who also treat). */
export const BOOKABLE_ROLES = ['clinician', 'admin'] as const;
/** The longest range a calendar or slot read may cover. */
export const MAX_RANGE_DAYS = 31;
/** Statuses that hold a clinician's time (the exclusion constraint's complement). */
export const ACTIVE_STATUSES = ['booked', 'arrived', 'completed'] as const;

const timeOf = (hhmm: string) => new Date(`1970-01-01T${hhmm}:00.000Z`);
const hhmm = (time: Date) => time.toISOString().slice(11, 16);

export function toAppointmentTypeDto(t: AppointmentType): AppointmentTypeDto {
  return { id: t.id, name: t.name, durationMinutes: t.durationMinutes, color: t.color, active: t.active, version: t.version };
}

/** The instants [from 00:00, day after to 00:00) of a range of the practice's dates; 400 when it is backwards or too long. */
export function rangeInstants(query: DateRangeQueryDto, timeZone: string): { start: Date; end: Date } {
  const days = daysBetween(query.from, query.to);
  if (days < 0) throw new AppError('validation_failed', 'to must not be before from.', [{ field: 'to', message: 'must not be before from' }]);
  if (days > MAX_RANGE_DAYS)
    throw new AppError('validation_failed', `At most ${MAX_RANGE_DAYS} days at a time.`, [
      { field: 'to', message: `must be at most ${MAX_RANGE_DAYS} days after from` },
    ]);
  return { start: new Date(zonedInstant(query.from, '00:00', timeZone)), end: new Date(zonedInstant(addDays(query.to, 1), '00:00', timeZone)) };
}

/** Appointment types, working hours and free slots. */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  // ---- Appointment types ----

  async listTypes(actor: StaffActor): Promise<AppointmentTypeListDto> {
    const rows = await this.prisma.appointmentType.findMany({ where: { practiceId: actor.practiceId }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return { items: rows.map(toAppointmentTypeDto) };
  }

  async createType(actor: StaffActor, body: CreateAppointmentTypeDto): Promise<AppointmentTypeDto> {
    const row = await this.transactions.run(async (tx) => {
      const created = await tx.appointmentType.create({
        data: { id: randomUUID(), practiceId: actor.practiceId, name: body.name, durationMinutes: body.durationMinutes, color: body.color ?? null },
      });
      await this.audit.record({ action: 'create', resourceType: 'appointment_type', resourceId: created.id }, tx);
      return created;
    });
    return toAppointmentTypeDto(row);
  }

  /** If-Match is optional here: when sent, the change applies only to that version (412 otherwise). */
  async updateType(actor: StaffActor, id: string, expectedVersion: number | undefined, body: UpdateAppointmentTypeDto): Promise<AppointmentTypeDto> {
    if (body.name === undefined && body.durationMinutes === undefined && body.color === undefined && body.active === undefined)
      throw new AppError('validation_failed', 'Send at least one field to change.', [{ field: 'body', message: 'must change at least one field' }]);
    const row = await this.transactions.run(async (tx) => {
      const current = await tx.appointmentType.findUnique({ where: { practiceId_id: { practiceId: actor.practiceId, id } } });
      if (!current) throw new AppError('not_found', 'No such appointment type in your practice.');
      const version = expectedVersion ?? current.version;
      const { count } = await tx.appointmentType.updateMany({
        where: { practiceId: actor.practiceId, id, version },
        data: {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.durationMinutes !== undefined ? { durationMinutes: body.durationMinutes } : {}),
          ...(body.color !== undefined ? { color: body.color } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0) throw staleVersion(current.version);
      await this.audit.record({ action: 'update', resourceType: 'appointment_type', resourceId: id }, tx);
      return tx.appointmentType.findUniqueOrThrow({ where: { practiceId_id: { practiceId: actor.practiceId, id } } });
    });
    return toAppointmentTypeDto(row);
  }

  /** The active type of the practice; 400 naming `field` otherwise (inactive allowed when it is `keep`, the current one). */
  async requireBookableType(practiceId: string, id: string, field = 'typeId', keep?: string): Promise<AppointmentType> {
    const type = await this.prisma.appointmentType.findUnique({ where: { practiceId_id: { practiceId, id } } });
    if (!type || (!type.active && type.id !== keep))
      throw new AppError('validation_failed', 'No such active appointment type in your practice.', [
        { field, message: 'must be an active appointment type of your practice' },
      ]);
    return type;
  }

  // ---- Working hours ----

  /** A user of the practice; 404 otherwise. */
  private async requireUser(practiceId: string, userId: string, tx: Tx | PrismaService = this.prisma) {
    const user = await tx.user.findFirst({ where: { practiceId, id: userId } });
    if (!user) throw new AppError('not_found', 'No such user in your practice.');
    return user;
  }

  /** An active clinician (or admin) of the practice; 400 naming `field` otherwise. */
  /** The practice's bookable staff (active clinicians and admins), by name: names and ids, nothing else. */
  async clinicians(actor: StaffActor): Promise<ClinicianListDto> {
    const users = await this.prisma.user.findMany({
      where: { practiceId: actor.practiceId, active: true, role: { in: [...BOOKABLE_ROLES] } },
      select: { id: true, name: true, _count: { select: { workingHours: true } } },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
    return { items: users.map((u) => ({ id: u.id, name: u.name, hasWorkingHours: u._count.workingHours > 0 })) };
  }

  async requireBookableClinician(practiceId: string, userId: string, field = 'clinicianId') {
    const user = await this.prisma.user.findFirst({ where: { practiceId, id: userId, active: true, role: { in: [...BOOKABLE_ROLES] } } });
    if (!user)
      throw new AppError('validation_failed', 'No such active clinician in your practice.', [
        { field, message: 'must be an active clinician of your practice' },
      ]);
    return user;
  }

  async getWorkingHours(actor: StaffActor, userId: string): Promise<WorkingHoursDto> {
    await this.requireUser(actor.practiceId, userId);
    return this.readWorkingHours(actor.practiceId, userId);
  }

  private async readWorkingHours(practiceId: string, userId: string, tx: Tx | PrismaService = this.prisma): Promise<WorkingHoursDto> {
    // One after the other: inside a transaction both run on its one connection (pg refuses overlapping queries there).
    const weekly = await tx.workingHour.findMany({ where: { practiceId, userId }, orderBy: [{ weekday: 'asc' }, { startTime: 'asc' }] });
    const exceptions = await tx.workingHourException.findMany({ where: { practiceId, userId }, orderBy: [{ date: 'asc' }, { startTime: 'asc' }] });
    return {
      weekly: weekly.map((w) => ({ weekday: w.weekday, start: hhmm(w.startTime), end: hhmm(w.endTime) })),
      exceptions: exceptions.map((e) => ({ date: toIsoDate(e.date), ...(e.startTime && e.endTime ? { start: hhmm(e.startTime), end: hhmm(e.endTime) } : {}) })),
    };
  }

  /** Replaces the user's weekly hours and exceptions as a whole (one transaction, audited). */
  async putWorkingHours(actor: StaffActor, userId: string, body: WorkingHoursDto): Promise<WorkingHoursDto> {
    const errors: FieldError[] = [];
    body.weekly.forEach((w, i) => {
      if (w.end <= w.start) errors.push({ field: `weekly[${i}].end`, message: 'must be after start' });
    });
    body.exceptions.forEach((e, i) => {
      if ((e.start === undefined) !== (e.end === undefined))
        errors.push({ field: `exceptions[${i}]`, message: 'give both start and end, or neither for a day off' });
      else if (e.start !== undefined && e.end !== undefined && e.end <= e.start) errors.push({ field: `exceptions[${i}].end`, message: 'must be after start' });
    });
    if (errors.length > 0) throw new AppError('validation_failed', `${errors.length} field(s) are not valid.`, errors);
    const { practiceId } = actor;
    return this.transactions.run(async (tx) => {
      await this.requireUser(practiceId, userId, tx);
      await tx.workingHour.deleteMany({ where: { practiceId, userId } });
      await tx.workingHourException.deleteMany({ where: { practiceId, userId } });
      await tx.workingHour.createMany({
        data: body.weekly.map((w) => ({ id: randomUUID(), practiceId, userId, weekday: w.weekday, startTime: timeOf(w.start), endTime: timeOf(w.end) })),
      });
      await tx.workingHourException.createMany({
        data: body.exceptions.map((e) => ({
          id: randomUUID(),
          practiceId,
          userId,
          date: fromIsoDate(e.date),
          startTime: e.start ? timeOf(e.start) : null,
          endTime: e.end ? timeOf(e.end) : null,
        })),
      });
      await this.audit.record({ action: 'update', resourceType: 'working_hours', resourceId: userId }, tx);
      return this.readWorkingHours(practiceId, userId, tx);
    });
  }

  /** The working hours of these users, with exceptions from `from` to `to` (dates), for the domain's functions. */
  async hoursOf(practiceId: string, userIds: string[], from: string, to: string): Promise<Map<string, WorkingHours>> {
    const [weekly, exceptions] = await Promise.all([
      this.prisma.workingHour.findMany({ where: { practiceId, userId: { in: userIds } } }),
      this.prisma.workingHourException.findMany({ where: { practiceId, userId: { in: userIds }, date: { gte: fromIsoDate(from), lte: fromIsoDate(to) } } }),
    ]);
    const hours = new Map<string, { weekly: WorkingHours['weekly'][number][]; exceptions: WorkingHours['exceptions'][number][] }>();
    for (const id of userIds) hours.set(id, { weekly: [], exceptions: [] });
    for (const w of weekly) hours.get(w.userId)?.weekly.push({ weekday: w.weekday, start: hhmm(w.startTime), end: hhmm(w.endTime) });
    for (const e of exceptions)
      hours.get(e.userId)?.exceptions.push({ date: toIsoDate(e.date), start: e.startTime ? hhmm(e.startTime) : null, end: e.endTime ? hhmm(e.endTime) : null });
    return hours;
  }

  // ---- Slots ----

  /**
   * Free slots of the type's length for one clinician or every bookable one with weekly hours: their working
   * intervals (practice zone) minus their active appointments, on a 15-minute grid, none starting in the past.
   */
  async slots(actor: StaffActor, query: SlotQueryDto, now = Date.now()): Promise<SlotListDto> {
    const timeZone = currentTimeZone();
    const range = rangeInstants(query, timeZone);
    const type = await this.requireBookableType(actor.practiceId, query.typeId);
    const clinicianIds = query.clinicianId
      ? [(await this.requireBookableClinician(actor.practiceId, query.clinicianId)).id]
      : (
          await this.prisma.user.findMany({
            where: { practiceId: actor.practiceId, active: true, role: { in: [...BOOKABLE_ROLES] }, workingHours: { some: {} } },
            select: { id: true },
            orderBy: { id: 'asc' },
          })
        ).map((u) => u.id);
    if (clinicianIds.length === 0) return { items: [] };
    // Exceptions and appointments a day either side: a local date's hours may begin or end on the next UTC date.
    const [hours, busy] = await Promise.all([
      this.hoursOf(actor.practiceId, clinicianIds, query.from, query.to),
      this.prisma.appointment.findMany({
        where: {
          practiceId: actor.practiceId,
          clinicianId: { in: clinicianIds },
          status: { in: [...ACTIVE_STATUSES] },
          startAt: { lt: range.end },
          endAt: { gt: range.start },
        },
        select: { clinicianId: true, startAt: true, endAt: true },
      }),
    ]);
    const items: { clinicianId: string; start: number; end: number }[] = [];
    for (const clinicianId of clinicianIds) {
      const working = workingIntervals(hours.get(clinicianId)!, timeZone, query.from, query.to);
      const taken = busy.filter((b) => b.clinicianId === clinicianId).map((b) => ({ start: b.startAt.getTime(), end: b.endAt.getTime() }));
      for (const slot of freeSlots(working, taken, type.durationMinutes, now)) items.push({ clinicianId, ...slot });
    }
    items.sort((a, b) => a.start - b.start || a.clinicianId.localeCompare(b.clinicianId));
    return { items: items.map((s) => ({ clinicianId: s.clinicianId, start: toZonedIso(s.start, timeZone), end: toZonedIso(s.end, timeZone) })) };
  }
}
