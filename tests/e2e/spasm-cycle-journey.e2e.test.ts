import type { Browser, Page } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';
import {
  activeSuggestedPlan,
  call,
  daysAgo,
  followUpDueDaysAgo,
  newPractice,
  planStartedDaysAgo,
  portalSession,
  type Session,
  signInThroughPage,
} from './api.js';
import { axeProblems, layoutProblems } from './audit.js';
import { collectPageErrors, launchBrowser, newPage, screenshot, screenshotOf } from './browser.js';

/**
 * Issue 19's journey, the patient's page and the clinician's side by side: three good weeks of diary make the plan
 * "Ready to progress", the clinician applies it and the patient's page shows the new phase; a painful session turns
 * the advice to "Ease off" on both; a patient whose scores meet the criteria is discharged, the letter prints, the
 * patient's page shows the maintenance programme and, once due, the follow-up question, whose "yes" reaches Today.
 * (The dashboard's own details are in spasm-cycle.e2e.test.ts.)
 */

type Patient = components['schemas']['PatientDto'];
type Plan = components['schemas']['PlanDto'];
type CreatedShareLink = components['schemas']['CreatedShareLinkDto'];
type Progression = components['schemas']['ProgressionDto'];
type DischargeReview = components['schemas']['DischargeReviewDto'];
type Episode = components['schemas']['EpisodeDto'];
type PatientLogCreated = components['schemas']['PatientLogCreatedDto'];
type PracticeOutcomes = components['schemas']['PracticeOutcomesDto'];

/** A phone as narrow as they come. */
const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };
/** Days the plans here have been running: plan week 5 (0-based), day 17 of the suggested strengthening phase (weeks 3-7). */
const PLAN_DAYS = 38;

const episodeBody = (onsetDate: string) => ({
  onsetDate,
  trigger: 'habitual_movement',
  episodesLast12Months: 0,
  frequencyTrend: 'first_episode',
  painNprs: 6,
  painAreas: ['lower_back'],
  redFlags: [],
});

/**
 * A patient whose spasm began 5 days before their plan, on the plan suggested for it (a support deficit: settle,
 * activate, strengthen, maintain), active since PLAN_DAYS ago, with a share link and a portal session.
 */
async function patientOnPlan(clinician: Session, who: { firstName: string; lastName: string; birthYear: number }) {
  const patient = (
    await call<Patient>(clinician, 'POST', '/patients', {
      firstName: who.firstName,
      lastName: who.lastName,
      dateOfBirth: `${who.birthYear}-04-20`,
      sex: 'female',
    })
  ).body;
  const episode = (await call<Episode>(clinician, 'POST', `/patients/${patient.id}/episodes`, episodeBody(daysAgo(PLAN_DAYS + 5)))).body;
  const { planId, suggestion } = await activeSuggestedPlan(clinician, patient.id);
  await planStartedDaysAgo(planId, PLAN_DAYS);
  const share = (await call<CreatedShareLink>(clinician, 'POST', `/plans/${planId}/share`, {})).body;
  const linkPath = new URL(share.url).pathname;
  return {
    patientId: patient.id,
    episodeId: episode.id,
    planId,
    suggestion,
    linkPath,
    birthYear: who.birthYear,
    portal: await portalSession(linkPath, who.birthYear),
  };
}

/**
 * Good weeks, through the patient's own API: a session every day from `from` days ago to 2 days ago at pain 2/10,
 * each answered "settled by the next morning"; yesterday's session (pain 2) is not answered yet, so the page asks.
 */
async function goodWeeks(portal: Session, exerciseCode: string, from = 28): Promise<void> {
  for (let day = from; day >= 1; day--) {
    const { body } = await call<PatientLogCreated>(portal, 'POST', '/portal/logs', {
      date: daysAgo(day),
      completedExercises: [exerciseCode],
      pain: 2,
      difficulty: 2,
    });
    if (day >= 2) await call(portal, 'POST', `/portal/logs/${body.log.id}/settled`, { settledByNextMorning: true });
  }
}

async function openPlanAsPatient(page: Page, linkPath: string, birthYear: number): Promise<void> {
  await page.goto(linkPath);
  await page.getByLabel('Year of birth').fill(String(birthYear));
  await page.getByRole('button', { name: 'Open my plan' }).click();
  await page.waitForURL((url) => url.pathname === '/p/plan');
}

