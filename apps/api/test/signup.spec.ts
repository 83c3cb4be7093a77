import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { verifyPassword } from '../src/auth/passwords.js';
import { SignupModule } from '../src/signup/signup.module.js';
import { createPractice, expectProblem, PASSWORD, prismaClient, signIn, startApp, uniqueEmail } from './harness.js';

const sessionCookieOf = (response: request.Response): string | undefined =>
  ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('upright_session='))
    ?.split(';')[0];

describe('sign-up and password change', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;

  beforeAll(async () => {
    app = await startApp({}, [SignupModule]);
    prisma = prismaClient();
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const signupBody = () => ({
    practiceName: `Riverside Physio ${randomBytes(3).toString('hex')}`,
    name: 'Dr Maya Patel',
    email: uniqueEmail('founder'),
    password: 'a long passphrase',
  });

  describe('POST /api/auth/signup', () => {
    it('creates the practice and its admin, signs them in, and audits one practice creation', async () => {
      const body = signupBody();
      const requestId = `req-${randomUUID()}`;
      const response = await http()
        .post('/api/auth/signup')
        .set('x-request-id', requestId)
        .send({ ...body, practiceName: `  ${body.practiceName} `, email: body.email.toUpperCase() })
        .expect(200);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Dr Maya Patel',
        email: body.email,
        role: 'admin',
        practice: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: body.practiceName, timeZone: 'UTC' },
      });
      const cookie = sessionCookieOf(response);
      expect(cookie).toMatch(/^upright_session=[A-Za-z0-9_-]{43}$/);
      expect(([] as string[]).concat(response.headers['set-cookie'])[0]).toMatch(/HttpOnly/);
      const me = await http().get('/api/auth/me').set('cookie', cookie!).expect(200);
      expect(me.body).toEqual(response.body);

      const user = await prisma.user.findUniqueOrThrow({ where: { email: body.email } });
      expect(user).toMatchObject({ id: response.body.id, practiceId: response.body.practice.id, role: 'admin', active: true });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await prisma.auditEvent.findMany({ where: { requestId } })).toEqual([
        expect.objectContaining({
          practiceId: response.body.practice.id,
          actorType: 'user',
          actorId: response.body.id,
          role: 'admin',
          action: 'create',
          resourceType: 'practice',
          resourceId: response.body.practice.id,
          patientId: null,
          outcome: 'success',
        }),
      ]);

      // The new admin runs their own practice, and only it.
      const users = await http().get('/api/users').set('cookie', cookie!).expect(200);
      expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([response.body.id]);
      await signIn(app, body.email, body.password);
    });

    it('answers 409 already_exists naming email for a taken email, leaving no practice behind', async () => {
      const existing = await createPractice(prisma);
      const body = { ...signupBody(), email: existing.users.reception.email.toUpperCase() };
      const response = await http().post('/api/auth/signup').send(body).expect(409);
      expectProblem(response.body, 409, 'already_exists');
      expect(response.body.errors).toEqual([{ field: 'email', message: 'is already in use' }]);
      expect(sessionCookieOf(response)).toBeUndefined();
      expect(await prisma.practice.count({ where: { name: body.practiceName } })).toBe(0);
    });

    it('lists every bad field in a 400 and creates nothing', async () => {
      const practiceName = `Bad ${randomBytes(3).toString('hex')}`;
      const response = await http()
        .post('/api/auth/signup')
        .send({ practiceName: `${practiceName}${'x'.repeat(200)}`, name: '  ', email: 'nope', password: 'short', role: 'admin', practiceId: randomUUID() })
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(new Set(response.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['practiceName', 'name', 'email', 'password', 'role', 'practiceId']),
      );
      const missing = await http().post('/api/auth/signup').send({}).expect(400);
      expect(missing.body.errors).toEqual(
        expect.arrayContaining(['practiceName', 'name', 'email', 'password'].map((field) => ({ field, message: 'is required' }))),
      );
      expect(await prisma.practice.count({ where: { name: { startsWith: practiceName } } })).toBe(0);
    });

    it('answers 403 when sign-up is switched off, before looking at the body', async () => {
      const closed = await startApp({ ALLOW_SIGNUP: 'false' }, [SignupModule]);
      try {
        const body = signupBody();
        for (const payload of [body, {}]) {
          const response = await request(closed.getHttpServer()).post('/api/auth/signup').send(payload).expect(403);
          expectProblem(response.body, 403, 'forbidden');
          expect(response.body.detail).toBe('Sign-up is disabled on this server');
        }
        expect(await prisma.user.count({ where: { email: body.email } })).toBe(0);
        expect(await prisma.practice.count({ where: { name: body.practiceName } })).toBe(0);
      } finally {
        await closed.close();
      }
    });
  });

  describe('POST /api/auth/password', () => {
    it('changes the password (204), signs out every other device and renews this browser’s session; one audit row', async () => {
      const practice = await createPractice(prisma);
      const { id, email } = practice.users.reception;
      const here = await signIn(app, email);
      const elsewhere = await signIn(app, email);
      const before = await prisma.user.findUniqueOrThrow({ where: { id } });
      const requestId = `req-${randomUUID()}`;
      const response = await http()
        .post('/api/auth/password')
        .set('cookie', here)
        .set('x-request-id', requestId)
        .send({ currentPassword: PASSWORD, newPassword: 'my new passphrase' })
        .expect(204);
      expect(response.text).toBe('');
      const renewed = sessionCookieOf(response);
      expect(renewed).toMatch(/^upright_session=[A-Za-z0-9_-]{43}$/);
      expect(renewed).not.toBe(here);
      await http().get('/api/auth/me').set('cookie', renewed!).expect(200);
      await http().get('/api/auth/me').set('cookie', elsewhere).expect(401);
      await http().get('/api/auth/me').set('cookie', here).expect(401);
      expect(await prisma.session.count({ where: { userId: id } })).toBe(1);

      const after = await prisma.user.findUniqueOrThrow({ where: { id } });
      expect(after.passwordChangedAt.getTime()).toBeGreaterThan(before.passwordChangedAt.getTime());
      expect(after.version).toBe(before.version + 1);
      expect(await prisma.auditEvent.findMany({ where: { requestId } })).toEqual([
        expect.objectContaining({
          practiceId: practice.id,
          action: 'update',
          resourceType: 'user',
          resourceId: id,
          patientId: null,
          actorId: id,
          role: 'reception',
        }),
      ]);
      await http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
      await signIn(app, email, 'my new passphrase');
    });

    it('answers 400 naming currentPassword when it is wrong, and changes nothing', async () => {
      const practice = await createPractice(prisma);
      const cookie = await signIn(app, practice.users.clinician.email);
      const response = await http()
        .post('/api/auth/password')
        .set('cookie', cookie)
        .send({ currentPassword: 'not-my-password', newPassword: 'my new passphrase' })
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual([{ field: 'currentPassword', message: 'is not your current password' }]);
      expect(sessionCookieOf(response)).toBeUndefined();
      await http().get('/api/auth/me').set('cookie', cookie).expect(200);
      await signIn(app, practice.users.clinician.email, PASSWORD);
    });

    it('counts wrong current passwords with failed sign-ins: the 11th try in the window gets 429, even when right', async () => {
      const practice = await createPractice(prisma);
      const { id, email } = practice.users.clinician;
      const cookie = await signIn(app, email);
      for (let i = 0; i < 5; i += 1)
        await http()
          .post('/api/auth/login')
          .send({ email, password: `wrong-${i}-password` })
          .expect(401);
      for (let i = 0; i < 5; i += 1) {
        await http()
          .post('/api/auth/password')
          .set('cookie', cookie)
          .send({ currentPassword: `wrong-${i}-password`, newPassword: 'my new passphrase' })
          .expect(400);
      }
      const refused = await http()
        .post('/api/auth/password')
        .set('cookie', cookie)
        .send({ currentPassword: PASSWORD, newPassword: 'my new passphrase' })
        .expect(429);
      expectProblem(refused.body, 429, 'too_many_requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(429);
      // Nothing changed, and the tries are in the audit log (five failures, then the lockout).
      await http().get('/api/auth/me').set('cookie', cookie).expect(200);
      const user = await prisma.user.findUniqueOrThrow({ where: { id } });
      expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
      expect(await prisma.auditEvent.count({ where: { actorId: id, action: 'update', outcome: 'failure' } })).toBe(5);
      expect(await prisma.auditEvent.count({ where: { actorId: id, action: 'denied', resourceType: 'session' } })).toBe(1);
    });

    it.each([
      [{ newPassword: 'short' }, 'newPassword', 'must be at least 8 characters'],
      [{ newPassword: 'x'.repeat(129) }, 'newPassword', 'must be at most 128 characters'],
      [{ newPassword: PASSWORD }, 'newPassword', 'must differ from the current password'],
      [{ newPassword: undefined }, 'newPassword', 'is required'],
      [{ currentPassword: undefined }, 'currentPassword', 'is required'],
      [{ userId: randomUUID() }, 'userId', 'is not a known field'],
    ])('refuses %p naming %s', async (patch, field, message) => {
      const practice = await createPractice(prisma);
      const cookie = await signIn(app, practice.users.admin.email);
      const response = await http()
        .post('/api/auth/password')
        .set('cookie', cookie)
        .send({ currentPassword: PASSWORD, newPassword: 'my new passphrase', ...patch })
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toContainEqual({ field, message });
      await http().get('/api/auth/me').set('cookie', cookie).expect(200);
    });

    it('needs a session', async () => {
      const response = await http().post('/api/auth/password').send({ currentPassword: PASSWORD, newPassword: 'my new passphrase' }).expect(401);
      expectProblem(response.body, 401, 'unauthenticated');
    });
  });
});
