import { request } from 'node:http';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { call, newPractice } from './api.js';
import { baseUrl } from './browser.js';

interface AuditPage {
  items: { action: string; actorId: string | null; ip: string | null }[];
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request with what fetch cannot do: a chosen local address, any X-Forwarded-For, a body sent in chunks
 * (without Content-Length when `chunked`). Resolves with the answer even when the server answers before the body
 * is all sent, as a server refusing a body does.
 */
function send(
  url: string,
  options: { method?: string; localAddress?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    const headers = { ...options.headers, ...(body && !options.chunked ? { 'content-length': String(body.length) } : {}) };
    let answered = false;
    const req = request(url, { method: options.method ?? 'GET', localAddress: options.localAddress, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (!body) return void req.end();
    // 64 KiB at a time, stopping once answered.
    let offset = 0;
    const writeMore = (): void => {
      while (offset < body.length && !answered && !req.destroyed) {
        const chunk = body.subarray(offset, offset + 65_536);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      if (!req.destroyed) req.end();
    };
    writeMore();
  });
}

/**
 * Sends `head` at once, then `drip` one byte a second over a raw connection, and reports what came back and when
 * the dashboard answered or closed the connection (or that it had not after `giveUpMs`).
 */
function drip(head: string, dripped: string, giveUpMs: number): Promise<{ answer: string; afterMs: number; closed: boolean }> {
  const { hostname, port } = new URL(baseUrl());
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let answer = '';
    let index = 0;
    const timer = setInterval(() => {
      if (index < dripped.length && socket.writable) socket.write(dripped[index++]);
    }, 1_000);
    const finish = (closed: boolean): void => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer, afterMs: Date.now() - started, closed });
    };
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

/**
 * The browser talks to the dashboard, which forwards /api/* to the API. Sign-in throttling per address and the
 * audit log need the browser's address there, not the dashboard's: otherwise every user shares one address and
 * ten failed sign-ins anywhere would lock out the whole practice.
 */
describe('the dashboard’s /api forwarding', () => {
  it('appends the connecting address to a client’s own X-Forwarded-For, so the API records who really connected', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    // Connect from 127.0.0.2 (the dashboard itself reaches the API from 127.0.0.1), claiming to be 6.6.6.6.
    const answer = await send(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      localAddress: '127.0.0.2',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6' },
      body: JSON.stringify({ email: clinician.email, password: clinician.password }),
    });
    expect(answer.status).toBe(200);
    const { body } = await call<AuditPage>(practice.admin.session, 'GET', `/audit?actorId=${clinician.id}&action=login`);
    expect(body.items[0]).toMatchObject({ action: 'login', ip: '127.0.0.2' });
  });

  it('fills in the browser’s own address when no proxy is in front, and passes bodies, cookies and Set-Cookie through', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    const login = await send(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      localAddress: '127.0.0.2',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: clinician.email, password: clinician.password }),
    });
    expect(login.status).toBe(200);
    const { body } = await call<AuditPage>(practice.admin.session, 'GET', `/audit?actorId=${clinician.id}&action=login`);
    expect(body.items[0]).toMatchObject({ action: 'login', ip: '127.0.0.2' });

    // The API's answer arrives whole: its Set-Cookie, its own headers, and the dashboard's security headers.
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('upright_session='));
    expect(cookie).toBeDefined();
    expect(login.headers['x-request-id']).toBeDefined();
    expect(login.headers['x-content-type-options']).toBe('nosniff');
    const me = await send(`${baseUrl()}/api/auth/me`, { headers: { cookie: cookie!.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ email: clinician.email });
  });

  it('sends the visitor’s address along with the reads a page makes on the server', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    const patient = (
      await call<{ id: string }>(clinician.session, 'POST', '/patients', {
        firstName: 'Ida',
        lastName: `Addressed${randomBytes(2).toString('hex')}`,
        dateOfBirth: '1981-03-04',
        sex: 'female',
      })
    ).body;
    const page = await send(`${baseUrl()}/patients/${patient.id}`, {
      localAddress: '127.0.0.2',
      headers: { cookie: clinician.session.cookie, 'x-forwarded-for': '6.6.6.6' },
    });
    expect(page.status).toBe(200);
    const { body } = await call<AuditPage>(practice.admin.session, 'GET', `/audit?actorId=${clinician.id}&action=read&patientId=${patient.id}`);
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.ip).toBe('127.0.0.2');
  });

  const tooLargeProblem = {
    type: 'https://upright.example/problems/payload-too-large',
    title: expect.any(String),
    status: 413,
    detail: expect.any(String),
    instance: '/api/auth/login',
    code: 'payload_too_large',
  };

  it.each([
    ['with a Content-Length', false],
    ['chunked, counted as it arrives', true],
  ])('answers a body of over 10 MB (%s) with a 413 problem, never a 500', async (_label, chunked) => {
    const answer = await send(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Beyond 10 MiB, where Next.js's own forwarding cut the body short and answered a bare 500.
      body: Buffer.alloc(11 * 1024 * 1024, 'a'),
      chunked,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body)).toEqual(tooLargeProblem);
  });

  it('gives up on request headers that drip in, well before the 150 s a slow client held them open', async () => {
    const result = await drip('GET /sign-in HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: ' + 'a'.repeat(60), 20_000);
    expect(result.closed).toBe(true);
    expect(result.afterMs).toBeLessThan(15_000);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.answer).toContain('application/problem+json');
  }, 30_000);

  it('gives up on a request body that drips in, well before the 150 s a slow client held it open', async () => {
    const head = ['POST /api/auth/login HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', 'Content-Length: 200', '', ''].join('\r\n');
    const result = await drip(head, '{"email":"' + 'a'.repeat(180), 45_000);
    expect(result.closed).toBe(true);
    expect(result.afterMs).toBeLessThan(40_000);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.answer).toContain('"code":"request_timeout"');
  }, 60_000);
});
