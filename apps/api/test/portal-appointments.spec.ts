import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { toZonedIso } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { appointmentUid } from '../src/outbox/appointment-calendar.js';
import { insertPlan } from './factories/clinical.js';
import { insertAppointment, insertAppointmentType } from './factories/appointments.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';
import { textOf } from './smtp.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const requestId = () => `next-${randomBytes(6).toString('hex')}`;

describe('portal: the next appointment', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let typeId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma, 'Riverside Physio');
    await prisma.practice.update({ where: { id: practice.id }, data: { timeZone: 'Europe/London' } });
    await prisma.user.update({ where: { id: practice.users.clinician.id }, data: { name: 'Sam Clinician' } });
    typeId = await insertAppointmentType(prisma, practice, 'Follow-up');
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());

  /** A patient with an active plan and an open portal session (straight in the database, as opening would leave it). */
  async function portalPatient() {
    const patient = await createPatient(prisma, practice, { firstName: 'Robin' });
    const planId = await insertPlan(prisma, practice, patient, 'Plan', 'active');
    const shareLinkId = randomUUID();
    await prisma.shareLink.create({
      data: {
        id: shareLinkId,
        practiceId: practice.id,
        planId,
        patientId: patient.id,
        tokenHash: sha256(randomBytes(32).toString('base64url')),
        expiresAt: new Date(Date.now() + 86_400_000),
        createdBy: practice.users.clinician.id,
      },
    });
    const token = randomBytes(32).toString('base64url');
    await prisma.portalSession.create({
      data: { tokenHash: sha256(token), practiceId: practice.id, patientId: patient.id, planId, shareLinkId, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    return { patientId: patient.id, cookie: `upright_portal=${token}` };
  }

  it('answers the earliest booked or arrived appointment not over yet; past, cancelled, finished and other patients’ ignored', async () => {
    const { patientId, cookie } = await portalPatient();
    const other = await portalPatient();
    await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: -48 }); // past, still "booked"
    await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: 2, status: 'cancelled' });
    await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: 3, status: 'no_show' });
    await insertAppointment(prisma, practice, { patientId: other.patientId, typeId, hoursFromNow: 4 });
    const later = await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: 72 });
    const next = await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: 26, minutes: 45 });

    const rid = requestId();
    const response = await http().get('/api/portal/appointments/next').set('cookie', cookie).set('x-request-id', rid).expect(200);
    expect(response.body).toEqual({
      start: toZonedIso(next.startAt, 'Europe/London'),
      end: toZonedIso(next.endAt, 'Europe/London'),
      timeZone: 'Europe/London',
      clinicianName: 'Sam Clinician',
      practiceName: 'Riverside Physio',
      typeName: 'Follow-up',
    });
    expect(response.body.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/);
    expect(response.headers['cache-control']).toBe('no-store');
    // Audited as the patient's read of that appointment.
    const audit = await prisma.auditEvent.findMany({ where: { requestId: rid } });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'read', resourceType: 'appointment', resourceId: next.id, patientId, actorType: 'patient', actorId: patientId }),
    ]);

    // Under way ("arrived", started an hour ago) comes first; once it is over, the next one.
    const now = await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: -0.5, minutes: 60, status: 'arrived' });
    expect((await http().get('/api/portal/appointments/next').set('cookie', cookie).expect(200)).body.start).toBe(toZonedIso(now.startAt, 'Europe/London'));
    await prisma.appointment.update({ where: { practiceId_id: { practiceId: practice.id, id: now.id } }, data: { status: 'completed' } });
    await prisma.appointment.update({
      where: { practiceId_id: { practiceId: practice.id, id: next.id } },
      data: { status: 'cancelled', cancelReason: 'Moved' },
    });
    expect((await http().get('/api/portal/appointments/next').set('cookie', cookie).expect(200)).body.start).toBe(toZonedIso(later.startAt, 'Europe/London'));
  });

  it('answers {} when none is booked, and the calendar file 404', async () => {
    const { patientId, cookie } = await portalPatient();
    await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: -24, status: 'completed' });
    const rid = requestId();
    expect((await http().get('/api/portal/appointments/next').set('cookie', cookie).set('x-request-id', rid).expect(200)).body).toEqual({});
    expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
      expect.objectContaining({ action: 'read', resourceType: 'appointment', resourceId: null, patientId, actorType: 'patient' }),
    ]);
    const missing = await http().get('/api/portal/appointments/next.ics').set('cookie', cookie).expect(404);
    expectProblem(missing.body, 404, 'not_found');
  });

  it('serves the next appointment as an iCalendar file with the UID the emails use', async () => {
    const { patientId, cookie } = await portalPatient();
    const next = await insertAppointment(prisma, practice, { patientId, typeId, hoursFromNow: 30, minutes: 45, version: 3 });
    const rid = requestId();
    const response = await http().get('/api/portal/appointments/next.ics').set('cookie', cookie).set('x-request-id', rid).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="appointment.ics"');
    const parsed = ical.sync.parseICS(response.text);
    const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.uid).toBe(appointmentUid(next.id));
    expect(new Date(event.start).toISOString()).toBe(next.startAt.toISOString());
    expect(event.end?.toISOString()).toBe(next.endAt.toISOString());
    expect(textOf(event.summary)).toBe('Follow-up at Riverside Physio');
    expect(textOf(event.description)).toBe('With Sam Clinician.');
    expect(Number(event.sequence)).toBe(2);
    expect(response.text).toContain('METHOD:PUBLISH');
    expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
      expect.objectContaining({ action: 'read', resourceType: 'appointment', resourceId: next.id, patientId, actorType: 'patient' }),
    ]);
  });

  it('refuses staff sessions and no session (401)', async () => {
    const staff = await signIn(app, practice.users.clinician.email);
    for (const path of ['/api/portal/appointments/next', '/api/portal/appointments/next.ics']) {
      expectProblem((await http().get(path).set('cookie', staff).expect(401)).body, 401, 'unauthenticated');
      await http().get(path).expect(401);
    }
  });
});
