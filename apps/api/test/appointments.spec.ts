import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, isoWeekday } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

/** A Monday 3 to 4 weeks ahead (never in the past, no slot "already gone"). */
function mondayAhead(): string {
  let date = addDays(new Date().toISOString().slice(0, 10), 21);
  while (isoWeekday(date) !== 1) date = addDays(date, 1);
  return date;
}

describe('appointments', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let admin: string;
  let clinician: string;
  let reception: string;
  let otherAdmin: string;
  let patientId: string;
  let typeId: string;
  let reviewTypeId: string;
  const monday = mondayAhead();
  /** Local wall time on `monday` (+ days) in Europe/London. */
  const london = (time: string, days = 0) => {
    const date = addDays(monday, days);
    // Work out the offset of that date in London through Intl (no library in the tests).
    const probe = new Date(`${date}T12:00:00Z`);
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(probe));
    const offset = hour - 12;
    return `${date}T${time}:00+0${offset}:00`;
  };

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    await prisma.practice.update({ where: { id: practice.id }, data: { timeZone: 'Europe/London' } });
    patientId = (await createPatient(prisma, practice, { firstName: 'Robin', lastName: 'Calendar' })).id;
    admin = await signIn(app, practice.users.admin.email);
    clinician = await signIn(app, practice.users.clinician.email);
    reception = await signIn(app, practice.users.reception.email);
    otherAdmin = await signIn(app, other.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const book = (body: object, session = reception) => http().post('/api/appointments').set('cookie', session).send(body);
  const base = () => ({ patientId, clinicianId: practice.users.clinician.id, typeId });

  it('admins create and edit appointment types; all staff list them', async () => {
    const created = await http()
      .post('/api/appointment-types')
      .set('cookie', admin)
      .send({ name: 'Initial assessment', durationMinutes: 45, color: '#2f855a' })
      .expect(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Initial assessment', durationMinutes: 45, color: '#2f855a', active: true, version: 1 });
    expect(created.headers.etag).toBe('"1"');
    typeId = created.body.id;
    reviewTypeId = (await http().post('/api/appointment-types').set('cookie', admin).send({ name: 'Revew', durationMinutes: 30 }).expect(201)).body.id;
    const renamed = await http().patch(`/api/appointment-types/${reviewTypeId}`).set('cookie', admin).send({ name: 'Review' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Review', durationMinutes: 30, color: null, version: 2 });
    await http().patch(`/api/appointment-types/${reviewTypeId}`).set('cookie', admin).set('if-match', '"1"').send({ name: 'X' }).expect(412);
    const bad = await http().post('/api/appointment-types').set('cookie', admin).send({ name: 'Long', durationMinutes: 241 }).expect(400);
    expectProblem(bad.body, 400, 'validation_failed');
    const list = await http().get('/api/appointment-types').set('cookie', reception).expect(200);
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['Initial assessment', 'Review']);
    await http().patch(`/api/appointment-types/${typeId}`).set('cookie', otherAdmin).send({ name: 'Mine' }).expect(404);
  });

  it('admins set working hours (weekly and exceptions); staff read them', async () => {
    const hours = {
      weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
      exceptions: [{ date: addDays(monday, 2) }, { date: addDays(monday, 3), start: '13:00', end: '15:00' }],
    };
    const put = await http().put(`/api/users/${practice.users.clinician.id}/working-hours`).set('cookie', admin).send(hours).expect(200);
    expect(put.body).toEqual(hours);
    const read = await http().get(`/api/users/${practice.users.clinician.id}/working-hours`).set('cookie', reception).expect(200);
    expect(read.body).toEqual(hours);
    const bad = await http()
      .put(`/api/users/${practice.users.clinician.id}/working-hours`)
      .set('cookie', admin)
      .send({ weekly: [{ weekday: 1, start: '17:00', end: '09:00' }], exceptions: [{ date: monday, start: '10:00' }] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['weekly[0].end', 'exceptions[0]']);
    await http().get(`/api/users/${practice.users.clinician.id}/working-hours`).set('cookie', otherAdmin).expect(404);
  });

  it('books within working hours, answering times with the practice zone’s offset, audited with the patient', async () => {
    const rid = `test-${randomUUID()}`;
    const response = await book({ ...base(), start: london('09:00'), note: 'Bring scans' })
      .set('x-request-id', rid)
      .expect(201);
    expect(response.body).toMatchObject({
      patientId,
      patient: { id: patientId, firstName: 'Robin', lastName: 'Calendar' },
      clinicianId: practice.users.clinician.id,
      typeId,
      start: london('09:00'),
      end: london('09:45'),
      status: 'booked',
      version: 1,
      overrideReason: null,
    });
    // Reception booked it: the answer carries no clinical fields.
    expect(response.body).not.toHaveProperty('note');
    expect(response.headers.etag).toBe('"1"');
    const audit = await prisma.auditEvent.findMany({ where: { requestId: rid } });
    expect(audit).toEqual([expect.objectContaining({ action: 'create', resourceType: 'appointment', resourceId: response.body.id, patientId })]);
    const asClinician = await http().get(`/api/appointments/${response.body.id}`).set('cookie', clinician).expect(200);
    expect(asClinician.body).toMatchObject({ note: 'Bring scans', episodeId: null, planId: null });
    await http().get(`/api/appointments/${response.body.id}`).set('cookie', otherAdmin).expect(404);
  });

  it('twenty parallel bookings of one slot: exactly one 201, nineteen 409 slot_taken, one row', async () => {
    const start = london('11:00');
    const answers = await Promise.all(Array.from({ length: 20 }, () => book({ ...base(), start })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) expectProblem(a.body, 409, 'slot_taken');
    const rows = await prisma.appointment.count({
      where: { practiceId: practice.id, clinicianId: practice.users.clinician.id, startAt: new Date(Date.parse(start)) },
    });
    expect(rows).toBe(1);
    // An overlapping (not identical) booking is refused too; one starting as it ends is fine.
    expectProblem((await book({ ...base(), start: london('11:30') }).expect(409)).body, 409, 'slot_taken');
    await book({ ...base(), typeId: reviewTypeId, start: london('11:45') }).expect(201);
  });

  it('outside working hours: 409 outside_hours; an admin may override with a reason, anyone else gets 403', async () => {
    expectProblem((await book({ ...base(), start: london('08:30') }).expect(409)).body, 409, 'outside_hours');
    expectProblem((await book({ ...base(), start: london('16:30') }).expect(409)).body, 409, 'outside_hours');
    // Wednesday is a day off; Thursday's hours are 13:00-15:00 only.
    expectProblem((await book({ ...base(), start: london('10:00', 2) }).expect(409)).body, 409, 'outside_hours');
    expectProblem((await book({ ...base(), start: london('10:00', 3) }).expect(409)).body, 409, 'outside_hours');
    await book({ ...base(), start: london('13:00', 3) }).expect(201);
    const forbidden = await book({ ...base(), start: london('08:00'), override: { reason: 'Early patient' } }, clinician).expect(403);
    expectProblem(forbidden.body, 403, 'forbidden');
    const overridden = await book({ ...base(), start: london('08:00'), override: { reason: 'Early patient' } }, admin).expect(201);
    expect(overridden.body.overrideReason).toBe('Early patient');
  });

  it('refuses another practice’s patient, an unknown clinician and reception as a clinician', async () => {
    const foreign = await createPatient(prisma, other);
    await book({ ...base(), patientId: foreign.id, start: london('14:00') }).expect(404);
    const notClinician = await book({ ...base(), clinicianId: practice.users.reception.id, start: london('14:00') }).expect(400);
    expect(notClinician.body.errors).toEqual([{ field: 'clinicianId', message: expect.any(String) }]);
    await book({ ...base(), clinicianId: other.users.clinician.id, start: london('14:00') }).expect(400);
  });

  it('moves with If-Match under the same rules, cancels, and records attendance', async () => {
    const created = (await book({ ...base(), start: london('14:00', 1) }).expect(201)).body;
    await http()
      .patch(`/api/appointments/${created.id}`)
      .set('cookie', reception)
      .send({ start: london('15:00', 1) })
      .expect(428);
    const moved = await http()
      .patch(`/api/appointments/${created.id}`)
      .set('cookie', reception)
      .set('if-match', '"1"')
      .send({ start: london('15:00', 1) })
      .expect(200);
    expect(moved.body).toMatchObject({ start: london('15:00', 1), end: london('15:45', 1), version: 2 });
    expect(moved.headers.etag).toBe('"2"');
    await http()
      .patch(`/api/appointments/${created.id}`)
      .set('cookie', reception)
      .set('if-match', '"1"')
      .send({ start: london('15:15', 1) })
      .expect(412);
    // Onto the 11:00 booking of Monday: taken. After hours: outside_hours.
    const taken = await http()
      .patch(`/api/appointments/${created.id}`)
      .set('cookie', reception)
      .set('if-match', '"2"')
      .send({ start: london('11:00') })
      .expect(409);
    expectProblem(taken.body, 409, 'slot_taken');
    const late = await http()
      .patch(`/api/appointments/${created.id}`)
      .set('cookie', reception)
      .set('if-match', '"2"')
      .send({ start: london('16:45', 1) })
      .expect(409);
    expectProblem(late.body, 409, 'outside_hours');

    const cancelled = await http().post(`/api/appointments/${created.id}/cancel`).set('cookie', reception).send({ reason: 'Patient unwell' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Patient unwell', version: 3 });
    await http().post(`/api/appointments/${created.id}/cancel`).set('cookie', reception).send({ reason: 'Again' }).expect(409);
    // Its time is free again.
    const again = (await book({ ...base(), start: london('15:00', 1) }).expect(201)).body;
    await http().post(`/api/appointments/${again.id}/status`).set('cookie', reception).send({ status: 'arrived' }).expect(403);
    expect((await http().post(`/api/appointments/${again.id}/status`).set('cookie', clinician).send({ status: 'arrived' }).expect(200)).body.status).toBe(
      'arrived',
    );
    await http().post(`/api/appointments/${again.id}/status`).set('cookie', clinician).send({ status: 'no_show' }).expect(409);
    expect((await http().post(`/api/appointments/${again.id}/status`).set('cookie', clinician).send({ status: 'completed' }).expect(200)).body.status).toBe(
      'completed',
    );
    await http().post(`/api/appointments/${again.id}/status`).set('cookie', clinician).send({ status: 'cancelled' }).expect(400);
  });

  it('the calendar: one range, names for reception, clinical fields for clinicians, an audit row listing the patients', async () => {
    const rid = `test-${randomUUID()}`;
    const asReception = await http()
      .get(`/api/appointments?from=${monday}&to=${addDays(monday, 6)}&clinicianId=${practice.users.clinician.id}`)
      .set('cookie', reception)
      .set('x-request-id', rid)
      .expect(200);
    const items = asReception.body.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.map((i) => i.start)).toEqual([...items.map((i) => i.start as string)].sort((a, b) => Date.parse(a) - Date.parse(b)));
    for (const item of items) {
      expect(item.patient).toEqual({ id: patientId, firstName: 'Robin', lastName: 'Calendar' });
      for (const field of ['note', 'episodeId', 'planId']) expect(item).not.toHaveProperty(field);
    }
    expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
      expect.objectContaining({ action: 'read', resourceType: 'appointment', patientIds: [patientId] }),
    ]);
    const asClinician = await http().get(`/api/appointments?from=${monday}&to=${monday}&patientId=${patientId}`).set('cookie', clinician).expect(200);
    expect(asClinician.body.items[0]).toHaveProperty('note');
    const tooLong = await http()
      .get(`/api/appointments?from=${monday}&to=${addDays(monday, 32)}`)
      .set('cookie', reception)
      .expect(400);
    expectProblem(tooLong.body, 400, 'validation_failed');
    expect((await http().get(`/api/appointments?from=${monday}&to=${monday}`).set('cookie', otherAdmin).expect(200)).body.items).toEqual([]);
  });

  it('every staff member can list who can be booked (names only), their own practice’s', async () => {
    const list = await http().get('/api/clinicians').set('cookie', reception).expect(200);
    const ids = (list.body.items as { id: string }[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([practice.users.clinician.id, practice.users.admin.id]));
    expect(ids).not.toContain(practice.users.reception.id);
    expect(ids).not.toContain(other.users.clinician.id);
    expect(list.body.items.find((c: { id: string }) => c.id === practice.users.clinician.id)).toEqual({
      id: practice.users.clinician.id,
      name: expect.any(String),
      hasWorkingHours: true,
    });
  });

  it('free slots: working hours minus booked time, on a 15-minute grid, with the zone’s offset', async () => {
    const response = await http()
      .get(`/api/slots?typeId=${reviewTypeId}&from=${monday}&to=${monday}&clinicianId=${practice.users.clinician.id}`)
      .set('cookie', reception)
      .expect(200);
    const starts = (response.body.items as { start: string; clinicianId: string }[]).map((s) => s.start);
    // 09:00-09:45 and 11:00-12:15 are booked (and 08:00 by override, outside the hours anyway).
    expect(starts).not.toContain(london('09:00'));
    expect(starts).not.toContain(london('09:30'));
    expect(starts).toContain(london('09:45'));
    expect(starts).toContain(london('10:30'));
    expect(starts).not.toContain(london('10:45'));
    expect(starts).toContain(london('12:15'));
    expect(starts[starts.length - 1]).toBe(london('16:30'));
    const any = await http()
      .get(`/api/slots?typeId=${reviewTypeId}&from=${addDays(monday, 2)}&to=${addDays(monday, 2)}`)
      .set('cookie', reception)
      .expect(200);
    expect(any.body.items).toEqual([]);
    await http()
      .get(`/api/slots?typeId=${reviewTypeId}&from=${monday}&to=${addDays(monday, 40)}`)
      .set('cookie', reception)
      .expect(400);
  });

  it('the calendar read of a clinician’s week is served by its (practice, clinician, start) index at a realistic size (EXPLAIN)', async () => {
    // Three thousand past appointments of two clinicians (hourly, 300 days from 2031), so the planner chooses as it
    // would in a practice with a history: with a handful of rows any plan is as cheap as any other.
    // Spread over 60 patients, as in a real diary (one patient with 3,000 visits makes the per-patient index the
    // cheaper way in).
    const patients: string[] = [];
    for (let i = 0; i < 60; i++) patients.push((await createPatient(prisma, practice, { firstName: `Diary${i}` })).id);
    await prisma.$executeRawUnsafe(
      `INSERT INTO appointments (id, practice_id, patient_id, clinician_id, type_id, start_at, end_at, status, created_by, updated_at)
       SELECT gen_random_uuid(), $1::uuid, ($2::uuid[])[1 + (s.d * 5 + s.h) % cardinality($2::uuid[])], c.id, $3::uuid,
              s.at, s.at + interval '30 minutes', 'completed', c.id, now()
         FROM unnest($4::uuid[]) AS c(id)
        CROSS JOIN LATERAL (SELECT timestamptz '2031-01-06 09:00:00+00' + make_interval(days => d, hours => h) AS at, d, h
                              FROM generate_series(0, 299) d CROSS JOIN generate_series(0, 4) h) s`,
      practice.id,
      patients,
      typeId,
      [practice.users.clinician.id, practice.users.admin.id],
    );
    await prisma.$executeRawUnsafe('ANALYZE appointments');
    await prisma.$executeRawUnsafe('ANALYZE patients');
    const plan = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT a.id FROM appointments a JOIN patients p ON p.practice_id = a.practice_id AND p.id = a.patient_id
        WHERE a.practice_id = $1::uuid AND a.clinician_id = $2::uuid AND a.start_at >= $3::timestamptz AND a.start_at < $4::timestamptz`,
      practice.id,
      practice.users.clinician.id,
      '2031-06-02T00:00:00Z',
      '2031-06-09T00:00:00Z',
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/(Index (Only )?Scan|Bitmap Index Scan) using appointments_practice_id_clinician_id_start_at_idx/);
    expect(text).not.toMatch(/Seq Scan on appointments/);
  });
});
