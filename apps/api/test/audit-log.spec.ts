import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

describe('GET /api/audit', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let admin: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    admin = await signIn(app, practice.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const get = (query: string, cookie = admin) => request(app.getHttpServer()).get(`/api/audit${query}`).set('cookie', cookie);

  it('lists the practice’s events newest first, with the actor’s name', async () => {
    const clinician = await signIn(app, practice.users.clinician.email);
    await request(app.getHttpServer()).get('/api/patients').set('cookie', clinician).set('x-request-id', 'audit-log-list-1').expect(200);
    const response = await get('?limit=100').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const listRead = response.body.items.find((e: { requestId: string }) => e.requestId === 'audit-log-list-1');
    expect(listRead).toMatchObject({
      action: 'read',
      resourceType: 'patient_list',
      actorType: 'user',
      actorId: practice.users.clinician.id,
      actorName: 'Test clinician',
      role: 'clinician',
      outcome: 'success',
    });
    const times = response.body.items.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(response.body.items.every((e: { practiceId: string }) => e.practiceId === practice.id)).toBe(true);
  });

  it('filters by patient, by user and by action, and pages with a cursor', async () => {
    const patient = await createPatient(prisma, practice);
    for (let i = 0; i < 3; i++) {
      await prisma.auditEvent.create({
        data: {
          id: crypto.randomUUID(),
          practiceId: practice.id,
          actorType: 'user',
          actorId: practice.users.clinician.id,
          role: 'clinician',
          action: 'read',
          resourceType: 'patient',
          resourceId: patient.id,
          patientId: patient.id,
          outcome: 'success',
        },
      });
    }
    const byPatient = await get(`?patientId=${patient.id}&limit=2`).expect(200);
    expect(byPatient.body.items).toHaveLength(2);
    expect(byPatient.body.nextCursor).toEqual(expect.any(String));
    const rest = await get(`?patientId=${patient.id}&limit=2&cursor=${byPatient.body.nextCursor}`).expect(200);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    expect(new Set([...byPatient.body.items, ...rest.body.items].map((e: { id: string }) => e.id)).size).toBe(3);

    const byActor = await get(`?actorId=${practice.users.admin.id}&action=login`).expect(200);
    expect(byActor.body.items.length).toBeGreaterThanOrEqual(1);
    expect(byActor.body.items.every((e: { actorId: string; action: string }) => e.actorId === practice.users.admin.id && e.action === 'login')).toBe(true);

    const future = await get('?from=2999-01-01').expect(200);
    expect(future.body.items).toEqual([]);
  });

  it('records that the log was read', async () => {
    const patient = await createPatient(prisma, practice);
    await get(`?patientId=${patient.id}`).set('x-request-id', 'audit-log-read-01').expect(200);
    const rows = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, requestId: 'audit-log-read-01' } });
    expect(rows).toEqual([expect.objectContaining({ action: 'read', resourceType: 'audit_log', patientId: patient.id, actorId: practice.users.admin.id })]);
  });

  it('never shows another practice’s events', async () => {
    const other = await createPractice(prisma);
    const otherAdmin = await signIn(app, other.users.admin.email);
    const response = await get('?limit=100', otherAdmin).expect(200);
    expect(response.body.items.every((e: { practiceId: string }) => e.practiceId === other.id)).toBe(true);
  });

  it('is for administrators only, and records the refusal', async () => {
    const clinician = await signIn(app, practice.users.clinician.email);
    const refused = await get('', clinician).set('x-request-id', 'audit-log-denied-1').expect(403);
    expectProblem(refused.body, 403, 'forbidden');
    expect(await prisma.auditEvent.count({ where: { practiceId: practice.id, requestId: 'audit-log-denied-1', action: 'denied', outcome: 'denied' } })).toBe(1);
    await get('', await signIn(app, practice.users.reception.email)).expect(403);
    await request(app.getHttpServer()).get('/api/audit').expect(401);
  });

  it.each([
    ['?patientId=42', 'patientId'],
    ['?actorId=someone', 'actorId'],
    ['?action=delete', 'action'],
    ['?from=2026-13-01', 'from'],
    ['?to=yesterday', 'to'],
  ])('refuses %s naming %s', async (query, field) => {
    const response = await get(query).expect(400);
    expectProblem(response.body, 400, 'validation_failed');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});
