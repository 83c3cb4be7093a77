import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

type Item = { id: string; lastName: string };

/** Finding a patient by any detail (GET /api/patients?q=) and the duplicate check before registering one. */
describe('patient search by any detail, and the duplicate check', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let cookie: string;
  let reception: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    cookie = await signIn(app, practice.users.clinician.email);
    reception = await signIn(app, practice.users.reception.email);
    // Registered through the API, so every stored key is the API's own.
    const register = async (body: Record<string, unknown>) =>
      (await request(app.getHttpServer()).post('/api/patients').set('cookie', cookie).send(body).expect(201)).body as Item;
    ids.hughes = (
      await register({
        firstName: 'Zoë',
        lastName: 'Hughes',
        dateOfBirth: '1984-06-15',
        sex: 'female',
        email: 'Zoe.Hughes@Example.com',
        phone: '+44 7700 900123',
      })
    ).id;
    ids.okafor = (
      await register({ firstName: 'Chidi', lastName: 'Okafor', dateOfBirth: '1991-02-03', sex: 'male', email: 'chidi@okafor.example', phone: '020 7946 0958' })
    ).id;
    ids.moreau = (await register({ firstName: 'Anaïs', lastName: 'Moreau', dateOfBirth: '1975-11-30', sex: 'female', phone: '+33 6 12 34 56 78' })).id;
    // Someone else's patient with the same details: never found from this practice.
    const theirs = await signIn(app, other.users.clinician.email);
    await request(app.getHttpServer())
      .post('/api/patients')
      .set('cookie', theirs)
      .send({ firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '1984-06-15', sex: 'female', email: 'zoe.hughes@example.com', phone: '+44 7700 900123' })
      .expect(201);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const search = (q: string, session = cookie) =>
    request(app.getHttpServer())
      .get(`/api/patients?q=${encodeURIComponent(q)}`)
      .set('cookie', session);
  const found = async (q: string) => ((await search(q).expect(200)).body.items as Item[]).map((p) => p.lastName);

  describe('GET /api/patients?q=', () => {
    it.each([
      // The issue's own examples.
      ['07700 900123', ['Hughes']],
      ['1984-06-15', ['Hughes']],
      // Phones in other formats: spaces, dashes, brackets, the international prefix written either way, part of one.
      ['07700900123', ['Hughes']],
      ['+44 7700 900123', ['Hughes']],
      ['0044 7700 900 123', ['Hughes']],
      ['+44 (0)7700 900123', ['Hughes']],
      ['7700-900-123', ['Hughes']],
      ['900123', ['Hughes']],
      ['(020) 7946-0958', ['Okafor']],
      ['+44 20 7946 0958', ['Okafor']],
      ['06 12 34 56 78', ['Moreau']],
      ['0033 612345678', ['Moreau']],
      // Dates of birth, both ways round.
      ['15/06/1984', ['Hughes']],
      ['3/2/1991', ['Okafor']],
      // A year and month: the dates of birth in it, not a phone number's six digits.
      ['1984-06', ['Hughes']],
      ['06/1984', ['Hughes']],
      ['30.11.1975', ['Moreau']],
      // Emails: any part, any case.
      ['zoe.hughes@example.com', ['Hughes']],
      ['ZOE.HUGHES@', ['Hughes']],
      ['okafor.example', ['Okafor']],
      // Names as before: partial, case- and accent-insensitive.
      ['anais', ['Moreau']],
      ['HUGH', ['Hughes']],
      // Not a match: too few digits for a phone, another date, a phone nobody has.
      ['1984-06-16', []],
      ['07700 900124', []],
    ])('finds %p', async (q, expected) => {
      expect(await found(q)).toEqual(expected);
    });

    it('does not read a short run of digits as a phone number, nor a search across two details', async () => {
      // "0123" has 3 significant digits: searched as text, in names, emails and dates, never inside the digits of a
      // phone (Hughes's is 447700900123); a year finds the dates of birth in it, not phones that contain it.
      expect(await found('0123')).toEqual([]);
      expect(await found('1991')).toEqual(['Okafor']);
      // Name and email are separate lines of the search text: the end of one and the start of the next never join up.
      expect(await found('hughes zoe')).toEqual([]);
    });

    it('follows a correction: a new phone, email or date of birth is found, the old one no longer', async () => {
      const patient = await createPatient(prisma, practice, { firstName: 'Rowan', lastName: 'Byrne', dateOfBirth: '1960-01-01' });
      await request(app.getHttpServer())
        .patch(`/api/patients/${patient.id}`)
        .set('cookie', cookie)
        .set('if-match', '"1"')
        .send({ phone: '01632 960 001', dateOfBirth: '1961-07-04', email: 'rowan@byrne.example' })
        .expect(200);
      expect(await found('+44 1632 960001')).toEqual(['Byrne']);
      expect(await found('04/07/1961')).toEqual(['Byrne']);
      expect(await found('rowan@byrne')).toEqual(['Byrne']);
      expect(await found('1960-01-01')).toEqual([]);
      await request(app.getHttpServer()).patch(`/api/patients/${patient.id}`).set('cookie', cookie).set('if-match', '"2"').send({ phone: null }).expect(200);
      expect(await found('01632 960 001')).toEqual([]);
    });

    it('pages a phone search with the keyset cursor', async () => {
      for (let i = 0; i < 3; i++)
        await createPatient(prisma, practice, { lastName: `Shared${i}`, phone: '+44 1632 960999', createdAt: new Date(Date.now() - i * 1000) });
      const first = await request(app.getHttpServer()).get('/api/patients?q=01632960999&limit=2').set('cookie', cookie).expect(200);
      expect(first.body.items.map((p: Item) => p.lastName)).toEqual(['Shared0', 'Shared1']);
      const second = await request(app.getHttpServer())
        .get(`/api/patients?q=01632960999&limit=2&cursor=${first.body.nextCursor}`)
        .set('cookie', cookie)
        .expect(200);
      expect(second.body.items.map((p: Item) => p.lastName)).toEqual(['Shared2']);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('GET /api/patients/duplicates', () => {
    const check = (query: Record<string, string>, session = reception) =>
      request(app.getHttpServer())
        .get(`/api/patients/duplicates?${new URLSearchParams(query).toString()}`)
        .set('cookie', session);

    it('finds the same name and date of birth whatever the accents, case and spaces', async () => {
      const response = await check({ firstName: '  zoe ', lastName: 'HUGHES', dateOfBirth: '1984-06-15' }).expect(200);
      expect(response.body).toEqual({
        items: [{ id: ids.hughes, firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '1984-06-15', archived: false, matchedOn: ['name_and_date_of_birth'] }],
      });
      // Same name, another date of birth: not the same person.
      expect((await check({ firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '1984-06-16' }).expect(200)).body.items).toEqual([]);
    });

    it('finds the same email without case, and the same phone in any format, and says what matched', async () => {
      expect((await check({ email: 'ZOE.hughes@example.COM' }).expect(200)).body.items).toEqual([
        expect.objectContaining({ id: ids.hughes, matchedOn: ['email'] }),
      ]);
      expect((await check({ phone: '07700-900-123' }).expect(200)).body.items).toEqual([expect.objectContaining({ id: ids.hughes, matchedOn: ['phone'] })]);
      const all = await check({
        firstName: 'Zoe',
        lastName: 'Hughes',
        dateOfBirth: '1984-06-15',
        email: 'zoe.hughes@example.com',
        phone: '0044 7700 900123',
      }).expect(200);
      expect(all.body.items).toEqual([expect.objectContaining({ id: ids.hughes, matchedOn: ['name_and_date_of_birth', 'email', 'phone'] })]);
      // A phone that only contains the stored digits is not the same phone (the check compares whole numbers).
      expect((await check({ phone: '900123' }).expect(200)).body.items).toEqual([]);
    });

    it('lists each matching patient once, closest first, archived ones flagged', async () => {
      const twin = await createPatient(prisma, practice, { firstName: 'Chidi', lastName: 'Okafor', dateOfBirth: '1991-02-03', archivedAt: new Date() });
      const response = await check({ firstName: 'Chidi', lastName: 'Okafor', dateOfBirth: '1991-02-03', email: 'chidi@okafor.example' }).expect(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({ id: ids.okafor, archived: false, matchedOn: ['name_and_date_of_birth', 'email'] }),
        expect.objectContaining({ id: twin.id, archived: true, matchedOn: ['name_and_date_of_birth'] }),
      ]);
    });

    it('shows at most 10', async () => {
      for (let i = 0; i < 12; i++) await createPatient(prisma, practice, { lastName: `Many${i}`, phone: '01632 960500' });
      expect((await check({ phone: '+44 1632 960500' }).expect(200)).body.items).toHaveLength(10);
    });

    it('never looks at another practice', async () => {
      const theirs = await signIn(app, other.users.reception.email);
      const response = await check({ email: 'chidi@okafor.example' }, theirs).expect(200);
      expect(response.body.items).toEqual([]);
    });

    it('records the read with the ids it showed', async () => {
      const requestId = `dup-${randomUUID()}`;
      await check({ email: 'zoe.hughes@example.com' }).set('x-request-id', requestId).expect(200);
      const rows = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, requestId } });
      expect(rows).toEqual([
        expect.objectContaining({ action: 'read', resourceType: 'patient_duplicates', actorId: practice.users.reception.id, patientIds: [ids.hughes] }),
      ]);
    });

    it.each([
      [{}, 'query'],
      [{ firstName: 'Zoë', lastName: 'Hughes' }, 'query'],
      [{ firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '15/06/1984' }, 'dateOfBirth'],
      [{ firstName: 'x'.repeat(101), lastName: 'Hughes', dateOfBirth: '1984-06-15' }, 'firstName'],
      [{ phone: '1'.repeat(41) }, 'phone'],
      [{ email: 'a@b.c', colour: 'blue' }, 'colour'],
    ])('answers %j with a 400 naming %s', async (query, field) => {
      const response = await check(query as Record<string, string>).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });
});
