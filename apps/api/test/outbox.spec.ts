import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { simpleParser } from 'mailparser';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transactions } from '../src/database/transactions.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { appointmentMessageKey, type AppointmentMessageInput } from '../src/outbox/appointment-messages.js';
import { OutboxService } from '../src/outbox/outbox.service.js';
import { OutboxWorker } from '../src/outbox/outbox.worker.js';
import { createPractice, prismaClient, startApp, type TestPractice } from './harness.js';
import { calendarOf, eventOf, recipients, startSmtp, textOf } from './smtp.js';

/* The outbox end to end with real parts: the API's own modules on the test database, a real SMTP server in this
 * process (smtp-server) whose arrivals are parsed with mailparser, and calendar files parsed back with node-ical. */

const FROM = 'Riverside Physio <appointments@riverside.example>';
const patientEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@patients.example`;

function appointment(practice: TestPractice, email: string, overrides: Partial<AppointmentMessageInput> = {}): AppointmentMessageInput {
  return {
    appointmentId: crypto.randomUUID(),
    practiceName: practice.name,
    timeZone: 'Europe/London',
    // Tuesday 11 June 2030, 10:30 to 11:15 in London (BST, UTC+1); far ahead, so the reminder is scheduled, not due.
    start: new Date('2030-06-11T09:30:00Z'),
    end: new Date('2030-06-11T10:15:00Z'),
    clinicianName: 'Jo Hartley',
    patientFirstName: 'Sam',
    patientEmail: email,
    typeName: 'Follow-up',
    organizerEmail: 'appointments@riverside.example',
    ...overrides,
  };
}

describe('outbox over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let transactions: Transactions;
  let outbox: OutboxService;
  let worker: OutboxWorker;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ SMTP_URL: smtp.url, SMTP_FROM: FROM });
    prisma = prismaClient();
    practice = await createPractice(prisma, `Riverside Physio ${randomBytes(2).toString('hex')}`);
    transactions = app.get(Transactions);
    outbox = app.get(OutboxService);
    worker = app.get(OutboxWorker);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await prisma.$disconnect();
  });

  it('a booking sends its confirmation with the local time, its zone and a calendar event; the reminder waits for its day', async () => {
    const email = patientEmail('booked');
    const input = appointment(practice, email);
    await transactions.run((tx) => outbox.appointmentBooked(tx, practice.id, input));
    await worker.drain();

    const [arrival, ...others] = smtp.to(email);
    expect(others).toHaveLength(0);
    const mail = arrival.mail;
    expect(mail.from?.value[0]).toMatchObject({ address: 'appointments@riverside.example', name: 'Riverside Physio' });
    expect(mail.subject).toBe(`Your appointment at ${practice.name}: Tuesday 11 June 2030, 10:30 (BST)`);
    expect(mail.text).toContain('Dear Sam,');
    expect(mail.text).toContain('When: Tuesday 11 June 2030, 10:30 to 11:15 (BST)');
    expect(mail.text).toContain('With: Jo Hartley');
    expect(mail.text).toContain(practice.name);
    expect(mail.messageId).toMatch(/^<outbox-[0-9a-f-]{36}@riverside\.example>$/);

    const { event, method } = eventOf(calendarOf(mail));
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(`appointment-${input.appointmentId}@upright`);
    expect(event.start.toISOString()).toBe('2030-06-11T09:30:00.000Z');
    expect(event.end?.toISOString()).toBe('2030-06-11T10:15:00.000Z');
    expect(textOf(event.summary)).toBe(`Follow-up at ${practice.name}`);
    expect(textOf(event.location)).toBe(practice.name);
    expect(Number(event.sequence)).toBe(0);
    // In UTC, as written on the wire.
    expect(calendarOf(mail)).toMatch(/^DTSTART:20300611T093000Z\r?$/m);

    const rows = await prisma.outboxMessage.findMany({ where: { practiceId: practice.id, key: { startsWith: `appointment:${input.appointmentId}:` } } });
    const booked = rows.find((r) => r.kind === 'appointment_booked');
    const reminder = rows.find((r) => r.kind === 'appointment_reminder');
    expect(booked).toMatchObject({ status: 'sent', attempts: 1, recipient: email });
    expect(booked?.sentAt).toBeInstanceOf(Date);
    expect(reminder).toMatchObject({ status: 'pending', attempts: 0 });
    expect(reminder?.sendAfter.toISOString()).toBe('2030-06-10T09:30:00.000Z');
  });

  it('the reminder goes out when due; a move drops the old reminder and sends the new time with SEQUENCE raised', async () => {
    const email = patientEmail('moved');
    const now = new Date();
    // An appointment in 10 hours, with its reminder 10 hours minus half a second ahead: due half a second from now.
    const input = appointment(practice, email, { start: new Date(now.getTime() + 10 * 3_600_000), end: new Date(now.getTime() + 11 * 3_600_000) });
    await transactions.run((tx) => outbox.appointmentBooked(tx, practice.id, input, now, 10 - 0.5 / 3600));
    await worker.drain();
    expect(smtp.to(email)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await worker.drain();
    expect(
      smtp
        .to(email)
        .map((a) => a.mail.subject)
        .sort(),
    ).toEqual([expect.stringMatching(/^Reminder: your appointment at /), expect.stringMatching(/^Your appointment at /)]);

    // Moved to a day two weeks later: a new reminder is scheduled there, nothing else is due.
    const later = appointment(practice, email, {
      appointmentId: input.appointmentId,
      start: new Date('2030-06-25T13:00:00Z'),
      end: new Date('2030-06-25T13:45:00Z'),
    });
    await transactions.run((tx) => outbox.appointmentMoved(tx, practice.id, { ...later, previousStart: input.start, sequence: 1 }));
    await worker.drain();
    const moved = smtp.to(email).find((a) => a.mail.subject?.includes('has moved'));
    expect(moved?.mail.subject).toBe(`Your appointment at ${practice.name} has moved to Tuesday 25 June 2030, 14:00 (BST)`);
    const { event, method } = eventOf(calendarOf(moved!.mail));
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(`appointment-${input.appointmentId}@upright`);
    expect(Number(event.sequence)).toBe(1);
    expect(event.start.toISOString()).toBe('2030-06-25T13:00:00.000Z');
    expect(smtp.to(email)).toHaveLength(3);
    const reminders = await prisma.outboxMessage.findMany({ where: { practiceId: practice.id, key: appointmentMessageKey(input.appointmentId, 'reminder') } });
    expect(reminders.map((r) => r.status).sort()).toEqual(['pending', 'sent']);
  });

  it('a cancellation drops the pending reminder and sends METHOD:CANCEL for the same event', async () => {
    const email = patientEmail('cancelled');
    const input = appointment(practice, email, { timeZone: 'Europe/London', start: new Date('2030-12-03T10:00:00Z'), end: new Date('2030-12-03T10:30:00Z') });
    await transactions.run((tx) => outbox.appointmentBooked(tx, practice.id, input));
    await transactions.run((tx) => outbox.appointmentCancelled(tx, practice.id, { ...input, sequence: 2 }));
    await worker.drain();
    const subjects = smtp.to(email).map((a) => a.mail.subject);
    // Winter: GMT.
    expect(subjects).toEqual([
      `Your appointment at ${practice.name}: Tuesday 3 December 2030, 10:00 (GMT)`,
      `Your appointment at ${practice.name} on Tuesday 3 December 2030, 10:00 (GMT) is cancelled`,
    ]);
    const cancel = smtp.to(email)[1].mail;
    const ics = calendarOf(cancel);
    expect(ics).toMatch(/^METHOD:CANCEL\r?$/m);
    const { event, method } = eventOf(ics);
    expect(method).toBe('CANCEL');
    expect(event.status).toBe('CANCELLED');
    expect(event.uid).toBe(`appointment-${input.appointmentId}@upright`);
    expect(Number(event.sequence)).toBe(2);
    const reminder = await prisma.outboxMessage.findFirst({ where: { practiceId: practice.id, key: appointmentMessageKey(input.appointmentId, 'reminder') } });
    expect(reminder?.status).toBe('cancelled');
  });

  it('a rolled-back transaction sends nothing and leaves no row', async () => {
    const email = patientEmail('rolled-back');
    const input = appointment(practice, email);
    await expect(
      transactions.run(async (tx) => {
        await outbox.appointmentBooked(tx, practice.id, input);
        throw new Error('the booking failed');
      }),
    ).rejects.toThrow('the booking failed');
    await worker.drain();
    expect(smtp.to(email)).toHaveLength(0);
    expect(await prisma.outboxMessage.count({ where: { practiceId: practice.id, recipient: email } })).toBe(0);
  });

  it('enqueue writes in the caller’s transaction: nothing is visible, or sent, before it commits', async () => {
    const email = patientEmail('uncommitted');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const booking = transactions.run(async (tx) => {
      await outbox.enqueue(tx, { practiceId: practice.id, kind: 'test', key: `test:${email}`, recipient: email, subject: 'Hello', text: 'Hello.' });
      await held;
    });
    // Give the transaction time to write its row, then let the worker look: it must not see it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.drain();
    expect(smtp.to(email)).toHaveLength(0);
    release();
    await booking;
    await worker.drain();
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('the worker starts with the application (OUTBOX_WORKER=on) and sends within its poll interval', async () => {
    const polling = await startApp({ SMTP_URL: smtp.url, SMTP_FROM: FROM, OUTBOX_WORKER: 'on', OUTBOX_POLL_MS: '100' });
    try {
      const email = patientEmail('polled');
      await polling
        .get(Transactions)
        .run((tx) =>
          polling.get(OutboxService).enqueue(tx, { practiceId: practice.id, kind: 'test', key: `test:${email}`, recipient: email, subject: 'Hi', text: 'Hi.' }),
        );
      const deadline = Date.now() + 5000;
      while (smtp.to(email).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(smtp.to(email)).toHaveLength(1);
    } finally {
      await polling.close();
    }
  });
});

describe('outbox with two workers on one database', () => {
  it('50 due messages, two API instances draining at once: each message arrives exactly once', async () => {
    const smtp = await startSmtp();
    const prisma = prismaClient();
    const apps = [await startApp({ SMTP_URL: smtp.url, SMTP_FROM: FROM }), await startApp({ SMTP_URL: smtp.url, SMTP_FROM: FROM })];
    try {
      const practice = await createPractice(prisma);
      const emails = Array.from({ length: 50 }, (_, i) => patientEmail(`bulk-${i}`));
      await apps[0].get(Transactions).run(async (tx) => {
        for (const [i, email] of emails.entries())
          await apps[0]
            .get(OutboxService)
            .enqueue(tx, { practiceId: practice.id, kind: 'test', key: `bulk:${i}`, recipient: email, subject: `Message ${i}`, text: `Message ${i}.` });
      });
      const workers = apps.map((a) => a.get(OutboxWorker));
      // Two rounds at once on each instance too: four claimers racing over the same rows.
      const claimed = await Promise.all([workers[0].drain(), workers[1].drain(), workers[0].drain(), workers[1].drain()]);
      const mine = smtp.arrivals.filter((a) => emails.includes(recipients(a.mail)[0]));
      expect(mine).toHaveLength(50);
      expect(new Set(mine.map((a) => recipients(a.mail)[0])).size).toBe(50);
      expect(new Set(mine.map((a) => a.mail.messageId)).size).toBe(50);
      // Every claim was a message of its own (other files' messages, if any were due, are counted in too), and both
      // instances took part.
      expect(claimed.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(50);
      expect(claimed[0] + claimed[2]).toBeGreaterThan(0);
      expect(claimed[1] + claimed[3]).toBeGreaterThan(0);
      const rows = await prisma.outboxMessage.findMany({ where: { practiceId: practice.id } });
      expect(rows).toHaveLength(50);
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      for (const app of apps) await app.close();
      await smtp.close();
      await prisma.$disconnect();
    }
  });
});

describe('outbox when the SMTP server refuses', () => {
  it('retries with exponential backoff, then marks the message failed with the last error', async () => {
    const smtp = await startSmtp({ reject: true });
    const prisma = prismaClient();
    const app = await startApp({ SMTP_URL: smtp.url, SMTP_FROM: FROM, OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_RETRY_MS: '300' });
    try {
      const practice = await createPractice(prisma);
      const email = patientEmail('refused');
      const id = await app
        .get(Transactions)
        .run((tx) =>
          app.get(OutboxService).enqueue(tx, { practiceId: practice.id, kind: 'test', key: `refused:${email}`, recipient: email, subject: 'Hi', text: 'Hi.' }),
        );
      const row = () => prisma.outboxMessage.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id } } });
      const worker = app.get(OutboxWorker);

      await worker.drain();
      const first = await row();
      expect(first).toMatchObject({ status: 'pending', attempts: 1 });
      expect(first.lastError).toMatch(/451/);
      // Not due again before its backoff: a drain right away does not touch it.
      await worker.drain();
      expect((await row()).attempts).toBe(1);

      const attemptTimes: number[] = [Date.now()];
      while ((await row()).status !== 'failed') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const before = (await row()).attempts;
        await worker.drain();
        if ((await row()).attempts > before) attemptTimes.push(Date.now());
        if (Date.now() - attemptTimes[0] > 10_000) throw new Error('never failed');
      }
      const last = await row();
      expect(last).toMatchObject({ status: 'failed', attempts: 3, sentAt: null, lockedUntil: null });
      expect(last.lastError).toMatch(/451/);
      // The server saw three attempts, the second at least 300 ms after the first and the third at least 600 ms after it.
      expect(smtp.attempts).toHaveLength(3);
      expect(smtp.attempts[1] - smtp.attempts[0]).toBeGreaterThanOrEqual(280);
      expect(smtp.attempts[2] - smtp.attempts[1]).toBeGreaterThanOrEqual(580);
      expect(smtp.arrivals).toHaveLength(0);
      // Failed for good: later rounds leave it alone.
      await new Promise((resolve) => setTimeout(resolve, 700));
      await worker.drain();
      expect(smtp.attempts).toHaveLength(3);
    } finally {
      await app.close();
      await smtp.close();
      await prisma.$disconnect();
    }
  });
});

describe('outbox without SMTP: the file mailbox', () => {
  it('writes each message as a readable .eml file in MAIL_DIR', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upright-mail-'));
    const prisma = prismaClient();
    const app = await startApp({ MAIL_DIR: dir });
    try {
      const practice = await createPractice(prisma, 'Harbour Physio');
      const email = patientEmail('file');
      const input = appointment(practice, email, { timeZone: 'America/New_York' });
      await app.get(Transactions).run((tx) => app.get(OutboxService).appointmentBooked(tx, practice.id, input));
      await app.get(OutboxWorker).drain();
      const files = [];
      for (const name of (await readdir(dir)).filter((n) => n.endsWith('.eml'))) {
        const mail = await simpleParser(await readFile(path.join(dir, name)));
        if (recipients(mail).includes(email)) files.push({ name, mail });
      }
      expect(files).toHaveLength(1);
      const { mail } = files[0];
      expect(mail.subject).toBe('Your appointment at Harbour Physio: Tuesday 11 June 2030, 05:30 (GMT-4)');
      expect(mail.from?.value[0].address).toBe('no-reply@upright.invalid');
      expect(mail.text).toContain('When: Tuesday 11 June 2030, 05:30 to 06:15 (GMT-4)');
      expect(eventOf(calendarOf(mail)).event.uid).toBe(`appointment-${input.appointmentId}@upright`);
    } finally {
      await app.close();
      await prisma.$disconnect();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
