import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { hashToken } from '../src/common/token-hash.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPractice, expectProblem, PASSWORD, prismaClient, signIn, startApp, TestPractice, uniqueEmail } from './harness.js';

describe('sign-in and sessions', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;

  beforeAll(async () => {
    app = await startApp({ TRUST_PROXY_HOPS: '1' }); // one trusted proxy: tests set the client address in X-Forwarded-For
    prisma = prismaClient();
    practice = await createPractice(prisma);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  it('signs in, sets an httpOnly SameSite session cookie, and records the sign-in', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: practice.users.clinician.email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(response.body).toEqual({
      id: practice.users.clinician.id,
      name: 'Test clinician',
      email: practice.users.clinician.email,
      role: 'clinician',
      practice: { id: practice.id, name: practice.name, timeZone: 'UTC' },
    });
    const cookie = ([] as string[]).concat(response.headers['set-cookie'])[0];
    expect(cookie).toMatch(/^upright_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // Only the token's hash is stored.
    const token = cookie.split(';')[0].split('=')[1];
    expect(await prisma.session.count({ where: { tokenHash: token } })).toBe(0);
    expect(await prisma.session.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    const audit = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, actorId: practice.users.clinician.id, action: 'login' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', role: 'clinician', resourceType: 'session', outcome: 'success' });
    expect(audit[0].requestId).toBeTruthy();
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: uniqueEmail('nobody'), password: 'whatever-123' })
      .expect(401);
    const wrong = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: practice.users.admin.email, password: 'wrong-password' })
      .expect(401);
    expectProblem(unknown.body, 401, 'invalid_credentials');
    expect({ ...wrong.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    const failed = await prisma.auditEvent.count({ where: { practiceId: practice.id, actorId: practice.users.admin.id, action: 'login_failed' } });
    expect(failed).toBe(1);
  });

  it('answers /auth/me for a session and 401 without one', async () => {
    const cookie = await signIn(app, practice.users.reception.email);
    const me = await request(app.getHttpServer()).get('/api/auth/me').set('cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ role: 'reception', practice: { id: practice.id, name: practice.name } });
    const anonymous = await request(app.getHttpServer()).get('/api/auth/me').expect(401);
    expectProblem(anonymous.body, 401, 'unauthenticated');
    await request(app.getHttpServer())
      .get('/api/auth/me')
      .set('cookie', 'upright_session=' + 'x'.repeat(43))
      .expect(401);
  });

  it('ends the session at logout', async () => {
    const cookie = await signIn(app, practice.users.clinician.email);
    await request(app.getHttpServer()).post('/api/auth/logout').set('cookie', cookie).expect(204);
    await request(app.getHttpServer()).get('/api/auth/me').set('cookie', cookie).expect(401);
  });

  it('ends sessions at once when the user is deactivated', async () => {
    const other = await createPractice(prisma);
    const cookie = await signIn(app, other.users.clinician.email);
    await prisma.user.update({ where: { id: other.users.clinician.id }, data: { active: false } });
    await request(app.getHttpServer()).get('/api/auth/me').set('cookie', cookie).expect(401);
    await request(app.getHttpServer()).post('/api/auth/login').send({ email: other.users.clinician.email, password: PASSWORD }).expect(401);
  });

  it('ends a session idle for more than 30 minutes, and one older than 12 hours', async () => {
    const idle = await signIn(app, practice.users.admin.email);
    await prisma.session.update({ where: { tokenHash: hashToken(idle.split('=')[1]) }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    await request(app.getHttpServer()).get('/api/auth/me').set('cookie', idle).expect(401);

    const old = await signIn(app, practice.users.admin.email);
    await prisma.session.update({ where: { tokenHash: hashToken(old.split('=')[1]) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await request(app.getHttpServer()).get('/api/auth/me').set('cookie', old).expect(401);

    const fresh = await signIn(app, practice.users.admin.email);
    await prisma.session.update({ where: { tokenHash: hashToken(fresh.split('=')[1]) }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    await request(app.getHttpServer()).get('/api/auth/me').set('cookie', fresh).expect(200);
  });

  it('throttles an account from one address after 10 failures: the 11th attempt from there gets 429, even with the right password', async () => {
    const target = await createPractice(prisma);
    const email = target.users.clinician.email;
    for (let i = 0; i < 10; i++) {
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email, password: `wrong-${i}-password` })
        .expect(401);
    }
    const blocked = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password: 'wrong-again-1' }).expect(429);
    expectProblem(blocked.body, 429, 'too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    await request(app.getHttpServer()).post('/api/auth/login').send({ email, password: PASSWORD }).expect(429);
    // The lockout is in the audit log; other accounts are unaffected, and so is this one from another address.
    expect(await prisma.auditEvent.count({ where: { practiceId: target.id, action: 'denied', resourceType: 'session' } })).toBe(1);
    await signIn(app, target.users.admin.email);
    await request(app.getHttpServer()).post('/api/auth/login').set('x-forwarded-for', '198.51.100.7').send({ email, password: PASSWORD }).expect(200);
    // Once the window has passed, the right password works again from the first address too.
    await prisma.loginFailure.updateMany({ where: { key: { endsWith: email } }, data: { at: new Date(Date.now() - 16 * 60_000) } });
    await signIn(app, email);
  });
});
