import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

describe('GET /api/patients', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let cookie: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    const base = Date.now();
    const names: [string, string][] = [
      ['Zoë', 'Hughes'],
      ['Hélène', 'Dubois'],
      ['Tomás', 'García'],
      ['Mei', 'Chen'],
      ['Daniel', 'Murphy'],
    ];
    for (const [i, [firstName, lastName]] of names.entries()) {
      await createPatient(prisma, practice, { firstName, lastName, createdAt: new Date(base - i * 60_000) });
    }
    await createPatient(prisma, practice, { firstName: 'Archie', lastName: 'Vedpast', archivedAt: new Date() });
    cookie = await signIn(app, practice.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const list = (query: string, session = cookie) => request(app.getHttpServer()).get(`/api/patients${query}`).set('cookie', session);

  it('lists the practice’s current patients, newest first, with no-store', async () => {
    const response = await list('').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.items.map((p: { firstName: string }) => p.firstName)).toEqual(['Zoë', 'Hélène', 'Tomás', 'Mei', 'Daniel']);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items[0]).toMatchObject({ lastName: 'Hughes', dateOfBirth: '1980-05-17', sex: 'unspecified', archivedAt: null, version: 1 });
  });

  it('never shows another practice’s patients', async () => {
    const other = await createPractice(prisma);
    await createPatient(prisma, other, { firstName: 'Zoë', lastName: 'Elsewhere' });
    const response = await list('?q=zoe').expect(200);
    expect(response.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Hughes']);
    const theirs = await list('?q=zoe', await signIn(app, other.users.reception.email)).expect(200);
    expect(theirs.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Elsewhere']);
  });

  it.each([
    ['zoe', ['Hughes']],
    ['HELENE', ['Dubois']],
    ['garcia', ['García']],
    ['ur', ['Murphy']],
    ['  chen ', ['Chen']],
    ['tomás garc', ['García']],
    ['nobody', []],
  ])('finds %p case- and accent-insensitively by part of the name', async (q, expected) => {
    const response = await list(`?q=${encodeURIComponent(q)}`).expect(200);
    expect(response.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(expected);
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: request.Response = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...response.body.items.map((p: { lastName: string }) => p.lastName));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Hughes', 'Dubois', 'García', 'Chen', 'Murphy']);
  });

  it('lists archived patients only when asked', async () => {
    const response = await list('?archived=true').expect(200);
    expect(response.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Vedpast']);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=ten', 'limit'],
    ['?cursor=not-a-cursor', 'cursor'],
    ['?archived=sometimes', 'archived'],
    ['?sort=name', 'sort'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const response = await list(query).expect(400);
    expectProblem(response.body, 400, 'validation_failed');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('requires a session', async () => {
    const response = await request(app.getHttpServer()).get('/api/patients').expect(401);
    expectProblem(response.body, 401, 'unauthenticated');
  });

  it('records each list read in the audit log with the request id', async () => {
    const response = await list('?q=mei').set('x-request-id', 'audit-check-0001').expect(200);
    expect(response.body.items).toHaveLength(1);
    const rows = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, requestId: 'audit-check-0001' } });
    expect(rows).toEqual([
      expect.objectContaining({ action: 'read', resourceType: 'patient_list', actorId: practice.users.clinician.id, role: 'clinician', outcome: 'success' }),
    ]);
  });

  it('keeps the audit log append-only', async () => {
    await expect(prisma.$executeRawUnsafe('update audit_events set outcome = $1 where practice_id = $2::uuid', 'tampered', practice.id)).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRawUnsafe('delete from audit_events where practice_id = $1::uuid', practice.id)).rejects.toThrow(/append-only/);
  });
});
