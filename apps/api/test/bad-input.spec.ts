import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../src/config/app-config.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { MATRIX } from './access-rules.js';
import { insertAssessment, insertEpisode, insertNote, insertOdi, insertPlan } from './factories/clinical.js';
import { createPatient, createPractice, createTestApp, databaseUrl, prismaClient, TestPractice } from './harness.js';

/**
 * Bad input never gets a 500: every write route, called by an administrator (who may use them all, but the
 * clinician-only visit-note writes, which a clinician calls) with malformed bodies of every JSON shape, answers 4xx
 * with a problem document. The routes come from the application itself, so a new route is covered without touching
 * this file.
 */
const BAD_BODIES: unknown[] = [
  [],
  [[]],
  'text',
  42,
  true,
  { phases: [[]] },
  { phases: [{ exercises: [[]] }] },
  { phases: 'x' },
  { measurements: [] },
  { measurements: { sideBridgeS: [] } },
  { measurements: { sideBridgeS: { left: 'a', right: null } } },
  { answers: {} },
  { answers: [[]] },
  { instrument: 'odi', recordedOn: '2026-11-01', answers: 'x' },
  { painAreas: [{}], redFlags: [[]] },
  { completedExercises: [{}] },
  { email: { $ne: null }, password: ['x'] },
  { firstName: 'A'.repeat(10_000) },
  { onsetDate: '2026-02-30', dateOfBirth: '0000-00-00' },
  { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } },
  { targets: [1, 2], steps: {}, defaultDose: [] },
  { overrideReason: 123 },
  { expiresInDays: Number.POSITIVE_INFINITY }, // what the literal 1e309 was at run time; JSON sends it as null
  { settledByNextMorning: 'yes' },
  { resolvedOn: { $gt: '' } },
  { spasmSince: [true], spasmOn: 20270101 },
  { resolvedOn: '2026-13-01' },
  { advice: 'fly' },
  { reason: '', completedOn: 'soon', letterToDoctor: 'Dr Who' },
  { reason: 'ok', letterToDoctor: { name: '', address: 7 } },
  { episodeId: 'not-a-uuid' },
];

describe('bad input on every write route', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  const routes: { method: string; url: string }[] = [];
  let practice: TestPractice;
  let params: Record<string, string>;
  let cookie: string;
  let clinicianCookie: string;
  /** Portal routes take a patient's portal session, never a staff one. */
  let portalCookie: string;

  beforeAll(async () => {
    app = await createTestApp(loadConfig({ DATABASE_URL: databaseUrl(), NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { logger: false });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        for (const method of ([] as string[]).concat(route.method)) if (['POST', 'PATCH', 'PUT'].includes(method)) routes.push({ method, url: route.url });
      });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    const patient = await createPatient(prisma, practice);
    const episode = await insertEpisode(prisma, practice, patient);
    const assessment = await insertAssessment(prisma, practice, patient, { sideBridgeS: { left: 60, right: 80 } });
    const outcome = await insertOdi(prisma, practice, patient, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-11-01');
    const planId = await insertPlan(prisma, practice, patient, 'Bad input plan', 'active');
    const note = await insertNote(prisma, practice, patient);
    params = {
      id: patient.id,
      episodeId: episode.id,
      assessmentId: assessment.id,
      outcomeId: outcome.id,
      planId,
      number: '1',
      logId: outcome.id,
      noteId: note.id,
      followUpId: randomUUID(),
    };
    const sessionOf = async (userId: string) => {
      const token = randomBytes(32).toString('base64url');
      await prisma.session.create({
        data: { tokenHash: createHash('sha256').update(token).digest('hex'), userId, practiceId: practice.id, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      return `upright_session=${token}`;
    };
    cookie = await sessionOf(practice.users.admin.id);
    clinicianCookie = await sessionOf(practice.users.clinician.id);
    const shareLinkId = randomUUID();
    await prisma.shareLink.create({
      data: {
        id: shareLinkId,
        practiceId: practice.id,
        planId,
        patientId: patient.id,
        tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
        expiresAt: new Date(Date.now() + 86_400_000),
        createdBy: practice.users.clinician.id,
      },
    });
    const portalToken = randomBytes(32).toString('base64url');
    await prisma.portalSession.create({
      data: {
        tokenHash: createHash('sha256').update(portalToken).digest('hex'),
        practiceId: practice.id,
        patientId: patient.id,
        planId,
        shareLinkId,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    portalCookie = `upright_portal=${portalToken}`;
  });
  afterAll(async () => {
    await app?.close();
    await prisma?.$disconnect();
  });

  const fill = (url: string) =>
    url
      .replace(/^\/api\/users\/:id/, `/api/users/${practice.users.clinician.id}`)
      .replace(/:(\w+)/g, (_, name: string) => params[name] ?? randomBytes(4).toString('hex'));

  it('finds the write routes', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  // Every route times every caller (or bad body): its time grows with the route table, past jest's 30 s on a busy machine.
  it('answers every malformed body with a 4xx problem, never a 500', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const { method, url } of routes) {
      if (url === '/api/auth/logout' || url === '/api/portal/logout') continue; // would end the session the other calls use
      for (const body of BAD_BODIES) {
        const agent = request(app.getHttpServer());
        const response = await agent[method.toLowerCase() as 'post'](fill(url))
          .set('cookie', { clinician: clinicianCookie, portal: portalCookie }[MATRIX[`${method} ${url}`] as string] ?? cookie)
          .set('if-match', '"1"')
          .set('content-type', 'application/json')
          .send(JSON.stringify(body));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const problem = response.headers['content-type']?.startsWith('application/problem+json');
        if (response.status >= 500 || (response.status >= 400 && !problem))
          failures.push(`${method} ${url} ${JSON.stringify(body).slice(0, 60)} -> ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    // The bodies reached validation (400), not just a missing record (404).
    expect(statuses.get(400) ?? 0).toBeGreaterThan(routes.length * BAD_BODIES.length * 0.8);
  }, 120_000);
});
