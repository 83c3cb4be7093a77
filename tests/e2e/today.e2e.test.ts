import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { call, daysAgo, newPractice, recordedDaysAgo, signInThroughPage } from './api.js';
import { launchBrowser, newPage, screenshot } from './browser.js';

interface Created {
  id: string;
}
interface EpisodeCreated extends Created {
  classification: { category: string; urgency: string; reviewInDays: number };
}

describe('the Today page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows a new referral under red flags and a review that has come due, each linking to the patient', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const tag = randomBytes(2).toString('hex');
    const patient = (firstName: string, lastName: string) =>
      call<Created>(clinician.session, 'POST', '/patients', { firstName, lastName: `${lastName}${tag}`, dateOfBirth: '1978-06-15', sex: 'female' }).then(
        (r) => r.body,
      );
    const episode = (patientId: string, overrides: object) =>
      call<EpisodeCreated>(clinician.session, 'POST', `/patients/${patientId}/episodes`, {
        onsetDate: daysAgo(2),
        trigger: 'habitual_movement',
        episodesLast12Months: 0,
        frequencyTrend: 'first_episode',
        painNprs: 6,
        painAreas: ['lower_back'],
        redFlags: [],
        ...overrides,
      }).then((r) => r.body);

    // A red flag: saddle anaesthesia makes the episode an emergency referral.
    const referred = await patient('Rowan', 'Redflag');
    const referral = await episode(referred.id, { redFlags: ['saddle_anaesthesia'], painNprs: 8 });
    expect(referral.classification).toMatchObject({ category: 'referral', urgency: 'emergency' });

    // A support-deficit episode (review in 7 days) recorded 9 days ago: its review is 2 days overdue.
    const due = await patient('Dana', 'Reviewdue');
    const dueEpisode = await episode(due.id, {});
    expect(dueEpisode.classification).toMatchObject({ category: 'support_deficit', reviewInDays: 7 });
    await recordedDaysAgo(dueEpisode.id, 9);

    // The same kind of episode recorded today: not due for a week, so not listed.
    const notYet = await patient('Nell', 'Notyet');
    await episode(notYet.id, {});

    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, '/today');
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

      const redFlags = page.getByRole('region', { name: 'Red flags — referred' });
      const referralLink = redFlags.getByRole('link', { name: new RegExp(`Rowan Redflag${tag}`) });
      await referralLink.waitFor();
      expect(await redFlags.getByRole('listitem').count()).toBe(1);
      const referralText = await referralLink.textContent();
      expect(referralText).toContain('Emergency');
      expect(referralText).toContain('Saddle anaesthesia');
      expect(await redFlags.getByText('1 patient', { exact: true }).count()).toBe(1);

      const reviews = page.getByRole('region', { name: 'Reviews due' });
      const reviewItems = reviews.getByRole('listitem');
      expect(await reviewItems.count()).toBe(1);
      const reviewText = await reviewItems.first().textContent();
      expect(reviewText).toContain(`Dana Reviewdue${tag}`);
      expect(reviewText).toContain('Support deficit');
      expect(reviewText).toContain('Overdue 2 days');
      expect(await reviews.textContent()).not.toContain(`Nell Notyet${tag}`);

      // Nothing from the patient portal yet: empty states, not blank boxes.
      for (const name of ['Pain alerts', 'Low adherence']) {
        const section = page.getByRole('region', { name });
        expect(await section.getByText('Nothing needs attention').count()).toBe(1);
        expect(await section.getByText('0 patients', { exact: true }).count()).toBe(1);
      }
      await screenshot(page, 'today');

      // Each entry opens the patient.
      await referralLink.click();
      await page.waitForURL(new RegExp(`/patients/${referred.id}$`));
      await page.getByRole('heading', { name: `Rowan Redflag${tag}`, level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows reception the reviews to book and today’s appointments, never a clinical list', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    const reception = await practice.addUser('reception');
    const patient = await call<Created>(clinician.session, 'POST', '/patients', {
      firstName: 'Quinn',
      lastName: 'Hidden',
      dateOfBirth: '1980-01-01',
      sex: 'male',
    });
    await call(clinician.session, 'POST', `/patients/${patient.body.id}/episodes`, {
      onsetDate: daysAgo(1),
      trigger: 'no_clear_trigger',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painNprs: 5,
      painAreas: ['lower_back'],
      redFlags: ['fever'],
    });

    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, reception.email, reception.password, '/today');
      await page.getByRole('region', { name: 'Reviews due' }).waitFor();
      await page.getByRole('region', { name: 'Today’s appointments' }).waitFor();
      // Quinn's latest episode is a referral: a clinical matter reception never sees.
      expect(await page.getByText('Quinn Hidden').count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Red flags — referred' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Pain alerts' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Low adherence' }).count()).toBe(0);
      // The menu offers the page to reception too.
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
