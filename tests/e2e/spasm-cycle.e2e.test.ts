import type { Browser, Page } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';
import { apiUrl, call, daysAgo, followUpAnsweredYes, newPractice, planStartedDaysAgo, type Session, signInThroughPage, type TestPractice } from './api.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';

/**
 * The spasm cycle in the dashboard (issue 19): the patient's spasm history with its reasons and "Mark resolved";
 * the plan's progression advice applied as a new version (and refused when the advice changed meanwhile); discharge,
 * then the printable letter with the scores before and after; the practice's outcomes with "too few cases"; and
 * none of it for reception.
 */

type SpasmHistory = components['schemas']['SpasmHistoryDto'];
type PlanSuggestion = components['schemas']['PlanSuggestionDto'];
type CreatedShareLink = components['schemas']['CreatedShareLinkDto'];

/** A date as the dashboard writes it: "5 Mar 2026". */
const shown = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

async function newPatient(session: Session, firstName: string, lastName = 'Okonkwo'): Promise<string> {
  const { body } = await call<{ id: string }>(session, 'POST', '/patients', { firstName, lastName, dateOfBirth: '1981-06-02', sex: 'female' });
  return body.id;
}

async function recordEpisode(session: Session, patientId: string, onsetDate: string): Promise<string> {
  const { body } = await call<{ id: string }>(session, 'POST', `/patients/${patientId}/episodes`, {
    onsetDate,
    trigger: 'habitual_movement',
    episodesLast12Months: 1,
    frequencyTrend: 'stable',
    painNprs: 6,
    painAreas: ['lower_back'],
    redFlags: [],
  });
  return body.id;
}

/** The patient's portal session (their link and year of birth), for logging their diary through the API. */
async function portalSession(linkPath: string, birthYear: number): Promise<Session> {
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
  return { cookie };
}

/**
 * An active plan of two phases, "Activate" (weeks 1-6) and "Strengthen" (weeks 7-10), begun 30 days ago, whose
 * patient logged every other day of the last four weeks at pain 2/10: adherent, enough logs, no pain over 5, 30 days
 * into a phase that is not the last — ready to progress.
 */
async function planReadyToProgress(
  clinician: Session,
  firstName = 'Adaeze',
  lastName?: string,
): Promise<{ patientId: string; planId: string; portal: Session; exerciseCodes: string[] }> {
  const patientId = await newPatient(clinician, firstName, lastName);
  await recordEpisode(clinician, patientId, daysAgo(40));
  const { body: suggestion } = await call<PlanSuggestion>(clinician, 'GET', `/patients/${patientId}/plan-suggestion`);
  const exercises = suggestion.phases[suggestion.phases.length - 1].exercises.map((e) => ({ ...e, timesPerWeek: 3 }));
  const { body: plan } = await call<{ id: string }>(clinician, 'POST', `/patients/${patientId}/plans`, {
    title: 'Back support plan',
    episodeId: suggestion.episodeId,
    phases: [
      { key: 'activate', title: 'Activate', startWeek: 1, endWeek: 6, goals: ['Learn each exercise.'], exercises },
      { key: 'strengthen', title: 'Strengthen', startWeek: 7, endWeek: 10, goals: ['Build strength.'], exercises },
    ],
    notes: [],
  });
  await call(clinician, 'POST', `/plans/${plan.id}/activate`, {});
  await planStartedDaysAgo(plan.id, 30);
  const { body: share } = await call<CreatedShareLink>(clinician, 'POST', `/plans/${plan.id}/share`, {});
  const portal = await portalSession(new URL(share.url).pathname, 1981);
  const exerciseCodes = exercises.map((e) => e.exerciseCode);
  for (let days = 26; days >= 0; days -= 2) {
    await call(portal, 'POST', '/portal/logs', { date: daysAgo(days), completedExercises: exerciseCodes, pain: 2, difficulty: 2 });
  }
  return { patientId, planId: plan.id, portal, exerciseCodes };
}

/** ODI answers (10 sections of 0-5) that score `percent` %. */
function odiAnswers(percent: number): number[] {
  let left = percent / 2;
  return Array.from({ length: 10 }, () => {
    const score = Math.min(5, left);
    left -= score;
    return score;
  });
}

