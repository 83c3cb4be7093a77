import type { Browser, Page } from 'playwright-core';
import type { PlanSuggestion } from '@upright/api/contracts';
import { call, daysAgo, newPractice } from './api.js';
import { collectPageErrors, launchBrowser, newPage } from './browser.js';

const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true };

/** What a page gets wrong on this screen: a sideways scroll, or a form control no label names. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`scrolls sideways: ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
    for (const el of Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'))) {
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const named = (el.labels?.length ?? 0) > 0 || el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
      if (!named) problems.push(`unlabelled ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}`);
    }
    return problems;
  });
}

describe('on a tablet, from the keyboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('signs in with the keyboard alone, and every main page fits a tablet with every input labelled', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Kofi Mensah');
    const { body: patient } = await call<{ id: string }>(clinician.session, 'POST', '/patients', { firstName: 'Hana', lastName: 'Sato', dateOfBirth: '1983-09-30', sex: 'female' });
    await call(clinician.session, 'POST', `/patients/${patient.id}/episodes`, {
      onsetDate: daysAgo(4),
      trigger: 'habitual_movement',
      episodesLast12Months: 2,
      frequencyTrend: 'increasing',
      painNprs: 6,
      painAreas: ['lower_back'],
      redFlags: [],
    });
    const { body: suggestion } = await call<PlanSuggestion>(clinician.session, 'GET', `/patients/${patient.id}/plan-suggestion`);
    const { body: plan } = await call<{ id: string }>(clinician.session, 'POST', `/patients/${patient.id}/plans`, {
      title: suggestion.title,
      episodeId: suggestion.episodeId,
      phases: suggestion.phases,
      notes: suggestion.notes,
    });

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

      const pages = [
        '/today',
        '/patients',
        '/patients/new',
        '/account',
        `/patients/${patient.id}`,
        `/patients/${patient.id}/edit`,
        `/patients/${patient.id}/episodes/new`,
        `/patients/${patient.id}/assessments/new`,
        `/patients/${patient.id}/assessments`,
        `/patients/${patient.id}/plans/new`,
        `/plans/${plan.id}`,
        `/plans/${plan.id}/edit`,
        `/patients/${patient.id}/outcomes`,
      ];
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
  });
});
