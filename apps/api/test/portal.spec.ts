import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays, EXERCISES } from '@upright/domain';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { todayIso } from '../src/common/dates.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const requestId = () => `portal-${randomBytes(6).toString('hex')}`;
/** Each test's client address, so the per-address throttle of one test never touches another. */
const randomIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;
const TODAY = todayIso();
const BIRTH = '1979-04-12';
const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))].sort();
const exercise = (code: string) => EXERCISES.find((e) => e.code === code)!;

/** Started 10 days ago: today is in week 1, where "settle" (weeks 0-1) and "activate" (weeks 1-3) overlap. */
const planBody = {
  title: 'Back support plan',
  startDate: addDays(TODAY, -10),
  phases: [
    {
      key: 'settle',
      title: 'Settle',
      startWeek: 0,
      endWeek: 2,
      goals: ['Keep moving gently.'],
      exercises: [
        { exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7, notes: '10-20 minutes.' },
        { exerciseCode: 'cat_camel', sets: 1, reps: 8, perSide: false, timesPerWeek: 7 },
      ],
    },
    {
      key: 'activate',
      title: 'Activate',
      startWeek: 1,
      endWeek: 4,
      goals: ['Learn each exercise in its easier version.'],
      exercises: [
        { exerciseCode: 'bird_dog', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7 },
        { exerciseCode: 'side_bridge', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7 },
      ],
    },
    {
      key: 'strengthen',
      title: 'Strengthen',
      startWeek: 4,
      endWeek: 12,
      goals: ['Build endurance.'],
      exercises: [{ exerciseCode: 'glute_bridge', sets: 2, reps: 8, perSide: false, timesPerWeek: 3 }],
    },
  ],
  notes: ['Stop any exercise that sends pain down a leg.'],
};

