import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { call, daysAgo, newPractice, openDiary, recordedDaysAgo, signInThroughPage } from './api.js';
import { launchBrowser, newPage, screenshot } from './browser.js';
import { calendarEvent, openMailbox } from './mailbox.js';

interface Slot {
  clinicianId: string;
  start: string;
}
interface Appointment {
  id: string;
  clinicianId: string;
  typeId: string;
  start: string;
  status: string;
  patient: { id: string; firstName: string; lastName: string };
}

describe('appointments', () => {
  let browser: Browser;
  let mailbox: Awaited<ReturnType<typeof openMailbox>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    mailbox = await openMailbox();
  });
  afterAll(async () => {
    await browser?.close();
    await mailbox?.close();
  });

  it('books a review from Today into the next free slot; the clinician finds it in the day view and marks the patient arrived', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Kofi Mensah');
    const other = await practice.addUser('clinician', 'Ines Ortega');
    const admin = practice.admin;
    const reception = await practice.addUser('reception', 'Rhea Desk');
    const { reviewTypeId } = await openDiary(admin.session, [clinician.id, other.id]);

    const tag = randomBytes(2).toString('hex');
    const lastName = `Reviewdue${tag}`;
    const email = `dana-${tag}@patients.example`;
    const { body: patient } = await call<{ id: string }>(clinician.session, 'POST', '/patients', {
      firstName: 'Dana',
      lastName,
      dateOfBirth: '1978-06-15',
      sex: 'female',
      email,
    });
    const { body: episode } = await call<{ id: string }>(clinician.session, 'POST', `/patients/${patient.id}/episodes`, {
      onsetDate: daysAgo(2),
      trigger: 'habitual_movement',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painNprs: 6,
      painAreas: ['lower_back'],
      redFlags: [],
    });
    await recordedDaysAgo(episode.id, 9);

    // The next free review slot of the clinician who recorded the episode.
    const { body: slots } = await call<{ items: Slot[] }>(
      admin.session,
      'GET',
      `/slots?typeId=${reviewTypeId}&from=${daysAgo(0)}&to=${daysAgo(-6)}&clinicianId=${clinician.id}`,
    );
    const expected = slots.items[0];

    const desk = await newPage(browser);
    let appointmentId: string;
    try {
      const page = desk.page;
      // Reception works the desk: Today's reviews due, without their clinical category.
      await signInThroughPage(page, reception.email, reception.password, '/today');
      const reviews = page.getByRole('region', { name: 'Reviews due' });
      await reviews.getByRole('link', { name: `Book review for Dana ${lastName}` }).click();
      await page.waitForURL(/\/calendar\/book\?/);
      await page.getByRole('heading', { name: 'Book a review', level: 1 }).waitFor();
      expect(await page.getByTestId('picked-patient').textContent()).toBe(`Dana ${lastName}`);
      expect(await page.getByTestId('booking-slot').textContent()).toContain('Kofi Mensah');
      const typeSelect = page.getByLabel('Appointment type');
      expect(await typeSelect.locator('option:checked').textContent()).toContain('Review');
      await page.getByRole('button', { name: 'Book appointment' }).click();
      await page.waitForURL(/\/calendar\/appointments\/[0-9a-f-]+\?booked=1/);
      await page.getByRole('status').getByText('Booked.').waitFor();
      appointmentId = new URL(page.url()).pathname.split('/').pop() as string;

      const { body: booked } = await call<Appointment>(reception.session, 'GET', `/appointments/${appointmentId}`);
      expect(booked).toMatchObject({ clinicianId: clinician.id, typeId: reviewTypeId, status: 'booked', patient: { id: patient.id } });
      expect(new Date(booked.start).getTime()).toBe(new Date(expected.start).getTime());

      // The patient's confirmation arrives at the SMTP server, its calendar event at the booked time.
      const [confirmation] = await mailbox.waitFor(email);
      expect(confirmation.subject).toContain('Your appointment at');
      const { event, method } = calendarEvent(confirmation);
      expect(method).toBe('REQUEST');
      expect(event.start.getTime()).toBe(new Date(expected.start).getTime());
      expect(event.uid).toContain(appointmentId);

      // The same time again, with the patient picked by search: taken, and said so in words.
      const params = new URLSearchParams({ clinician: clinician.id, start: expected.start, type: reviewTypeId });
      await page.goto(`/calendar/book?${params.toString()}`);
      await page.getByLabel('Patient').fill(lastName);
      await page.getByRole('button', { name: `Choose Dana ${lastName}` }).click();
      expect(await page.getByTestId('picked-patient').textContent()).toBe(`Dana ${lastName}`);
      await page.getByRole('button', { name: 'Book appointment' }).click();
      await page.getByRole('alert').getByText('Someone just booked this time. Pick another slot.').waitFor();

      // Back on Today, the review shows as booked instead of offering to book it again.
      await page.goto('/today');
      const row = page
        .getByRole('region', { name: 'Reviews due' })
        .getByRole('listitem')
        .filter({ hasText: `Dana ${lastName}` });
      expect(await row.getByTestId('review-booked').textContent()).toMatch(/^Booked /);
      expect(await row.getByRole('link', { name: /Book review/ }).count()).toBe(0);
    } finally {
      await desk.context.close();
    }

    const day = expected.start.slice(0, 10);
    const room = await newPage(browser);
    try {
      const page = room.page;
      await signInThroughPage(page, clinician.email, clinician.password, `/calendar?view=day&date=${day}&clinician=${clinician.id}`);
      await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
      const block = page.getByTestId('appointment').filter({ hasText: `Dana ${lastName}` });
      expect(await block.textContent()).toContain('Review');
      expect(await block.textContent()).toContain('Booked');
      // By keyboard: the block is a link; Enter opens it.
      await block.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/calendar/appointments/${appointmentId}$`));
      await page.getByRole('button', { name: 'Mark arrived' }).click();
      await page.getByRole('heading', { level: 1 }).getByText('Arrived').waitFor();
      await page.getByRole('button', { name: 'Mark completed' }).waitFor();
      const { body: after } = await call<Appointment>(clinician.session, 'GET', `/appointments/${appointmentId}`);
      expect(after.status).toBe('arrived');

      // The week view, at a laptop's and a phone's size, for the README.
      await page.goto(`/calendar?view=week&date=${day}`);
      await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
      await screenshot(page, 'calendar-week-1280');
    } finally {
      await room.context.close();
    }

    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      await signInThroughPage(phone.page, clinician.email, clinician.password, `/calendar?view=week&date=${day}`);
      await phone.page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
      await screenshot(phone.page, 'calendar-week-390');
    } finally {
      await phone.context.close();
    }
  });
});
