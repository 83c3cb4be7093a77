import type { Browser, Locator, Page } from 'playwright-core';
import { call, daysAgo, newPractice, type Session, signInThroughPage } from './api.js';
import { launchBrowser, newPage, screenshot } from './browser.js';

async function newPatient(session: Session, firstName: string): Promise<string> {
  const { body } = await call<{ id: string }>(session, 'POST', '/patients', { firstName, lastName: 'Lindqvist', dateOfBirth: '1988-02-20', sex: 'male' });
  return body.id;
}

/** An episode set off by an everyday movement: a support deficit (or a referral, with a red flag). */
async function recordEpisode(session: Session, patientId: string, redFlags: string[] = []): Promise<string> {
  const { body } = await call<{ id: string; classification: { category: string } }>(session, 'POST', `/patients/${patientId}/episodes`, {
    onsetDate: daysAgo(3),
    trigger: 'habitual_movement',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painNprs: 5,
    painAreas: ['lower_back'],
    redFlags,
  });
  expect(body.classification.category).toBe(redFlags.length ? 'referral' : 'support_deficit');
  return body.id;
}

/** The codes of a builder phase's exercises, in order. */
function phaseCodes(page: Page, title: string): Promise<(string | null)[]> {
  return builderPhase(page, title)
    .getByTestId('builder-exercise')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
}

function builderPhase(page: Page, title: string): Locator {
  return page.getByTestId('builder-phase').filter({ has: page.getByRole('heading', { name: new RegExp(`^\\d+\\. ${title}$`) }) });
}

