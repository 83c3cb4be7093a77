import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { call, newPractice, signInThroughPage } from './api.js';
import { baseUrl, launchBrowser, newPage } from './browser.js';

interface PatientDto {
  id: string;
  archivedAt: string | null;
}

/**
 * Forged requests from a sibling origin: a page on another port of the same host (in production, a sibling
 * subdomain) is same-site, so the browser sends the clinician's SameSite=Lax session cookie with its requests.
 * Every trick such a page has (HTML forms of each encoding, no-cors fetches with and without a body) must change
 * nothing.
 */
describe('cross-site request forgery from a sibling origin', () => {
  let browser: Browser;
  let evil: Server;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    evil?.close();
  });

  it('archives no patient whatever the attacking page sends', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    const patients: PatientDto[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await call<PatientDto>(clinician.session, 'POST', '/patients', {
        firstName: 'Forge',
        lastName: `Target${i}`,
        dateOfBirth: '1980-02-02',
        sex: 'female',
      });
      patients.push(created.body);
    }
    const target = (i: number) => `${baseUrl()}/api/patients/${patients[i].id}/archive`;
    // The attacker's page: same host name as the dashboard, another port.
    const attack = `<!doctype html><html><body>
      <iframe name="sink"></iframe>
      <form id="plain" method="post" enctype="text/plain" target="sink" action="${target(0)}"><input name='{"a":"' value='"}'></form>
      <form id="url" method="post" target="sink" action="${target(1)}"></form>
      <form id="multi" method="post" enctype="multipart/form-data" target="sink" action="${target(2)}"><input name="x" value="1"></form>
      <script>
        document.getElementById('plain').submit();
        setTimeout(() => document.getElementById('url').submit(), 200);
        setTimeout(() => document.getElementById('multi').submit(), 400);
        fetch(${JSON.stringify(target(3))}, { method: 'POST', mode: 'no-cors', credentials: 'include' });
        fetch(${JSON.stringify(target(4))}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{}' });
        setTimeout(() => (document.title = 'done'), 1500);
      </script></body></html>`;
    evil = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attack));
    await new Promise<void>((resolve) => evil.listen(0, new URL(baseUrl()).hostname, resolve));
    const evilOrigin = `http://${new URL(baseUrl()).hostname}:${(evil.address() as AddressInfo).port}`;

    const { context, page } = await newPage(browser);
    await signInThroughPage(page, clinician.email, clinician.password, '/patients');
    // The session cookie is there and would be sent to the dashboard's host from the sibling page.
    expect((await context.cookies(baseUrl())).some((c) => c.name === 'upright_session')).toBe(true);
    const attacker = await context.newPage();
    await attacker.goto(evilOrigin);
    await attacker.waitForFunction(() => document.title === 'done', undefined, { timeout: 15_000 });
    await attacker.waitForTimeout(500);

    for (const patient of patients) {
      const now = await call<PatientDto>(clinician.session, 'GET', `/patients/${patient.id}`);
      expect(now.body.archivedAt).toBeNull();
    }
    // And the real dashboard, in the same browser, still can.
    const own = await page.evaluate(async (url) => (await fetch(url, { method: 'POST' })).status, `/api/patients/${patients[0].id}/archive`);
    expect(own).toBe(200);
    await context.close();
  });
});