describe('patient portal', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;

  beforeAll(async () => {
    app = await startApp({ WEB_ORIGIN: 'https://clinic.example.com' });
    prisma = prismaClient();
    practice = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const linkWhere = (id: string) => ({ practiceId_id: { practiceId: practice.id, id } });

  /** A patient with an active plan shared through a link: the token as the patient receives it. */
  async function sharedPlan(patient: { firstName?: string; dateOfBirth?: string } = {}) {
    const row = await createPatient(prisma, practice, { firstName: patient.firstName ?? 'Zoë', dateOfBirth: patient.dateOfBirth ?? BIRTH });
    const created = await http().post(`/api/patients/${row.id}/plans`).set('cookie', clinician).send(planBody).expect(201);
    const activated = await http().post(`/api/plans/${created.body.id}/activate`).set('cookie', clinician).expect(200);
    const shared = await http().post(`/api/plans/${created.body.id}/share`).set('cookie', clinician).expect(200);
    const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(shared.body.url)![1];
    return { patientId: row.id, planId: created.body.id as string, planVersion: activated.body.version as number, token, linkId: shared.body.linkId as string };
  }

  const open = (token: string, birthYear: unknown = 1979, ip = randomIp()) =>
    http().post('/api/portal/session').set('x-forwarded-for', ip).send({ token, birthYear });

  function portalCookieOf(response: request.Response): string {
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('upright_portal='));
    if (!cookie) throw new Error('No portal cookie set');
    return cookie.split(';')[0];
  }

  async function session(patient?: { firstName?: string; dateOfBirth?: string }) {
    const shared = await sharedPlan(patient);
    const cookie = portalCookieOf(await open(shared.token).expect(200));
    return { ...shared, cookie };
  }

  const auditOf = (rid: string) => prisma.auditEvent.findMany({ where: { requestId: rid }, orderBy: { at: 'asc' } });

  describe('POST /api/portal/session', () => {
    it('opens the plan with the right birth year: 200, an httpOnly SameSite=Strict cookie bound to the link, audited', async () => {
      const { token, patientId, planId, linkId } = await sharedPlan({ firstName: 'Zoë' });
      const rid = requestId();
      const response = await open(token).set('x-request-id', rid).expect(200);
      expect(response.body).toEqual({ patient: { firstName: 'Zoë' }, planId });
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');

      const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('upright_portal='))!;
      expect(setCookie).toMatch(/; HttpOnly/i);
      expect(setCookie).toMatch(/; SameSite=Strict/i);
      expect(setCookie).toMatch(/; Secure/i); // outside development
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).toMatch(/; Max-Age=86400/);
      const cookieToken = portalCookieOf(response).slice('upright_portal='.length);
      expect(Buffer.from(cookieToken, 'base64url')).toHaveLength(32);
      expect(cookieToken).not.toBe(token);

      // Only the hash is stored, bound to practice, patient, plan and link.
      const stored = await prisma.portalSession.findUniqueOrThrow({ where: { tokenHash: sha256(cookieToken) } });
      expect(stored).toMatchObject({ practiceId: practice.id, patientId, planId, shareLinkId: linkId });
      expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
      expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThanOrEqual(24 * 3_600_000 + 1000);
      const link = await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) });
      expect(link.lastOpenedAt).toBeInstanceOf(Date);
      expect(link.failedAttempts).toBe(0);

      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({
          action: 'login',
          resourceType: 'portal_session',
          resourceId: linkId,
          patientId,
          actorType: 'patient',
          actorId: patientId,
          outcome: 'success',
        }),
      ]);
    });

    it('refuses a bad body naming every bad field (400 problem+json, with the portal headers)', async () => {
      const cases: [object, string[]][] = [
        [{}, ['birthYear', 'token']],
        [{ token: 'short', birthYear: 1979 }, ['token']],
        [{ token: 'a'.repeat(101), birthYear: 1979 }, ['token']],
        [{ token: 'not a token!not a token!', birthYear: 1979 }, ['token']],
        [{ token: 'a'.repeat(43), birthYear: 1899 }, ['birthYear']],
        [{ token: 'a'.repeat(43), birthYear: new Date().getUTCFullYear() + 1 }, ['birthYear']],
        [{ token: 'a'.repeat(43), birthYear: 1979.5 }, ['birthYear']],
        [{ token: 'a'.repeat(43), birthYear: '1979' }, ['birthYear']],
        [{ token: 'a'.repeat(43), birthYear: 1979, patientId: randomUUID() }, ['patientId']],
      ];
      for (const [body, expected] of cases) {
        const response = await http().post('/api/portal/session').set('x-forwarded-for', randomIp()).send(body).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(fields(response.body)).toEqual(expected);
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cache-control']).toBe('no-store');
      }
    });

    it('answers 404 for an unknown token and counts it against the client address', async () => {
      const ip = randomIp();
      const response = await open(randomBytes(32).toString('base64url'), 1979, ip).expect(404);
      expectProblem(response.body, 404, 'not_found');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await prisma.loginFailure.count({ where: { kind: 'portal_ip', key: ip } })).toBe(1);
    });

    it('answers 401 invalid_credentials for a wrong birth year, counting it atomically and auditing it', async () => {
      const { token, linkId, patientId } = await sharedPlan();
      const rid = requestId();
      const response = await open(token, 1980).set('x-request-id', rid).expect(401);
      expectProblem(response.body, 401, 'invalid_credentials');
      expect(response.body.detail).toMatch(/birth year does not match.*4 tries left/);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect((await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) })).failedAttempts).toBe(1);
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({
          action: 'login_failed',
          resourceType: 'portal_session',
          resourceId: linkId,
          patientId,
          actorType: 'patient',
          actorId: null,
          outcome: 'failure',
        }),
      ]);

      // Concurrent wrong tries are each counted once.
      await Promise.all([open(token, 1981).expect(401), open(token, 1982).expect(401)]);
      expect((await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) })).failedAttempts).toBe(3);
    });

    it('locks the link on the 5th wrong birth year; then even the right year gets 423', async () => {
      const { token, linkId, patientId } = await sharedPlan();
      for (let i = 1; i <= 4; i++) await open(token, 1900 + i).expect(401);
      expect((await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) })).lockedAt).toBeNull();

      const rid = requestId();
      const fifth = await open(token, 1905).set('x-request-id', rid).expect(401);
      expectProblem(fifth.body, 401, 'invalid_credentials');
      expect(fifth.body.detail).toMatch(/now locked/);
      const link = await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) });
      expect(link.failedAttempts).toBe(5);
      expect(link.lockedAt).toBeInstanceOf(Date);
      expect((await auditOf(rid)).map((e) => [e.action, e.resourceType, e.resourceId, e.patientId])).toEqual([
        ['login_failed', 'portal_session', linkId, patientId],
        ['denied', 'share_link', linkId, patientId],
      ]);

      const rid6 = requestId();
      const sixth = await open(token, 1979).set('x-request-id', rid6).expect(423);
      expectProblem(sixth.body, 423, 'locked');
      expect(sixth.headers['set-cookie']).toBeUndefined();
      expect((await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) })).failedAttempts).toBe(5);
      expect(await prisma.portalSession.count({ where: { shareLinkId: linkId } })).toBe(0);
      expect(await auditOf(rid6)).toEqual([expect.objectContaining({ action: 'denied', resourceType: 'portal_session', outcome: 'denied', patientId })]);

      // The clinician sees the link as locked.
      const links = await http().get(`/api/plans/${link.planId}/share`).set('cookie', clinician).expect(200);
      expect(links.body.items[0]).toMatchObject({ id: linkId, state: 'locked', failedAttempts: 5 });
    });

    it('answers 410 link_expired for an expired or revoked link and for a plan entered in error; a completed plan still opens', async () => {
      const expired = await sharedPlan();
      await prisma.shareLink.update({ where: linkWhere(expired.linkId), data: { expiresAt: new Date(Date.now() - 1000) } });
      const a = await open(expired.token).expect(410);
      expectProblem(a.body, 410, 'link_expired');
      expect(a.body.title).toBe('This link is no longer active');

      const revoked = await sharedPlan();
      await http().delete(`/api/plans/${revoked.planId}/share`).set('cookie', clinician).expect(204);
      expectProblem((await open(revoked.token).expect(410)).body, 410, 'link_expired');

      const wrong = await sharedPlan();
      await prisma.plan.update({
        where: { practiceId_id: { practiceId: practice.id, id: wrong.planId } },
        data: { status: 'entered_in_error', statusReason: 'Wrong patient' },
      });
      expectProblem((await open(wrong.token).expect(410)).body, 410, 'link_expired');
      // None of these is a guess: the wrong-year counter stays.
      expect((await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(wrong.linkId) })).failedAttempts).toBe(0);
      // A completed plan (the patient was discharged) still opens: they keep their maintenance programme.
      const completed = await sharedPlan();
      await prisma.plan.update({ where: { practiceId_id: { practiceId: practice.id, id: completed.planId } }, data: { status: 'completed' } });
      await open(completed.token).expect(200);
    });

    it('throttles a client address after 20 failed opens in 15 minutes (429 with Retry-After), even with a right year', async () => {
      const { token } = await sharedPlan();
      const ip = randomIp();
      for (let i = 0; i < 20; i++) await open(randomBytes(32).toString('base64url'), 1979, ip).expect(404);
      const response = await open(token, 1979, ip).expect(429);
      expectProblem(response.body, 429, 'too_many_requests');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      await open(token, 1979, randomIp()).expect(200);
    });

    it('replaces the portal session the browser already had', async () => {
      const { token, cookie } = await session();
      const again = await open(token).set('cookie', cookie).expect(200);
      expect(await prisma.portalSession.count({ where: { tokenHash: sha256(cookie.split('=')[1]) } })).toBe(0);
      await http().get('/api/portal/plan').set('cookie', cookie).expect(401);
      await http().get('/api/portal/plan').set('cookie', portalCookieOf(again)).expect(200);
    });
  });

  describe('portal sessions', () => {
    it('ends at once when the link is revoked (the sessions are deleted with the revocation)', async () => {
      const { planId, linkId, cookie } = await session();
      await http().get('/api/portal/plan').set('cookie', cookie).expect(200);
      await http().delete(`/api/plans/${planId}/share`).set('cookie', clinician).expect(204);
      expect(await prisma.portalSession.count({ where: { shareLinkId: linkId } })).toBe(0);
      expectProblem((await http().get('/api/portal/plan').set('cookie', cookie).expect(401)).body, 401, 'unauthenticated');
      await http().get('/api/portal/logs').set('cookie', cookie).expect(401);
    });

    it('answers 410 link_expired once the plan is no longer active or the link has expired, and ends the session', async () => {
      const a = await session();
      await prisma.plan.update({
        where: { practiceId_id: { practiceId: practice.id, id: a.planId } },
        data: { status: 'entered_in_error', statusReason: 'Wrong patient' },
      });
      const gone = await http().get('/api/portal/plan').set('cookie', a.cookie).expect(410);
      expectProblem(gone.body, 410, 'link_expired');
      expect(gone.headers['referrer-policy']).toBe('no-referrer');
      expect(await prisma.portalSession.count({ where: { shareLinkId: a.linkId } })).toBe(0);

      const b = await session();
      await prisma.shareLink.update({ where: linkWhere(b.linkId), data: { expiresAt: new Date(Date.now() - 1000) } });
      expectProblem((await http().post('/api/portal/logs').set('cookie', b.cookie).send({}).expect(410)).body, 410, 'link_expired');
    });

    it('ends after 2 hours without use and 24 hours after opening', async () => {
      const idle = await session();
      const idleHash = sha256(idle.cookie.split('=')[1]);
      await prisma.portalSession.update({ where: { tokenHash: idleHash }, data: { lastSeenAt: new Date(Date.now() - 2 * 3_600_000 - 1000) } });
      await http().get('/api/portal/plan').set('cookie', idle.cookie).expect(401);
      expect(await prisma.portalSession.count({ where: { tokenHash: idleHash } })).toBe(0);

      const recent = await session();
      const recentHash = sha256(recent.cookie.split('=')[1]);
      await prisma.portalSession.update({ where: { tokenHash: recentHash }, data: { lastSeenAt: new Date(Date.now() - 3_600_000) } });
      await http().get('/api/portal/plan').set('cookie', recent.cookie).expect(200);
      // Use moves the idle clock on.
      const touched = await prisma.portalSession.findUniqueOrThrow({ where: { tokenHash: recentHash } });
      expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000);

      const old = await session();
      await prisma.portalSession.update({ where: { tokenHash: sha256(old.cookie.split('=')[1]) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      await http().get('/api/portal/plan').set('cookie', old.cookie).expect(401);
    });

    it('never mixes with staff sessions: a staff cookie gets 401 on portal routes, a portal cookie 401 on staff routes', async () => {
      const { cookie, patientId, planId } = await session();
      for (const [method, url] of [
        ['get', '/api/portal/plan'],
        ['get', '/api/portal/logs'],
        ['post', '/api/portal/logs'],
        ['get', '/api/portal/access-log'],
        ['post', '/api/portal/logout'],
      ] as const) {
        const call = http()[method](url).set('cookie', clinician);
        const response = await (method === 'post' ? call.send({}) : call).expect(401);
        expectProblem(response.body, 401, 'unauthenticated');
        await http()[method](url).expect(401);
      }
      for (const url of [`/api/patients/${patientId}`, `/api/plans/${planId}`, `/api/patients/${patientId}/logs`, '/api/auth/me']) {
        expectProblem((await http().get(url).set('cookie', cookie).expect(401)).body, 401, 'unauthenticated');
      }
      // Both cookies at once: each route reads only its own.
      const both = `${cookie}; ${clinician}`;
      expect((await http().get('/api/portal/plan').set('cookie', both).expect(200)).body.plan.id).toBe(planId);
      expect((await http().get('/api/auth/me').set('cookie', both).expect(200)).body.id).toBe(practice.users.clinician.id);
    });

    it('logout ends the session (204), clears the cookie and is audited', async () => {
      const { cookie, patientId, linkId } = await session();
      const rid = requestId();
      const response = await http().post('/api/portal/logout').set('cookie', cookie).set('x-request-id', rid).expect(204);
      expect(response.text).toBe('');
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).some((c) => /^upright_portal=;/.test(c))).toBe(true);
      expect(await prisma.portalSession.count({ where: { tokenHash: sha256(cookie.split('=')[1]) } })).toBe(0);
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({ action: 'logout', resourceType: 'portal_session', resourceId: linkId, patientId, actorType: 'patient', actorId: patientId }),
      ]);
      await http().get('/api/portal/plan').set('cookie', cookie).expect(401);
    });
  });

  describe('GET /api/portal/plan', () => {
    it('answers the current version with today’s phase, each exercise’s instructions, no-store and no-referrer; audited', async () => {
      const { cookie, patientId, planId } = await session({ firstName: 'Ama' });
      const rid = requestId();
      const response = await http().get('/api/portal/plan').set('cookie', cookie).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const { body } = response;
      expect(body.patient).toEqual({ firstName: 'Ama' });
      expect(body.changes).toBeNull();
      expect(body.plan).toMatchObject({
        id: planId,
        title: 'Back support plan',
        startDate: planBody.startDate,
        versionNumber: 1,
        notes: ['Stop any exercise that sends pain down a leg.'],
        currentPhaseKey: 'activate',
      });
      expect(body.plan.reviewDates).toEqual([addDays(planBody.startDate, 14), addDays(planBody.startDate, 28), addDays(planBody.startDate, 84)]);
      expect(body.plan.phases.map((p: { key: string; current: boolean }) => [p.key, p.current])).toEqual([
        ['settle', false],
        ['activate', true],
        ['strengthen', false],
      ]);
      const birdDog = exercise('bird_dog');
      expect(body.plan.phases[1].exercises[0]).toEqual({
        exerciseCode: 'bird_dog',
        name: birdDog.name,
        steps: birdDog.steps,
        sets: 3,
        reps: 5,
        holdSeconds: 10,
        perSide: true,
        timesPerWeek: 7,
        side: null,
        notes: null,
        regression: birdDog.regression,
        progression: birdDog.progression,
        safety: birdDog.safety,
      });
      expect(body.plan.phases[0].exercises[0]).toMatchObject({ exerciseCode: 'walking', holdSeconds: null, notes: '10-20 minutes.' });
      expect(body.plan.phases[0]).toMatchObject({ title: 'Settle', startWeek: 0, endWeek: 2, goals: ['Keep moving gently.'] });
      // Nothing clinical beyond the plan leaks to the patient page.
      expect(JSON.stringify(body)).not.toMatch(/createdBy|practiceId|lastName|dateOfBirth/);

      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({ action: 'read', resourceType: 'plan', resourceId: planId, patientId, actorType: 'patient', actorId: patientId, role: null }),
      ]);
    });

    it('shows a practice’s own exercise with its instructions', async () => {
      const code = `wall_slide_${randomBytes(3).toString('hex')}`;
      await prisma.practiceExercise.create({
        data: {
          id: randomUUID(),
          practiceId: practice.id,
          code,
          name: 'Wall slide',
          targets: [],
          steps: ['Stand with your back to a wall.', 'Slide down a little, then up.'],
          regression: 'Slide less far.',
          progression: 'Hold at the bottom.',
          safety: 'Keep your knees over your feet.',
          defaultDose: { sets: 2, reps: 10, perSide: false, timesPerWeek: 3 },
          createdBy: practice.users.clinician.id,
        },
      });
      const patient = await createPatient(prisma, practice, { dateOfBirth: BIRTH });
      const body = {
        ...planBody,
        phases: [{ ...planBody.phases[0], exercises: [{ exerciseCode: code, sets: 2, reps: 10, perSide: false, timesPerWeek: 3 }] }],
      };
      const plan = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(body).expect(201);
      await http().post(`/api/plans/${plan.body.id}/activate`).set('cookie', clinician).expect(200);
      const shared = await http().post(`/api/plans/${plan.body.id}/share`).set('cookie', clinician).expect(200);
      const cookie = portalCookieOf(await open(/\/p\/(.+)$/.exec(shared.body.url)![1]).expect(200));
      const view = await http().get('/api/portal/plan').set('cookie', cookie).expect(200);
      // Only one phase (weeks 0-1), 10 days in: clamped to it.
      expect(view.body.plan.currentPhaseKey).toBe('settle');
      expect(view.body.plan.phases[0].exercises[0]).toMatchObject({
        exerciseCode: code,
        name: 'Wall slide',
        steps: ['Stand with your back to a wall.', 'Slide down a little, then up.'],
        regression: 'Slide less far.',
        progression: 'Hold at the bottom.',
        safety: 'Keep your knees over your feet.',
      });
    });

    it('tells what changed since the last visit after the clinician edits the active plan, then remembers it', async () => {
      const { cookie, planId, planVersion, linkId } = await session();
      expect((await http().get('/api/portal/plan').set('cookie', cookie).expect(200)).body.changes).toBeNull();
      expect((await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) })).lastSeenVersion).toBe(1);
      // A second visit without a change: still nothing.
      expect((await http().get('/api/portal/plan').set('cookie', cookie).expect(200)).body.changes).toBeNull();

      const phases = structuredClone(planBody.phases);
      phases[1].exercises[0] = { ...phases[1].exercises[0], reps: 7 }; // bird dog: dose changed
      phases[1].exercises.splice(1, 1); // side bridge: removed
      phases[1].exercises.push({ exerciseCode: 'dead_bug', sets: 3, reps: 10, perSide: false, timesPerWeek: 7 } as never); // added
      await http()
        .patch(`/api/plans/${planId}`)
        .set('cookie', clinician)
        .set('if-match', `"${planVersion}"`)
        .send({ phases, changeNote: 'Progressed' })
        .expect(200);

      const view = await http().get('/api/portal/plan').set('cookie', cookie).expect(200);
      expect(view.body.plan.versionNumber).toBe(2);
      expect(view.body.changes.sinceVersion).toBe(1);
      expect(view.body.changes.items.map((c: { kind: string; exerciseCode: string; phaseKey: string }) => [c.kind, c.exerciseCode, c.phaseKey])).toEqual([
        ['dose_changed', 'bird_dog', 'activate'],
        ['added', 'dead_bug', 'activate'],
        ['removed', 'side_bridge', 'activate'],
      ]);
      const [dose, added, removed] = view.body.changes.items;
      expect(dose).toMatchObject({ name: 'Bird dog', text: expect.stringMatching(/now 3 sets of 7 with 10-second holds.*before: 3 sets of 5/) });
      expect(added.text).toMatch(/^New in “Activate”: .*3 sets of 10, every day\.$/);
      expect(removed.text).toMatch(/no longer part of “Activate”/);
      expect((await prisma.shareLink.findUniqueOrThrow({ where: linkWhere(linkId) })).lastSeenVersion).toBe(2);

      // Seen now: the next visit has no changes.
      expect((await http().get('/api/portal/plan').set('cookie', cookie).expect(200)).body.changes).toBeNull();
    });

    it('shows each patient only their own plan', async () => {
      const a = await session({ firstName: 'Ada' });
      const b = await session({ firstName: 'Bea' });
      const viewA = await http().get('/api/portal/plan').set('cookie', a.cookie).expect(200);
      const viewB = await http().get('/api/portal/plan').set('cookie', b.cookie).expect(200);
      expect([viewA.body.patient.firstName, viewA.body.plan.id]).toEqual(['Ada', a.planId]);
      expect([viewB.body.patient.firstName, viewB.body.plan.id]).toEqual(['Bea', b.planId]);
    });
  });

  describe('POST /api/portal/logs', () => {
    const log = (cookie: string, body: object) => http().post('/api/portal/logs').set('cookie', cookie).send(body);

    it('records the day (201) for the session’s patient, plan and version; no alert for low pain; audited', async () => {
      const { cookie, patientId, planId, linkId } = await session();
      const rid = requestId();
      const response = await log(cookie, { date: TODAY, completedExercises: ['bird_dog', 'walking'], pain: 3, difficulty: 4, note: '  Felt fine.  ' })
        .set('x-request-id', rid)
        .expect(201);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.body).toEqual({
        log: {
          id: expect.any(String),
          date: TODAY,
          planId,
          planVersion: 1,
          completedExercises: ['bird_dog', 'walking'],
          pain: 3,
          difficulty: 4,
          note: 'Felt fine.',
          createdAt: expect.any(String),
        },
        painAlert: null,
        message: null,
      });
      const row = await prisma.patientLog.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: response.body.log.id } } });
      expect(row).toMatchObject({ patientId, planId, planVersion: 1, shareLinkId: linkId, alertReasons: [], alertAcknowledgedAt: null });
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({ action: 'create', resourceType: 'patient_log', resourceId: row.id, patientId, actorType: 'patient', actorId: patientId }),
      ]);

      // A rest day: no exercises, still a log.
      await log(cookie, { date: addDays(TODAY, -1), completedExercises: [], pain: 2, difficulty: 0 }).expect(201);
    });

    it('raises the domain’s pain alert at pain 7 or more, with gentle advice for the patient', async () => {
      const { cookie, patientId } = await session();
      const response = await log(cookie, { date: TODAY, completedExercises: ['walking'], pain: 8, difficulty: 6 }).expect(201);
      expect(response.body.painAlert).toEqual({ code: 'pain_alert', reasons: ['pain_high'], text: expect.stringContaining('8/10') });
      expect(response.body.message).toMatch(/Ease off/);
      expect(response.body.message).toMatch(/contact the practice/);
      expect(response.body.message).toMatch(/urgent medical help/);
      const row = await prisma.patientLog.findFirstOrThrow({ where: { practiceId: practice.id, patientId } });
      expect(row.alertReasons).toEqual(['pain_high']);
    });

    it('raises it on a jump of 3 points over the previous log, not on 2', async () => {
      const { cookie } = await session();
      await log(cookie, { date: addDays(TODAY, -3), completedExercises: [], pain: 2, difficulty: 3 }).expect(201);
      const two = await log(cookie, { date: addDays(TODAY, -2), completedExercises: [], pain: 4, difficulty: 3 }).expect(201);
      expect(two.body).toMatchObject({ painAlert: null, message: null });
      const three = await log(cookie, { date: addDays(TODAY, -1), completedExercises: [], pain: 7, difficulty: 3 }).expect(201);
      expect(three.body.painAlert.reasons).toEqual(['pain_high', 'pain_jump']);
      const jump = await log(cookie, { date: TODAY, completedExercises: [], pain: 1, difficulty: 3 }).expect(201);
      expect(jump.body.painAlert).toBeNull();
      const up = await log(cookie, { date: TODAY, completedExercises: [], pain: 4, difficulty: 3 }).expect(201);
      expect(up.body.painAlert).toEqual({ code: 'pain_alert', reasons: ['pain_jump'], text: expect.stringContaining('from 1/10') });
      expect(up.body.message).toMatch(/gone up since your last log/);
    });

    it('refuses bad input naming every bad field, including exercises not in the current plan', async () => {
      const { cookie, patientId } = await session();
      const good = { date: TODAY, completedExercises: ['walking'], pain: 3, difficulty: 3 };
      const cases: [object, string[]][] = [
        [{}, ['completedExercises', 'date', 'difficulty', 'pain']],
        [{ ...good, date: addDays(TODAY, 1) }, ['date']],
        [{ ...good, date: addDays(TODAY, -31) }, ['date']],
        [{ ...good, date: '2026-02-30' }, ['date']],
        [{ ...good, completedExercises: ['walking', 'walking'] }, ['completedExercises']],
        [{ ...good, completedExercises: 'walking' }, ['completedExercises']],
        [{ ...good, completedExercises: ['Not A Code'] }, ['completedExercises']],
        [{ ...good, pain: 11, difficulty: -1 }, ['difficulty', 'pain']],
        [{ ...good, pain: 2.5 }, ['pain']],
        [{ ...good, note: 'x'.repeat(1001) }, ['note']],
        [{ ...good, patientId: randomUUID(), planId: randomUUID() }, ['patientId', 'planId']],
        [{ ...good, completedExercises: ['walking', 'clamshell', 'glute_bridge'] }, ['completedExercises[1]']],
      ];
      for (const [body, expected] of cases) {
        const response = await log(cookie, body).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(fields(response.body)).toEqual(expected);
      }
      // Not before the plan started (10 days ago); its first day is fine.
      expect(fields((await log(cookie, { ...good, date: addDays(TODAY, -11) }).expect(400)).body)).toEqual(['date']);
      await log(cookie, { ...good, date: addDays(TODAY, -10) }).expect(201);
      expect(await prisma.patientLog.count({ where: { practiceId: practice.id, patientId } })).toBe(1);
    });
  });

  describe('GET /api/portal/logs', () => {
    it('lists the patient’s own logs newest first, never another patient’s; audited', async () => {
      const a = await session();
      const b = await session();
      for (const days of [5, 1, 3]) {
        await http()
          .post('/api/portal/logs')
          .set('cookie', a.cookie)
          .send({ date: addDays(TODAY, -days), completedExercises: [], pain: 2, difficulty: 2 })
          .expect(201);
      }
      await http()
        .post('/api/portal/logs')
        .set('cookie', b.cookie)
        .send({ date: TODAY, completedExercises: ['walking'], pain: 1, difficulty: 1 })
        .expect(201);

      const rid = requestId();
      const response = await http().get('/api/portal/logs').set('cookie', a.cookie).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.body.items.map((l: { date: string }) => l.date)).toEqual([addDays(TODAY, -1), addDays(TODAY, -3), addDays(TODAY, -5)]);
      expect(response.body.items.every((l: { planId: string }) => l.planId === a.planId)).toBe(true);
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({
          action: 'read',
          resourceType: 'patient_log',
          resourceId: null,
          patientId: a.patientId,
          actorType: 'patient',
          actorId: a.patientId,
        }),
      ]);
      const other = await http().get('/api/portal/logs').set('cookie', b.cookie).expect(200);
      expect(other.body.items).toHaveLength(1);
      expect(other.body.items[0].planId).toBe(b.planId);
    });
  });

  it('documents the portal routes in the OpenAPI document', async () => {
    const doc = (await http().get('/api/docs-json').expect(200)).body;
    for (const path of ['/api/portal/session', '/api/portal/plan', '/api/portal/logs', '/api/portal/access-log', '/api/portal/logout'])
      expect(doc.paths[path]).toBeDefined();
    expect(doc.paths['/api/portal/plan'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/PortalPlanViewDto');
    expect(doc.paths['/api/portal/session'].post.responses).toHaveProperty('423');
    expect(doc.components.schemas.CreatePatientLogDto.required.sort()).toEqual(['completedExercises', 'date', 'difficulty', 'pain']);
  });

  describe('GET /api/portal/access-log', () => {
    it('lists who at the practice viewed or changed the record, by name, newest first; not the patient’s own visits', async () => {
      const { cookie, patientId, planId } = await session();
      const admin = await signIn(app, practice.users.admin.email);
      await http().get(`/api/patients/${patientId}`).set('cookie', clinician).expect(200);
      await http().get(`/api/plans/${planId}`).set('cookie', admin).expect(200);
      await http().get('/api/portal/plan').set('cookie', cookie).expect(200);

      const rid = requestId();
      const response = await http().get('/api/portal/access-log').set('cookie', cookie).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const items = response.body.items as { at: string; actorName: string; role: string; action: string; resourceType: string }[];
      expect(items.slice(0, 2)).toEqual([
        { at: expect.any(String), actorName: 'Test admin', role: 'admin', action: 'read', resourceType: 'plan' },
        { at: expect.any(String), actorName: 'Test clinician', role: 'clinician', action: 'read', resourceType: 'patient' },
      ]);
      // Earlier: the clinician made, activated and shared the plan.
      expect(items.map((i) => `${i.action} ${i.resourceType}`)).toEqual(['read plan', 'read patient', 'share share_link', 'update plan', 'create plan']);
      expect(items.every((i) => i.actorName !== null)).toBe(true);
      expect([...items].sort((x, y) => y.at.localeCompare(x.at))).toEqual(items);
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({ action: 'read', resourceType: 'access_log', patientId, actorType: 'patient', actorId: patientId }),
      ]);
    });
  });
});