/** An adherent patient (as planReadyToProgress) whose scores meet the discharge criteria: ODI 40 → 14, NPRS 7 → 2. */
async function patientReadyForDischarge(clinician: Session, firstName: string): Promise<{ patientId: string; planId: string }> {
  const { patientId, planId } = await planReadyToProgress(clinician, firstName, 'Lindgren');
  for (const [instrument, days, answers] of [
    ['odi', 56, odiAnswers(40)],
    ['nprs', 56, 7],
    ['odi', 1, odiAnswers(14)],
    ['nprs', 1, 2],
  ] as const) {
    await call(clinician, 'POST', `/patients/${patientId}/outcomes`, { instrument, recordedOn: daysAgo(days), answers });
  }
  return { patientId, planId };
}

async function dischargeThroughApi(clinician: Session, planId: string, completedOn = daysAgo(0)): Promise<void> {
  const { body: plan } = await call<{ version: number }>(clinician, 'GET', `/plans/${planId}`);
  await call(clinician, 'POST', `/plans/${planId}/discharge`, { reason: 'Goals met.', completedOn }, { 'if-match': `"${plan.version}"` });
}

const badge = (page: Page, scope: string, text: string) => page.getByTestId(scope).getByText(text, { exact: true });

describe('the spasm cycle in the dashboard', () => {
  let browser: Browser;
  let practice: TestPractice;
  let clinician: Awaited<ReturnType<TestPractice['addUser']>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    practice = await newPractice();
    clinician = await practice.addUser('clinician', 'Nadia Haddad');
  });
  afterAll(() => browser?.close());

  it('shows the spasm history with its reasons, a flare under its episode, and marks an open episode resolved', async () => {
    const s = clinician.session;
    const patientId = await newPatient(s, 'Bronwen');
    // 500 days ago; 100 days ago, and a flare 10 days later: two distinct episodes, one in each 12 months.
    await recordEpisode(s, patientId, daysAgo(500));
    const second = await recordEpisode(s, patientId, daysAgo(100));
    const flare = await recordEpisode(s, patientId, daysAgo(90));
    const { body: history } = await call<SpasmHistory>(s, 'GET', `/patients/${patientId}/spasm-history`);
    expect(history.distinct.map((d) => d.memberIds)).toEqual([[expect.any(String)], [second, flare]]);
    expect([history.trend, history.recurrenceRisk, history.cycle]).toEqual(['stable', 'raised', 'no_plan']);

    const { context, page } = await newPage(browser, { viewport: { width: 360, height: 800 } });
    const errors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${patientId}`);
      const section = page.getByTestId('spasm-history');
      await section.waitFor();
      await section.getByText('1 vs 1 the 12 before').waitFor();
      expect(await section.getByText('Raised risk', { exact: true }).isVisible()).toBe(true);
      expect(await section.getByText('No plan yet', { exact: true }).isVisible()).toBe(true);
      // Each of the rule's three reasons, in its own words.
      expect(history.reasons).toHaveLength(3);
      for (const reason of history.reasons) expect(await section.getByText(reason.text, { exact: true }).isVisible()).toBe(true);
      // Newest first; the flare is listed under its episode.
      const episodes = page.getByTestId('spasm-episodes').locator(':scope > li');
      expect(await episodes.count()).toBe(2);
      expect(await episodes.first().getByRole('list', { name: 'Flares of this episode' }).innerText()).toContain(`Flare from ${shown(daysAgo(90))}`);
      expect(await episodes.nth(1).getByRole('list', { name: 'Flares of this episode' }).count()).toBe(0);
      await screenshot(page, 'spasm-history');

      // Mark the flare resolved, with the keyboard: the date defaults to today.
      await page.getByRole('button', { name: `Mark resolved the episode of ${shown(daysAgo(90))}` }).click();
      const dialog = page.getByRole('dialog', { name: 'When did the spasm settle?' });
      expect(await dialog.getByLabel('Resolved on').inputValue()).toBe(daysAgo(0));
      // Before the onset: refused beside the field, nothing sent.
      await dialog.getByLabel('Resolved on').fill(daysAgo(95));
      await dialog.getByRole('button', { name: 'Mark resolved' }).click();
      await dialog.getByText(`The spasm started on ${shown(daysAgo(90))}`).waitFor();
      await dialog.getByLabel('Resolved on').fill(daysAgo(80));
      await dialog.getByLabel('Resolved on').press('Enter');
      await section.getByText(`Resolved ${shown(daysAgo(80))}`).waitFor();
      expect(await page.getByRole('button', { name: `Mark resolved the episode of ${shown(daysAgo(90))}` }).count()).toBe(0);
      const { body: episode } = await call<{ resolvedOn: string | null; resolvedByType: string | null }>(s, 'GET', `/patients/${patientId}/episodes/${flare}`);
      expect([episode.resolvedOn, episode.resolvedByType]).toEqual([daysAgo(80), 'user']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('applies "ready to progress": the plan moves to the next phase as a new version', async () => {
    const s = clinician.session;
    const { patientId, planId } = await planReadyToProgress(s);
    const { context, page } = await newPage(browser);
    const errors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/plans/${planId}`);
      await badge(page, 'progression', 'Ready to progress').waitFor();
      expect(await page.getByTestId('plan-version').innerText()).toBe('Version 1');
      expect(await page.getByTestId('progression-proposal').innerText()).toContain('Strengthen');
      await page.getByRole('button', { name: 'Apply: move to Strengthen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Move to Strengthen?' });
      await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.getByText('Progression applied as version 2').waitFor();
      expect(await page.getByTestId('plan-version').innerText()).toBe('Version 2');
      // Day 1 of the new phase: too soon to move again.
      await badge(page, 'progression', 'Hold').waitFor();
      expect(await page.getByTestId('versions').innerText()).toContain('(ruleset 2026.12)');

      const { body: plan } = await call<{ currentVersion: number; current: { startDate: string } }>(s, 'GET', `/plans/${planId}`);
      // Strengthen begins in week 7 (weeks count from 0, as adherence counts them): the new start puts today on its first day.
      expect(plan).toMatchObject({ currentVersion: 2, current: { startDate: daysAgo(49) } });
      const { body: progression } = await call<{ phase: { key: string; daysInPhase: number } }>(s, 'GET', `/plans/${planId}/progression`);
      expect(progression.phase).toMatchObject({ key: 'strengthen', daysInPhase: 0 });
      expect(patientId).toBeTruthy();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('refuses to apply an advice that changed since the page was read, and shows the new one', async () => {
    const s = clinician.session;
    const { planId, portal, exerciseCodes } = await planReadyToProgress(s);
    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/plans/${planId}`);
      await badge(page, 'progression', 'Ready to progress').waitFor();
      // Meanwhile the patient logs a painful session: the advice turns to easing off.
      await call(portal, 'POST', '/portal/logs', { date: daysAgo(0), completedExercises: exerciseCodes, pain: 8, difficulty: 4 });
      await page.getByRole('button', { name: 'Apply: move to Strengthen' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Apply', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'The advice changed since this page was opened' }).waitFor();
      await badge(page, 'progression', 'Ease off').waitFor();
      expect(await page.getByTestId('plan-version').innerText()).toBe('Version 1');
      const { body: plan } = await call<{ currentVersion: number }>(s, 'GET', `/plans/${planId}`);
      expect(plan.currentVersion).toBe(1);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('discharges a patient whose scores meet the criteria, then prints the letter with the scores before and after', async () => {
    const s = clinician.session;
    const { planId } = await patientReadyForDischarge(s, 'Sigrid');
    const { context, page } = await newPage(browser);
    const errors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/plans/${planId}`);
      await badge(page, 'discharge-review', 'Ready for discharge').waitFor();
      expect(await page.getByTestId('maintenance-advice').isVisible()).toBe(true);
      await page.getByTestId('discharge-review').locator('xpath=ancestor::section[1]').getByRole('button', { name: 'Discharge' }).click();
      const dialog = page.getByRole('dialog', { name: 'Discharge the patient' });
      expect(await dialog.getByLabel('Completion date').inputValue()).toBe(daysAgo(0));
      // The reason is required.
      await dialog.getByRole('button', { name: 'Discharge' }).click();
      await dialog.getByText('Say why the patient is discharged.').waitFor();
      await dialog.getByLabel('Reason').fill('Goals met: back to gardening; self-managing with the maintenance programme.');
      await dialog.getByLabel('Doctor’s name').fill('Dr Amara Okafor');
      await dialog.getByLabel('Doctor’s address').fill('Riverside Surgery\n12 High Street');
      await dialog.getByRole('button', { name: 'Discharge' }).click();

      // The completed plan: read-only, when and why, and the letter.
      const notice = page.getByTestId('discharged');
      await notice.waitFor();
      expect(await notice.innerText()).toContain(`Discharged on ${shown(daysAgo(0))}`);
      expect(await notice.innerText()).toContain('back to gardening');
      expect(await page.getByRole('link', { name: 'Edit plan' }).count()).toBe(0);
      expect(await page.getByTestId('progression').count()).toBe(0);
      expect(await page.getByText('as reviewed at discharge').isVisible()).toBe(true);

      await notice.getByRole('link', { name: 'Discharge letter' }).click();
      await page.getByRole('heading', { name: /^Discharge letter: Sigrid Lindgren$/ }).waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      const letter = page.getByTestId('discharge-letter');
      const to = (await letter.getByTestId('letter-to-doctor').innerText())
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      expect(to).toEqual(['To', 'Dr Amara Okafor', 'Riverside Surgery', '12 High Street']);
      const rows = await letter
        .getByTestId('letter-outcomes')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? '').trim()).slice(0, 4)));
      // Before and after, with the change (its sign as the API gives it), for each instrument recorded.
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(
        expect.arrayContaining([
          [expect.stringMatching(/ODI|Oswestry/), '40', '14', expect.stringMatching(/^[-+]?26$/)],
          [expect.stringMatching(/NPRS|[Pp]ain/), '7', '2', expect.stringMatching(/^[-+]?5$/)],
        ]),
      );
      expect(await letter.innerText()).toContain('Ready for discharge');
      await screenshot(page, 'discharge-letter-print');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows the practice’s outcomes with "too few cases" in plain words, to clinicians and administrators', async () => {
    const own = await newPractice();
    const doctor = await own.addUser('clinician', 'Tomas Brandt');
    const { context, page } = await newPage(browser, { viewport: { width: 360, height: 800 } });
    try {
      await signInThroughPage(page, doctor.email, doctor.password, '/outcomes');
      // Nothing discharged yet.
      await page.getByText('No discharged patients yet').waitFor();

      const { planId } = await patientReadyForDischarge(doctor.session, 'Maren');
      await dischargeThroughApi(doctor.session, planId);
      await page.reload();
      const overall = page.getByTestId('outcomes-overall');
      await overall.waitFor();
      expect(await overall.innerText()).toContain('Too few cases to say (n = 1; at least 10 needed)');
      expect(await overall.innerText()).toContain('Too few cases to say (n = 0; at least 10 needed)');
      expect(await page.getByText('1 discharged plan', { exact: false }).first().isVisible()).toBe(true);
      expect(await page.getByTestId('outcomes-by-clinician').innerText()).toContain('Tomas Brandt');
      await screenshot(page, 'practice-outcomes');
    } finally {
      await context.close();
    }
    // The administrator finds it in the navigation too.
    const admin = await newPage(browser);
    try {
      await signInThroughPage(admin.page, own.admin.email, own.admin.password, '/today');
      await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
      await admin.page.getByTestId('outcomes-overall').waitFor();
    } finally {
      await admin.context.close();
    }
  }, 180_000);

  it('shows reception none of it: no spasm history, no outcomes, no letter, no Today cards', async () => {
    const reception = await practice.addUser('reception', 'Rui Desk');
    const patientId = await newPatient(clinician.session, 'Greta');
    await recordEpisode(clinician.session, patientId, daysAgo(20));
    const { planId } = await patientReadyForDischarge(clinician.session, 'Hedda');
    await dischargeThroughApi(clinician.session, planId);
    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, reception.email, reception.password, `/patients/${patientId}`);
      await page.getByRole('heading', { name: 'Details' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Spasm history' }).count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).count()).toBe(0);
      await page.goto('/outcomes');
      await page.getByRole('heading', { name: 'Outcomes are for clinicians' }).waitFor();
      await page.goto(`/plans/${planId}/discharge-letter`);
      await page.getByRole('heading', { name: 'Plans are for clinicians' }).waitFor();
      expect(await page.getByText('Dr ').count()).toBe(0);
      await page.goto('/today');
      await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
      expect(await page.getByTestId('today-progression').count()).toBe(0);
      expect(await page.getByTestId('today-follow-up-spasms').count()).toBe(0);
      // And the API refuses reception every one of these reads.
      for (const path of [`/patients/${patientId}/spasm-history`, '/practice/outcomes', `/plans/${planId}/discharge-letter`]) {
        await expect(call(reception.session, 'GET', path)).rejects.toThrow('-> 403');
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('lists plans with an advice on Today, and opens the plan from there', async () => {
    const own = await newPractice();
    const doctor = await own.addUser('clinician', 'Lena Vogt');
    const { planId } = await planReadyToProgress(doctor.session);
    const { context, page } = await newPage(browser, { viewport: { width: 360, height: 800 } });
    try {
      await signInThroughPage(page, doctor.email, doctor.password, '/today');
      const card = page.getByTestId('today-progression');
      await card.getByText('Ready to progress', { exact: true }).waitFor();
      await card.getByRole('link', { name: /Adaeze Okonkwo/ }).click();
      await page.waitForURL(`**/plans/${planId}`);
      await badge(page, 'progression', 'Ready to progress').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('turns a spasm reported at a follow-up into an episode from Today, with its onset filled in, and marks the follow-up reviewed', async () => {
    const own = await newPractice();
    const doctor = await own.addUser('clinician', 'Ola Nordmann');
    const { patientId, planId } = await patientReadyForDischarge(doctor.session, 'Solveig');
    await dischargeThroughApi(doctor.session, planId, daysAgo(10));
    const followUpId = await followUpAnsweredYes(planId, 3, daysAgo(3));
    const { context, page } = await newPage(browser, { viewport: { width: 360, height: 800 } });
    const errors = collectPageErrors(page);
    try {
      await signInThroughPage(page, doctor.email, doctor.password, '/today');
      const card = page.getByTestId('today-follow-up-spasms');
      expect(await card.innerText()).toContain(`Spasm on ${shown(daysAgo(3))}, reported at the 3-month follow-up`);
      await card.getByRole('link', { name: 'Record episode for Solveig Lindgren' }).click();
      await page.getByRole('heading', { name: 'Record episode' }).waitFor();
      expect(await page.getByLabel('Onset date').inputValue()).toBe(daysAgo(3));
      await page.getByRole('radio', { name: 'Habitual, everyday movement' }).check();
      await page.getByLabel('Previous episodes in the last 12 months').fill('1');
      await page.getByLabel('How often lately?').selectOption('stable');
      await page.getByLabel('Pain now (0-10)').fill('5');
      await page.getByLabel('Lower back').check();
      await page.getByRole('button', { name: 'Save episode' }).click();
      await page.waitForURL(/\/episodes\/[0-9a-f-]{36}\?saved=1$/);
      const episodeId = /episodes\/([0-9a-f-]{36})/.exec(page.url())![1];

      // Reviewed, linked to the new episode: off Today's list, and counted once in the spasm history.
      const { body: today } = await call<{ followUpSpasms: { followUpId: string }[] }>(doctor.session, 'GET', '/today');
      expect(today.followUpSpasms.map((f) => f.followUpId)).not.toContain(followUpId);
      const { body: history } = await call<SpasmHistory>(doctor.session, 'GET', `/patients/${patientId}/spasm-history`);
      expect(history.episodes.filter((e) => e.onsetDate === daysAgo(3)).map((e) => [e.id, e.source])).toEqual([[episodeId, 'episode']]);
      await page.goto('/today');
      await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
      expect(await page.getByTestId('today-follow-up-spasms').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
