import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, screenshot } from './browser.js';

// The demo practice is seeded into the test database by `npm test` (prisma/seed/demo-practice.json).
const CLINICIAN = { email: 'clinician@demo.upright.test', password: 'upright-demo', name: 'Maya Patel' };

/**
 * `next` values that once led off the dashboard after sign-in (browsers drop tabs and line breaks from a URL and read
 * a backslash as a slash, so "/<tab>/evil.example/" is "//evil.example/") or, signed in, to a 500. Written as they
 * stand in the address bar.
 */
const HOSTILE_NEXT = [
  '/%09/evil.example/',
  '/%0a/evil.example/',
  '/%0d/evil.example/',
  '/\t/evil.example/',
  '//evil.example/',
  '/%5Cevil.example/',
  '/\\evil.example/',
  'https://evil.example/',
  '/.//evil.example/',
  '/%2e//evil.example/',
];

describe('signing in to the dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('leads a clinician from the sign-in page to the practice’s patient list', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/patients');
      // Not signed in: sent to sign in, and back to the patient list afterwards.
      await page.waitForURL(/\/sign-in\?next=%2Fpatients/);
      await screenshot(page, 'sign-in');

      await page.getByLabel('Email').fill(CLINICIAN.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();

      await page.getByLabel('Password').fill(CLINICIAN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/patients$/);
      await page.getByRole('heading', { name: 'Patients' }).waitFor();
      expect(await page.getByTestId('current-user').textContent()).toBe(CLINICIAN.name);

      const rows = page.getByTestId('patient-rows').locator('tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(20);
      const names = await rows.locator('td:first-child a').allTextContents();
      expect(names).toContain('Zoë Hughes');
      expect(names).toContain('Aoife Kelly');
      await screenshot(page, 'patients');

      // Search as you type, accent-insensitive.
      await page.getByLabel('Search patients by name').fill('zoe');
      await page.waitForURL(/\?q=zoe/);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="patient-rows"] tr').length === 1);
      expect(await rows.first().textContent()).toContain('Zoë Hughes');
    } finally {
      await context.close();
    }
  });

  it.each(HOSTILE_NEXT)('stays on the dashboard after signing in with next=%j', async (next) => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`/sign-in?next=${next}`);
      await page.getByLabel('Email').fill(CLINICIAN.email);
      await page.getByLabel('Password').fill(CLINICIAN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.origin !== new URL(baseUrl()).origin || !url.pathname.startsWith('/sign-in'));
      expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
      await page.getByTestId('current-user').waitFor();
    } finally {
      await context.close();
    }
  });

  it('sends a signed-in visitor of the sign-in page to a page of the dashboard whatever next says, never to a 500', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(CLINICIAN.email);
      await page.getByLabel('Password').fill(CLINICIAN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/patients$/);
      const landed: { next: string; status?: number; url: string }[] = [];
      for (const next of HOSTILE_NEXT) {
        let status: number | undefined;
        try {
          status = (await page.goto(`/sign-in?next=${next}`))?.status();
        } catch {
          status = undefined; // the navigation failed: it left for a host that does not exist
        }
        landed.push({ next, status, url: page.url() });
      }
      const patients = new URL('/patients', baseUrl()).href;
      expect(landed).toEqual(HOSTILE_NEXT.map((next) => ({ next, status: 200, url: patients })));
    } finally {
      await context.close();
    }
  });
});