describe('rehabilitation plans in the dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('builds a plan from the suggestion, activates and shares it, and keeps version 1 readable after an edit', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const patientId = await newPatient(clinician.session, 'Erik');
    await recordEpisode(clinician.session, patientId);

    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${patientId}/plans/new`);
      await page.getByRole('heading', { name: 'New plan' }).waitFor();

      // The rules' suggestion for a support deficit without an assessment: four phases, McGill's three from "Activate".
      await page.getByTestId('suggestion-note').waitFor();
      expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Back support rehabilitation plan (12 weeks)');
      expect(await page.getByTestId('builder-phase').count()).toBe(4);
      expect(await phaseCodes(page, 'Activate')).toEqual(['curl_up', 'side_bridge', 'bird_dog']);

      // Add an exercise from the library: search, then pick it.
      await page.getByRole('button', { name: 'Add exercise to Activate' }).click();
      const search = page.getByLabel('Search the exercise library for Activate');
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
      await search.fill('clam');
      await page.getByRole('button', { name: /^Add Clamshell/ }).click();
      expect(await phaseCodes(page, 'Activate')).toEqual(['curl_up', 'side_bridge', 'bird_dog', 'clamshell']);

      // Move it up one place; focus stays on its button.
      await page.getByRole('button', { name: 'Move up: Clamshell (Activate)' }).click();
      expect(await phaseCodes(page, 'Activate')).toEqual(['curl_up', 'side_bridge', 'clamshell', 'bird_dog']);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move up: Clamshell (Activate)');

      // Added at the library's dose, at the phase's frequency (daily in Activate).
      expect(await page.getByLabel('Times a week, Clamshell (Activate)').inputValue()).toBe('7');
      // Change its dose: 3 sets instead of the library's 2.
      const sets = page.getByLabel('Sets, Clamshell (Activate)');
      expect(await sets.inputValue()).toBe('2');
      await sets.fill('3');
      await screenshot(page, 'plan-builder');

      await page.getByRole('button', { name: 'Save as draft' }).click();
      await page.waitForURL(/\/plans\/[0-9a-f-]{36}\?created=1$/);
      const planUrl = new URL(page.url());
      const planPath = planUrl.pathname;
      await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Draft');
      const activate = page
        .getByTestId('plan-view')
        .locator('section')
        .filter({ has: page.getByRole('heading', { name: /Activate$/ }) });
      expect(await activate.getByTestId('plan-exercise').locator('.font-medium').allTextContents()).toEqual([
        'McGill curl-up',
        'Side bridge',
        'Clamshell',
        'Bird dog',
      ]);
      // The Activate phase is daily; the clamshell is done on each side.
      expect(await activate.getByTestId('plan-exercise').filter({ hasText: 'Clamshell' }).getByTestId('dose').textContent()).toBe(
        '3 sets × 10 reps · each side · daily',
      );

      // Activate, then share: the link is shown once, with a QR code.
      await page.getByRole('button', { name: 'Activate plan' }).click();
      await page.getByRole('status').filter({ hasText: 'Plan activated' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Active');
      expect(await page.getByLabel('Link valid for (days)').inputValue()).toBe('90');
      await page.getByRole('button', { name: 'Create patient link' }).click();
      const link = page.getByLabel('Patient link');
      await link.waitFor();
      expect(await link.inputValue()).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
      const qr = page.getByRole('img', { name: /QR code of the patient link/ });
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(await page.getByTestId('share-links').textContent()).toContain('Active');
      expect(await page.getByTestId('share-links').textContent()).toContain('0 failed attempts');
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Copied to the clipboard|press Ctrl\+C/ })
        .waitFor();
      await screenshot(page, 'plan-shared');

      // Revoke all links, after confirming.
      await page.getByRole('button', { name: 'Revoke all links' }).click();
      const confirm = page.getByRole('dialog', { name: 'Revoke every link to this plan?' });
      await confirm.getByRole('button', { name: 'Revoke all links' }).click();
      await page.getByTestId('share-links').getByText('Revoked', { exact: true }).waitFor();
      expect(await page.getByLabel('Patient link').count()).toBe(0);

      // Editing the active plan makes version 2; version 1 stays readable as it was.
      await page.getByRole('link', { name: 'Edit plan' }).click();
      await page.getByTestId('new-version-note').filter({ hasText: 'saving creates version 2' }).waitFor();
      await page.getByLabel('Sets, Clamshell (Activate)').fill('4');
      await page.getByLabel('What changed and why').fill('Clamshell up to 4 sets.');
      await page.getByRole('button', { name: 'Save as version 2' }).click();
      await page.waitForURL((url) => url.pathname === planPath && url.search === '?saved=1');
      await page.getByRole('status').filter({ hasText: 'Changes saved as version 2' }).waitFor();
      expect(await page.getByTestId('plan-version').textContent()).toBe('Version 2');
      const clamshellNow = page.getByTestId('plan-view').getByTestId('plan-exercise').filter({ hasText: 'Clamshell' });
      expect(await clamshellNow.first().getByTestId('dose').textContent()).toContain('4 sets × 10 reps');

      await page.getByTestId('versions').getByRole('link', { name: 'Version 1' }).click();
      await page.waitForURL(`**${planPath}/versions/1`);
      await page.getByTestId('read-only-note').filter({ hasText: 'Read-only: version 1' }).waitFor();
      const clamshellThen = page.getByTestId('plan-view').getByTestId('plan-exercise').filter({ hasText: 'Clamshell' });
      expect(await clamshellThen.first().getByTestId('dose').textContent()).toContain('3 sets × 10 reps');

      // Someone else saves while the clinician edits: a clear conflict, and Reload shows their version.
      await page.goto(`${planPath}/edit`);
      await page.getByTestId('new-version-note').filter({ hasText: 'saving creates version 3' }).waitFor();
      const planId = planPath.split('/').pop();
      const { body: current } = await call<{ version: number }>(clinician.session, 'GET', `/plans/${planId}`);
      await call(clinician.session, 'PATCH', `/plans/${planId}`, { title: 'Back support plan, changed at the desk' }, { 'if-match': `"${current.version}"` });
      await page.getByLabel('Sets, Clamshell (Activate)').fill('5');
      await page.getByRole('button', { name: 'Save as version 3' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this plan' });
      await conflict.waitFor();
      await conflict.getByRole('button', { name: 'Reload' }).click();
      await page.getByTestId('new-version-note').filter({ hasText: 'saving creates version 4' }).waitFor();
      expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Back support plan, changed at the desk');
      expect(await page.getByLabel('Sets, Clamshell (Activate)').inputValue()).toBe('4');
    } finally {
      await context.close();
    }
  });

  it('refuses a plan while a red flag is open, and lets the clinician activate a draft with a reason', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    const patientId = await newPatient(clinician.session, 'Nora');
    const firstEpisode = await recordEpisode(clinician.session, patientId);
    // A draft made from the first episode, before the red flag appeared.
    const { body: suggestion } = await call<{ title: string; phases: unknown[]; notes: string[] }>(
      clinician.session,
      'GET',
      `/patients/${patientId}/plan-suggestion?episodeId=${firstEpisode}`,
    );
    const { body: draft } = await call<{ id: string }>(clinician.session, 'POST', `/patients/${patientId}/plans`, {
      title: suggestion.title,
      episodeId: firstEpisode,
      phases: suggestion.phases,
      notes: suggestion.notes,
    });
    // Then a referral: saddle anaesthesia is an emergency red flag.
    await recordEpisode(clinician.session, patientId, ['saddle_anaesthesia']);

    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${patientId}/plans/new`);
      const banner = page.getByTestId('red-flag-banner');
      await banner.waitFor();
      expect(await banner.getByText('No exercise plan while a red flag is open', { exact: true }).count()).toBe(1);
      expect(await banner.getAttribute('role')).toBe('alert');
      expect(await page.getByTestId('plan-builder').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save as draft' }).count()).toBe(0);

      await page.goto(`/plans/${draft.id}`);
      await page.getByRole('button', { name: 'Activate plan' }).click();
      const dialog = page.getByRole('dialog', { name: 'No exercise plan while a red flag is open' });
      await dialog.waitFor();
      // The reason is required.
      await dialog.getByRole('button', { name: 'Activate anyway' }).click();
      await dialog.getByText('Give the reason in at least 10 characters').waitFor();
      await dialog.getByLabel('Reason to activate anyway').fill('GP reviewed today: no serious pathology, cleared for exercise.');
      await dialog.getByRole('button', { name: 'Activate anyway' }).click();

      await page.getByRole('status').filter({ hasText: 'Plan activated' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Active');
      const note = page.getByRole('note').filter({ hasText: 'Activated while a red flag was open' });
      expect(await note.textContent()).toContain('GP reviewed today: no serious pathology, cleared for exercise.');
    } finally {
      await context.close();
    }
  });
});