/** Axe (critical and serious) and the layout checks (no sideways scroll, named controls, one h1) on the open page. */
async function auditProblems(page: Page): Promise<string[]> {
  return [...(await layoutProblems(page)), ...(await axeProblems(page))];
}

/** The patient's local "today" as their date fields start (YYYY-MM-DD). */
const browserToday = (page: Page) => page.evaluate(() => new Date().toLocaleDateString('en-CA'));

describe('the spasm cycle, patient and clinician (issue 19)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('three good weeks: ready to progress, applied, the patient sees the new phase; a painful session turns the advice to ease off', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Robin Okafor');
    const nora = await patientOnPlan(clinician.session, { firstName: 'Nora', lastName: 'Quinlan', birthYear: 1979 });

    // Before the diary: no session logged, so the advice is to talk about adherence first.
    const before = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
    expect(before).toMatchObject({ advice: 'review', phase: { key: 'strengthen', isLastPhase: false } });
    const strengthen = nora.suggestion.phases.find((p) => p.key === 'strengthen')!;

    await goodWeeks(nora.portal, strengthen.exercises[0].exerciseCode);
    const ready = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
    expect(ready).toMatchObject({ advice: 'progress', rulesetVersion: '2026.12', adherencePercent: 100, openPainAlert: false });
    expect(ready.proposal).toMatchObject({ kind: 'next_phase', toPhaseKey: 'maintain' });
    const maintain = nora.suggestion.phases.find((p) => p.key === 'maintain')!;

    const staff = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const staffErrors = collectPageErrors(staff.page);
    let patient = await newPage(browser, PHONE);
    const patientErrors = collectPageErrors(patient.page);
    try {
      // The patient: days without a spasm since the plan began, and two questions.
      let phone = patient.page;
      await openPlanAsPatient(phone, nora.linkPath, nora.birthYear);
      expect(await phone.getByTestId('spasm-cycle').textContent()).toContain(`No spasm for ${PLAN_DAYS} days since your plan began`);
      await phone.getByTestId('current-phase').getByRole('heading', { name: strengthen.title, exact: true }).waitFor();
      const settle = phone.getByRole('region', { name: `Had the pain settled by the next morning after your session on` });
      await settle.waitFor();
      const episodeQuestion = phone.getByRole('region', { name: 'Has your spasm settled?' });
      await episodeQuestion.waitFor();
      expect(await phone.getByTestId('ease-off').count()).toBe(0);
      expect(await auditProblems(phone)).toEqual([]);

      // Skip hides the next-morning question for the rest of the session, also after a reload.
      await settle.getByRole('button', { name: 'Skip' }).click();
      await settle.getByRole('status').filter({ hasText: 'Skipped' }).waitFor();
      await phone.reload();
      await episodeQuestion.waitFor();
      expect(await settle.count()).toBe(0);

      // "Has your spasm settled?": the date starts at today; a day before the spasm began is refused beside the field,
      // which gets the focus.
      const settledOn = episodeQuestion.getByLabel('When did it settle?');
      expect(await settledOn.inputValue()).toBe(await browserToday(phone));
      await settledOn.fill(daysAgo(PLAN_DAYS + 10));
      await episodeQuestion.getByRole('button', { name: 'Yes, it has settled' }).click();
      await episodeQuestion.getByText('Choose the day your spasm began').waitFor();
      expect(await phone.evaluate(() => document.activeElement?.id)).toBe('episode-resolved-on');
      await settledOn.fill(daysAgo(20));
      await episodeQuestion.getByRole('button', { name: 'Yes, it has settled' }).click();
      await episodeQuestion.getByRole('status').filter({ hasText: 'settled on' }).waitFor();
      expect(await phone.evaluate(() => document.activeElement?.id)).toBe('episode-outcome');
      const episode = (await call<Episode>(clinician.session, 'GET', `/patients/${nora.patientId}/episodes/${nora.episodeId}`)).body;
      expect(episode).toMatchObject({ resolvedOn: daysAgo(20), resolvedByType: 'patient' });

      // The clinician: ready to progress, applied through the confirm dialog; the page shows the new version.
      const { page } = staff;
      await signInThroughPage(page, clinician.email, clinician.password, `/plans/${nora.planId}`);
      const panel = page.getByTestId('progression');
      await panel.getByText('Ready to progress', { exact: true }).waitFor();
      await panel.getByRole('button', { name: `Apply: move to ${maintain.title}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.getByText('Progression applied as version 2.').waitFor();
      expect(await page.getByTestId('plan-version').textContent()).toBe('Version 2');
      const applied = (await call<Plan>(clinician.session, 'GET', `/plans/${nora.planId}`)).body;
      expect(applied.current.changeNote).toContain('(ruleset 2026.12)');

      // A new session of the patient: the new phase, what changed, and the next-morning question again (yes).
      await patient.context.close();
      patient = await newPage(browser, PHONE);
      patientErrors.push(...collectPageErrors(patient.page));
      phone = patient.page;
      await openPlanAsPatient(phone, nora.linkPath, nora.birthYear);
      const current = phone.getByTestId('current-phase');
      await current.getByRole('heading', { name: maintain.title, exact: true }).waitFor();
      await phone.getByRole('region', { name: 'What changed since your last visit' }).waitFor();
      const settleAgain = phone.getByRole('region', { name: /Had the pain settled by the next morning/ });
      await settleAgain.getByRole('button', { name: 'Yes', exact: true }).click();
      await settleAgain.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
      const answered = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
      expect(answered.logs.find((l) => l.date === daysAgo(1))?.settledByNextMorning).toBe(true);

      // A painful session today (pain 7): the advice turns to ease off, for the clinician and on the patient's page.
      await current.getByRole('article').first().getByRole('checkbox').check();
      await phone.getByLabel('Pain', { exact: true }).fill('7');
      await phone.getByRole('button', { name: 'Save', exact: true }).click();
      await phone.getByRole('status').getByTestId('diary-feedback').waitFor();
      const painful = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
      expect(painful.advice).toBe('regress');
      expect(painful.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['pain_alert_open', 'pain_above_5']));

      await page.reload();
      await panel.getByText('Ease off', { exact: true }).waitFor();
      expect(await panel.getByText('Ready to progress', { exact: true }).count()).toBe(0);

      await phone.reload();
      const easeOff = phone.getByRole('region', { name: 'Ease off for now' });
      await easeOff.waitFor();
      expect(await easeOff.textContent()).toContain(painful.action.patientText);
      expect(await auditProblems(phone)).toEqual([]);
      await screenshot(phone, 'patient-ease-off-360');
      expect([...staffErrors, ...patientErrors]).toEqual([]);
    } finally {
      await staff.context.close();
      await patient.context.close();
    }
  });

  it('discharges a patient who meets the criteria, prints the letter, and the follow-up answer reaches Today', async () => {
    const practice = await newPractice('Harbour Physio');
    const clinician = await practice.addUser('clinician', 'Dana Mensah');
    const iris = await patientOnPlan(clinician.session, { firstName: 'Iris', lastName: 'Fairbairn', birthYear: 1971 });
    // Two earlier spasms, about 14 and 7 months ago, each settled after 10 days: the spasm history has three.
    for (const onset of [420, 215]) {
      const earlier = (await call<Episode>(clinician.session, 'POST', `/patients/${iris.patientId}/episodes`, episodeBody(daysAgo(onset)))).body;
      await call(
        clinician.session,
        'POST',
        `/patients/${iris.patientId}/episodes/${earlier.id}/resolved`,
        { resolvedOn: daysAgo(onset - 10) },
        { 'If-Match': `"${earlier.version}"` },
      );
    }
    // Scores that meet the criteria (ODI 40 % -> 14 %, NPRS 7 -> 2) and an adherent diary.
    for (const [instrument, days, answers] of [
      ['odi', PLAN_DAYS, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]],
      ['nprs', PLAN_DAYS, 7],
      ['odi', 9, [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]],
      ['nprs', 9, 2],
    ] as const) {
      await call(clinician.session, 'POST', `/patients/${iris.patientId}/outcomes`, { instrument, recordedOn: daysAgo(days), answers });
    }
    await goodWeeks(iris.portal, iris.suggestion.phases.find((p) => p.key === 'strengthen')!.exercises[0].exerciseCode);

    const review = (await call<DischargeReview>(clinician.session, 'GET', `/plans/${iris.planId}/discharge-review`)).body;
    expect(review).toMatchObject({ status: 'ready', stored: false, rulesetVersion: '2026.12' });
    expect(review.inputs.outcomes.odi).toMatchObject({ baseline: 40, latest: 14, meaningful: true });
    expect(review.inputs.outcomes.nprs).toMatchObject({ baseline: 7, latest: 2, meaningful: true });

    const staff = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const staffErrors = collectPageErrors(staff.page);
    const { page } = staff;
    try {
      // Discharge, a week ago, with a copy to the family doctor.
      await signInThroughPage(page, clinician.email, clinician.password, `/plans/${iris.planId}`);
      await page.getByTestId('discharge-review').getByText('Ready for discharge', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Discharge', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Discharge the patient' });
      await dialog.getByLabel('Reason').fill('Goals met: back to gardening and work without spasms.');
      await dialog.getByLabel('Completion date').fill(daysAgo(7));
      await dialog.getByLabel('Doctor’s name').fill('Dr Amara Lewis');
      await dialog.getByLabel('Doctor’s address').fill('Quay Street Surgery\n1 Quay Street\nHarbourtown');
      await dialog.getByRole('button', { name: 'Discharge', exact: true }).click();
      await page.getByTestId('discharged').getByText('Discharged on').waitFor();
      const completed = (await call<Plan>(clinician.session, 'GET', `/plans/${iris.planId}`)).body;
      expect(completed).toMatchObject({ status: 'completed', completedOn: daysAgo(7), reachedMeaningfulChange: true });

      // The letter, as printed: everything but the Print button, with the scores before and after.
      await page.getByRole('link', { name: 'Discharge letter' }).click();
      await page.waitForURL((url) => url.pathname === `/plans/${iris.planId}/discharge-letter`);
      const letter = page.getByTestId('discharge-letter');
      await letter.waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await letter.isVisible()).toBe(true);
      const text = (await letter.textContent()) ?? '';
      for (const expected of [
        'Iris Fairbairn',
        'Dana Mensah',
        'Harbour Physio',
        'Goals met: back to gardening',
        'Dr Amara Lewis',
        'Quay Street Surgery',
        '2026.12',
      ])
        expect(text).toContain(expected);
      const odiRow = letter.getByTestId('letter-outcomes').getByRole('row').filter({ hasText: 'ODI' });
      expect((await odiRow.locator('td, th').allTextContents()).slice(0, 3)).toEqual(['Oswestry Disability Index (ODI)', '40', '14']);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await screenshot(page, 'discharge-letter-print');
      await page.emulateMedia({ media: 'screen' });

      // The patient, after discharge: the maintenance programme, and (once due) the 3-month follow-up.
      await followUpDueDaysAgo(iris.planId, 3, 0);
      const patient = await newPage(browser, PHONE);
      const patientErrors = collectPageErrors(patient.page);
      try {
        const phone = patient.page;
        await openPlanAsPatient(phone, iris.linkPath, iris.birthYear);
        const maintenance = phone.getByRole('region', { name: 'Your maintenance programme' });
        await maintenance.waitFor();
        expect(await maintenance.textContent()).toContain('Keep doing your exercises for at least a year');
        expect(await phone.getByRole('region', { name: 'Your exercises' }).count()).toBe(0);
        expect(await phone.getByRole('region', { name: 'Has your spasm settled?' }).count()).toBe(0);
        const followUp = phone.getByRole('region', { name: 'Any back spasm since your discharge?' });
        await followUp.waitFor();
        expect(await auditProblems(phone)).toEqual([]);
        await screenshot(phone, 'patient-follow-up-360');
        await followUp.getByRole('button', { name: 'Yes', exact: true }).click();
        const startedOn = followUp.getByLabel('When did it start?');
        expect(await phone.evaluate(() => document.activeElement?.id)).toBe('follow-up-spasm-on');
        await startedOn.fill(daysAgo(2));
        await followUp.getByRole('button', { name: 'Send' }).click();
        await followUp.getByRole('status').filter({ hasText: 'Thank you for telling us' }).waitFor();
        // The spasm-free run now counts that spasm; the question is not asked again.
        await phone.reload();
        await phone.getByTestId('spasm-cycle').filter({ hasText: '1 new back spasm' }).waitFor();
        expect(await phone.getByRole('region', { name: 'Any back spasm since your discharge?' }).count()).toBe(0);
        expect(patientErrors).toEqual([]);
      } finally {
        await patient.context.close();
      }

      // The clinician's Today: the spasm reported at the follow-up.
      await page.goto('/today');
      const reported = page.getByRole('region', { name: 'Spasm reported at follow-up' });
      await reported.getByRole('link', { name: 'Iris Fairbairn', exact: true }).waitFor();

      // README: the spasm history on the patient's page (episodes of 14 and 7 months ago, the plan's, the follow-up's).
      await page.goto(`/patients/${iris.patientId}`);
      const history = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Spasm history', level: 2 }) });
      await history.getByTestId('spasm-history').waitFor();
      await screenshotOf(history, 'spasm-history');
      expect(staffErrors).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });

  it('shows the practice’s outcomes with rates and intervals once a dozen plans are discharged', async () => {
    const practice = await newPractice('Riverside Physio');
    const clinicians = [await practice.addUser('clinician', 'Dana Mensah'), await practice.addUser('clinician', 'Tomasz Wójcik')];
    // 12 plans begun 400 days ago and discharged 380 days ago (so a year has gone by since each): 9 with ODI 40 -> 14
    // (a change that matters) and 3 with 40 -> 36; 4 patients had a spasm again 200 days ago.
    for (let i = 0; i < 12; i++) {
      const clinician = clinicians[i < 7 ? 0 : 1].session;
      const patient = (
        await call<Patient>(clinician, 'POST', '/patients', { firstName: `Case${i + 1}`, lastName: 'Outcome', dateOfBirth: '1975-01-15', sex: 'male' })
      ).body;
      await call(clinician, 'POST', `/patients/${patient.id}/episodes`, episodeBody(daysAgo(405)));
      const plan = await activeSuggestedPlan(clinician, patient.id);
      await planStartedDaysAgo(plan.planId, 400);
      await call(clinician, 'POST', `/patients/${patient.id}/outcomes`, { instrument: 'odi', recordedOn: daysAgo(400), answers: Array(10).fill(2) });
      const latest = i < 9 ? [1, 1, 1, 1, 1, 1, 1, 0, 0, 0] : [2, 2, 2, 2, 2, 2, 2, 2, 1, 1];
      await call(clinician, 'POST', `/patients/${patient.id}/outcomes`, { instrument: 'odi', recordedOn: daysAgo(381), answers: latest });
      const { body: active } = await call<Plan>(clinician, 'GET', `/plans/${plan.planId}`);
      await call(
        clinician,
        'POST',
        `/plans/${plan.planId}/discharge`,
        { reason: 'Goals met.', completedOn: daysAgo(380) },
        { 'If-Match': `"${active.version}"` },
      );
      if (i % 3 === 0) await call(clinician, 'POST', `/patients/${patient.id}/episodes`, episodeBody(daysAgo(200)));
    }
    const { body: outcomes } = await call<PracticeOutcomes>(clinicians[0].session, 'GET', '/practice/outcomes');
    expect(outcomes.overall).toMatchObject({ cases: 12, meaningfulChange: { n: 12, count: 9, rate: 0.75 }, recurrence: { n: 12, count: 4, rate: 0.333 } });
    expect(outcomes.overall.meaningfulChange.low).toBeLessThan(0.75);
    expect(outcomes.overall.meaningfulChange.high).toBeGreaterThan(0.75);

    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = collectPageErrors(page);
    try {
      await signInThroughPage(page, clinicians[0].email, clinicians[0].password, '/outcomes');
      const overall = page.getByTestId('outcomes-overall');
      await overall.waitFor();
      expect(await overall.textContent()).toContain('75');
      expect(await page.getByTestId('outcomes-by-clinician').textContent()).toContain('Too few cases to say (n = 7; at least 10 needed)');
      await screenshot(page, 'outcomes');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
