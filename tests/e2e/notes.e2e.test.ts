import type { Browser, Page } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';
import { apiUrl, call, daysAgo, newPractice, openDiary, planStartedDaysAgo, type Session, signInThroughPage } from './api.js';
import { axeProblems, layoutProblems } from './audit.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

/** The API's answers, from its OpenAPI document. */
type CreatedShareLink = components['schemas']['CreatedShareLinkDto'];
type Plan = components['schemas']['PlanDto'];
type PlanSuggestion = components['schemas']['PlanSuggestionDto'];
type VisitNote = components['schemas']['VisitNoteDto'];

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * A patient with an active plan that has been running for two weeks (so the diary of the last days counts towards
 * it), shared with them: the ids, the link's path and the codes of the exercises of the plan's first phase.
 */
async function patientWithPlan(clinician: Session, birthYear: number) {
  const { body: patient } = await call<{ id: string }>(clinician, 'POST', '/patients', {
    firstName: 'Imogen',
    lastName: 'Notes',
    dateOfBirth: `${birthYear}-06-15`,
    sex: 'female',
  });
  const { body: episode } = await call<{ id: string }>(clinician, 'POST', `/patients/${patient.id}/episodes`, {
    onsetDate: daysAgo(20),
    trigger: 'habitual_movement',
    episodesLast12Months: 1,
    frequencyTrend: 'stable',
    painNprs: 7,
    painAreas: ['lower_back'],
    redFlags: [],
  });
  const { body: suggestion } = await call<PlanSuggestion>(clinician, 'GET', `/patients/${patient.id}/plan-suggestion`);
  const { body: plan } = await call<Plan>(clinician, 'POST', `/patients/${patient.id}/plans`, {
    title: suggestion.title,
    episodeId: suggestion.episodeId,
    phases: suggestion.phases,
    notes: suggestion.notes,
  });
  await call(clinician, 'POST', `/plans/${plan.id}/activate`, {});
  await planStartedDaysAgo(plan.id, 14);
  const { body: share } = await call<CreatedShareLink>(clinician, 'POST', `/plans/${plan.id}/share`, {});
  const exerciseCodes = suggestion.phases[0].exercises.map((e) => e.exerciseCode);
  return { patientId: patient.id, episodeId: episode.id, linkPath: new URL(share.url).pathname, exerciseCodes };
}

