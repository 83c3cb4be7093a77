import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, randomBytes } from 'node:crypto';
import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { initials } from '../src/calendar-feed/calendar-feed.service.js';
import { appointmentUid } from '../src/outbox/appointment-calendar.js';
import { insertAppointment, insertAppointmentType } from './factories/appointments.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';
import { textOf } from './smtp.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const requestId = () => `feed-${randomBytes(6).toString('hex')}`;
const TOKEN_URL = /^https:\/\/clinic\.example\.com\/api\/calendar-feed\/([A-Za-z0-9_-]{43})$/;

describe('clinician calendar feed', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;
  let admin: string;
  let reception: string;

  beforeAll(async () => {
    app = await startApp({ WEB_ORIGIN: 'https://clinic.example.com' });
    prisma = prismaClient();
    practice = await createPractice(prisma, 'Riverside Physio');
    clinician = await signIn(app, practice.users.clinician.email);
    admin = await signIn(app, practice.users.admin.email);
    reception = await signIn(app, practice.users.reception.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const pathOf = (url: string) => `/api/calendar-feed/${TOKEN_URL.exec(url)![1]}`;

  it('reduces names to initials', () => {
    expect(initials('Robin', 'Calendar')).toBe('R. C.');
    expect(initials('zoë', ' ångström ')).toBe('Z. Å.');
    expect(initials('Mary-Jane', '')).toBe('M.');
  });

  it('serves the clinician’s appointments (last 30, next 90 days, not cancelled) with initials only, audited as their read', async () => {
    const typeId = await insertAppointmentType(prisma, practice, 'Initial assessment', 45);
    const robin = await createPatient(prisma, practice, { firstName: 'Robin', lastName: 'Calendar' });
    const zoe = await createPatient(prisma, practice, { firstName: 'Zoë', lastName: 'Quist' });
    const soon = await insertAppointment(prisma, practice, { patientId: robin.id, typeId, hoursFromNow: 5, note: 'Secret clinical note', version: 2 });
    const past = await insertAppointment(prisma, practice, { patientId: zoe.id, typeId, hoursFromNow: -24 * 10, status: 'completed' });
    await insertAppointment(prisma, practice, { patientId: zoe.id, typeId, hoursFromNow: 8, status: 'cancelled' });
    await insertAppointment(prisma, practice, { patientId: zoe.id, typeId, hoursFromNow: -24 * 40 }); // too old
    await insertAppointment(prisma, practice, { patientId: zoe.id, typeId, hoursFromNow: 24 * 100 }); // too far ahead
    await insertAppointment(prisma, practice, { patientId: zoe.id, typeId, hoursFromNow: 6, clinicianId: practice.users.admin.id }); // another clinician

    const rid = requestId();
    const created = await http().post('/api/users/me/calendar-feed').set('cookie', clinician).set('x-request-id', rid).expect(201);
    expect(created.body).toEqual({ url: expect.stringMatching(TOKEN_URL) });
    const token = TOKEN_URL.exec(created.body.url)![1];
    // Only the token's hash is stored, never the token.
    const stored = await prisma.calendarFeed.findMany({ where: { userId: practice.users.clinician.id } });
    expect(stored).toEqual([expect.objectContaining({ tokenHash: sha256(token), revokedAt: null, practiceId: practice.id })]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
      expect.objectContaining({ action: 'create', resourceType: 'calendar_feed', resourceId: stored[0].id, actorId: practice.users.clinician.id }),
    ]);

    const readId = requestId();
    const feed = await http().get(pathOf(created.body.url)).set('x-request-id', readId).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.headers['cache-control']).toBe('no-store');
    const events = Object.values(ical.sync.parseICS(feed.text))
      .filter((c): c is VEvent => c?.type === 'VEVENT')
      .sort((a, b) => +new Date(a.start) - +new Date(b.start));
    expect(events.map((e) => [e.uid, textOf(e.summary), new Date(e.start).toISOString()])).toEqual([
      [appointmentUid(past.id), 'Initial assessment: Z. Q.', past.startAt.toISOString()],
      [appointmentUid(soon.id), 'Initial assessment: R. C.', soon.startAt.toISOString()],
    ]);
    expect(Number(events[1].sequence)).toBe(1);
    expect(textOf(events[1].location)).toBe('Riverside Physio');
    for (const secret of ['Robin', 'Calendar', 'Zoë', 'Quist', 'Secret clinical note']) expect(feed.text).not.toContain(secret);
    const audit = await prisma.auditEvent.findMany({ where: { requestId: readId } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'read',
        resourceType: 'calendar_feed',
        resourceId: stored[0].id,
        actorType: 'user',
        actorId: practice.users.clinician.id,
        role: 'clinician',
      }),
    ]);
    expect([...audit[0].patientIds].sort()).toEqual([robin.id, zoe.id].sort());
  });

  it('a new feed revokes the old; DELETE revokes; unknown and revoked tokens get 404', async () => {
    const first = (await http().post('/api/users/me/calendar-feed').set('cookie', admin).expect(201)).body.url as string;
    await http().get(pathOf(first)).expect(200);
    const second = (await http().post('/api/users/me/calendar-feed').set('cookie', admin).expect(201)).body.url as string;
    expect(second).not.toBe(first);
    expectProblem((await http().get(pathOf(first)).expect(404)).body, 404, 'not_found');
    await http().get(pathOf(second)).expect(200);
    expect(await prisma.calendarFeed.count({ where: { userId: practice.users.admin.id, revokedAt: null } })).toBe(1);

    const rid = requestId();
    await http().delete('/api/users/me/calendar-feed').set('cookie', admin).set('x-request-id', rid).expect(204);
    await http().get(pathOf(second)).expect(404);
    expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
      expect.objectContaining({ action: 'revoke', resourceType: 'calendar_feed', actorId: practice.users.admin.id }),
    ]);
    // Revoking again is harmless.
    await http().delete('/api/users/me/calendar-feed').set('cookie', admin).expect(204);
    await http()
      .get(`/api/calendar-feed/${randomBytes(32).toString('base64url')}`)
      .expect(404);
    await http().get('/api/calendar-feed/short').expect(404);
  });

  it('stops answering when the user is deactivated', async () => {
    const other = await createPractice(prisma);
    const session = await signIn(app, other.users.clinician.email);
    const url = (await http().post('/api/users/me/calendar-feed').set('cookie', session).expect(201)).body.url as string;
    await http().get(pathOf(url)).expect(200);
    await prisma.user.update({ where: { id: other.users.clinician.id }, data: { active: false } });
    await http().get(pathOf(url)).expect(404);
  });

  it('refuses reception (403) and anonymous callers (401)', async () => {
    expectProblem((await http().post('/api/users/me/calendar-feed').set('cookie', reception).expect(403)).body, 403, 'forbidden');
    await http().delete('/api/users/me/calendar-feed').set('cookie', reception).expect(403);
    await http().post('/api/users/me/calendar-feed').expect(401);
    await http().delete('/api/users/me/calendar-feed').expect(401);
  });
});
