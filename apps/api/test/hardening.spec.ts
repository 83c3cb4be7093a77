import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, databaseUrl, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';
import { episodeBody } from './factories/clinical.js';

const DAY = 86_400_000;
const isoDay = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const WEB_ORIGIN = 'http://localhost:3000';
const PLAN_BODY = {
  title: 'Back support plan',
  phases: [
    {
      key: 'settle',
      title: 'Settle',
      startWeek: 0,
      endWeek: 2,
      goals: ['Keep moving gently.'],
      exercises: [{ exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 }],
    },
  ],
};

/** Each finding of the attack-and-fault run (issue 13), at its cause. */
describe('hardening', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;
  let admin: string;

  beforeAll(async () => {
    app = await startApp({ WEB_ORIGIN });
    prisma = prismaClient();
    practice = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
    admin = await signIn(app, practice.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });
  const api = () => request(app.getHttpServer());

  describe('limits before work', () => {
    it('refuses a 100,000-item list while parsing, before any per-item rule runs', async () => {
      const body = {
        code: 'flood_1',
        name: 'Flood',
        targets: Array.from({ length: 100_000 }, (_, i) => `t${i % 10}`),
        steps: ['a'],
        regression: 'r',
        progression: 'p',
        safety: 's',
        defaultDose: { sets: 1, reps: 1, perSide: false, timesPerWeek: 1 },
      };
      const response = await api().post('/api/exercises').set('cookie', admin).send(body).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      // The parser's wall, not the DTO's ArrayMaxSize (which would only answer after checking every item).
      expect(response.body.errors).toEqual([{ field: 'targets', message: 'has more than 500 items' }]);
    });

    it('refuses JSON nested 2,000 levels deep, also on sign-in, without a stack overflow', async () => {
      const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
      for (const path of ['/api/auth/login', '/api/patients']) {
        const response = await api().post(path).set('cookie', clinician).set('content-type', 'application/json').send(`{"email":${deep}}`).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(response.body.errors[0].message).toMatch(/nested more than 16 levels/);
      }
    });

    it.each([
      ['a NUL character', 'Al\u0000ex', 'contains a NUL character'],
      ['a lone UTF-16 surrogate', 'Al\uD800ex', 'unpaired UTF-16 surrogate'],
    ])('refuses %s in any text field, naming the field', async (_name, text, message) => {
      const response = await api()
        .post('/api/patients')
        .set('cookie', clinician)
        .send({ firstName: text, lastName: 'Tester', dateOfBirth: '1980-01-01', sex: 'female', email: `x${text}@example.com` })
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'firstName', message: expect.stringContaining(message) }),
          expect.objectContaining({ field: 'email' }),
        ]),
      );
    });

    it('refuses a NUL character in a query string', async () => {
      const response = await api().get('/api/patients?q=a%00b').set('cookie', clinician).expect(400);
      expect(response.body.errors).toEqual([{ field: 'q', message: 'contains a NUL character' }]);
    });

    it.each([
      ['an all-zero id of dashes', ['2026-01-01T00:00:00.000Z', '------------------------------------']],
      ['year -271821', ['-271821-04-20T00:00:00.000Z', randomUUID()]],
      ['year 0000', ['0000-01-01T00:00:00.000Z', randomUUID()]],
      ['not a pair', { at: 1 }],
    ])('answers a crafted cursor (%s) with 400, never 500', async (_name, payload) => {
      const cursor = Buffer.from(JSON.stringify(payload)).toString('base64url');
      for (const path of ['/api/patients', '/api/audit']) {
        const response = await api().get(`${path}?cursor=${cursor}`).set('cookie', admin).expect(400);
        expect(response.body.errors).toEqual([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
      }
    });

    it('answers oversized headers 431 as problem+json with no-store and nosniff', async () => {
      const { port } = await listen();
      const raw = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      expect(raw).toMatch(/content-type: application\/problem\+json/i);
      expect(raw).toMatch(/cache-control: no-store/i);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'headers_too_large' });
    });

    it('puts nosniff and no-store on every answer', async () => {
      for (const response of [await api().get('/api/health'), await api().get('/api/patients').set('cookie', clinician), await api().get('/api/nowhere')]) {
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['cache-control']).toBe('no-store');
      }
    });
  });

  describe('forged cross-site requests', () => {
    it.each([
      ['an Origin of another port of the same host', { origin: 'http://localhost:4000' }, 403],
      ['an Origin of another site', { origin: 'https://evil.example' }, 403],
      ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, 403],
      ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
      ['a text/plain form', { 'content-type': 'text/plain' }, 415],
      ['an empty urlencoded form', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }, 415],
    ])('refuses a state change with %s, and nothing changes', async (_name, headers, status) => {
      const patient = await createPatient(prisma, practice);
      let req = api().post(`/api/patients/${patient.id}/archive`).set('cookie', clinician);
      for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
      const response = await req.send((headers as Record<string, string>)['content-type'] ? '' : undefined).expect(status);
      expectProblem(response.body, status, status === 403 ? 'forbidden' : 'unsupported_media_type');
      const row = await prisma.patient.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row!.archivedAt).toBeNull();
    });

    it('accepts the dashboard’s own origin (and its loopback twin in development), and clients that send no Origin', async () => {
      for (const headers of [{ origin: WEB_ORIGIN, 'sec-fetch-site': 'same-origin' }, { origin: 'http://127.0.0.1:3000' }, {}]) {
        const patient = await createPatient(prisma, practice);
        let req = api().post(`/api/patients/${patient.id}/archive`).set('cookie', clinician);
        for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
        await req.expect(200);
      }
    });

    it('guards the portal too', async () => {
      const response = await api().post('/api/portal/logout').set('origin', 'https://evil.example').expect(403);
      expectProblem(response.body, 403, 'forbidden');
    });
  });

  describe('idempotency keys', () => {
    it('records one episode for any number of retries with the same key, and replays the first answer', async () => {
      const patient = await createPatient(prisma, practice);
      const key = `retry-${randomUUID()}`;
      const body = episodeBody(isoDay(-2));
      const send = () => api().post(`/api/patients/${patient.id}/episodes`).set('cookie', clinician).set('idempotency-key', key).send(body);
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      // Five at once with a new key: exactly one episode.
      const key2 = `burst-${randomUUID()}`;
      const burst = await Promise.all(
        Array.from({ length: 5 }, () => api().post(`/api/patients/${patient.id}/episodes`).set('cookie', clinician).set('idempotency-key', key2).send(body)),
      );
      expect(burst.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(await prisma.episode.count({ where: { practiceId: practice.id, patientId: patient.id } })).toBe(2);
    });

    it('refuses the same key with a different request (422) and keeps keys per practice', async () => {
      const patient = await createPatient(prisma, practice);
      const key = `reuse-${randomUUID()}`;
      await api()
        .post(`/api/patients/${patient.id}/episodes`)
        .set('cookie', clinician)
        .set('idempotency-key', key)
        .send(episodeBody(isoDay(-2)))
        .expect(201);
      const response = await api()
        .post(`/api/patients/${patient.id}/episodes`)
        .set('cookie', clinician)
        .set('idempotency-key', key)
        .send(episodeBody(isoDay(-3)))
        .expect(422);
      expectProblem(response.body, 422, 'idempotency_key_reused');
      // Another practice may use the same key for its own request.
      const other = await createPractice(prisma);
      const otherPatient = await createPatient(prisma, other);
      await api()
        .post(`/api/patients/${otherPatient.id}/episodes`)
        .set('cookie', await signIn(app, other.users.clinician.email))
        .set('idempotency-key', key)
        .send(episodeBody(isoDay(-2)))
        .expect(201);
    });

    it('lets a request that failed be retried with its key (a failure stores nothing)', async () => {
      const patient = await createPatient(prisma, practice);
      const key = `fail-${randomUUID()}`;
      await api()
        .post(`/api/patients/${patient.id}/episodes`)
        .set('cookie', clinician)
        .set('idempotency-key', key)
        .send({ ...episodeBody(isoDay(-2)), painNprs: 11 })
        .expect(400);
      await api()
        .post(`/api/patients/${patient.id}/episodes`)
        .set('cookie', clinician)
        .set('idempotency-key', key)
        .send({ ...episodeBody(isoDay(-2)), painNprs: 11 })
        .expect(400);
      expect(await prisma.episode.count({ where: { practiceId: practice.id, patientId: patient.id } })).toBe(0);
    });
  });

  it('audits a list with the ids of the patients it showed', async () => {
    const rows = [await createPatient(prisma, practice, { lastName: 'Auditlisted' }), await createPatient(prisma, practice, { lastName: 'Auditlisted' })];
    const rid = `list-${randomUUID()}`;
    await api().get('/api/patients?q=auditlisted&limit=1').set('cookie', clinician).set('x-request-id', rid).expect(200);
    const event = await prisma.auditEvent.findFirst({ where: { practiceId: practice.id, requestId: rid } });
    expect(event!.patientIds).toHaveLength(1);
    expect(rows.map((r) => r.id)).toContain(event!.patientIds[0]);
  });

  describe('shutdown', () => {
    it('answers every request in flight when the server is asked to stop', async () => {
      const own = await startApp({ WEB_ORIGIN });
      const cookie = await signIn(own, practice.users.clinician.email);
      const patient = await createPatient(prisma, practice);
      await own.listen(0, '127.0.0.1');
      const server = own.getHttpServer();
      const { port } = server.address() as net.AddressInfo;
      let received = 0;
      server.on('request', () => received++);
      const statuses: number[] = [];
      const inFlight = Array.from(
        { length: 36 },
        () =>
          new Promise<void>((resolve) => {
            const req = http.get({ host: '127.0.0.1', port, path: `/api/patients/${patient.id}/timeline`, headers: { cookie }, agent: false }, (res) => {
              res.resume();
              res.on('end', () => {
                statuses.push(res.statusCode ?? 0);
                resolve();
              });
            });
            req.on('error', () => {
              statuses.push(0);
              resolve();
            });
          }),
      );
      // Stop once all 36 have arrived (their headers read) and before they are answered.
      for (let waited = 0; received < 36 && waited < 10_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(received).toBe(36);
      await own.close();
      await Promise.all(inFlight);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    });
  });

  describe('database outage', () => {
    it('answers 503 with Retry-After (never 500, never a hang) while the database is unreachable, and recovers', async () => {
      const proxy = await tcpProxy(new URL(databaseUrl()));
      const url = new URL(databaseUrl());
      url.host = `127.0.0.1:${proxy.port}`;
      const own = await startApp({ DATABASE_URL: url.toString(), WEB_ORIGIN });
      try {
        const cookie = await signIn(own, practice.users.clinician.email);
        const patient = await createPatient(prisma, practice);
        await request(own.getHttpServer()).get(`/api/patients/${patient.id}`).set('cookie', cookie).expect(200);
        proxy.down();
        const started = Date.now();
        for (const call of [
          () => request(own.getHttpServer()).get(`/api/patients/${patient.id}`).set('cookie', cookie),
          () =>
            request(own.getHttpServer())
              .post(`/api/patients/${patient.id}/episodes`)
              .set('cookie', cookie)
              .send(episodeBody(isoDay(-2))),
          () => request(own.getHttpServer()).get('/api/health'),
        ]) {
          const response = await call();
          expect(response.status).toBe(503);
          expect(response.headers['content-type']).toMatch(/json/);
          if (response.body.code) {
            expectProblem(response.body, 503, 'service_unavailable');
            expect(response.headers['retry-after']).toBe('5');
          }
        }
        expect(Date.now() - started).toBeLessThan(10_000);
        proxy.up();
        await request(own.getHttpServer()).get(`/api/patients/${patient.id}`).set('cookie', cookie).expect(200);
      } finally {
        await own.close();
        proxy.close();
      }
    });
  });

  it('refuses a diary day before the plan started', async () => {
    // Through the portal: a patient with an active plan starting today.
    const patient = await createPatient(prisma, practice, { dateOfBirth: '1979-05-17' });
    const planBody = { ...PLAN_BODY, startDate: isoDay(0) };
    const created = await api().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(planBody);
    if (created.status !== 201) throw new Error(`plan: ${created.status} ${JSON.stringify(created.body)}`);
    await api().post(`/api/plans/${created.body.id}/activate`).set('cookie', clinician).expect(200);
    const shared = await api().post(`/api/plans/${created.body.id}/share`).set('cookie', clinician).expect(200);
    const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(shared.body.url)![1];
    const opened = await api().post('/api/portal/session').set('x-forwarded-for', '203.0.113.77').send({ token, birthYear: 1979 }).expect(200);
    const portal = ([] as string[])
      .concat(opened.headers['set-cookie'])
      .find((c) => c.startsWith('upright_portal='))!
      .split(';')[0];
    const response = await api()
      .post('/api/portal/logs')
      .set('cookie', portal)
      .send({ date: isoDay(-1), completedExercises: [], pain: 2, difficulty: 2 })
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'date', message: expect.stringContaining('before your plan started') })]);
  });

  /** The app on a real port (for raw-socket tests). */
  async function listen(): Promise<{ port: number }> {
    const server = app.getHttpServer();
    if (!server.listening) await app.listen(0, '127.0.0.1');
    return { port: (server.address() as net.AddressInfo).port };
  }
});

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

/** A TCP relay to PostgreSQL that the test can cut (resetting every connection and refusing new ones) and restore. */
async function tcpProxy(target: URL): Promise<{ port: number; down: () => void; up: () => void; close: () => void }> {
  let available = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!available) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    down: () => {
      available = false;
      for (const s of sockets) s.destroy();
    },
    up: () => {
      available = true;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
