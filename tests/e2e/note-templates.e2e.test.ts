import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';
import { call, newPractice, noteStartedHoursAgo, signInThroughPage, type Session } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

type NoteTemplate = components['schemas']['NoteTemplateDto'];
type VisitNote = components['schemas']['VisitNoteDto'];
type Today = components['schemas']['TodayDto'];
type Practice = components['schemas']['PracticeDto'];

const templatesOf = async (session: Session) => (await call<{ items: NoteTemplate[] }>(session, 'GET', '/note-templates')).body.items;

/** The page fits the phone's width: nothing scrolls sideways. */
async function fitsWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('visit-note templates and unsigned notes on Today', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('lets an admin add a template, edit its prompts, survive another admin’s edit, deactivate and reactivate it', async () => {
    const practice = await newPractice();
    const admin = practice.admin.session;
    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, practice.admin.email, practice.admin.password, '/patients');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Note templates' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/note-templates');
      await page.getByRole('heading', { name: 'Note templates', level: 1 }).waitFor();
      // A new practice starts with the three templates every practice gets.
      const active = page.getByText('Active', { exact: true });
      for (const name of ['Initial assessment', 'Follow-up', 'Discharge'])
        await page.getByRole('row').filter({ hasText: name }).filter({ has: active }).waitFor();

      // A template needs a name: refused beside the field before anything is sent.
      await page.getByRole('button', { name: 'Add template' }).click();
      await page.getByText('Enter a name for the template').waitFor();
      expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      const name = `Sports injury review ${randomBytes(2).toString('hex')}`;
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Subjective', { exact: true }).fill('Mechanism of injury:\nReturn-to-sport goal:');
      await page.getByLabel('Objective', { exact: true }).fill('Hop test:');
      await page.getByLabel('Plan', { exact: true }).fill('Next step in loading:');
      await page.getByRole('button', { name: 'Add template' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${name} added.` })
        .waitFor();
      const row = page.getByRole('row').filter({ hasText: name });
      await row.filter({ hasText: 'Subjective, Objective, Plan' }).filter({ has: active }).waitFor();
      // The form is empty again, for the next one.
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
      let added = (await templatesOf(admin)).find((t) => t.name === name);
      expect(added).toMatchObject({
        active: true,
        prompts: { subjective: 'Mechanism of injury:\nReturn-to-sport goal:', objective: 'Hop test:', assessment: '', plan: 'Next step in loading:' },
      });

      // Edit: the form opens below the list with the template's text, and the keyboard is taken there.
      await page.getByRole('button', { name: `Edit ${name}` }).click();
      await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
      expect(await page.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.getByLabel('Subjective', { exact: true }).inputValue()).toBe('Mechanism of injury:\nReturn-to-sport goal:');
      await page.getByLabel('Assessment', { exact: true }).fill('Ready to return to sport?');
      await page.getByRole('button', { name: 'Save template' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${name} saved.` })
        .waitFor();
      await page.getByRole('heading', { name: 'Add a template' }).waitFor();
      await row.filter({ hasText: 'Subjective, Objective, Assessment, Plan' }).waitFor();
      added = (await templatesOf(admin)).find((t) => t.id === added?.id);
      expect(added?.prompts.assessment).toBe('Ready to return to sport?');

      // Another admin renames it while this one edits: the save is refused (412), the form shows their version.
      await page.getByRole('button', { name: `Edit ${name}` }).click();
      await page.getByLabel('Objective', { exact: true }).fill('Hop test (% of the other leg):');
      const renamed = `${name} (sport)`;
      await call(admin, 'PATCH', `/note-templates/${added?.id}`, { name: renamed }, { 'if-match': `"${added?.version}"` });
      await page.getByRole('button', { name: 'Save template' }).click();
      await page.getByRole('alert').filter({ hasText: 'Another admin changed this template while you were editing' }).waitFor();
      await page.getByRole('heading', { name: `Edit ${renamed}` }).waitFor();
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(renamed);
      expect(await page.getByLabel('Objective', { exact: true }).inputValue()).toBe('Hop test:');
      // Made again on their version, the change is saved.
      await page.getByLabel('Objective', { exact: true }).fill('Hop test (% of the other leg):');
      await page.getByRole('button', { name: 'Save template' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${renamed} saved.` })
        .waitFor();
      expect((await templatesOf(admin)).find((t) => t.id === added?.id)).toMatchObject({
        name: renamed,
        prompts: { objective: 'Hop test (% of the other leg):' },
      });

      // Deactivate: still listed, flagged, and offered again with Reactivate.
      await page.getByRole('button', { name: `Deactivate ${renamed}` }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${renamed} is no longer offered for new notes.` })
        .waitFor();
      await page.getByRole('row').filter({ hasText: renamed }).filter({ hasText: 'Inactive' }).waitFor();
      await page.getByRole('button', { name: `Reactivate ${renamed}` }).waitFor();
      expect((await templatesOf(admin)).find((t) => t.id === added?.id)?.active).toBe(false);

      // From the keyboard: Enter on Reactivate offers it again.
      await page.getByRole('button', { name: `Reactivate ${renamed}` }).focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: `${renamed} is offered for new notes again.` })
        .waitFor();
      expect((await templatesOf(admin)).find((t) => t.id === added?.id)?.active).toBe(true);

      // On a phone the list fits without scrolling sideways, even inside its frame.
      await fitsWidth(page, 360);
      const frame = page.getByRole('table').locator('xpath=..');
      expect(await frame.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await screenshot(page, 'note-templates');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists a clinician’s draft older than the practice’s hours under Unsigned notes on their Today, never for reception', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const reception = await practice.addUser('reception', 'Rae Reception');
    const tag = randomBytes(2).toString('hex');
    const patient = async (firstName: string, lastName: string) =>
      (
        await call<{ id: string }>(clinician.session, 'POST', '/patients', {
          firstName,
          lastName: `${lastName}${tag}`,
          dateOfBirth: '1980-03-14',
          sex: 'female',
        })
      ).body;
    const draftFor = async (patientId: string) => (await call<VisitNote>(clinician.session, 'POST', `/patients/${patientId}/notes`, {})).body;

    // Two drafts of the clinician's: one started 30 hours ago, one 6 hours ago.
    const olive = await patient('Olive', 'Olddraft');
    const oldNote = await draftFor(olive.id);
    await noteStartedHoursAgo(oldNote.id, 30);
    const frank = await patient('Frank', 'Freshdraft');
    const freshNote = await draftFor(frank.id);
    await noteStartedHoursAgo(freshNote.id, 6);

    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      // The admin sets the practice's hours to 12, on the practice page.
      await signInThroughPage(page, practice.admin.email, practice.admin.password, '/admin/practice');
      const hours = page.getByLabel('Unsigned notes appear on the author’s Today after (hours)');
      expect(await hours.inputValue()).toBe('24');
      await hours.fill('0');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Enter a whole number of hours from 1 to 720 (30 days)').waitFor();
      await hours.fill('12');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
      expect((await call<Practice>(practice.admin.session, 'GET', '/practice')).body.unsignedNoteHours).toBe(12);
      // The admin writes no notes: no card on their Today.
      await page.goto('/today');
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
      expect(await page.getByRole('region', { name: 'Unsigned notes' }).count()).toBe(0);
      await context.clearCookies();

      // The clinician: the 30-hour-old draft is listed, the 6-hour-old one is not yet.
      await signInThroughPage(page, clinician.email, clinician.password, '/today');
      const card = page.getByRole('region', { name: 'Unsigned notes' });
      const link = card.getByRole('link', { name: new RegExp(`Olive Olddraft${tag}`) });
      await link.waitFor();
      expect(await card.getByRole('listitem').count()).toBe(1);
      expect(await card.getByText('1 note', { exact: true }).count()).toBe(1);
      expect(await link.getAttribute('href')).toBe(`/patients/${olive.id}/notes/${oldNote.id}`);
      const text = await link.textContent();
      expect(text).toMatch(/Unsigned for 30 hours/);
      expect(text).toContain('Visit note of');
      expect(await card.textContent()).not.toContain(`Frank Freshdraft${tag}`);
      await fitsWidth(page, 360);
      await screenshot(page, 'today-unsigned-notes');

      // The card's link is reachable by keyboard.
      await link.focus();
      expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.setViewportSize({ width: 1280, height: 800 });

      // The admin-only page tells the clinician their role may not, and the menu does not offer it.
      await page.goto('/admin/note-templates');
      await page.getByRole('alert').filter({ hasText: 'Only administrators can change the practice’s note templates' }).waitFor();
      expect(await page.getByLabel('Subjective').count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Note templates' }).count()).toBe(0);
      await context.clearCookies();

      // Reception never sees the card, nor the patient's name from it.
      expect((await call<Today>(reception.session, 'GET', '/today')).body.unsignedNotes).toEqual([]);
      await signInThroughPage(page, reception.email, reception.password, '/today');
      await page.getByRole('region', { name: 'Today’s appointments' }).waitFor();
      expect(await page.getByRole('region', { name: 'Unsigned notes' }).count()).toBe(0);
      expect(await page.getByText(`Olive Olddraft${tag}`).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
