import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { calendarDateIn } from '@upright/domain';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { episodeBody } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

describe('practice settings', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const patch = (cookie: string, version: string | null, body: object) => {
    const req = http().patch('/api/practice').set('cookie', cookie);
    return (version === null ? req : req.set('if-match', version)).send(body);
  };

  it('shows every staff member their own practice, with its version as ETag', async () => {
    for (const role of ['admin', 'clinician', 'reception'] as const) {
      const cookie = await signIn(app, practice.users[role].email);
      const response = await http().get('/api/practice').set('cookie', cookie).expect(200);
      expect(response.body).toEqual({ id: practice.id, name: practice.name, timeZone: 'UTC', reminderHours: 24, unsignedNoteHours: 24, version: 1 });
      expect(response.headers.etag).toBe('"1"');
    }
    await http().get('/api/practice').expect(401);
  });

  it('lets an admin rename the practice and change its time zone at the version read; one audit row; "today" follows', async () => {
    const own = await createPractice(prisma);
    const admin = await signIn(app, own.users.admin.email);
    const requestId = `req-${randomUUID()}`;
    const response = await patch(admin, '"1"', { name: '  Harbour Physio  ', timeZone: 'Pacific/Kiritimati' }).set('x-request-id', requestId).expect(200);
    expect(response.body).toEqual({ id: own.id, name: 'Harbour Physio', timeZone: 'Pacific/Kiritimati', reminderHours: 24, unsignedNoteHours: 24, version: 2 });
    expect(response.headers.etag).toBe('"2"');
    expect(await prisma.auditEvent.findMany({ where: { requestId } })).toEqual([
      expect.objectContaining({
        practiceId: own.id,
        action: 'update',
        resourceType: 'practice',
        resourceId: own.id,
        actorId: own.users.admin.id,
        patientId: null,
      }),
    ]);
    // The next request already works on the new zone's date (UTC+14).
    const me = await http().get('/api/auth/me').set('cookie', admin).expect(200);
    expect(me.body.practice).toEqual({ id: own.id, name: 'Harbour Physio', timeZone: 'Pacific/Kiritimati' });
    const clinician = await signIn(app, own.users.clinician.email);
    const patient = await createPatient(prisma, own, { dateOfBirth: '1975-01-01' });
    const kiritimatiToday = calendarDateIn('Pacific/Kiritimati', new Date());
    const episode = await http().post(`/api/patients/${patient.id}/episodes`).set('cookie', clinician).send(episodeBody(kiritimatiToday)).expect(201);
    expect(episode.body.recordedOn).toBe(kiritimatiToday);
  });

  it('answers 428 without If-Match and 412 with the current ETag when stale, changing nothing', async () => {
    const own = await createPractice(prisma);
    const admin = await signIn(app, own.users.admin.email);
    expectProblem((await patch(admin, null, { name: 'No version' }).expect(428)).body, 428, 'version_required');
    await patch(admin, '"1"', { name: 'First edit' }).expect(200);
    const stale = await patch(admin, '"1"', { name: 'Second edit from an old read' }).expect(412);
    expectProblem(stale.body, 412, 'version_stale');
    expect(stale.headers.etag).toBe('"2"');
    expect(await prisma.practice.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ name: 'First edit', version: 2 });
  });

  it('refuses bad fields, unknown fields and an empty body with 400 naming each', async () => {
    const admin = await signIn(app, practice.users.admin.email);
    const response = await patch(admin, '"1"', { name: '', timeZone: 'Europe/Atlantis', id: other.id }).expect(400);
    expectProblem(response.body, 400, 'validation_failed');
    expect(new Set(response.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['name', 'timeZone', 'id']));
    await patch(admin, '"1"', { name: null }).expect(400);
    expectProblem((await patch(admin, '"1"', {}).expect(400)).body, 400, 'validation_failed');
    expect(await prisma.practice.findUniqueOrThrow({ where: { id: practice.id } })).toMatchObject({ name: practice.name, timeZone: 'UTC', version: 1 });
  });

  it('is for admins only, and only ever changes the caller’s own practice', async () => {
    for (const role of ['clinician', 'reception'] as const) {
      const cookie = await signIn(app, practice.users[role].email);
      expectProblem((await patch(cookie, '"1"', { name: 'Taken over' }).expect(403)).body, 403, 'forbidden');
    }
    const otherAdmin = await signIn(app, other.users.admin.email);
    await patch(otherAdmin, '"1"', { name: 'Other practice renamed' }).expect(200);
    expect(await prisma.practice.findUniqueOrThrow({ where: { id: practice.id } })).toMatchObject({ name: practice.name, version: 1 });
    expect(await prisma.practice.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ name: 'Other practice renamed', version: 2 });
  });
});
