import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ACCOUNT_DELAY_MAX_MS, ACCOUNT_SLOWDOWN_AFTER, accountDelayMs, LoginThrottleService } from '../src/auth/login-throttle.service.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPractice, expectProblem, PASSWORD, prismaClient, startApp } from './harness.js';

/* Sign-in throttling must stop guessing without handing an attacker a way to lock the real user out: 429 per
 * (account, address) pair and per address, only a growing delay per account. The client address comes from
 * X-Forwarded-For (one trusted proxy hop, as behind the dashboard). */

/** A fresh block of client addresses for one test: `address(i)` is the i-th. */
function addresses(): (i: number) => string {
  const [a, b] = randomBytes(2);
  return (i: number) => `10.${a}.${b}.${i + 1}`;
}

describe('sign-in throttling per account and address', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  const http = () => request(app.getHttpServer());
  const login = (email: string, password: string, ip: string) => http().post('/api/auth/login').set('x-forwarded-for', ip).send({ email, password });

  beforeAll(async () => {
    app = await startApp({ TRUST_PROXY_HOPS: '1' });
    prisma = prismaClient();
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  it('10 wrong passwords from 10 addresses do not keep the real user out: the right one from an 11th address signs in', async () => {
    const practice = await createPractice(prisma);
    const email = practice.users.clinician.email;
    const address = addresses();
    for (let i = 0; i < 10; i++) await login(email, `wrong-${i}-password`, address(i)).expect(401);
    await login(email, PASSWORD, address(10)).expect(200);
    // Nor from one of the attacker's addresses, which each had one failure only.
    await login(email, PASSWORD, address(3)).expect(200);
    expect(await prisma.auditEvent.count({ where: { practiceId: practice.id, actorId: practice.users.clinician.id, action: 'login_failed' } })).toBe(10);
    expect(await prisma.auditEvent.count({ where: { practiceId: practice.id, action: 'denied' } })).toBe(0);
  });

  it('10 wrong passwords from one address: 429 with Retry-After for that account from that address only', async () => {
    const practice = await createPractice(prisma);
    const email = practice.users.clinician.email;
    const address = addresses();
    for (let i = 0; i < 10; i++) await login(email, `wrong-${i}-password`, address(0)).expect(401);
    const blocked = await login(email, PASSWORD, address(0)).expect(429);
    expectProblem(blocked.body, 429, 'too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // The lock is audited once.
    expect(await prisma.auditEvent.count({ where: { practiceId: practice.id, actorId: practice.users.clinician.id, action: 'denied' } })).toBe(1);
    // The same account from another address, and another account from this address, sign in.
    await login(email, PASSWORD, address(1)).expect(200);
    await login(practice.users.admin.email, PASSWORD, address(0)).expect(200);
  });

  it('110 wrong passwords from rotating addresses slow the account down but never lock it', async () => {
    const practice = await createPractice(prisma);
    const email = practice.users.clinician.email;
    const address = addresses();
    // Through HTTP up to just past the point where the delay starts (20 failures in 15 minutes)…
    const durations: number[] = [];
    for (let i = 0; i < 24; i++) {
      const started = Date.now();
      await login(email, `wrong-${i}-password`, address(i)).expect(401);
      durations.push(Date.now() - started);
    }
    expect(Math.min(...durations.slice(20))).toBeGreaterThanOrEqual(240); // 250 ms and more from the 21st attempt on
    // …and the rest of the 110 recorded as the sign-in route records them, each from its own address (sending them all
    // through HTTP would take minutes of waiting, which is the point).
    const throttle = app.get(LoginThrottleService);
    for (let i = 24; i < 110; i++) await throttle.recordFailure(email, address(i));

    let started = Date.now();
    await login(email, 'wrong-once-more', address(200)).expect(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3950); // the cap: 4 s
    // The real user, from their own address: slowed too, but in.
    started = Date.now();
    await login(email, PASSWORD, address(201)).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3950);
    expect(await prisma.auditEvent.count({ where: { practiceId: practice.id, action: 'denied' } })).toBe(0);
    // Other accounts are not slowed.
    started = Date.now();
    await login(practice.users.admin.email, PASSWORD, address(200)).expect(200);
    expect(Date.now() - started).toBeLessThan(3950);
  }, 90_000);

  it('the delay grows with the failures and is capped at a few seconds', () => {
    expect(accountDelayMs(0)).toBe(0);
    expect(accountDelayMs(ACCOUNT_SLOWDOWN_AFTER - 1)).toBe(0);
    expect(accountDelayMs(ACCOUNT_SLOWDOWN_AFTER)).toBe(250);
    expect(accountDelayMs(ACCOUNT_SLOWDOWN_AFTER + 10)).toBe(500);
    expect(accountDelayMs(ACCOUNT_SLOWDOWN_AFTER + 20)).toBe(1000);
    expect(accountDelayMs(1_000_000)).toBe(ACCOUNT_DELAY_MAX_MS);
    expect(ACCOUNT_DELAY_MAX_MS).toBeLessThanOrEqual(5000);
  });
});
