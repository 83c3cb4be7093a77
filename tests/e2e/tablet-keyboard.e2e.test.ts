import type { Browser } from 'playwright-core';
import { layoutProblems } from './audit.js';
import { collectPageErrors, launchBrowser, newPage } from './browser.js';
import { practiceWithRecords, staffPages } from './routes.js';

const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true };

describe('on a tablet, from the keyboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('signs in with the keyboard alone, and every page fits a tablet with every input labelled', async () => {
    const { users, data } = await practiceWithRecords();
    const clinician = users.clinician;

    const { context, page } = await newPage(browser, TABLET);
    const pageErrors = collectPageErrors(page);
    try {
      // Keyboard only: the Email field has the focus, Tab reaches Password, Enter signs in.
      await page.goto('/sign-in');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');
      await page.keyboard.type(clinician.email);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
      await page.keyboard.type(clinician.password);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

      // Every page a clinician opens (the app's routes, tests/e2e/routes.ts).
      const pages = staffPages('clinician', data);
      const problems: string[] = [];
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await page.locator('h1').first().waitFor();
        for (const problem of await layoutProblems(page)) problems.push(`${path}: ${problem}`);
      }
      expect(problems).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
