import type { Browser, Page } from 'playwright-core';
import { call, daysAgo, newPractice, signInThroughPage } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

const SECTION_TOPICS = ['Pain intensity', 'Personal care', 'Lifting', 'Walking', 'Sitting', 'Standing', 'Sleeping', 'Sex life', 'Social life', 'Travelling'];

/** Enters the 10 ODI section scores (null = not answered). */
async function fillOdi(page: Page, sections: (number | null)[]) {
  for (const [i, value] of sections.entries()) {
    await page.getByLabel(`Section ${i + 1}: ${SECTION_TOPICS[i]}`, { exact: true }).selectOption(value === null ? '' : String(value));
  }
}

describe('outcome measures', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('records two ODI scores and shows the table, the change and the trend chart', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const patient = await call<{ id: string }>(practice.admin.session, 'POST', '/patients', {
      firstName: 'Maeve',
      lastName: 'Dolan',
      dateOfBirth: '1981-09-30',
      sex: 'female',
    });
    const outcomesUrl = `/patients/${patient.body.id}/outcomes`;

    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, outcomesUrl);
      await page.getByText('No outcome scores yet').waitFor();

      // First ODI, two weeks ago: 24 of 45 answered points = 53.3 %, severe.
      await page.getByLabel('Date', { exact: true }).fill(daysAgo(14));
      await fillOdi(page, [3, 3, 2, 3, 2, 3, 2, null, 3, 3]);
      expect(await page.getByTestId('score-preview').textContent()).toBe('53.3 % · Severe disability (9 of 10 sections answered)');
      await page.getByRole('button', { name: 'Save ODI score' }).click();
      await page.getByRole('status').filter({ hasText: 'ODI score saved: 53.3 %' }).waitFor();

      const odi = page.getByTestId('outcomes-odi');
      await odi.waitFor();
      // The form is cleared for the next entry.
      expect(await page.getByLabel('Section 1: Pain intensity', { exact: true }).inputValue()).toBe('');

      // Second ODI, today: 18 of 45 = 40 %, moderate; 13.3 points better, more than the 10 that matter.
      await page.getByLabel('Date', { exact: true }).fill(daysAgo(0));
      await fillOdi(page, [2, 2, 2, 2, 2, 2, 2, null, 2, 2]);
      expect(await page.getByTestId('score-preview').textContent()).toBe('40 % · Moderate disability (9 of 10 sections answered)');
      await page.getByRole('button', { name: 'Save ODI score' }).click();
      await page.getByRole('status').filter({ hasText: 'ODI score saved: 40 %' }).waitFor();

      const rows = odi.locator('tbody tr');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="outcomes-odi"] tbody tr').length === 2);
      const first = (await rows.nth(0).textContent()) ?? '';
      const second = (await rows.nth(1).textContent()) ?? '';
      expect(first).toContain('53.3 %');
      expect(first).toContain('Severe disability');
      expect(first).toContain('First score');
      expect(second).toContain('40 %');
      expect(second).toContain('Moderate disability');
      expect(second).toContain('−13.3');
      expect(second).toContain('Meaningful improvement');

      // The trend chart: an SVG with the line through both scores and the meaningful-change line.
      const chart = odi.getByTestId('chart-odi');
      await chart.locator('svg.recharts-surface').first().waitFor();
      expect(await chart.locator('.recharts-line-dot circle, .recharts-line-dots circle').count()).toBe(2);
      expect(await chart.locator('svg').first().textContent()).toContain('Meaningful improvement');
      expect(await chart.getAttribute('aria-label')).toBe('ODI trend: 2 scores, first 53.3, latest 40 (lower is better).');

      // Another measure gets its own chart and table.
      await page.getByText('NPRS', { exact: true }).click();
      await page.getByLabel('Pain rating (0-10)').fill('7');
      await page.getByRole('button', { name: 'Save NPRS score' }).click();
      await page.getByTestId('outcomes-nprs').waitFor();
      expect(await page.getByTestId('outcomes-nprs').locator('tbody tr').count()).toBe(1);
      await page.getByTestId('chart-nprs').locator('svg.recharts-surface').first().waitFor();

      await screenshot(page, 'outcomes');

      // The patient's timeline links the scores to this page.
      await page.goto(`/patients/${patient.body.id}`);
      const timeline = page.getByTestId('timeline');
      await timeline.waitFor();
      expect(await timeline.getByRole('link', { name: /ODI score/ }).count()).toBe(2);
      await timeline.getByRole('link', { name: /NPRS score/ }).click();
      await page.waitForURL((url) => url.pathname === outcomesUrl);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
