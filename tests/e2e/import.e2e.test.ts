import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { call, newPractice, signInThroughPage } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

interface PatientView {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
}

/** Letters only, so a search for it finds exactly this test's patients. */
const tag = () => [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('');

/** Drops `csv` as a file on the import page's drop zone, as a file dragged from the desktop would be. */
async function dropFile(page: Page, csv: string, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([text, fileName]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], fileName, { type: 'text/csv' }));
      return transfer;
    },
    [csv, name] as const,
  );
  const zone = page.getByTestId('import-drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** No sideways scroll: everything fits the window. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('patient import and the duplicate prompt', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('checks a CSV (errors and duplicates shown), imports the good rows, and adds none the second time, on a phone-sized screen', async () => {
    const practice = await newPractice();
    const surname = `Imported${tag()}`;
    const { body: existing } = await call<PatientView>(practice.admin.session, 'POST', '/patients', {
      firstName: 'Zoë',
      lastName: surname,
      dateOfBirth: '1984-06-15',
      sex: 'female',
      phone: '+44 7700 900123',
    });
    // Line 1 the header (a spreadsheet's own spellings), then: two good rows, an impossible date, the existing patient
    // (by phone, written another way), and line 2 again.
    const csv = [
      'Given name,Surname,DOB,Gender,E-mail,Mobile',
      `Ada,${surname},10/12/1950,F,ada@example.com,07700 900001`,
      `"Ben, Jr.",${surname},1959-03-15,M,,`,
      `Cy,${surname},31/02/1990,M,,`,
      `Zoe,${surname}-Hughes,1990-01-01,F,,07700 900123`,
      `ADA,${surname},10/12/1950,f,,`,
    ].join('\r\n');

    const { context, page } = await newPage(browser, { viewport: { width: 360, height: 740 } });
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, practice.admin.email, practice.admin.password, '/admin/import');
      await page.getByRole('heading', { name: 'Import patients', level: 1 }).waitFor();

      await page.getByLabel('CSV file').setInputFiles({ name: 'old-system-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      expect(await page.getByTestId('import-file-name').textContent()).toContain('old-system-export.csv');
      // By keyboard: the button is a button, Enter runs the check.
      await page.getByRole('button', { name: 'Check file' }).focus();
      await page.keyboard.press('Enter');

      const preview = page.getByRole('heading', { name: '2. Check what will happen' });
      await preview.waitFor();
      expect(await preview.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.getByTestId('count-rows-in-the-file').textContent()).toBe('5');
      expect(await page.getByTestId('count-to-import').textContent()).toBe('2');
      expect(await page.getByTestId('count-already-in-upright').textContent()).toBe('1');
      expect(await page.getByTestId('count-rows-with-problems').textContent()).toBe('2');
      // How the columns were read.
      await page.getByText('Given name → First name').waitFor();
      await page.getByText('Mobile → Phone').waitFor();
      // Each problem by line, the column as the file names it, and what is wrong.
      const problems = await page.getByTestId('import-errors').locator('tr').allTextContents();
      expect(problems).toEqual([
        '4DOBMust be a real date written YYYY-MM-DD or DD/MM/YYYY',
        '6Whole rowIs the same patient as line 2 (same name and date of birth)',
      ]);
      // The duplicate links to the patient already in Upright.
      const duplicate = page.getByRole('link', { name: 'Open the existing patient for line 5' });
      expect(await duplicate.getAttribute('href')).toBe(`/patients/${existing.id}`);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'import-preview-360');

      await page.getByRole('button', { name: 'Import 2 patients' }).click();
      const finished = page.getByRole('heading', { name: 'Import finished' });
      await finished.waitFor();
      await page.getByRole('status').getByText('2 patients added.').waitFor();
      expect(await page.getByTestId('count-imported').textContent()).toBe('2');
      expect(await fitsWidth(page)).toBe(true);

      const { body: found } = await call<{ items: PatientView[] }>(practice.admin.session, 'GET', `/patients?q=${surname}`);
      expect(found.items.map((p) => `${p.firstName} ${p.lastName} ${p.dateOfBirth}`).sort()).toEqual([
        `Ada ${surname} 1950-12-10`,
        `Ben, Jr. ${surname} 1959-03-15`,
        `Zoë ${surname} 1984-06-15`,
      ]);

      // The same file again, dropped on the page this time: nothing left to import.
      await page.getByRole('button', { name: 'Import another file' }).click();
      await dropFile(page, csv, 'old-system-export.csv');
      await page.getByRole('button', { name: 'Check file' }).click();
      await preview.waitFor();
      expect(await page.getByTestId('count-to-import').textContent()).toBe('0');
      expect(await page.getByTestId('count-already-in-upright').textContent()).toBe('4');
      expect(await page.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks before registering a patient who looks like one the practice has', async () => {
    const practice = await newPractice();
    const reception = await practice.addUser('reception', 'Robin Reception');
    const surname = `Lookalike${tag()}`;
    const { body: existing } = await call<PatientView>(practice.admin.session, 'POST', '/patients', {
      firstName: 'Anaïs',
      lastName: surname,
      dateOfBirth: '1975-11-30',
      sex: 'female',
      email: 'anais@example.com',
    });

    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, reception.email, reception.password, '/patients/new');
      await page.getByRole('heading', { name: 'New patient' }).waitFor();
      await page.getByLabel('First name').fill('anais');
      await page.getByLabel('Last name').fill(surname.toUpperCase());
      await page.getByLabel('Date of birth').fill('1975-11-30');
      await page.getByLabel('Sex').selectOption('female');
      await page.getByLabel('Email').fill('ANAIS@example.com');
      await page.getByRole('button', { name: 'Register patient' }).click();

      const prompt = page.getByTestId('duplicate-prompt');
      await prompt.getByRole('heading', { name: 'This looks like a patient you already have' }).waitFor();
      expect(await prompt.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await prompt.textContent()).toContain(`Anaïs ${surname}, born 30 Nov 1975`);
      expect(await prompt.textContent()).toContain('Same name and date of birth, same email');
      expect(await prompt.getByRole('link', { name: `Open the record of Anaïs ${surname}` }).getAttribute('href')).toBe(`/patients/${existing.id}`);
      // Nothing was saved yet.
      const before = await call<{ items: PatientView[] }>(practice.admin.session, 'GET', `/patients?q=${surname}`);
      expect(before.body.items).toHaveLength(1);

      // Someone else after all: save anyway.
      await prompt.getByRole('button', { name: 'Save a new patient anyway' }).click();
      await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
      const createdId = new URL(page.url()).pathname.split('/').pop();
      expect(createdId).not.toBe(existing.id);
      const after = await call<{ items: PatientView[] }>(practice.admin.session, 'GET', `/patients?q=${surname}`);
      expect(after.body.items).toHaveLength(2);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
