import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './browser.js';

// The demo practice is seeded into the test database by `npm test` (prisma/seed/demo-practice.json).
const CLINICIAN = { email: 'clinician@demo.upright.test', password: 'upright-demo', name: 'Maya Patel' };

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
});
