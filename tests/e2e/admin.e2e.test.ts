import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { apiUrl, call, newPractice, signInThroughPage, type Session } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

interface UserView {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  version: number;
}

/** The practice's accounts as the API reports them (what the page claims must be true there too). */
async function usersOf(admin: Session): Promise<UserView[]> {
  return (await call<{ items: UserView[] }>(admin, 'GET', '/users?limit=100')).body.items;
}

/** The status of GET /api/auth/me for a session: 200 while it lives, 401 once it has ended. */
async function meStatus(session: Session): Promise<number> {
  return (await fetch(`${apiUrl()}/api/auth/me`, { headers: { cookie: session.cookie } })).status;
}

async function signInApi(email: string, password: string): Promise<Session> {
  const response = await fetch(`${apiUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return {
    cookie: response.headers
      .getSetCookie()
      .find((c) => c.startsWith('upright_session='))!
      .split(';')[0],
  };
}

/** The visible "Who" column of every audit row. */
const whoColumn = (page: Page) => page.getByTestId('audit-rows').locator('tr > td:nth-child(2)').allTextContents();

describe('administration: staff accounts and the audit log', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('lets an admin invite a clinician, change their role to reception and deactivate them (signed out at once)', async () => {
    const practice = await newPractice();
    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, practice.admin.email, practice.admin.password, '/admin/users');
      await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
      const rows = page.getByTestId('staff-row');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('Alex Admin(you)');

      // Invite: a short password is refused beside its field, then the account is created.
      const email = `casey-${randomBytes(4).toString('hex')}@e2e.upright.example`;
      const password = 'spring garden bench';
      await page.getByLabel('Name', { exact: true }).fill('Casey Clinician');
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Role', { exact: true }).selectOption('clinician');
      await page.getByLabel('Initial password').fill('short');
      await page.getByRole('button', { name: 'Invite' }).click();
      await page.getByText('Must be at least 8 characters').waitFor();
      expect(await page.getByLabel('Initial password').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Initial password').fill(password);
      await page.getByLabel('Initial password').press('Enter');
      await page.getByRole('status').filter({ hasText: 'Casey Clinician can now sign in as clinician' }).waitFor();
      const casey = rows.filter({ hasText: 'Casey Clinician' });
      await casey.waitFor();
      expect(await rows.count()).toBe(2);
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(''); // the form is ready for the next one
      let account = (await usersOf(practice.admin.session)).find((u) => u.email === email);
      expect(account).toMatchObject({ name: 'Casey Clinician', role: 'clinician', active: true, version: 1 });
      const caseySession = await signInApi(email, password);
      expect(await meStatus(caseySession)).toBe(200);

      // Change the role (PATCH with If-Match of the version shown).
      await casey.getByLabel('Role of Casey Clinician').selectOption('reception');
      await casey.getByRole('button', { name: 'Save role' }).click();
      await page.getByRole('status').filter({ hasText: 'Casey Clinician is now reception.' }).waitFor();
      expect(await casey.getByRole('button', { name: 'Save role' }).count()).toBe(0);
      account = (await usersOf(practice.admin.session)).find((u) => u.email === email);
      expect(account).toMatchObject({ role: 'reception', active: true, version: 2 });

      // The admin cannot demote themself: the API's reason is shown in their row.
      const me = rows.filter({ hasText: 'Alex Admin' });
      await me.getByLabel('Role of Alex Admin').selectOption('clinician');
      await me.getByRole('button', { name: 'Save role' }).click();
      await me.getByRole('alert').filter({ hasText: 'You cannot remove your own admin role' }).waitFor();
      await me.getByRole('button', { name: 'Undo' }).click();
      expect((await usersOf(practice.admin.session)).find((u) => u.email === practice.admin.email)?.role).toBe('admin');

      // Deactivate after confirming; the dialog says it signs them out at once.
      await casey.getByRole('button', { name: 'Deactivate Casey Clinician' }).click();
      const dialog = page.getByRole('dialog', { name: 'Deactivate Casey Clinician?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('signed out at once');
      await dialog.getByRole('button', { name: 'Deactivate account' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: 'Casey Clinician was deactivated and signed out on every device.' }).waitFor();
      expect(await casey.getByText('Inactive').count()).toBe(1);
      expect(await casey.getByRole('button', { name: 'Reactivate Casey Clinician' }).count()).toBe(1);
      account = (await usersOf(practice.admin.session)).find((u) => u.email === email);
      expect(account).toMatchObject({ role: 'reception', active: false, version: 3 });
      expect(await meStatus(caseySession)).toBe(401);
      await screenshot(page, 'admin-users');
    } finally {
      await context.close();
    }
  });

  it('shows the audit log with sign-ins, filtered by user and by patient', async () => {
    const practice = await newPractice();
    // Signing in writes a login row for each (addUser signs the new user in through the API).
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const tag = randomBytes(2).toString('hex');
    const patient = (
      await call<{ id: string }>(clinician.session, 'POST', '/patients', {
        firstName: 'Pia',
        lastName: `Audited${tag}`,
        dateOfBirth: '1985-09-01',
        sex: 'female',
      })
    ).body;
    await call(clinician.session, 'GET', `/patients/${patient.id}`);

    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, practice.admin.email, practice.admin.password, '/admin/audit');
      await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
      const rows = page.getByTestId('audit-rows').locator('tr');
      await rows.first().waitFor();
      const signIns = rows.filter({ hasText: 'Signed in' });
      const signInWho = await signIns.locator('td:nth-child(2)').allTextContents();
      expect(signInWho).toEqual(expect.arrayContaining(['Alex Admin', 'Casey Clinician']));
      expect(await signIns.filter({ hasText: 'Casey Clinician' }).first().textContent()).toContain('Clinician');
      expect(new Set(await whoColumn(page))).toEqual(new Set(['Alex Admin', 'Casey Clinician']));
      await screenshot(page, 'audit-log');

      // Only Casey's entries.
      await page.getByLabel('User').selectOption({ label: 'Casey Clinician' });
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="audit-rows"] tr > td:nth-child(2)')].every((td) => td.textContent === 'Casey Clinician'),
      );
      const caseyOnly = await whoColumn(page);
      expect(caseyOnly.length).toBeGreaterThanOrEqual(3); // sign-in, registering the patient, viewing them
      expect(await rows.filter({ hasText: 'Signed in' }).count()).toBe(1);

      // Then only the entries about one patient, picked by name.
      await page.getByLabel('Patient').fill(`Audited${tag}`);
      await page
        .getByRole('list', { name: 'Matching patients' })
        .getByRole('button', { name: new RegExp(`Pia Audited${tag}`) })
        .click();
      await page
        .getByTestId('picked-patient')
        .filter({ hasText: `Pia Audited${tag}` })
        .waitFor();
      await page.waitForFunction(() => {
        const rowsNow = [...document.querySelectorAll('[data-testid="audit-rows"] tr')];
        return rowsNow.length === 2 && rowsNow.every((tr) => !tr.textContent?.includes('Signed in'));
      });
      const actions = await rows.locator('td:nth-child(4)').allTextContents();
      expect(actions).toEqual(['Viewed', 'Created']);
      const patientLinks = rows.getByRole('link', { name: `Pia Audited${tag}` });
      expect(await patientLinks.count()).toBe(2);
      expect(await patientLinks.first().getAttribute('href')).toBe(`/patients/${patient.id}`);

      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="audit-rows"] tr')].some((tr) => tr.textContent?.includes('Alex Admin')));
    } finally {
      await context.close();
    }
  });

  it('tells a clinician who opens the staff page or the audit log that their role may not', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, '/admin/users');
      expect(new URL(page.url()).pathname).toBe('/admin/users');
      const refusal = page.getByRole('alert').filter({ hasText: 'Only administrators can manage staff accounts' });
      await refusal.waitFor();
      expect(await page.getByRole('heading', { name: 'Not allowed for your role' }).count()).toBe(1);
      expect(await page.getByTestId('staff-row').count()).toBe(0);
      expect(await page.getByText(practice.admin.email).count()).toBe(0);

      await page.goto('/admin/audit');
      await page.getByRole('alert').filter({ hasText: 'Only administrators can read the audit log' }).waitFor();
      expect(await page.getByTestId('audit-rows').count()).toBe(0);
      // The menu does not offer either page to a clinician.
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Staff' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Practice' }).count()).toBe(0);

      await page.goto('/admin/practice');
      await page.getByRole('alert').filter({ hasText: 'Only administrators can change the practice’s settings' }).waitFor();
      expect(await page.getByLabel('Time zone').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('lets an admin rename the practice and set its time zone, and explains a conflicting edit', async () => {
    const practice = await newPractice('Harbour Physio');
    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, practice.admin.email, practice.admin.password, '/patients');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/practice');
      expect(await page.getByLabel('Practice name').inputValue()).toBe('Harbour Physio');
      expect(await page.getByLabel('Time zone').inputValue()).toBe('UTC');
      await page.getByText(/^Now there: /).waitFor();

      await page.getByLabel('Practice name').fill('Harbour Physio & Pilates');
      await page.getByLabel('Time zone').selectOption('Pacific/Auckland');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
      // The header follows, and so does what the API calls today.
      await page.getByText('Administrator · Harbour Physio & Pilates').waitFor();
      const { body: me } = await call<{ practice: { timeZone: string } }>(practice.admin.session, 'GET', '/auth/me');
      expect(me.practice.timeZone).toBe('Pacific/Auckland');
      await screenshot(page, 'practice-settings');

      // Another admin changes the name meanwhile: the save is refused, the form shows their version.
      const { body: current } = await call<{ version: number }>(practice.admin.session, 'GET', '/practice');
      await call(practice.admin.session, 'PATCH', '/practice', { name: 'Harbour Physiotherapy' }, { 'if-match': `"${current.version}"` });
      await page.getByLabel('Time zone').selectOption('Europe/Dublin');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('alert').filter({ hasText: 'Another admin changed these settings' }).waitFor();
      expect(await page.getByLabel('Practice name').inputValue()).toBe('Harbour Physiotherapy');
      expect(await page.getByLabel('Time zone').inputValue()).toBe('Pacific/Auckland');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
