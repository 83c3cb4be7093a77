import type { Browser, Page } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';
import {
  call,
  daysAgo,
  diaryOnPastDays,
  followUpDueDaysAgo,
  newPractice,
  planStartedDaysAgo,
  recordedDaysAgo,
  type PastLog,
  type Session,
  signInThroughPage,
} from './api.js';
import { axeProblems, layoutProblems } from './audit.js';
import { collectPageErrors, launchBrowser, newPage, screenshot, screenshotOf } from './browser.js';

/** The API's answers, from its OpenAPI document. */
type Patient = components['schemas']['PatientDto'];
type Plan = components['schemas']['PlanDto'];
type PlanSuggestion = components['schemas']['PlanSuggestionDto'];
type CreatedShareLink = components['schemas']['CreatedShareLinkDto'];
type Progression = components['schemas']['ProgressionDto'];
type DischargeReview = components['schemas']['DischargeReviewDto'];
type Episode = components['schemas']['EpisodeDto'];

/** A phone as narrow as they come. */
const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };
/** Days the plans of these tests have been running: plan week 5 (0-based), day 17 of the strengthening phase (weeks 3-7). */
const PLAN_DAYS = 38;

/**
 * A patient with a habitual-movement episode (onset before the plan began), an active plan drafted from it,
 * started PLAN_DAYS ago, and a share link.
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
  const episode = (
    await call<Episode>(clinician, 'POST', `/patients/${patient.id}/episodes`, {
      onsetDate: daysAgo(2),
      trigger: 'habitual_movement',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painNprs: 6,
      painAreas: ['lower_back'],
      redFlags: [],
    })
  ).body;
  // The spasm that brought the patient in began a week before the plan.
  await recordedDaysAgo(episode.id, PLAN_DAYS + 5);
  const suggestion = (await call<PlanSuggestion>(clinician, 'GET', `/patients/${patient.id}/plan-suggestion`)).body;
  const plan = (
    await call<Plan>(clinician, 'POST', `/patients/${patient.id}/plans`, {
      title: suggestion.title,
      episodeId: suggestion.episodeId,
      phases: suggestion.phases,
      notes: suggestion.notes,
    })
  ).body;
  await call(clinician, 'POST', `/plans/${plan.id}/activate`, {});
  const share = (await call<CreatedShareLink>(clinician, 'POST', `/plans/${plan.id}/share`, {})).body;
  await planStartedDaysAgo(plan.id, PLAN_DAYS);
  return { patientId: patient.id, episodeId: episode.id, planId: plan.id, suggestion, linkPath: new URL(share.url).pathname, birthYear: who.birthYear };
}

/**
 * Good weeks: a session logged every day from `from` days ago to 2 days ago, pain 2, settled by the next morning;
 * yesterday's session (pain 2) not answered yet, so the next-morning question is asked.
 */
