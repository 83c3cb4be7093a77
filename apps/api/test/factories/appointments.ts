import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { TestPractice } from '../harness.js';

/** An appointment type straight in the database. */
export async function insertAppointmentType(prisma: PrismaClient, practice: TestPractice, name = 'Follow-up', durationMinutes = 30) {
  const id = randomUUID();
  await prisma.appointmentType.create({ data: { id, practiceId: practice.id, name, durationMinutes } });
  return id;
}

/**
 * An appointment straight in the database (around the API: past ones and any status, which booking would refuse),
 * `hoursFromNow` from now, lasting `minutes`.
 */
export async function insertAppointment(
  prisma: PrismaClient,
  practice: TestPractice,
  data: {
    patientId: string;
    typeId: string;
    hoursFromNow: number;
    minutes?: number;
    clinicianId?: string;
    status?: 'booked' | 'arrived' | 'completed' | 'cancelled' | 'no_show';
    note?: string;
    version?: number;
  },
) {
  const id = randomUUID();
  const startAt = new Date(Math.round((Date.now() + data.hoursFromNow * 3_600_000) / 60_000) * 60_000);
  const endAt = new Date(startAt.getTime() + (data.minutes ?? 30) * 60_000);
  await prisma.appointment.create({
    data: {
      id,
      practiceId: practice.id,
      patientId: data.patientId,
      clinicianId: data.clinicianId ?? practice.users.clinician.id,
      typeId: data.typeId,
      startAt,
      endAt,
      status: data.status ?? 'booked',
      cancelReason: data.status === 'cancelled' ? 'Patient unwell' : null,
      note: data.note ?? null,
      version: data.version ?? 1,
      createdBy: practice.users.reception.id,
    },
  });
  return { id, startAt, endAt };
}
