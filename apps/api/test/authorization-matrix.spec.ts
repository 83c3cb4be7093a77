import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../src/config/app-config.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertAssessment, insertEpisode, insertFollowUp, insertNote, insertOdi, insertPlan } from './factories/clinical.js';
import { MATRIX, type Rule } from './access-rules.js';
import { createPatient, createPractice, createTestApp, databaseUrl, prismaClient, TestPractice } from './harness.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Swagger UI's own routes (static files and the JSON document): public by design, not Nest controllers. */
const isDocsRoute = (url: string) =>
  url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs-json') || url.startsWith('/api/docs-yaml');

/** `patient`: a portal session of a patient of the practice (never a staff session). */
type Caller = 'anonymous' | 'otherAdmin' | 'reception' | 'clinician' | 'admin' | 'patient';
const CALLERS: Caller[] = ['anonymous', 'otherAdmin', 'reception', 'clinician', 'admin', 'patient'];

describe('authorization matrix (every route × every kind of caller)', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  const routes: { method: string; url: string }[] = [];
  let practice: TestPractice;
  let other: TestPractice;
  let params: Record<string, string>;
  let portal: { patientId: string; planId: string; shareLinkId: string };

  beforeAll(async () => {
    app = await createTestApp(loadConfig({ DATABASE_URL: databaseUrl(), NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { logger: false });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        for (const method of ([] as string[]).concat(route.method)) if (method !== 'HEAD') routes.push({ method, url: route.url });
      });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    const patient = await createPatient(prisma, practice);
    const episode = await insertEpisode(prisma, practice, patient);
    const assessment = await insertAssessment(prisma, practice, patient, { sideBridgeS: { left: 60, right: 80 } });
    const outcome = await insertOdi(prisma, practice, patient, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-11-01');
    const planId = await insertPlan(prisma, practice, patient, 'Matrix plan', 'active');
    // A share link of that plan (for portal sessions) and a log the patient made through it.
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
    portal = { patientId: patient.id, planId, shareLinkId };
    const note = await insertNote(prisma, practice, patient);
    const logId = randomUUID();
    await prisma.patientLog.create({
      data: {
        id: logId,
        practiceId: practice.id,
        patientId: patient.id,
        planId,
        planVersion: 1,
        shareLinkId,
        date: new Date(),
        completedExercises: ['walking'],
        pain: 8,
        difficulty: 5,
        alertReasons: ['pain_high'],
      },
    });
    // A discharge follow-up of the plan, answered "a spasm since" (what a clinician reviews).
    const followUpId = await insertFollowUp(prisma, practice, patient, planId);
    params = {
      followUpId,
      patientId: patient.id,
      userId: practice.users.clinician.id,
      episodeId: episode.id,
      assessmentId: assessment.id,
      outcomeId: outcome.id,
      planId,
      number: '1',
      logId,
      noteId: note.id,
    };
  });
  afterAll(async () => {
    await app?.close();
    await prisma?.$disconnect();
  });

  /** A fresh session straight in the database (as sign-in would create it), so each call starts signed in. */
  async function cookieFor(caller: Caller): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    if (caller === 'patient') {
      const token = randomBytes(32).toString('base64url');
      // The matrix revokes the plan's links on its way (DELETE /api/plans/:planId/share): use the link afresh.
      await prisma.shareLink.update({ where: { practiceId_id: { practiceId: practice.id, id: portal.shareLinkId } }, data: { revokedAt: null } });
      await prisma.portalSession.create({
        data: { tokenHash: sha256(token), practiceId: practice.id, ...portal, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      return `upright_portal=${token}`;
    }
    const [owner, role] = caller === 'otherAdmin' ? [other, 'admin' as const] : [practice, caller];
    const token = randomBytes(32).toString('base64url');
    await prisma.session.create({
      data: { tokenHash: sha256(token), userId: owner.users[role].id, practiceId: owner.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    return `upright_session=${token}`;
  }

  function fill(url: string): string {
    return url
      .replace(/^\/api\/users\/:id/, `/api/users/${params.userId}`)
      .replace(/:id\b/, params.patientId)
      .replace(':episodeId', params.episodeId)
      .replace(':assessmentId', params.assessmentId)
      .replace(':outcomeId', params.outcomeId)
      .replace(':logId', params.logId)
      .replace(':planId', params.planId)
      .replace(':noteId', params.noteId)
      .replace(':followUpId', params.followUpId)
      .replace(':number', params.number)
      .replace(':kind', 'patients');
  }

  function expected(rule: Rule, caller: Caller, method: string, url: string): (status: number) => boolean {
    const write = method === 'POST' || method === 'PATCH' || method === 'PUT';
    const allowed = (s: number) => s !== 401 && s !== 403 && s < 500;
    if (rule === 'public') return allowed;
    if (caller === 'anonymous') return (s) => s === 401;
    // A portal session never reaches a staff route, and no staff session satisfies a portal route.
    if (rule === 'portal') return caller === 'patient' ? allowed : (s) => s === 401;
    if (caller === 'patient') return (s) => s === 401;
    if (caller === 'reception' && (rule === 'clinical' || rule === 'admin')) return (s) => s === 403;
    if (caller === 'clinician' && rule === 'admin') return (s) => s === 403;
    // Visit notes are written by clinicians only: admins (of any practice) read them and are refused every write.
    if ((caller === 'admin' || caller === 'otherAdmin') && rule === 'clinician') return (s) => s === 403;
    if (caller === 'reception' && rule === 'clinician') return (s) => s === 403;
    // Another practice's administrator may use the route, but never reaches this practice's records: 404. A write
    // whose (empty) body is refused first gets 400, which says nothing about the record either.
    // (:kind names an export, not a record: another practice's admin exports their own practice.)
    if (caller === 'otherAdmin' && /:(?!kind\b)\w+/.test(url)) return (s) => s === 404 || (s === 400 && write);
    return allowed;
  }

  it('lists every registered route', () => {
    const registered = routes.filter((r) => !isDocsRoute(r.url)).map((r) => `${r.method} ${r.url}`);
    const unlisted = registered.filter((key) => !(key in MATRIX));
    expect(unlisted).toEqual([]);
    const stale = Object.keys(MATRIX).filter((key) => !registered.includes(key));
    expect(stale).toEqual([]);
  });

  // Every route times every caller (or bad body): its time grows with the route table, past jest's 30 s on a busy machine.
  it('answers every route as its access rule says, for every caller', async () => {
    const mismatches: string[] = [];
    const uncached: string[] = [];
    for (const { method, url } of routes.filter((r) => !isDocsRoute(r.url) && `${r.method} ${r.url}` in MATRIX)) {
      const rule = MATRIX[`${method} ${url}`];
      for (const caller of CALLERS) {
        const cookie = await cookieFor(caller);
        let call = request(app.getHttpServer())[method.toLowerCase() as 'get'](fill(url));
        if (cookie) call = call.set('cookie', cookie);
        if (method === 'PATCH') call = call.set('if-match', '"1"');
        if (method === 'POST' || method === 'PATCH' || method === 'PUT') call = call.send({});
        const response = await call;
        if (!expected(rule, caller, method, url)(response.status)) mismatches.push(`${method} ${url} as ${caller}: ${response.status} (${rule})`);
        if (response.headers['cache-control'] !== 'no-store') uncached.push(`${method} ${url} as ${caller}: ${response.headers['cache-control']}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every answer, whoever asks and whatever the outcome, tells browsers and proxies not to keep a copy.
    expect(uncached).toEqual([]);
  }, 120_000);

  it('records a refusal in the audit log', async () => {
    const before = await prisma.auditEvent.count({ where: { practiceId: practice.id, action: 'denied', actorId: practice.users.reception.id } });
    const cookie = await cookieFor('reception');
    await request(app.getHttpServer()).get(`/api/patients/${params.patientId}/timeline`).set('cookie', cookie!).expect(403);
    const after = await prisma.auditEvent.count({ where: { practiceId: practice.id, action: 'denied', actorId: practice.users.reception.id } });
    expect(after - before).toBe(1);
  });
});
