import type { Browser } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';
import { activeSuggestedPlan, call, daysAgo, newPractice, type Session, signInThroughPage } from './api.js';
import { baseUrl, launchBrowser, newPage, screenshot } from './browser.js';

/** The API's answers, from its OpenAPI document. */
type CreatedShareLink = components['schemas']['CreatedShareLinkDto'];
type Patient = components['schemas']['PatientDto'];
type Plan = components['schemas']['PlanDto'];
type AppointmentType = components['schemas']['AppointmentTypeDto'];
type SlotList = components['schemas']['SlotListDto'];

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A patient with an active plan drafted from a habitual-movement episode, shared: the link's path (/p/<token>). */
async function sharedPlan(clinician: Session, patient: { firstName: string; birthYear: number }) {
  const created = await call<Patient>(clinician, 'POST', '/patients', {
    firstName: patient.firstName,
    lastName: 'Portal',
    dateOfBirth: `${patient.birthYear}-06-15`,
    sex: 'female',
  });
  const patientId = created.body.id;
  await call(clinician, 'POST', `/patients/${patientId}/episodes`, {
    onsetDate: daysAgo(3),
    trigger: 'habitual_movement',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painNprs: 5,
    painAreas: ['lower_back'],
    redFlags: [],
  });
  const { planId, suggestion } = await activeSuggestedPlan(clinician, patientId);
  const share = (await call<CreatedShareLink>(clinician, 'POST', `/plans/${planId}/share`, {})).body;
  // The clinician opens the record once more, so the patient's access log has a view of the record itself.
  await call(clinician, 'GET', `/patients/${patientId}`);
  return { patientId, planId, suggestion, linkPath: new URL(share.url).pathname };
}

