import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { call, newPractice, signInThroughPage } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

interface PatientBody {
  id: string;
  version: number;
  phone: string | null;
  notes: string | null;
  archivedAt: string | null;
}

/** A surname no other test uses, so a search finds exactly this patient. */
function uniqueSurname(): string {
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `Quill${letters}`;
}

describe('patients in the dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('registers, finds, edits (through a version conflict), archives and restores a patient', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const surname = uniqueSurname();
    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, '/patients');

      // Register from the list's "New patient" button.
      await page.getByRole('link', { name: 'New patient' }).click();
      await page.waitForURL(/\/patients\/new$/);
      await page.getByRole('heading', { name: 'New patient' }).waitFor();

      // Missing required fields are named beside their fields, before anything is sent.
      await page.getByRole('button', { name: 'Register patient' }).click();
      await page.getByText('Enter the first name').waitFor();
      expect(await page.getByLabel('First name').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('First name').fill('Ines');
      await page.getByLabel('Last name').fill(surname);
      await page.getByLabel('Date of birth').fill('1984-05-17');
      await page.getByLabel('Sex').selectOption('female');
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel('Phone').fill('+44 7700 900111');
      await page.getByRole('button', { name: 'Register patient' }).click();
      // The API's field error is shown beside the email field.
      await page.locator('#email-error').filter({ hasText: 'Must be an email address' }).waitFor();

      await page.getByLabel('Email').fill(`ines.${surname.toLowerCase()}@example.com`);
      await page.getByRole('button', { name: 'Register patient' }).click();
      await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
      const patientUrl = new URL(page.url()).pathname;
      const patientId = patientUrl.split('/').pop()!;
      await page.getByRole('heading', { name: `Ines ${surname}` }).waitFor();
      expect(await page.getByText('born 17 May 1984 · Female').count()).toBe(1);
      expect(await page.getByRole('link', { name: '+44 7700 900111' }).count()).toBe(1);

      // Found by searching part of the surname.
      await page.goto('/patients');
      await page.getByLabel('Search patients by name').fill(surname.slice(0, 9).toUpperCase());
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="patient-rows"] tr').length === 1);
      expect(await page.getByTestId('patient-rows').textContent()).toContain(`Ines ${surname}`);

      // Edit: a simple correction.
      await page.goto(patientUrl);
      await page.getByRole('link', { name: 'Edit' }).click();
      await page.waitForURL(/\/edit$/);
      await page.getByLabel('Phone').fill('+44 7700 900222');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL((url) => url.pathname === patientUrl);
      await page.getByRole('link', { name: '+44 7700 900222' }).waitFor();

      // A version conflict: someone at the desk saves between our load and our save.
      await page.getByRole('link', { name: 'Edit' }).click();
      await page.waitForURL(/\/edit$/);
      await page.getByLabel('Phone').waitFor();
      const current = await call<PatientBody>(practice.admin.session, 'GET', `/patients/${patientId}`);
      await call(
        practice.admin.session,
        'PATCH',
        `/patients/${patientId}`,
        { notes: 'Prefers mornings (changed at the desk)' },
        { 'if-match': `"${current.body.version}"` },
      );

      await page.getByLabel('Phone').fill('+44 7700 900333');
      await page.getByRole('button', { name: 'Save changes' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this patient while you were editing' });
      await conflict.waitFor();
      // The user's unsaved value stays visible, next to what the other person saved.
      expect(await page.getByLabel('Phone').inputValue()).toBe('+44 7700 900333');
      expect(await conflict.textContent()).toContain('Prefers mornings (changed at the desk)');
      await screenshot(page, 'patient-edit-conflict');

      await page.getByRole('button', { name: 'Reload latest version' }).click();
      await page.getByRole('status').filter({ hasText: 'Loaded the latest saved details' }).waitFor();
      expect(await page.getByLabel('Notes').inputValue()).toBe('Prefers mornings (changed at the desk)');
      expect(await page.getByLabel('Phone').inputValue()).toBe('+44 7700 900222');
      expect(await conflict.count()).toBe(0);

      // Saving again on the latest version works and keeps the other person's change.
      await page.getByLabel('Phone').fill('+44 7700 900333');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL((url) => url.pathname === patientUrl);
      await page.getByRole('link', { name: '+44 7700 900333' }).waitFor();
      expect(await page.getByText('Prefers mornings (changed at the desk)').count()).toBe(1);
      const saved = await call<PatientBody>(practice.admin.session, 'GET', `/patients/${patientId}`);
      expect(saved.body.phone).toBe('+44 7700 900333');
      expect(saved.body.notes).toBe('Prefers mornings (changed at the desk)');

      // Archive, after confirming: gone from the list, kept (and restorable) on its page.
      await page.getByRole('button', { name: 'Archive' }).click();
      const dialog = page.getByRole('dialog', { name: `Archive Ines ${surname}?` });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.getByText('Archived', { exact: true }).count()).toBe(0);

      await page.getByRole('button', { name: 'Archive' }).click();
      await dialog.getByRole('button', { name: 'Archive patient' }).click();
      await page.getByText('Archived', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Restore' }).waitFor();
      // Nothing new can be recorded for an archived patient; the records stay readable.
      expect(await page.getByRole('link', { name: 'Record episode' }).count()).toBe(0);
      expect(await page.getByRole('main').getByRole('link', { name: 'Outcomes' }).count()).toBe(1);
      await page.goto(`${patientUrl}/outcomes`);
      await page.getByTestId('archived-notice').waitFor();
      await page.goto(patientUrl);
      expect((await call<PatientBody>(practice.admin.session, 'GET', `/patients/${patientId}`)).body.archivedAt).not.toBeNull();

      await page.goto(`/patients?q=${surname}`);
      await page.getByText(`No patients match “${surname}”.`).waitFor();
      // "Show archived patients" lists them (and keeps the choice in the address), leading back to the patient.
      await page.getByLabel('Show archived patients').check();
      await page.waitForURL((url) => url.searchParams.get('archived') === '1');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="patient-rows"] tr').length === 1);
      await page
        .getByTestId('patient-rows')
        .getByRole('link', { name: `Ines ${surname}` })
        .click();
      await page.waitForURL((url) => url.pathname === patientUrl);
      await page.getByRole('button', { name: 'Restore' }).click();
      await page
        .getByRole('dialog', { name: `Restore Ines ${surname}?` })
        .getByRole('button', { name: 'Restore patient' })
        .click();
      await page.getByRole('button', { name: 'Archive' }).waitFor();
      await page.getByRole('link', { name: 'Record episode' }).waitFor();
      await page.goto(`/patients?q=${surname}&archived=1`);
      await page.getByText(`No archived patients match “${surname}”.`).waitFor();
      await page.goto(`/patients?q=${surname}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="patient-rows"] tr').length === 1);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows reception the demographics only, never the clinical section', async () => {
    const practice = await newPractice();
    const reception = await practice.addUser('reception', 'Robin Reception');
    const surname = uniqueSurname();
    const created = await call<PatientBody>(practice.admin.session, 'POST', '/patients', {
      firstName: 'Tomas',
      lastName: surname,
      dateOfBirth: '1979-02-03',
      sex: 'male',
      phone: '01632 960123',
    });
    const patientId = created.body.id;
    // The patient has clinical records: reception must still not see them.
    await call(practice.admin.session, 'POST', `/patients/${patientId}/episodes`, {
      onsetDate: new Date().toISOString().slice(0, 10),
      trigger: 'habitual_movement',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painNprs: 5,
      painAreas: ['lower_back'],
      redFlags: [],
    });

    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, reception.email, reception.password, `/patients/${patientId}`);
      await page.getByRole('heading', { name: `Tomas ${surname}` }).waitFor();
      await page.getByRole('heading', { name: 'Details' }).waitFor();
      expect(await page.getByText('01632 960123').count()).toBe(1);
      // Demographic actions are there; nothing clinical is.
      expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Clinical timeline' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Latest episode' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Record episode' }).count()).toBe(0);
      expect(await page.getByRole('main').getByRole('link', { name: 'Outcomes' }).count()).toBe(0);
      expect(await page.getByText('Support deficit').count()).toBe(0);

      // Opening a clinical page by its address explains instead of failing.
      await page.goto(`/patients/${patientId}/episodes/new`);
      await page.getByText('Clinical records are for clinicians').waitFor();
      expect(await page.getByLabel('Onset date').count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
