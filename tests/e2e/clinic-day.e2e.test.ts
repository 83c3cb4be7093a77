import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { apiUrl, call, daysAgo, newPractice, signInThroughPage } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * The main flow, end to end in the browser: a clinician signs in, finds the patient, records the episode, builds a
 * plan from the rules' suggestion, activates and shares it; the patient opens the link on a phone, confirms the
 * birth year and logs a painful session; the clinician sees it on the patient's page and marks the alert as seen.
 */
describe('a clinic day, from sign-in to the plan opened by the patient', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('records an episode, plans from the suggestion, shares it, and sees what the patient logged', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Noor Haddad');
    const surname = `Whitfield${randomBytes(3).toString('hex')}`;
    const patient = await call<{ id: string }>(practice.admin.session, 'POST', '/patients', {
      firstName: 'Tomasz',
      lastName: surname,
      dateOfBirth: '1979-06-02',
      sex: 'male',
    });
    const patientPath = `/patients/${patient.body.id}`;

    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    // Also catches anything the Content-Security-Policy refuses (logged as a console error).
    const pageErrors = collectPageErrors(page);
    try {
      // Sign in, and find the patient by part of the surname.
      await signInThroughPage(page, clinician.email, clinician.password, '/patients');
      expect(await page.getByTestId('current-user').textContent()).toBe('Noor Haddad');
      await page.getByLabel('Search patients by name').fill(surname.slice(0, 10).toLowerCase());
      await page.waitForURL((url) => url.searchParams.get('q') === surname.slice(0, 10).toLowerCase());
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="patient-rows"] tr').length === 1);
      await page.getByRole('link', { name: `Tomasz ${surname}` }).click();
      await page.waitForURL((url) => url.pathname === patientPath);
      await page.getByTestId('home-programme').getByText('No active plan').waitFor();

      // Record the episode: a spasm after bending to load the dishwasher, as every day.
      await page.getByRole('link', { name: 'Record episode' }).click();
      await page.waitForURL(/\/episodes\/new$/);
      await page.getByLabel('Onset date').fill(daysAgo(2));
      await page.getByLabel('Previous episodes in the last 12 months').fill('0');
      await page.getByLabel('Pain now (0-10)').fill('5');
      await page.getByLabel('Lower back').check();
      await page.getByRole('radio', { name: 'Habitual, everyday movement' }).check();
      await page.getByTestId('live-classification').getByTestId('category').filter({ hasText: 'Support deficit' }).waitFor();
      await page.getByRole('button', { name: 'Save episode' }).click();
      await page.waitForURL(/\/episodes\/[0-9a-f-]{36}\?saved=1$/);
      await page.getByRole('heading', { name: 'Episode: Support deficit' }).waitFor();

      // A plan from the suggestion, saved, activated and shared.
      await page.goto(`${patientPath}/plans`);
      await page.getByRole('link', { name: 'Draft the first plan' }).click();
      await page.getByRole('heading', { name: 'New plan' }).waitFor();
      await page.getByTestId('suggestion-note').waitFor();
      await page.getByRole('button', { name: 'Save as draft' }).click();
      await page.waitForURL(/\/plans\/[0-9a-f-]{36}\?created=1$/);
      await page.getByRole('button', { name: 'Activate plan' }).click();
      await page.getByRole('status').filter({ hasText: 'Plan activated' }).waitFor();
      await page.getByRole('button', { name: 'Create patient link' }).click();
      const link = page.getByLabel('Patient link');
      await link.waitFor();
      const linkUrl = new URL(await link.inputValue());
      expect(linkUrl.pathname).toMatch(/^\/p\/[A-Za-z0-9_-]{43}$/);

      // The patient, on a phone: the link, the birth year, the plan, and a painful session logged.
      const phone = await newPage(browser, PHONE);
      try {
        const patientPage = phone.page;
        const phoneErrors = collectPageErrors(patientPage);
        const landing = await patientPage.goto(linkUrl.pathname);
        expect(landing?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
        await patientPage.getByLabel('Year of birth').fill('1979');
        await patientPage.getByRole('button', { name: 'Open my plan' }).tap();
        await patientPage.waitForURL((url) => url.pathname === '/p/plan');
        await patientPage.getByRole('heading', { name: 'Hello, Tomasz' }).waitFor();
        const current = patientPage.getByTestId('current-phase');
        const firstExercise = current.getByRole('article').first();
        const exerciseName = (await firstExercise.getByRole('heading', { level: 4 }).textContent())!.trim();
        await firstExercise.getByRole('checkbox', { name: `Done today: ${exerciseName}` }).check();
        await patientPage.getByLabel('Pain', { exact: true }).fill('8');
        await patientPage.getByLabel('Difficulty', { exact: true }).fill('5');
        await patientPage.getByLabel('Anything to tell your physiotherapist? (optional)').fill('Twinge when I stood up');
        await patientPage.getByRole('button', { name: 'Save' }).tap();
        await patientPage.getByRole('status').getByTestId('diary-feedback').waitFor();
        await patientPage.getByRole('region', { name: 'Your diary' }).getByRole('listitem').first().filter({ hasText: 'Pain 8/10' }).waitFor();
        expect(phoneErrors).toEqual([]);
      } finally {
        await phone.context.close();
      }

      // Back at the clinic: the patient's page shows adherence, the open pain alert and the diary entry.
      await page.goto(patientPath);
      const home = page.getByTestId('home-programme');
      await home.getByTestId('adherence').waitFor();
      expect(await home.getByTestId('adherence').textContent()).toMatch(/\d+% adherence/);
      expect(await home.getByTestId('adherence').textContent()).toContain('Last diary entry today');
      const alerts = home.getByTestId('pain-alerts');
      expect(await alerts.textContent()).toContain('High pain');
      expect(await alerts.textContent()).toContain('Pain 8/10');
      expect(await alerts.textContent()).toContain('Twinge when I stood up');
      expect(await home.getByTestId('patient-logs').textContent()).toContain('1 exercise done');
      await screenshot(page, 'patient-home-programme');

      // The Today page lists the alert too; marking it as seen on the patient's page clears both.
      await page.goto('/today');
      await page
        .getByRole('link', { name: `Tomasz ${surname}` })
        .first()
        .waitFor();
      await page.goto(patientPath);
      await home.getByRole('button', { name: /^Mark the pain alert of .* as seen$/ }).click();
      await home.getByTestId('pain-alerts').waitFor({ state: 'detached' });
      expect(await home.getByTestId('patient-logs').textContent()).toContain('Pain alert seen');
      const { body: open } = await call<{ items: unknown[] }>(clinician.session, 'GET', `${patientPath}/pain-alerts`);
      expect(open.items).toEqual([]);

      // The session ends elsewhere (signed out on another device): the next action returns to sign-in, then back here.
      const cookie = (await context.cookies()).find((c) => c.name === 'upright_session')!;
      const logout = await fetch(`${apiUrl()}/api/auth/logout`, { method: 'POST', headers: { cookie: `${cookie.name}=${cookie.value}` } });
      expect(logout.status).toBeLessThan(300);
      await page.getByRole('main').getByRole('link', { name: 'Outcomes' }).first().click();
      await page.waitForURL(/\/sign-in\?next=/);
      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === `${patientPath}/outcomes`);

      // And signing out ends the session for good.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in/);
      await page.goto(patientPath);
      await page.waitForURL(/\/sign-in\?next=/);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
