import type { Browser } from 'playwright-core';
import { call, daysAgo, newPractice, signInThroughPage } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

/** A date of birth that makes the patient `years` old today (no age review between 20 and 50). */
function bornYearsAgo(years: number): string {
  const d = new Date();
  return `${d.getUTCFullYear() - years}-01-15`;
}

describe('recording an episode', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('classifies live as the form is filled in, saves, and shows the stored result', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const patient = await call<{ id: string }>(practice.admin.session, 'POST', '/patients', {
      firstName: 'Aoife',
      lastName: 'Brennan',
      dateOfBirth: bornYearsAgo(36),
      sex: 'female',
      email: 'aoife.brennan@example.com',
      phone: '+353 85 555 0142',
      notes: 'Prefers early appointments.',
    });
    const patientUrl = `/patients/${patient.body.id}`;

    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, patientUrl);
      // A patient with no records: empty states and the way in.
      await page.getByText('No clinical records yet').waitFor();
      await page.getByRole('link', { name: 'Record episode' }).click();
      await page.waitForURL(/\/episodes\/new$/);

      const live = page.getByTestId('live-classification');
      const category = live.getByTestId('category');
      await live.getByText('The classification appears here as you fill in the form').waitFor();

      await page.getByLabel('Onset date').fill(daysAgo(3));
      await page.getByText('Started 3 days ago.').waitFor();
      await page.getByLabel('Previous episodes in the last 12 months').fill('0');
      // No previous episode: "first episode" is chosen for the clinician.
      expect(await page.getByLabel('How often lately?').inputValue()).toBe('first_episode');
      await page.getByLabel('Pain now (0-10)').fill('6');
      await page.getByLabel('Lower back').check();
      // Everything but the trigger: still a hint, no classification yet.
      await live.getByText('Still needed: trigger').waitFor();
      expect(await category.count()).toBe(0);

      await page.getByRole('radio', { name: 'Unaccustomed activity' }).check();
      await category.filter({ hasText: 'Overload' }).waitFor();
      expect(await live.textContent()).toContain('Routine');
      expect(await live.textContent()).toContain('Review in 14 days');

      // The same spasm after an everyday movement says the back lacks support.
      await page.getByRole('radio', { name: 'Habitual, everyday movement' }).check();
      await category.filter({ hasText: 'Support deficit' }).waitFor();
      expect(await live.textContent()).toContain('Book a postural symmetry assessment');
      expect(await page.getByTestId('red-flag-banner').count()).toBe(0);

      // An emergency red flag overrides everything: a red "Referral" banner.
      await page.getByLabel(/saddle area/).check();
      const banner = live.getByTestId('red-flag-banner');
      await banner.filter({ hasText: 'Referral: emergency' }).waitFor();
      expect(await category.textContent()).toBe('Referral');
      expect(await banner.getAttribute('class')).toContain('bg-red-50');
      expect(await banner.textContent()).toContain('Saddle anaesthesia');
      await screenshot(page, 'episode-form');

      // An urgent one alone gives the amber banner.
      await page.getByLabel(/saddle area/).uncheck();
      await page.getByLabel('Fever or feeling generally unwell').check();
      await banner.filter({ hasText: 'Referral: urgent' }).waitFor();
      expect(await banner.getAttribute('class')).toContain('bg-amber-50');
      await page.getByLabel('Fever or feeling generally unwell').uncheck();
      await category.filter({ hasText: 'Support deficit' }).waitFor();
      expect(await banner.count()).toBe(0);

      await page.getByLabel('Notes').fill('Bent down to tie a shoe lace.');
      await page.getByRole('button', { name: 'Save episode' }).click();
      await page.waitForURL(/\/episodes\/[0-9a-f-]{36}\?saved=1$/);
      const episodeUrl = new URL(page.url()).pathname;

      // The stored result: the server's classification, its reasons, actions and patient advice.
      await page.getByRole('heading', { name: 'Episode: Support deficit' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Episode saved' }).waitFor();
      const stored = page.getByTestId('stored-classification');
      expect(await stored.getByTestId('category').textContent()).toBe('Support deficit');
      const storedText = (await stored.textContent()) ?? '';
      expect(storedText).toContain('Started with an everyday movement done many times before');
      expect(storedText).toContain('Book a postural symmetry assessment');
      expect(storedText).toContain('Advice for the patient');
      expect(storedText).toContain('Keep moving gently through your day');
      expect(await page.getByText('Bent down to tie a shoe lace.').count()).toBe(1);
      await screenshot(page, 'episode-result');

      // The patient page now shows it as the latest episode and on the timeline (with a baseline ODI beside it).
      await call(clinician.session, 'POST', `${patientUrl}/outcomes`, { instrument: 'odi', recordedOn: daysAgo(0), answers: [3, 2, 3, 2, 3, 2, 2, 1, 2, 3] });
      await page.goto(patientUrl);
      const latest = page.getByTestId('latest-episode');
      await latest.waitFor();
      expect(await latest.textContent()).toContain('Support deficit');
      const timeline = page.getByTestId('timeline');
      expect(await timeline.getByRole('link', { name: /Episode: Support deficit/ }).count()).toBe(1);
      expect(await timeline.getByRole('link', { name: /ODI score/ }).count()).toBe(1);
      await screenshot(page, 'patient-page');

      // Marked as entered in error (with a reason): kept, flagged, no longer the latest episode.
      await timeline.getByRole('link', { name: /Episode: Support deficit/ }).click();
      await page.waitForURL((url) => url.pathname === episodeUrl);
      await page.getByRole('button', { name: 'Mark as entered in error' }).click();
      const dialog = page.getByRole('dialog', { name: 'Mark this episode as entered in error?' });
      await dialog.getByRole('button', { name: 'Mark as entered in error' }).click();
      await dialog.getByText('Say briefly why').waitFor();
      await dialog.getByLabel('Reason').fill('Recorded on the wrong patient');
      await dialog.getByRole('button', { name: 'Mark as entered in error' }).click();
      await page.getByText('Reason: Recorded on the wrong patient').waitFor();

      await page.goto(patientUrl);
      await page.getByText('No episode recorded yet').waitFor();
      expect(await page.getByTestId('timeline').getByText('Entered in error').count()).toBe(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a bad episode with the problem beside its field', async () => {
    const practice = await newPractice();
    const patient = await call<{ id: string }>(practice.admin.session, 'POST', '/patients', {
      firstName: 'Ben',
      lastName: 'Okafor',
      dateOfBirth: bornYearsAgo(44),
      sex: 'male',
    });
    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, practice.admin.email, practice.admin.password, `/patients/${patient.body.id}/episodes/new`);
      await page.getByRole('button', { name: 'Save episode' }).click();
      await page.getByText('Please complete the highlighted fields.').waitFor();
      expect(await page.getByText('Choose what set it off').count()).toBe(1);
      expect(await page.getByText('Tick at least one area').count()).toBe(1);
      expect(await page.getByLabel('Onset date').getAttribute('aria-invalid')).toBe('true');
      // A date before birth is caught as it is typed.
      await page.getByLabel('Onset date').fill(`${new Date().getUTCFullYear() - 50}-01-01`);
      await page.getByText('The onset date cannot be before the patient was born.').waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
