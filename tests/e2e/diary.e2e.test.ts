import type { Browser } from 'playwright-core';
import { call, daysAgo, newPractice, signInThroughPage, type Session } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

interface TypeView {
  id: string;
  name: string;
  durationMinutes: number;
  color: string | null;
  active: boolean;
}
interface HoursView {
  weekly: { weekday: number; start: string; end: string }[];
  exceptions: { date: string; start?: string; end?: string }[];
}

const typesOf = async (admin: Session) => (await call<{ items: TypeView[] }>(admin, 'GET', '/appointment-types')).body.items;

describe('diary settings: appointment types and working hours', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('lets an admin add a type and set a clinician’s weekly hours with a day off', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, practice.admin.email, practice.admin.password, '/admin/diary');
      await page.getByRole('heading', { name: 'Diary settings', level: 1 }).waitFor();
      await page.getByText('No appointment types yet').waitFor();

      // A type: too short is refused beside its field, then it is added to the table.
      await page.getByLabel('Name', { exact: true }).fill('Sports massage');
      await page.getByLabel('Length (minutes)').fill('2');
      await page.getByRole('button', { name: 'Add type' }).click();
      await page.getByText('Enter a whole number of minutes from 5 to 240').waitFor();
      await page.getByLabel('Length (minutes)').fill('40');
      await page.getByLabel('Colour').fill('#b45309');
      await page.getByRole('button', { name: 'Add type' }).click();
      await page.getByRole('status').filter({ hasText: 'Sports massage added.' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'Sports massage' }).filter({ hasText: '40 min' }).waitFor();
      const types = await typesOf(practice.admin.session);
      expect(types).toEqual([expect.objectContaining({ name: 'Sports massage', durationMinutes: 40, color: '#b45309', active: true })]);

      // Deactivate, then reactivate.
      await page.getByRole('button', { name: 'Deactivate Sports massage' }).click();
      await page.getByRole('status').filter({ hasText: 'Sports massage can no longer be booked.' }).waitFor();
      expect((await typesOf(practice.admin.session))[0].active).toBe(false);
      await page.getByRole('button', { name: 'Reactivate Sports massage' }).click();
      await page.getByRole('status').filter({ hasText: 'Sports massage can be booked again.' }).waitFor();
      expect((await typesOf(practice.admin.session))[0].active).toBe(true);

      // Working hours: Monday to Friday 09:00-17:00, with one day off.
      await page.getByLabel('Clinician').selectOption({ label: 'Casey Clinician' });
      await page.getByLabel('Works on Monday').waitFor();
      for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
        await page.getByLabel(`Works on ${day}`).check();
        await page.getByLabel(`${day} start`).fill('09:00');
        await page.getByLabel(`${day} end`).fill('17:00');
      }
      for (const day of ['Saturday', 'Sunday']) expect(await page.getByLabel(`Works on ${day}`).isChecked()).toBe(false);

      // An end before its start is refused by the API and shown on Monday's row.
      await page.getByLabel('Monday end').fill('08:00');
      await page.getByRole('button', { name: 'Save working hours' }).click();
      await page.locator('#day0-end[aria-invalid="true"]').waitFor();
      await page.getByLabel('Monday end').fill('17:00');

      const dayOff = daysAgo(-10);
      await page.getByRole('button', { name: 'Add a date' }).click();
      await page.getByLabel('Date', { exact: true }).fill(dayOff);
      expect(await page.getByLabel('That day').inputValue()).toBe('off');
      await page.getByRole('button', { name: 'Save working hours' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, 'diary-settings');

      const hours = (await call<HoursView>(practice.admin.session, 'GET', `/users/${clinician.id}/working-hours`)).body;
      expect([...hours.weekly].sort((a, b) => a.weekday - b.weekday)).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })));
      expect(hours.exceptions).toEqual([{ date: dayOff }]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells a clinician who opens the diary settings that their role may not', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, '/admin/diary');
      expect(new URL(page.url()).pathname).toBe('/admin/diary');
      await page.getByRole('alert').filter({ hasText: 'Only administrators can change the diary’s settings' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Not allowed for your role' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Appointment types' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Diary settings' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
