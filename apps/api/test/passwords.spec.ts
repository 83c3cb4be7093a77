import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { verifyPassword } from '../src/auth/passwords.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPractice, expectProblem, PASSWORD, prismaClient, signIn, startApp, TestPractice, uniqueEmail } from './harness.js';

/* Every route that sets a password refuses common and breached passwords and ones made of the account's own email
 * or name (zxcvbn-ts, score 3 or more), with a 400 naming the field. */

/** Guessable whoever the account belongs to. */
const COMMON = ['password', '12345678', 'aaaaaaaa', 'qwertyuiop', 'iloveyou', 'P@ssw0rd!', 'letmein123'];

describe('new passwords are checked against common passwords and the account’s own email and name', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let admin: string;
  const http = () => request(app.getHttpServer());

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

  /** The owner-related passwords for an account with this email and name. */
  const personal = (email: string, name: string) => [
    email,
    email.toUpperCase(),
    `${email.split('@')[0]}!`,
    `${name} 2024`,
    name.replace(' ', '.').toLowerCase() + '99',
  ];

  function expectRefused(response: request.Response, field: string) {
    expectProblem(response.body, 400, 'validation_failed');
    expect(response.body.errors).toEqual([
      { field, message: expect.stringMatching(/^(is too easy to guess|must not contain your email address or your name)/) },
    ]);
    expect(response.body.detail).toContain(field);
  }

  it('POST /api/auth/signup: refuses them naming `password`, with zxcvbn’s warning, and creates nothing', async () => {
    const practiceName = `Harbour Physio ${randomBytes(3).toString('hex')}`;
    const name = 'Rangi Parata';
    const email = uniqueEmail('rangi.parata');
    for (const password of [...COMMON, ...personal(email, name)]) {
      const response = await http().post('/api/auth/signup').send({ practiceName, name, email, password }).expect(400);
      expectRefused(response, 'password');
    }
    const common = await http().post('/api/auth/signup').send({ practiceName, name, email, password: 'password' }).expect(400);
    expect(common.body.errors[0].message).toBe(
      'is too easy to guess. This is a heavily used password. Use a longer passphrase, for example a few unrelated words.',
    );
    const own = await http().post('/api/auth/signup').send({ practiceName, name, email, password: email }).expect(400);
    expect(own.body.errors[0].message).toBe('must not contain your email address or your name');
    expect(await prisma.practice.count({ where: { name: practiceName } })).toBe(0);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    // A strong one goes through.
    await http().post('/api/auth/signup').send({ practiceName, name, email, password: 'granite kettle orbits' }).expect(200);
  });

  it('POST /api/users: refuses them naming `password` and creates nobody', async () => {
    const name = 'Casey Clinician';
    const email = uniqueEmail('casey');
    for (const password of [...COMMON, ...personal(email, name)]) {
      const response = await http().post('/api/users').set('cookie', admin).send({ name, email, role: 'clinician', password }).expect(400);
      expectRefused(response, 'password');
    }
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    await http().post('/api/users').set('cookie', admin).send({ name, email, role: 'clinician', password: 'granite kettle orbits' }).expect(201);
  });

  it('PATCH /api/users/:id: refuses them naming `password` (the account’s own email and name, and a new name) and changes nothing', async () => {
    const { id, email } = practice.users.reception; // named "Test reception"
    for (const password of [...COMMON, ...personal(email, 'Test reception')]) {
      const response = await http().patch(`/api/users/${id}`).set('cookie', admin).set('if-match', '"1"').send({ password }).expect(400);
      expectRefused(response, 'password');
    }
    const renamed = await http()
      .patch(`/api/users/${id}`)
      .set('cookie', admin)
      .set('if-match', '"1"')
      .send({ name: 'Hemi Walker', password: 'hemi walker rocks' })
      .expect(400);
    expectRefused(renamed, 'password');
    const user = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(user.version).toBe(1);
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
  });

  it('POST /api/auth/password: refuses them naming `newPassword` and keeps the current password', async () => {
    const { id, email } = practice.users.clinician;
    const cookie = await signIn(app, email);
    for (const newPassword of [...COMMON, ...personal(email, 'Test clinician')]) {
      const response = await http().post('/api/auth/password').set('cookie', cookie).send({ currentPassword: PASSWORD, newPassword }).expect(400);
      expectRefused(response, 'newPassword');
    }
    await http().get('/api/auth/me').set('cookie', cookie).expect(200);
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash, PASSWORD)).toBe(true);
    // Refused new passwords are not wrong current passwords: nothing was counted towards the sign-in throttle.
    expect(await prisma.loginFailure.count({ where: { key: { endsWith: email } } })).toBe(0);
  });

  it('keeps the event loop free while checking a long password (zxcvbn runs in a worker)', async () => {
    // 128 random characters: about a second of zxcvbn's CPU if it ran on the event loop.
    const password = randomBytes(96).toString('base64');
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    await http()
      .post('/api/users')
      .set('cookie', admin)
      .send({ name: 'Long Password', email: uniqueEmail('long'), role: 'clinician', password })
      .expect(201);
    histogram.disable();
    expect(histogram.max / 1e6).toBeLessThan(300);
  });
});
