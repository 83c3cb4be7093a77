import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice, uniqueEmail } from './harness.js';

describe('users administration', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let admin: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    admin = await signIn(app, practice.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const rid = () => `req-${randomUUID()}`;
  const auditRows = (requestId: string) => prisma.auditEvent.findMany({ where: { requestId } });
  const newUser = (role = 'clinician') => ({ name: 'New Colleague', email: uniqueEmail('colleague'), role, password: 'long enough passphrase' });

  describe('GET /api/users', () => {
    it('lists the practice’s users newest first, without password hashes', async () => {
      const response = await http().get('/api/users').set('cookie', admin).expect(200);
      const ids = response.body.items.map((u: { id: string }) => u.id);
      expect(new Set(ids)).toEqual(new Set(Object.values(practice.users).map((u) => u.id)));
      expect(response.body.nextCursor).toBeNull();
      const keys = response.body.items.map((u: { createdAt: string; id: string }) => `${u.createdAt}|${u.id}`);
      expect(keys).toEqual([...keys].sort().reverse());
      const reception = response.body.items.find((u: { id: string }) => u.id === practice.users.reception.id);
      expect(reception).toEqual({
        id: practice.users.reception.id,
        name: 'Test reception',
        email: practice.users.reception.email,
        role: 'reception',
        active: true,
        passwordChangedAt: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|passwordHash/);
    });

    it('pages with a keyset cursor', async () => {
      const own = await createPractice(prisma);
      const cookie = await signIn(app, own.users.admin.email);
      const first = await http().get('/api/users?limit=2').set('cookie', cookie).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await http().get(`/api/users?limit=2&cursor=${first.body.nextCursor}`).set('cookie', cookie).expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      const all = [...first.body.items, ...second.body.items].map((u: { id: string }) => u.id);
      expect(new Set(all)).toEqual(new Set(Object.values(own.users).map((u) => u.id)));
    });

    it.each([
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?cursor=nope', 'cursor'],
      ['?role=admin', 'role'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const response = await http().get(`/api/users${query}`).set('cookie', admin).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('is for admins only: 403 for clinician and reception (audited as denied), 401 without a session', async () => {
      for (const role of ['clinician', 'reception'] as const) {
        const requestId = rid();
        const response = await http()
          .get('/api/users')
          .set('cookie', await signIn(app, practice.users[role].email))
          .set('x-request-id', requestId)
          .expect(403);
        expectProblem(response.body, 403, 'forbidden');
        expect(await auditRows(requestId)).toEqual([expect.objectContaining({ action: 'denied', outcome: 'denied', actorId: practice.users[role].id })]);
      }
      expectProblem((await http().get('/api/users').expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('POST /api/users', () => {
    it('creates a user (201, ETag, email lower-cased, password hashed) who can then sign in; one audit row', async () => {
      const body = newUser('reception');
      const requestId = rid();
      const response = await http()
        .post('/api/users')
        .set('cookie', admin)
        .set('x-request-id', requestId)
        .send({ ...body, name: '  Sam Front Desk ', email: ` ${body.email.toUpperCase()} ` })
        .expect(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Sam Front Desk',
        email: body.email,
        role: 'reception',
        active: true,
        passwordChangedAt: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      const row = await prisma.user.findUniqueOrThrow({ where: { id: response.body.id } });
      expect(row.practiceId).toBe(practice.id);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(body.password);
      expect(await auditRows(requestId)).toEqual([
        expect.objectContaining({
          practiceId: practice.id,
          action: 'create',
          resourceType: 'user',
          resourceId: response.body.id,
          patientId: null,
          actorId: practice.users.admin.id,
          role: 'admin',
        }),
      ]);
      const cookie = await signIn(app, body.email, body.password);
      const me = await http().get('/api/auth/me').set('cookie', cookie).expect(200);
      expect(me.body).toMatchObject({ id: response.body.id, role: 'reception', practice: { id: practice.id } });
    });

    it('answers 409 already_exists naming email for a taken email (any case, any practice), and creates nothing', async () => {
      for (const email of [practice.users.clinician.email.toUpperCase(), other.users.reception.email]) {
        const requestId = rid();
        const response = await http()
          .post('/api/users')
          .set('cookie', admin)
          .set('x-request-id', requestId)
          .send({ ...newUser(), email })
          .expect(409);
        expectProblem(response.body, 409, 'already_exists');
        expect(response.body.errors).toEqual([{ field: 'email', message: 'is already in use' }]);
        expect(await auditRows(requestId)).toEqual([]);
      }
      expect(await prisma.user.count({ where: { practiceId: practice.id, name: 'New Colleague' } })).toBe(0);
    });

    it('lists every bad field in a 400', async () => {
      const response = await http()
        .post('/api/users')
        .set('cookie', admin)
        .send({ name: ' ', email: 'nope', role: 'owner', password: 'short', practiceId: other.id, active: true })
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(new Set(response.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['name', 'email', 'role', 'password', 'practiceId', 'active']),
      );
      expect(response.body.errors).toContainEqual({ field: 'password', message: 'must be at least 8 characters' });
    });

    it('takes passwords of up to 128 characters, with no composition rules (weak ones: see passwords.spec)', async () => {
      // Lower-case letters only, no digit, no symbol: fine when not guessable.
      await http()
        .post('/api/users')
        .set('cookie', admin)
        .send({ ...newUser(), password: 'zqvjxkwpt' })
        .expect(201);
      const long = 'granite kettle orbits a quiet violet harbour while seven lanterns drift past the mossy north pier at dawn, hum';
      await http()
        .post('/api/users')
        .set('cookie', admin)
        .send({ ...newUser(), password: long.padEnd(128, '.') })
        .expect(201);
      const tooLong = await http()
        .post('/api/users')
        .set('cookie', admin)
        .send({ ...newUser(), password: long.padEnd(129, '.') })
        .expect(400);
      expect(tooLong.body.errors).toEqual([{ field: 'password', message: 'must be at most 128 characters' }]);
      const missing = await http().post('/api/users').set('cookie', admin).send({ name: 'A', role: 'admin', password: 'long enough passphrase' }).expect(400);
      expect(missing.body.errors).toEqual([{ field: 'email', message: 'is required' }]);
    });

    it('is for admins only', async () => {
      const clinician = await signIn(app, practice.users.clinician.email);
      expectProblem((await http().post('/api/users').set('cookie', clinician).send(newUser('admin')).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().post('/api/users').send(newUser()).expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('PATCH /api/users/:id', () => {
    const createUser = async (role = 'clinician') => {
      const body = newUser(role);
      const response = await http().post('/api/users').set('cookie', admin).send(body).expect(201);
      return { id: response.body.id as string, email: body.email, password: body.password };
    };
    const patch = (id: string, version: string | null, body: object, cookie = admin) => {
      const req = http().patch(`/api/users/${id}`).set('cookie', cookie);
      return (version === null ? req : req.set('if-match', version)).send(body);
    };

    it('renames and changes the role at the version read (200, ETag, one audit row)', async () => {
      const user = await createUser();
      const requestId = rid();
      const response = await patch(user.id, '"1"', { name: 'Dr Renamed', role: 'admin' }).set('x-request-id', requestId).expect(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({ id: user.id, name: 'Dr Renamed', role: 'admin', active: true, version: 2 });
      expect(await auditRows(requestId)).toEqual([
        expect.objectContaining({ action: 'update', resourceType: 'user', resourceId: user.id, patientId: null, actorId: practice.users.admin.id }),
      ]);
    });

    it('deactivating ends the user’s sessions at once and stops sign-in; reactivating lets them back', async () => {
      const user = await createUser();
      const cookie = await signIn(app, user.email, user.password);
      await http().get('/api/auth/me').set('cookie', cookie).expect(200);
      const response = await patch(user.id, '"1"', { active: false }).expect(200);
      expect(response.body).toMatchObject({ active: false, version: 2 });
      expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
      await http().get('/api/auth/me').set('cookie', cookie).expect(401);
      await http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
      await patch(user.id, '"2"', { active: true }).expect(200);
      await signIn(app, user.email, user.password);
    });

    it('a new password ends the user’s sessions, sets passwordChangedAt, and replaces the old password', async () => {
      const user = await createUser();
      const cookie = await signIn(app, user.email, user.password);
      const before = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      const response = await patch(user.id, '"1"', { password: 'brand new secret' }).expect(200);
      expect(new Date(response.body.passwordChangedAt).getTime()).toBeGreaterThan(before.passwordChangedAt.getTime());
      await http().get('/api/auth/me').set('cookie', cookie).expect(401);
      await http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
      await signIn(app, user.email, 'brand new secret');
    });

    it('other changes leave the user signed in', async () => {
      const user = await createUser();
      const cookie = await signIn(app, user.email, user.password);
      await patch(user.id, '"1"', { name: 'Still Here' }).expect(200);
      const me = await http().get('/api/auth/me').set('cookie', cookie).expect(200);
      expect(me.body.name).toBe('Still Here');
    });

    it('refuses an admin deactivating or demoting themself with 409 conflict, but lets them rename themself', async () => {
      const own = await createPractice(prisma);
      const cookie = await signIn(app, own.users.admin.email);
      for (const body of [{ active: false }, { role: 'clinician' }, { name: 'Me', role: 'reception' }]) {
        const response = await patch(own.users.admin.id, '"1"', body, cookie).expect(409);
        expectProblem(response.body, 409, 'conflict');
        expect(response.body.detail).toMatch(/your own/);
      }
      const row = await prisma.user.findUniqueOrThrow({ where: { id: own.users.admin.id } });
      expect(row).toMatchObject({ role: 'admin', active: true, version: 1 });
      await patch(own.users.admin.id, '"1"', { name: 'Still the Admin', role: 'admin', active: true }, cookie).expect(200);
    });

    it('never leaves a practice without an admin: two admins demoting each other at once, exactly one succeeds', async () => {
      const own = await createPractice(prisma);
      const first = { id: own.users.admin.id, cookie: await signIn(app, own.users.admin.email) };
      const created = await http().post('/api/users').set('cookie', first.cookie).send(newUser('admin')).expect(201);
      const second = { id: created.body.id as string, cookie: await signIn(app, created.body.email, 'long enough passphrase') };
      for (let round = 0; round < 5; round += 1) {
        const [a, b] = await Promise.all([
          patch(second.id, `"${(await prisma.user.findUniqueOrThrow({ where: { id: second.id } })).version}"`, { role: 'clinician' }, first.cookie),
          patch(first.id, `"${(await prisma.user.findUniqueOrThrow({ where: { id: first.id } })).version}"`, { role: 'clinician' }, second.cookie),
        ]);
        const statuses = [a.status, b.status].sort();
        // One demotion goes through; the other is refused: 409 (no admin would be left) or 403 (its caller is no
        // longer an admin by the time its request is checked).
        expect(statuses[0]).toBe(200);
        expect([403, 409]).toContain(statuses[1]);
        expect(await prisma.user.count({ where: { practiceId: own.id, role: 'admin', active: true } })).toBe(1);
        // Back to two admins for the next round, by whichever one is still admin.
        const winner = a.status === 200 ? first : second;
        const loser = winner === first ? second : first;
        const loserRow = await prisma.user.findUniqueOrThrow({ where: { id: loser.id } });
        await patch(loser.id, `"${loserRow.version}"`, { role: 'admin' }, winner.cookie).expect(200);
      }
    });

    it('answers 428 without If-Match and 412 with the current ETag when stale', async () => {
      const user = await createUser();
      expectProblem((await patch(user.id, null, { name: 'X' }).expect(428)).body, 428, 'version_required');
      await patch(user.id, '"1"', { name: 'First' }).expect(200);
      const stale = await patch(user.id, '"1"', { name: 'Second' }).expect(412);
      expectProblem(stale.body, 412, 'version_stale');
      expect(stale.headers.etag).toBe('"2"');
      expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('First');
    });

    it('refuses bad fields, nulls, email changes and an empty body with 400', async () => {
      const user = await createUser();
      const bad = await patch(user.id, '"1"', { name: null, role: 'owner', active: 'no', password: 'short', email: 'x@example.com' }).expect(400);
      expectProblem(bad.body, 400, 'validation_failed');
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['name', 'role', 'active', 'password', 'email']));
      expectProblem((await patch(user.id, '"1"', {}).expect(400)).body, 400, 'validation_failed');
      expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).version).toBe(1);
    });

    it('answers 404 for another practice’s user, a random UUID and a non-UUID, leaving theirs untouched', async () => {
      for (const id of [other.users.clinician.id, randomUUID(), '12345']) {
        for (const body of [{ active: false }, {}]) expectProblem((await patch(id, '"1"', body).expect(404)).body, 404, 'not_found');
      }
      expect(await prisma.user.findUniqueOrThrow({ where: { id: other.users.clinician.id } })).toMatchObject({ active: true, version: 1 });
    });

    it('is for admins only', async () => {
      const clinician = await signIn(app, practice.users.clinician.email);
      const response = await patch(practice.users.clinician.id, '"1"', { role: 'admin' }, clinician).expect(403);
      expectProblem(response.body, 403, 'forbidden');
      expect((await prisma.user.findUniqueOrThrow({ where: { id: practice.users.clinician.id } })).role).toBe('clinician');
      await http().patch(`/api/users/${practice.users.clinician.id}`).set('if-match', '"1"').send({ name: 'X' }).expect(401);
    });
  });
});