describe('the patient’s plan page (phone)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('opens the plan from the link with the year of birth, shows today’s phase, and keeps a diary', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Robin Okafor');
    const { planId, suggestion, linkPath } = await sharedPlan(clinician.session, { firstName: 'Imogen', birthYear: 1984 });
    const token = linkPath.split('/').pop()!;
    expect(linkPath).toMatch(/^\/p\/[A-Za-z0-9_-]{20,}$/);

    // The plan starts today (week 0): the current phase is the latest-starting one running in week 0, else the first.
    const running = suggestion.phases.filter((p) => p.startWeek <= 0 && p.endWeek > 0).sort((a, b) => b.startWeek - a.startWeek);
    const currentPhase = running[0] ?? suggestion.phases[0];
    const otherPhase = suggestion.phases.find((p) => p.key !== currentPhase.key);

    const { context, page } = await newPage(browser, PHONE);
    try {
      const landing = await page.goto(linkPath);
      expect(landing?.headers()['referrer-policy']).toBe('no-referrer');
      expect(landing?.headers()['cache-control']).toContain('no-store');
      await page.getByRole('heading', { name: 'Welcome' }).waitFor();
      await page.getByText('To protect your health information, please confirm your year of birth').waitFor();
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
      const yearInput = page.getByLabel('Year of birth');
      expect(await yearInput.getAttribute('inputmode')).toBe('numeric');
      expect(await yearInput.getAttribute('autocomplete')).toBe('off');
      await screenshot(page, 'portal-open');

      // A wrong year: told so, with the tries left, and still on the link's page.
      await yearInput.fill('1985');
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      const wrong = page.getByRole('alert').filter({ hasText: /does not match/i });
      await wrong.waitFor();
      expect(await wrong.textContent()).toMatch(/4 tries left/);
      expect(new URL(page.url()).pathname).toBe(linkPath);

      // The right year: the plan opens at /p/plan, and the token has left the address bar.
      await yearInput.fill('1984');
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      await page.waitForURL((url) => url.pathname === '/p/plan');
      expect(page.url()).not.toContain(token);
      await page.getByRole('heading', { name: 'Hello, Imogen' }).waitFor();
      // No appointment booked: a calm line, no calendar link.
      const noAppointment = page.getByRole('region', { name: 'Your next appointment' });
      expect(await noAppointment.textContent()).toContain('No appointment booked. The practice will arrange your next visit.');
      expect(await noAppointment.getByRole('link', { name: 'Add to calendar' }).count()).toBe(0);

      const current = page.getByTestId('current-phase');
      await current.getByRole('heading', { name: currentPhase.title, exact: true }).waitFor();
      expect(await current.textContent()).toContain('You are here');
      expect(await current.textContent()).toContain(currentPhase.goals[0]);
      const firstExercise = current.getByRole('article').first();
      // Doses in plain words: "3 sets of 10 · hold 10 s · each side · 3 times a week".
      expect(await current.textContent()).toMatch(/\d+ sets? of \d+ · /);
      expect(await firstExercise.textContent()).toMatch(/every day|times a week|once a week|twice a/);
      expect(await firstExercise.textContent()).toContain('Easier version');
      expect(await firstExercise.textContent()).toContain('Harder version');
      const exerciseName = (await firstExercise.getByRole('heading', { level: 4 }).textContent())!.trim();
      if (otherPhase) {
        // Other phases are collapsed until opened.
        expect(await page.locator(`details[data-phase="${otherPhase.key}"]`).getAttribute('open')).toBeNull();
      }

      // Tick an exercise, pain 8, save: a gentle message, and the entry in the diary.
      await firstExercise.getByRole('checkbox', { name: `Done today: ${exerciseName}` }).check();
      await page.getByText('1 exercise ticked as done.').waitFor();
      await page.getByLabel('Pain', { exact: true }).fill('8');
      await page.getByLabel('Difficulty', { exact: true }).fill('4');
      expect(await page.locator('output[for="log-pain"]').textContent()).toBe('8/10');
      await page.getByLabel('Anything to tell your physiotherapist? (optional)').fill('Sore after carrying the shopping');
      await page.getByRole('button', { name: 'Save' }).tap();
      const message = page.getByRole('status').getByTestId('diary-feedback');
      await message.waitFor();
      expect(await message.getAttribute('data-tone')).toBe('caution');
      expect((await message.textContent())!.length).toBeGreaterThan(20);
      expect(await firstExercise.getByRole('checkbox').isChecked()).toBe(false);

      const diary = page.getByRole('region', { name: 'Your diary' });
      const entry = diary.getByRole('listitem').first();
      await entry.filter({ hasText: 'Pain 8/10' }).waitFor();
      expect(await entry.textContent()).toContain('Difficulty 4/10');
      expect(await entry.textContent()).toContain(`Done: ${exerciseName}`);
      expect(await entry.textContent()).toContain('Sore after carrying the shopping');

      // Who has viewed the record: the clinician, by name.
      const access = page.getByRole('region', { name: 'Who has viewed your record' });
      expect(await access.textContent()).toContain('Robin Okafor');
      expect(await access.textContent()).toContain('Clinician');
      await screenshot(page, 'portal-plan');

      // The diary survives a reload (it came from the API, not just the page's memory); nothing changed in the plan.
      await page.reload();
      await diary.getByRole('listitem').filter({ hasText: 'Sore after carrying the shopping' }).waitFor();
      const changes = page.getByRole('region', { name: 'What changed since your last visit' });
      expect(await changes.count()).toBe(0);

      // The clinician adds a set to that exercise: the next visit says what changed.
      const latest = await call<Plan>(clinician.session, 'GET', `/plans/${planId}`);
      const phases = latest.body.current.phases.map((phase) =>
        phase.key === currentPhase.key ? { ...phase, exercises: phase.exercises.map((e, i) => (i === 0 ? { ...e, sets: e.sets + 1 } : e)) } : phase,
      );
      await call(clinician.session, 'PATCH', `/plans/${planId}`, { phases, changeNote: 'One more set' }, { 'If-Match': `"${latest.body.version}"` });
      await page.reload();
      await changes.waitFor();
      expect(await changes.textContent()).toContain('New dose');
      expect(await changes.textContent()).toContain(exerciseName);
      expect(await current.getByRole('article').first().textContent()).toContain(`${currentPhase.exercises[0].sets + 1} sets of`);

      // On paper: no forms or buttons, every phase open.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Save' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      if (otherPhase) {
        expect(await page.locator(`details[data-phase="${otherPhase.key}"] article`).first().isVisible()).toBe(true);
      }
      await page.emulateMedia({ media: 'screen' });

      // The plan page's own headers, fetched with the portal cookie.
      const cookies = await context.cookies();
      const portalCookie = cookies.find((c) => c.name === 'upright_portal');
      expect(portalCookie?.httpOnly).toBe(true);
      expect(portalCookie?.sameSite).toBe('Strict');
      const response = await fetch(`${baseUrl()}/p/plan`, { headers: { cookie: `upright_portal=${portalCookie!.value}` }, redirect: 'manual' });
      expect(response.status).toBe(200);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toMatch(/Hello, (<!-- -->)?Imogen/);

      // Sign out: the session ends, and the plan page sends the patient to the explanation.
      await page.getByRole('button', { name: 'Sign out' }).tap();
      await page.waitForURL((url) => url.pathname === '/p/signed-out');
      await page.goto('/p/plan');
      await page.waitForURL((url) => url.pathname === '/p/expired');
      await page.getByRole('heading', { name: 'Please open your link again' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows the next appointment booked through the staff API, with its calendar file', async () => {
    const practice = await newPractice('Harbour Physio');
    const clinician = await practice.addUser('clinician', 'Dana Mensah');
    const { timeZone } = (await call<{ timeZone: string }>(practice.admin.session, 'GET', '/practice')).body;
    const type = (await call<AppointmentType>(practice.admin.session, 'POST', '/appointment-types', { name: 'Follow-up', durationMinutes: 30 })).body;
    await call(practice.admin.session, 'PUT', `/users/${clinician.id}/working-hours`, {
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
      exceptions: [],
    });
    const { patientId, linkPath } = await sharedPlan(clinician.session, { firstName: 'Nia', birthYear: 1990 });
    const from = daysAgo(-2);
    const slots = (await call<SlotList>(practice.admin.session, 'GET', `/slots?from=${from}&to=${daysAgo(-8)}&clinicianId=${clinician.id}&typeId=${type.id}`))
      .body;
    const slot = slots.items[0];
    await call(practice.admin.session, 'POST', '/appointments', { patientId, clinicianId: clinician.id, typeId: type.id, start: slot.start });

    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(linkPath);
      await page.getByLabel('Year of birth').fill('1990');
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      await page.waitForURL((url) => url.pathname === '/p/plan');
      const card = page.getByRole('region', { name: 'Your next appointment' });
      await card.waitFor();
      const text = (await card.textContent())!;
      const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
        .format(new Date(slot.start))
        .replace(',', '');
      expect(text).toContain(date);
      expect(text).toMatch(/\d{1,2}:\d{2} (am|pm) to \d{1,2}:\d{2} (am|pm) \([^)]+\)/);
      expect(text).toContain('Follow-up');
      expect(text).toContain('Dana Mensah');
      expect(text).toContain('Harbour Physio');
      const link = card.getByRole('link', { name: 'Add to calendar' });
      expect(await link.getAttribute('href')).toBe('/api/portal/appointments/next.ics');
      // The calendar file through the dashboard's /api forwarding, with the portal cookie of this browser.
      const ics = await page.request.get('/api/portal/appointments/next.ics');
      expect(ics.status()).toBe(200);
      expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
      const body = await ics.text();
      expect(body).toContain('BEGIN:VEVENT');
      expect(body).toContain('SUMMARY:Follow-up at Harbour Physio');
      await screenshot(page, 'portal-next-appointment');
    } finally {
      await context.close();
    }
  });

  it('locks the link after five wrong years and says so, even with the right year', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician');
    const { linkPath, planId } = await sharedPlan(clinician.session, { firstName: 'Nadia', birthYear: 1990 });

    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(linkPath);
      const yearInput = page.getByLabel('Year of birth');
      for (let attempt = 1; attempt <= 4; attempt++) {
        await yearInput.fill(String(1960 + attempt));
        await page.getByRole('button', { name: 'Open my plan' }).tap();
        await page
          .getByRole('alert')
          .filter({ hasText: `${5 - attempt} ${5 - attempt === 1 ? 'try' : 'tries'} left` })
          .waitFor();
      }
      await yearInput.fill('1965');
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      await page
        .getByRole('alert')
        .filter({ hasText: /locked/i })
        .waitFor();
      // The form is gone: nothing more to try on this link.
      expect(await page.getByRole('button', { name: 'Open my plan' }).count()).toBe(0);

      // A fresh visit with the right year: locked.
      await page.goto(linkPath);
      await page.getByLabel('Year of birth').fill('1990');
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      await page
        .getByRole('alert')
        .filter({ hasText: 'This link has been locked after too many attempts. Please contact your physiotherapist for a new link.' })
        .waitFor();
    } finally {
      await context.close();
    }

    // The clinician sees the lock on the plan's page and issues a new link, which opens with the right year.
    const desk = await newPage(browser);
    try {
      await signInThroughPage(desk.page, clinician.email, clinician.password, `/plans/${planId}`);
      const links = desk.page.getByTestId('share-links');
      await links.getByText('locked after too many wrong birth years').waitFor();
      expect(await links.textContent()).toContain('Locked');
      await desk.page.getByRole('button', { name: 'Create patient link' }).click();
      const fresh = new URL(await desk.page.getByLabel('Patient link').inputValue());
      expect(fresh.pathname).not.toBe(linkPath);

      const phone = await newPage(browser, PHONE);
      try {
        await phone.page.goto(fresh.pathname);
        await phone.page.getByLabel('Year of birth').fill('1990');
        await phone.page.getByRole('button', { name: 'Open my plan' }).tap();
        await phone.page.getByRole('heading', { name: 'Hello, Nadia' }).waitFor();
      } finally {
        await phone.context.close();
      }
    } finally {
      await desk.context.close();
    }
  });

  it('explains an unknown link, and sends a visitor without a portal session from /p/plan to /p/expired', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(`/p/${'A'.repeat(43)}`);
      await page.getByLabel('Year of birth').fill('1980');
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      await page.getByRole('alert').filter({ hasText: 'We could not find this link' }).waitFor();

      await page.goto('/p/plan');
      await page.waitForURL((url) => url.pathname === '/p/expired');
      await page.getByRole('heading', { name: 'Please open your link again' }).waitFor();
      const expired = await fetch(`${baseUrl()}/p/expired`);
      expect(expired.headers.get('referrer-policy')).toBe('no-referrer');
      expect(expired.headers.get('cache-control')).toBe('no-store');
    } finally {
      await context.close();
    }
  });
});