/** Opens the patient's plan through the API (the link's token and year of birth) and logs one diary day with it. */
async function logThroughApi(linkPath: string, birthYear: number, entries: { date: string; pain: number; difficulty: number; done: string[] }[]) {
  const opened = await fetch(`${apiUrl()}/api/portal/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: linkPath.split('/').pop(), birthYear }),
  });
  if (!opened.ok) throw new Error(`portal session: ${opened.status}`);
  const cookie = opened.headers
    .getSetCookie()
    .find((c) => c.startsWith('upright_portal='))!
    .split(';')[0];
  for (const entry of entries) {
    await call({ cookie }, 'POST', '/portal/logs', { date: entry.date, completedExercises: entry.done, pain: entry.pain, difficulty: entry.difficulty });
  }
}

/** What the editor's save state says now. */
const saveStatus = (page: Page) => page.getByTestId('save-status');

describe('visit notes', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('prefills a new note from the diary the patient kept, autosaves and signs it; a signed note is read-only in the page and the API, takes an addendum, and stays out of reception’s reach', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Kofi Mensah');
    const reception = await practice.addUser('reception', 'Rhea Desk');
    const birthYear = 1984;
    const { patientId, episodeId, linkPath, exerciseCodes } = await patientWithPlan(clinician.session, birthYear);

    // The week before last: sore (entries the patient made on earlier days).
    await logThroughApi(linkPath, birthYear, [
      { date: daysAgo(9), pain: 7, difficulty: 6, done: exerciseCodes },
      { date: daysAgo(7), pain: 7, difficulty: 6, done: exerciseCodes },
      { date: daysAgo(5), pain: 6, difficulty: 5, done: exerciseCodes.slice(0, 1) },
    ]);

    // Yesterday and today, on their own plan page: better.
    const phone = await newPage(browser, PHONE);
    try {
      const page = phone.page;
      await page.goto(linkPath);
      await page.getByLabel('Year of birth').fill(String(birthYear));
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      await page.waitForURL((url) => url.pathname === '/p/plan');
      for (const [day, pain] of [
        ['yesterday', 3],
        ['today', 2],
      ] as const) {
        const current = page.getByTestId('current-phase');
        for (const box of await current.getByRole('checkbox').all()) await box.check();
        await page.getByLabel('Which day?').selectOption(day);
        await page.getByLabel('Pain', { exact: true }).fill(String(pain));
        await page.getByLabel('Difficulty', { exact: true }).fill('2');
        await page.getByRole('button', { name: 'Save' }).tap();
        await page
          .getByRole('region', { name: 'Your diary' })
          .getByRole('listitem')
          .filter({ hasText: `Pain ${pain}/10` })
          .first()
          .waitFor();
      }
    } finally {
      await phone.context.close();
    }

    const desk = await newPage(browser);
    const pageErrors = collectPageErrors(desk.page);
    let noteId: string;
    try {
      const page = desk.page;
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${patientId}`);
      const notes = page.getByRole('region', { name: 'Visit notes' });
      await notes.getByText('No visit notes yet').waitFor();

      // New note: Follow-up is the default template, the latest episode the default episode.
      await notes.getByRole('button', { name: 'New note' }).click();
      const create = page.getByRole('dialog', { name: 'New visit note' });
      expect(await create.getByLabel('Template').locator('option:checked').textContent()).toBe('Follow-up');
      expect(await create.getByLabel('Episode treated').locator('option:checked').textContent()).toMatch(/started/);
      await create.getByRole('button', { name: 'Create note' }).click();
      await page.waitForURL(new RegExp(`/patients/${patientId}/notes/[0-9a-f-]{36}$`));
      noteId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { name: 'Visit note: Follow-up', level: 1 }).waitFor();

      // The draft already says how the patient did at home: adherence and the pain trend from their diary.
      const subjective = page.getByLabel('Subjective');
      const prefilled = await subjective.inputValue();
      expect(prefilled).toMatch(/Adherence[^\n]*: \d+ %/);
      expect(prefilled).toContain('Pain: first 7/10 → latest 2/10');
      expect(prefilled).toMatch(/Pain trend: improving/);
      for (const label of ['Objective', 'Assessment', 'Plan']) expect((await page.getByLabel(label, { exact: true }).inputValue()).length).toBeGreaterThan(0);
      expect(await saveStatus(page).textContent()).toMatch(/^Saved \d\d:\d\d$/);

      // Typing: unsaved at once, then saved about a second after typing stops.
      await subjective.focus();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nWalking 30 minutes a day without pain.');
      expect(await saveStatus(page).getAttribute('data-state')).toBe('dirty');
      await page
        .getByTestId('save-status')
        .getByText(/^Saved \d\d:\d\d$/)
        .waitFor();
      const afterTyping = (await call<VisitNote>(clinician.session, 'GET', `/notes/${noteId}`)).body;
      expect(afterTyping.sections.subjective).toContain('Walking 30 minutes a day without pain.');
      expect(afterTyping.status).toBe('draft');

      // Leaving the field saves it without waiting.
      const plan = page.getByLabel('Plan', { exact: true });
      await plan.fill(`${await plan.inputValue()}\nProgress to phase 2 next week.`);
      await page.keyboard.press('Tab');
      expect(await saveStatus(page).getAttribute('data-state')).not.toBe('dirty');
      await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved');

      // Another tab saves first: this one says so and reloads instead of overwriting.
      const current = (await call<VisitNote>(clinician.session, 'GET', `/notes/${noteId}`)).body;
      expect(current.sections.plan).toContain('Progress to phase 2 next week.');
      await call(
        clinician.session,
        'PATCH',
        `/notes/${noteId}`,
        { sections: { assessment: `${current.sections.assessment}\nFrom the other tab.` } },
        { 'If-Match': `"${current.version}"` },
      );
      await page.getByLabel('Objective').fill('Typed in the stale tab.');
      await page.getByRole('alert').getByText('This note was changed in another tab or window').waitFor();
      await page.getByRole('button', { name: 'Reload the note' }).click();
      await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('textarea[name="assessment"]')?.value.includes('From the other tab.'));
      expect(await page.getByLabel('Objective').inputValue()).not.toBe('Typed in the stale tab.');
      await page.locator('form[data-hydrated]').waitFor();

      // The editor at a phone's narrowest (360 px) and by axe-core.
      await page.setViewportSize({ width: 360, height: 780 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await layoutProblems(page)).toEqual([]);
      expect(await axeProblems(page)).toEqual([]);
      await screenshot(page, 'visit-note-editor-360');
      await page.setViewportSize({ width: 1280, height: 800 });

      // Sign, from the keyboard: the dialog says a signed note can't be changed; Escape backs out, Enter signs.
      const signButton = page.getByRole('button', { name: 'Sign note' });
      await signButton.focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', { name: 'Sign this note?' });
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('A signed note can’t be changed');
      expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Escape');
      expect(await confirm.isVisible()).toBe(false);
      await signButton.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await confirm.getByRole('button', { name: 'Sign note' }).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');

      // Signed: read-only, with who and when.
      const signature = page.getByTestId('note-signature');
      await signature.getByText(/^Signed by Kofi Mensah, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d$/).waitFor();
      expect(await page.getByRole('textbox', { name: 'Subjective' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Sign note' }).count()).toBe(0);
      expect(await page.getByTestId('note-sections').textContent()).toContain('Walking 30 minutes a day without pain.');

      // The API refuses an edit of the signed note too.
      const signed = (await call<VisitNote>(clinician.session, 'GET', `/notes/${noteId}`)).body;
      expect(signed).toMatchObject({ status: 'signed', signedBy: clinician.id });
      await expect(
        call(clinician.session, 'PATCH', `/notes/${noteId}`, { sections: { plan: 'Changed afterwards.' } }, { 'If-Match': `"${signed.version}"` }),
      ).rejects.toThrow(/-> 409: .*"code":"note_signed"/);

      // A correction goes in an addendum, under the note, signed with name and time.
      await page.getByLabel('New addendum').fill('Phoned the next day: the pain settled overnight.');
      await page.getByRole('button', { name: 'Add addendum' }).click();
      const addendum = page.getByTestId('addendum').filter({ hasText: 'Phoned the next day: the pain settled overnight.' });
      await addendum.waitFor();
      expect(await addendum.textContent()).toMatch(/Addendum by Kofi Mensah, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d/);
      const withAddendum = (await call<VisitNote>(clinician.session, 'GET', `/notes/${noteId}`)).body;
      expect(withAddendum.addenda.map((a) => a.text)).toEqual(['Phoned the next day: the pain settled overnight.']);
      expect(withAddendum.sections).toEqual(signed.sections);
      expect(await axeProblems(page)).toEqual([]);
      await screenshot(page, 'visit-note-signed');

      // On paper: the practice, the patient with their date of birth, the clinician, the visit date and the
      // signature; no navigation or buttons.
      await page.emulateMedia({ media: 'print' });
      const header = page.getByTestId('print-header');
      expect(await header.isVisible()).toBe(true);
      const printed = (await header.textContent()) ?? '';
      for (const text of ['E2E Physio', 'Imogen Notes, born 15 Jun 1984', 'Kofi Mensah', 'Visit date', 'Signed by Kofi Mensah'])
        expect(printed).toContain(text);
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Add addendum' }).isVisible()).toBe(false);
      expect(await addendum.isVisible()).toBe(true);
      await screenshot(page, 'visit-note-print');
      await page.emulateMedia({ media: 'screen' });

      // Back on the patient's page: the note is listed as signed, and found by a word in it, highlighted.
      await page.goto(`/patients/${patientId}`);
      const item = notes.getByTestId('visit-note').first();
      await item.getByText('Signed', { exact: true }).waitFor();
      expect(await item.textContent()).toContain('1 addendum');
      await notes.getByLabel('Search visit notes').fill('walking');
      await notes
        .locator('mark', { hasText: /^Walking$/i })
        .first()
        .waitFor();
      await screenshot(page, 'visit-notes-search');
      await notes.getByLabel('Search visit notes').fill('settled');
      await notes
        .locator('mark', { hasText: /^settled$/i })
        .first()
        .waitFor();
      await notes.getByLabel('Search visit notes').fill('zebra');
      await notes.getByText('No notes match “zebra”.').waitFor();

      // The episode's print of its notes: the signed note with its addendum.
      await page.goto(`/patients/${patientId}/episodes/${episodeId}`);
      await page.getByRole('link', { name: 'Print notes' }).click();
      await page.waitForURL((url) => url.pathname === `/patients/${patientId}/notes/print` && url.searchParams.get('episodeId') === episodeId);
      await page.getByRole('heading', { name: 'Visit notes: Imogen Notes', level: 1 }).waitFor();
      const printedNote = page.getByTestId('printed-note');
      expect(await printedNote.count()).toBe(1);
      expect(await printedNote.textContent()).toContain('Walking 30 minutes a day without pain.');
      expect(await printedNote.textContent()).toContain('Phoned the next day');
      expect(await axeProblems(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await desk.context.close();
    }

    // Reception: no notes on the patient's page, and the note's address shows no content; the API says 403.
    const front = await newPage(browser);
    try {
      const page = front.page;
      await signInThroughPage(page, reception.email, reception.password, `/patients/${patientId}`);
      await page.getByRole('heading', { name: 'Imogen Notes', level: 1 }).waitFor();
      expect(await page.getByRole('heading', { name: 'Visit notes' }).count()).toBe(0);
      await page.goto(`/patients/${patientId}/notes/${noteId}`);
      await page.getByRole('heading', { name: 'Clinical records are for clinicians', level: 1 }).waitFor();
      expect(await page.getByText('Walking 30 minutes').count()).toBe(0);
      await expect(call(reception.session, 'GET', `/notes/${noteId}`)).rejects.toThrow(/-> 403/);
      await expect(call(reception.session, 'GET', `/patients/${patientId}/notes`)).rejects.toThrow(/-> 403/);
    } finally {
      await front.context.close();
    }
  }, 180_000);

  it('writes the note of an appointment from its page, and opens that same note the second time', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Ines Ortega');
    const { reviewTypeId } = await openDiary(practice.admin.session, [clinician.id]);
    const { body: patient } = await call<{ id: string }>(clinician.session, 'POST', '/patients', {
      firstName: 'Tomas',
      lastName: 'Visit',
      dateOfBirth: '1971-02-03',
      sex: 'male',
    });
    const { body: slots } = await call<{ items: { start: string }[] }>(
      clinician.session,
      'GET',
      `/slots?typeId=${reviewTypeId}&from=${daysAgo(0)}&to=${daysAgo(-6)}&clinicianId=${clinician.id}`,
    );
    const { body: appointment } = await call<{ id: string }>(clinician.session, 'POST', '/appointments', {
      patientId: patient.id,
      clinicianId: clinician.id,
      typeId: reviewTypeId,
      start: slots.items[0].start,
    });
    // Earlier notes, enough for a second page of the list.
    for (let i = 0; i < 10; i++) await call(clinician.session, 'POST', `/patients/${patient.id}/notes`, {});

    const { context, page } = await newPage(browser);
    const pageErrors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/calendar/appointments/${appointment.id}`);
      await page.getByRole('button', { name: 'Write visit note' }).click();
      await page.waitForURL(new RegExp(`/patients/${patient.id}/notes/[0-9a-f-]{36}$`));
      const noteId = new URL(page.url()).pathname.split('/').pop()!;
      const { body: note } = await call<VisitNote>(clinician.session, 'GET', `/notes/${noteId}`);
      expect(note.appointmentId).toBe(appointment.id);

      // Typing and leaving at once by a link: the change is saved on the way out, not lost.
      await page.getByLabel('Subjective').focus();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nSeen for 30 minutes.');
      await page.getByRole('link', { name: 'Tomas Visit' }).first().click();
      await page.waitForURL((url) => url.pathname === `/patients/${patient.id}`);
      expect((await call<VisitNote>(clinician.session, 'GET', `/notes/${noteId}`)).body.sections.subjective).toContain('Seen for 30 minutes.');

      // The visit has its note already: the button opens it (the API's 409 names it) instead of a second one.
      await page.goto(`/calendar/appointments/${appointment.id}`);
      await page.getByRole('button', { name: 'Write visit note' }).click();
      await page.waitForURL((url) => url.pathname === `/patients/${patient.id}/notes/${noteId}`);
      expect(await page.getByLabel('Subjective').inputValue()).toContain('Seen for 30 minutes.');

      // Eleven notes: ten on the patient's page, the eleventh after "Show more".
      await page.goto(`/patients/${patient.id}`);
      const notes = page.getByRole('region', { name: 'Visit notes' });
      const items = notes.getByTestId('visit-note');
      await items.first().waitFor();
      expect(await items.count()).toBe(10);
      await notes.getByRole('button', { name: 'Show more' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="visit-note"]').length === 11);
      expect(await notes.getByRole('button', { name: 'Show more' }).count()).toBe(0);
      expect(pageErrors).toEqual([]);

      // Closing the tab with a change not yet saved: the browser asks first.
      await page.goto(`/patients/${patient.id}/notes/${noteId}`);
      await page.locator('form[data-hydrated]').waitFor();
      await page.getByLabel('Plan', { exact: true }).focus();
      await page.keyboard.type('Unsaved.');
      const asked = page.waitForEvent('dialog');
      await page.close({ runBeforeUnload: true });
      const dialog = await asked;
      expect(dialog.type()).toBe('beforeunload');
      await dialog.accept();
    } finally {
      await context.close();
    }
  });
});
