import { request } from 'node:http';
import { call, newPractice } from './api.js';
import { baseUrl } from './browser.js';

interface AuditPage {
  items: { action: string; actorId: string | null; ip: string | null }[];
}

/** POSTs JSON from a chosen local address (fetch cannot choose one); resolves with the status. */
function postFrom(localAddress: string, url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * The browser talks to the dashboard, which forwards /api/* to the API. Sign-in throttling per address and the
 * audit log need the browser's address there, not the dashboard's: otherwise every user shares one address and
 * ten failed sign-ins anywhere would lock out the whole practice.
 */
describe('the dashboard’s /api forwarding', () => {
  it('passes on the address of a proxy in front (X-Forwarded-For), so the API records the client', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    const response = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.41' },
      body: JSON.stringify({ email: clinician.email, password: clinician.password }),
    });
    expect(response.status).toBe(200);
    const { body } = await call<AuditPage>(practice.admin.session, 'GET', `/audit?actorId=${clinician.id}&action=login`);
    expect(body.items[0]).toMatchObject({ action: 'login', ip: '203.0.113.41' });
  });

  it('fills in the browser’s own address when no proxy is in front', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    // Connect from 127.0.0.2: the dashboard itself reaches the API from 127.0.0.1, so the two can be told apart.
    const status = await postFrom('127.0.0.2', `${baseUrl()}/api/auth/login`, { email: clinician.email, password: clinician.password });
    expect(status).toBe(200);
    const { body } = await call<AuditPage>(practice.admin.session, 'GET', `/audit?actorId=${clinician.id}&action=login`);
    expect(body.items[0]).toMatchObject({ action: 'login', ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.2$/) });
  });
});
