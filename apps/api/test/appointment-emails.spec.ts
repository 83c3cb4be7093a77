import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { addDays, isoWeekday } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { OutboxWorker } from '../src/outbox/outbox.worker.js';
import { createPatient, createPractice, prismaClient, signIn, startApp, type TestPractice } from './harness.js';
import { calendarOf, eventOf, startSmtp, textOf } from './smtp.js';

/* The patient's emails about their appointments, end to end through the API: reception books, moves and cancels
 * over HTTP; the outbox worker sends to a real SMTP server in this process; what arrives is parsed back. */

/** A Monday 3 to 4 weeks ahead, so the reminder (24 h before) is scheduled and not yet due. */
function mondayAhead(): string {
  let date = addDays(new Date().toISOString().slice(0, 10), 21);
  while (isoWeekday(date) !== 1) date = addDays(date, 1);
  return date;
}

describe('appointment emails', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let worker: OutboxWorker;
  let admin: string;
  let reception: string;
  let typeId: string;
  const monday = mondayAhead();
  // In winter London is on UTC; in summer on UTC+1: the test reads the offset back from the answer instead.
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ SMTP_URL: smtp.url, SMTP_FROM: 'Riverside Physio <appointments@riverside.example>' });
    worker = app.get(OutboxWorker);
    prisma = prismaClient();
    practice = await createPractice(prisma, `Riverside Physio ${randomBytes(2).toString('hex')}`);
    await prisma.practice.update({ where: { id: practice.id }, data: { timeZone: 'Europe/London' } });
    admin = await signIn(app, practice.users.admin.email);
    reception = await signIn(app, practice.users.reception.email);
    typeId = (await http().post('/api/appointment-types').set('cookie', admin).send({ name: 'Review', durationMinutes: 30 }).expect(201)).body.id;
    await http()
      .put(`/api/users/${practice.users.clinician.id}/working-hours`)
      .set('cookie', admin)
      .send({ weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })), exceptions: [] })
      .expect(200);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await prisma.$disconnect();
  });

  /** The first free slot of the clinician on `monday` at or after `time` (local). */
  async function slotAt(time: string): Promise<string> {
    const slots = await http()
      .get(`/api/slots?typeId=${typeId}&from=${monday}&to=${monday}&clinicianId=${practice.users.clinician.id}`)
      .set('cookie', reception)
      .expect(200);
    const slot = (slots.body.items as { start: string }[]).find((s) => s.start.slice(11, 16) >= time);
    if (!slot) throw new Error(`No free slot at ${time}`);
    return slot.start;
  }

  it('booking sends a confirmation with the local time and a calendar event; moving and cancelling send updates', async () => {
    const email = `robin-${randomBytes(4).toString('hex')}@patients.example`;
    const patient = await createPatient(prisma, practice, { firstName: 'Robin', lastName: 'Mail' });
    await prisma.patient.update({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } }, data: { email } });

    const start = await slotAt('10:30');
    const booked = await http()
      .post('/api/appointments')
      .set('cookie', reception)
      .send({ patientId: patient.id, clinicianId: practice.users.clinician.id, typeId, start })
      .expect(201);
    const id = booked.body.id as string;
    // The confirmation now; the reminder is scheduled for 24 hours before the start.
    const rows = await prisma.outboxMessage.findMany({ where: { practiceId: practice.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['appointment_booked', 'pending'],
      ['appointment_reminder', 'pending'],
    ]);
    expect(rows[1].sendAfter?.getTime()).toBe(Date.parse(start) - 24 * 3_600_000);
    await worker.drain();

    const [confirmation, ...more] = smtp.to(email);
    expect(more).toHaveLength(0);
    const zone = start.endsWith('+01:00') ? 'BST' : 'GMT';
    expect(confirmation.mail.subject).toContain(practice.name);
    expect(confirmation.mail.subject).toContain(`10:30 (${zone})`);
    expect(confirmation.mail.text).toContain('Robin');
    const { event, method } = eventOf(calendarOf(confirmation.mail));
    expect(method).toBe('REQUEST');
    expect(event.start.getTime()).toBe(Date.parse(start));
    expect(event.end?.getTime()).toBe(Date.parse(start) + 30 * 60_000);
    expect(textOf(event.location)).toBe(practice.name);
    const uid = event.uid;

    // Moved: the patient gets the new time, the same event (UID) with a higher SEQUENCE.
    const later = await slotAt('14:00');
    await http().patch(`/api/appointments/${id}`).set('cookie', reception).set('if-match', '"1"').send({ start: later }).expect(200);
    await worker.drain();
    const moved = smtp.to(email)[1];
    expect(moved.mail.subject).toContain(`14:00 (${zone})`);
    const movedEvent = eventOf(calendarOf(moved.mail)).event;
    expect(movedEvent.uid).toBe(uid);
    expect(movedEvent.start.getTime()).toBe(Date.parse(later));
    expect(Number(movedEvent.sequence)).toBeGreaterThan(Number(event.sequence ?? 0));

    // Cancelled: METHOD:CANCEL for the same event, and the pending reminders are dropped.
    await http().post(`/api/appointments/${id}/cancel`).set('cookie', reception).send({ reason: 'Patient called' }).expect(200);
    await worker.drain();
    const cancelled = smtp.to(email)[2];
    expect(eventOf(calendarOf(cancelled.mail))).toMatchObject({ method: 'CANCEL', event: expect.objectContaining({ uid }) });
    expect(smtp.to(email)).toHaveLength(3);
    const pendingReminders = await prisma.outboxMessage.count({ where: { practiceId: practice.id, kind: 'appointment_reminder', status: 'pending' } });
    expect(pendingReminders).toBe(0);
  });

  it('the reminder goes out the practice’s reminderHours before the start', async () => {
    const practiceNow = await http().get('/api/practice').set('cookie', admin).expect(200);
    expect(practiceNow.body.reminderHours).toBe(24);
    await http().patch('/api/practice').set('cookie', admin).set('if-match', `"${practiceNow.body.version}"`).send({ reminderHours: 48 }).expect(200);
    const email = `kim-${randomBytes(4).toString('hex')}@patients.example`;
    const patient = await createPatient(prisma, practice, { firstName: 'Kim', lastName: 'Early' });
    await prisma.patient.update({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } }, data: { email } });
    const start = await slotAt('16:00');
    const booked = await http()
      .post('/api/appointments')
      .set('cookie', reception)
      .send({ patientId: patient.id, clinicianId: practice.users.clinician.id, typeId, start })
      .expect(201);
    const reminder = await prisma.outboxMessage.findFirstOrThrow({ where: { practiceId: practice.id, key: `appointment:${booked.body.id}:reminder` } });
    expect(reminder.sendAfter?.getTime()).toBe(Date.parse(start) - 48 * 3_600_000);
    const bad = await http()
      .patch('/api/practice')
      .set('cookie', admin)
      .set('if-match', `"${practiceNow.body.version + 1}"`)
      .send({ reminderHours: 0 })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'reminderHours' })]);
  });

  it('a patient without an email address gets no message, and the booking still succeeds', async () => {
    const patient = await createPatient(prisma, practice, { firstName: 'Nomail', lastName: 'Patient' });
    const before = await prisma.outboxMessage.count({ where: { practiceId: practice.id } });
    await http()
      .post('/api/appointments')
      .set('cookie', reception)
      .send({ patientId: patient.id, clinicianId: practice.users.clinician.id, typeId, start: await slotAt('11:00') })
      .expect(201);
    expect(await prisma.outboxMessage.count({ where: { practiceId: practice.id } })).toBe(before);
  });

  it('a booking refused as a double booking writes no message', async () => {
    const email = `sam-${randomBytes(4).toString('hex')}@patients.example`;
    const patient = await createPatient(prisma, practice, { firstName: 'Sam', lastName: 'Twice' });
    await prisma.patient.update({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } }, data: { email } });
    const start = await slotAt('15:00');
    const body = { patientId: patient.id, clinicianId: practice.users.clinician.id, typeId, start };
    await http().post('/api/appointments').set('cookie', reception).send(body).expect(201);
    const before = await prisma.outboxMessage.count({ where: { practiceId: practice.id } });
    await http().post('/api/appointments').set('cookie', reception).send(body).expect(409);
    expect(await prisma.outboxMessage.count({ where: { practiceId: practice.id } })).toBe(before);
  });
});
