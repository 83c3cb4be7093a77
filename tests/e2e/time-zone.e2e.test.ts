import type { Browser } from 'playwright-core';
import { call, newPractice, signInThroughPage } from './api.js';
import { collectPageErrors, launchBrowser, newPage } from './browser.js';

/** The calendar date in an IANA zone, worked out here independently of the product (en-CA writes YYYY-MM-DD). */
const dateIn = (timeZone: string, when = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(when);

describe('the practice’s day in the dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('dates the forms by the practice’s time zone, and saves an episode on the practice’s today', async () => {
    // At any moment, UTC+14's or UTC-12's date differs from UTC's: the practice takes that zone.
    const utcDay = new Date().toISOString().slice(0, 10);
    const zone = dateIn('Etc/GMT-14') !== utcDay ? 'Etc/GMT-14' : 'Etc/GMT+12';
    const localDay = dateIn(zone);
    expect(localDay).not.toBe(utcDay);

    const practice = await newPractice();
    await call(practice.admin.session, 'PATCH', '/practice', { timeZone: zone }, { 'if-match': '"1"' });
    const clinician = await practice.addUser('clinician');
    const { body: patient } = await call<{ id: string }>(clinician.session, 'POST', '/patients', {
      firstName: 'Mele',
      lastName: 'Taufa',
      dateOfBirth: '1979-09-09',
      sex: 'female',
    });

    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${patient.id}/episodes/new`);
      const onset = page.getByLabel('Onset date');
      expect(await onset.getAttribute('max')).toBe(localDay);
      await onset.fill(localDay);
      await page.getByLabel('Previous episodes in the last 12 months').fill('0');
      await page.getByLabel('Pain now (0-10)').fill('4');
      await page.getByLabel('Lower back').check();
      await page.getByRole('radio', { name: 'Habitual, everyday movement' }).check();
      await page.getByTestId('live-classification').getByTestId('category').filter({ hasText: 'Support deficit' }).waitFor();
      await page.getByRole('button', { name: 'Save episode' }).click();
      await page.waitForURL(/\/episodes\/[0-9a-f-]{36}\?saved=1$/);
      const episodeId = new URL(page.url()).pathname.split('/').pop();
      const { body: episode } = await call<{ recordedOn: string; onsetDate: string }>(
        clinician.session,
        'GET',
        `/patients/${patient.id}/episodes/${episodeId}`,
      );
      expect(episode).toMatchObject({ recordedOn: localDay, onsetDate: localDay });

      await page.goto(`/patients/${patient.id}/outcomes`);
      expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe(localDay);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