function goodWeeks(exerciseCode: string, from = 28): PastLog[] {
  const logs: PastLog[] = [];
  for (let day = from; day >= 2; day--) logs.push({ daysAgo: day, pain: 2, settled: true, completed: [exerciseCode] });
  logs.push({ daysAgo: 1, pain: 2, settled: null, completed: [exerciseCode] });
  return logs;
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

describe('the spasm cycle (issue 19)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('three good weeks: ready to progress, applied, the patient sees the new phase; a painful log turns the advice to ease off', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Robin Okafor');
    const nora = await patientOnPlan(clinician.session, { firstName: 'Nora', lastName: 'Quinlan', birthYear: 1979 });

    // Before the diary: the advice holds (too few logs), and there is nothing to progress.
    const before = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
    expect(before.advice).toBe('hold');
    const phaseBefore = nora.suggestion.phases.find((p) => p.key === before.phase.key)!;
    expect(before.phase.isLastPhase).toBe(false);

    await diaryOnPastDays(nora.planId, goodWeeks(phaseBefore.exercises[0].exerciseCode));
    const ready = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
    expect(ready).toMatchObject({ advice: 'progress', rulesetVersion: '2026.12', adherencePercent: 100, openPainAlert: false });
    expect(ready.proposal?.kind).toBe('next_phase');
    const nextPhase = nora.suggestion.phases.find((p) => p.key === ready.proposal!.toPhaseKey)!;
    expect(nextPhase).toBeDefined();
    expect(nextPhase.key).not.toBe(phaseBefore.key);

    const staff = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const staffErrors = collectPageErrors(staff.page);
    const patient = await newPage(browser, PHONE);
    const patientErrors = collectPageErrors(patient.page);
    try {
      // The patient first: the spasm-free run since the plan began, the spasm and next-morning questions.
      const { page: phone } = patient;
      await openPlanAsPatient(phone, nora.linkPath, nora.birthYear);
      expect(await phone.getByTestId('spasm-cycle').textContent()).toContain(`No spasm for ${PLAN_DAYS} days since your plan began`);
      await phone.getByTestId('current-phase').getByRole('heading', { name: phaseBefore.title, exact: true }).waitFor();
      const settle = phone.getByRole('region', { name: `Had the pain settled by the next morning after your session on` });
      await settle.waitFor();
      const episodeQuestion = phone.getByRole('region', { name: 'Has your spasm settled?' });
      await episodeQuestion.waitFor();
      expect(await phone.getByTestId('ease-off').count()).toBe(0);
      expect(await auditProblems(phone)).toEqual([]);
      await screenshot(phone, 'patient-check-ins-360');

      // Skip hides the next-morning question for the rest of the session, also after a reload.
      await settle.getByRole('button', { name: 'Skip' }).click();
      await settle.getByRole('status').filter({ hasText: 'Skipped' }).waitFor();
      await phone.reload();
      await phone.getByTestId('spasm-cycle').waitFor();
      await episodeQuestion.waitFor();
      expect(await settle.count()).toBe(0);

      // "Has your spasm settled?": yes, two days ago (the date field starts at today).
      const settledOn = episodeQuestion.getByLabel('When did it settle?');
      expect(await settledOn.inputValue()).toBe(await phone.evaluate(() => new Date().toLocaleDateString('en-CA')));
      await settledOn.fill(daysAgo(2));
      await episodeQuestion.getByRole('button', { name: 'Yes, it has settled' }).click();
      await episodeQuestion.getByRole('status').filter({ hasText: 'settled on' }).waitFor();
      const episode = (await call<Episode>(clinician.session, 'GET', `/patients/${nora.patientId}/episodes/${nora.episodeId}`)).body;
      expect(episode).toMatchObject({ resolvedOn: daysAgo(2), resolvedByType: 'patient' });

      // The clinician: ready to progress, applied through the confirm dialog; the page then shows the new version.
      const { page } = staff;
      await signInThroughPage(page, clinician.email, clinician.password, `/plans/${nora.planId}`);
      const panel = page.getByRole('region', { name: 'Progression' });
      await panel.getByText('Ready to progress').waitFor();
      await panel.getByRole('button', { name: `Apply: move to ${nextPhase.title}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: /^Apply/ }).click();
      await page
        .getByText(/Version 2/)
        .first()
        .waitFor();
      const applied = (await call<Plan>(clinician.session, 'GET', `/plans/${nora.planId}`)).body;
      expect(applied.version).toBeGreaterThan(1);
      expect(applied.current.changeNote).toContain('(ruleset 2026.12)');

      // A new session of the patient (the earlier question is asked again, and answered yes this time); the new phase.
      await patient.context.close();
      const again = await newPage(browser, PHONE);
      Object.assign(patient, again);
      patientErrors.push(...collectPageErrors(again.page));
      await openPlanAsPatient(again.page, nora.linkPath, nora.birthYear);
      const current = again.page.getByTestId('current-phase');
      await current.getByRole('heading', { name: nextPhase.title, exact: true }).waitFor();
      await again.page.getByRole('region', { name: 'What changed since your last visit' }).waitFor();
      const settleAgain = again.page.getByRole('region', { name: /Had the pain settled by the next morning/ });
      await settleAgain.getByRole('button', { name: 'Yes' }).click();
      await settleAgain.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
      const afterAnswer = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
      expect(afterAnswer.logs.find((l) => l.date === daysAgo(1))?.settledByNextMorning).toBe(true);

      // A painful session today (pain 7): the advice turns to ease off, for the clinician and the patient.
      const todayCard = current.getByRole('article').first();
      await todayCard.getByRole('checkbox').check();
      await again.page.getByLabel('Pain', { exact: true }).fill('7');
      await again.page.getByRole('button', { name: 'Save' }).click();
      await again.page.getByRole('status').getByTestId('diary-feedback').waitFor();
      const painful = (await call<Progression>(clinician.session, 'GET', `/plans/${nora.planId}/progression`)).body;
      expect(painful.advice).toBe('regress');
      expect(painful.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['pain_alert_open', 'pain_above_5']));

      await page.reload();
      await panel.getByText('Ease off').first().waitFor();
      expect(await panel.textContent()).not.toContain('Ready to progress');

      await again.page.reload();
      const easeOff = again.page.getByRole('region', { name: 'Ease off for now' });
      await easeOff.waitFor();
      expect(await easeOff.textContent()).toContain(painful.action.patientText);
      expect(await auditProblems(again.page)).toEqual([]);
      await screenshot(again.page, 'patient-ease-off-360');
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
    // Two earlier spasms (about 14 and 7 months ago), both settled, for the spasm history.
    for (const [onset, settled] of [
      [420, 410],
      [215, 205],
    ]) {
      const earlier = (
        await call<Episode>(clinician.session, 'POST', `/patients/${iris.patientId}/episodes`, {
          onsetDate: daysAgo(0),
          trigger: 'habitual_movement',
          episodesLast12Months: 0,
          frequencyTrend: 'first_episode',
          painNprs: 6,
          painAreas: ['lower_back'],
          redFlags: [],
        })
      ).body;
      await recordedDaysAgo(earlier.id, onset);
      const fresh = (await call<Episode>(clinician.session, 'GET', `/patients/${iris.patientId}/episodes/${earlier.id}`)).body;
      await call(
        clinician.session,
        'POST',
        `/patients/${iris.patientId}/episodes/${earlier.id}/resolved`,
        { resolvedOn: daysAgo(settled) },
        {
          'If-Match': `"${fresh.version}"`,
        },
      );
    }
    // Scores that meet the criteria: ODI 40 % -> 14 %, NPRS 7 -> 2; and an adherent diary.
    const score = (instrument: string, days: number, answers: unknown) =>
      call(clinician.session, 'POST', `/patients/${iris.patientId}/outcomes`, { instrument, recordedOn: daysAgo(days), answers });
    await score('odi', PLAN_DAYS, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    await score('nprs', PLAN_DAYS, [7]);
    await score('odi', 9, [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    await score('nprs', 9, [2]);
    await diaryOnPastDays(iris.planId, goodWeeks(iris.suggestion.phases[0].exercises[0].exerciseCode, 27));

    const review = (await call<DischargeReview>(clinician.session, 'GET', `/plans/${iris.planId}/discharge-review`)).body;
    expect(review).toMatchObject({ status: 'ready', stored: false, rulesetVersion: '2026.12' });
    expect(review.inputs.outcomes.odi).toMatchObject({ baseline: 40, latest: 14, meaningful: true });
    expect(review.inputs.outcomes.nprs).toMatchObject({ baseline: 7, latest: 2, meaningful: true });

    const staff = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const staffErrors = collectPageErrors(staff.page);
    const { page } = staff;
    try {
      // The spasm history on the patient's page (for the README).
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${iris.patientId}`);
      const history = page.getByRole('region', { name: 'Spasm history' });
      await history.waitFor();
      await screenshotOf(history, 'spasm-history');

      // Discharge, a week ago, with a copy to the family doctor.
      await page.goto(`/plans/${iris.planId}`);
      const reviewPanel = page.getByRole('region', { name: 'Discharge review' });
      await reviewPanel.getByText(/ready/i).first().waitFor();
      await page.getByRole('button', { name: 'Discharge' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/Reason/).fill('Goals met: back to gardening and work without spasms.');
      await dialog.getByLabel(/date/i).fill(daysAgo(7));
      await dialog.getByLabel(/doctor’s name|doctor's name/i).fill('Dr Amara Lewis');
      await dialog.getByLabel(/address/i).fill('Quay Street Surgery\n1 Quay Street\nHarbourtown');
      await dialog.getByRole('button', { name: /Discharge/ }).click();
      await page.getByText(/Discharged on/).waitFor();
      const completed = (await call<Plan & { completedOn: string; reachedMeaningfulChange: boolean }>(clinician.session, 'GET', `/plans/${iris.planId}`)).body;
      expect(completed).toMatchObject({ status: 'completed', completedOn: daysAgo(7), reachedMeaningfulChange: true });

      // The letter, as printed.
      await page.getByRole('link', { name: 'Discharge letter' }).click();
      await page.waitForURL((url) => url.pathname === `/plans/${iris.planId}/discharge-letter`);
      await page.getByText('Dr Amara Lewis').first().waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      const letter = (await page.locator('main').textContent()) ?? '';
      for (const expected of [
        'Iris Fairbairn',
        'Dana Mensah',
        'Harbour Physio',
        'Goals met: back to gardening',
        'Dr Amara Lewis',
        'Quay Street Surgery',
        '2026.12',
      ])
        expect(letter).toContain(expected);
      expect(letter).toMatch(/40[^0-9]+14/);
      expect(letter).toMatch(/7[^0-9]+2/);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
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
        const followUp = phone.getByRole('region', { name: 'Any back spasm since your discharge?' });
        await followUp.waitFor();
        expect(await auditProblems(phone)).toEqual([]);
        await followUp.getByRole('button', { name: 'Yes' }).click();
        const startedOn = followUp.getByLabel('When did it start?');
        expect(await phone.evaluate(() => document.activeElement?.id)).toBe('follow-up-spasm-on');
        await startedOn.fill(daysAgo(2));
        await followUp.getByRole('button', { name: 'Send' }).click();
        await followUp.getByRole('status').filter({ hasText: 'Thank you for telling us' }).waitFor();
        await screenshot(phone, 'patient-follow-up-360');
        // The cycle now counts that spasm.
        await phone.reload();
        await phone.getByTestId('spasm-cycle').filter({ hasText: '1 new back spasm' }).waitFor();
        expect(await phone.getByRole('region', { name: 'Any back spasm since your discharge?' }).count()).toBe(0);
        expect(patientErrors).toEqual([]);
      } finally {
        await patient.context.close();
      }

      // The clinician's Today: the spasm reported at follow-up.
      await page.goto('/today');
      const reported = page.getByRole('region', { name: 'Spasm reported at follow-up' });
      await reported.getByText('Iris Fairbairn').waitFor();
      expect(await reported.textContent()).toContain('3');

      // The practice's outcomes (for the README).
      await page.goto('/outcomes');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await screenshot(page, 'outcomes');
      expect(staffErrors).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });
});
