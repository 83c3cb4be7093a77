import type { Browser } from 'playwright-core';
import { apiUrl, newPractice, signInThroughPage } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

describe('your account', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('changes the password: mistakes named beside their fields, other devices signed out, the new one works', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Ruth Adeyemi');
    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, '/patients');
      await page.getByTestId('current-user').click();
      await page.waitForURL((url) => url.pathname === '/account');
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      expect(await page.getByText(clinician.email).count()).toBe(1);

      // Checked in the browser first: too short, and the two new passwords differ.
      await page.getByLabel('Current password').fill(clinician.password);
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('New password again').fill('shorter');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.locator('#newPassword-error').filter({ hasText: 'Use at least 8 characters' }).waitFor();
      await page.locator('#confirm-error').filter({ hasText: 'The two new passwords differ' }).waitFor();
      expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      // A wrong current password: the API refuses, and says which field.
      await page.getByLabel('Current password').fill('not-my-password');
      await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
      await page.getByLabel('New password again').fill('a brand new passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.locator('#currentPassword-error').filter({ hasText: 'This is not your current password' }).waitFor();

      await page.getByLabel('Current password').fill(clinician.password);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
      expect(await page.getByLabel('Current password').inputValue()).toBe('');
      await screenshot(page, 'account');

      // The session made before (another device) has ended; this browser is still signed in.
      const elsewhere = await fetch(`${apiUrl()}/api/auth/me`, { headers: { cookie: clinician.session.cookie } });
      expect(elsewhere.status).toBe(401);
      await page.goto('/patients');
      await page.getByRole('heading', { name: 'Patients' }).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in/);
      await signInThroughPage(page, clinician.email, 'a brand new passphrase', '/account');
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('subscribes a clinician’s phone calendar: a link shown once, served through the dashboard without a session, then stopped', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Kofi Boateng');
    const reception = await practice.addUser('reception', 'Rae Front');
    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, '/account');
      const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Subscribe from your phone' }) });
      await card.getByRole('button', { name: 'Create a calendar link' }).click();
      const field = card.getByLabel('Your calendar link (shown only now)');
      await field.waitFor();
      const url = await field.inputValue();
      expect(url).toMatch(/\/api\/calendar-feed\/[A-Za-z0-9_-]{43}$/);
      expect(new URL(url).origin).toBe(new URL(page.url()).origin);
      await card.getByRole('button', { name: 'Copy link' }).waitFor();
      await screenshot(page, 'account-calendar-feed');

      // A calendar app sends no cookie: the link alone answers, through the dashboard's /api forwarding.
      const feed = await fetch(url);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');

      await card.getByRole('button', { name: 'Stop my calendar link' }).click();
      await card.getByRole('status').filter({ hasText: 'Your calendar link is stopped' }).waitFor();
      expect(await card.getByLabel('Your calendar link (shown only now)').count()).toBe(0);
      expect((await fetch(url)).status).toBe(404);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }

    // Reception has no calendar of its own: no such card.
    const desk = await newPage(browser);
    try {
      await signInThroughPage(desk.page, reception.email, reception.password, '/account');
      await desk.page.getByRole('heading', { name: 'Your account' }).waitFor();
      expect(await desk.page.getByRole('heading', { name: 'Subscribe from your phone' }).count()).toBe(0);
    } finally {
      await desk.context.close();
    }
  });
});
