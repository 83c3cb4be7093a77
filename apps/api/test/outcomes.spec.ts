import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, RULESET_VERSION } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => addDays(today(), -n);
/** RMDQ answers with `yes` items answered yes. */
const rmdq = (yes: number) => Array.from({ length: 24 }, (_, i) => i < yes);

describe('outcomes', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let clinician: string;
  let admin: string;
  let reception: string;
  let otherClinician: string;
  let otherPatientId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    otherPatientId = (await createPatient(prisma, other)).id;
    clinician = await signIn(app, practice.users.clinician.email);
    admin = await signIn(app, practice.users.admin.email);
    reception = await signIn(app, practice.users.reception.email);
    otherClinician = await signIn(app, other.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const newPatient = async () => (await createPatient(prisma, practice)).id;
  const post = (patientId: string, body: object, session = clinician) => http().post(`/api/patients/${patientId}/outcomes`).set('cookie', session).send(body);
  const list = (patientId: string, query = '', session = clinician) => http().get(`/api/patients/${patientId}/outcomes${query}`).set('cookie', session);
  const markError = (patientId: string, id: string, body: object = { reason: 'Scored the wrong form' }, session = clinician) =>
    http().post(`/api/patients/${patientId}/outcomes/${id}/entered-in-error`).set('cookie', session).send(body);
  const requestId = () => `test-${randomUUID()}`;
  const auditRows = (rid: string) => prisma.auditEvent.findMany({ where: { requestId: rid } });
  const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];

  describe('POST /api/patients/:id/outcomes', () => {
    it('scores an ODI on the server; the first score has no change', async () => {
      const patientId = await newPatient();
      const rid = requestId();
      const answers = [2, 3, 1, 2, null, 2, 1, 3, 2, 1];
      const response = await post(patientId, { instrument: 'odi', recordedOn: daysAgo(28), answers })
        .set('x-request-id', rid)
        .expect(201);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        patientId,
        instrument: 'odi',
        recordedOn: daysAgo(28),
        answers,
        score: 37.8,
        band: 'moderate',
        change: null,
        rulesetVersion: RULESET_VERSION,
        status: 'recorded',
        statusReason: null,
        createdAt: expect.any(String),
        createdBy: practice.users.clinician.id,
      });
      const row = await prisma.outcomeScore.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: response.body.id } } });
      expect(row).toMatchObject({ instrument: 'odi', score: 37.8, band: 'moderate', rulesetVersion: RULESET_VERSION, answers });
      expect(await auditRows(rid)).toEqual([
        expect.objectContaining({
          practiceId: practice.id,
          action: 'create',
          resourceType: 'outcome',
          resourceId: response.body.id,
          patientId,
          actorId: practice.users.clinician.id,
        }),
      ]);

      const better = await post(patientId, { instrument: 'odi', recordedOn: daysAgo(0), answers: [1, 1, 1, 1, null, 1, 1, 1, 1, 1] }).expect(201);
      expect(better.body).toMatchObject({ score: 20, band: 'minimal', change: { baseline: 37.8, change: -17.8, improved: true, meaningful: true } });
      const slightly = await post(patientId, { instrument: 'odi', recordedOn: daysAgo(14), answers: [2, 3, 1, 2, null, 2, 1, 2, 2, 1] }).expect(201);
      expect(slightly.body).toMatchObject({ score: 35.6, band: 'moderate', change: { baseline: 37.8, change: -2.2, improved: true, meaningful: false } });
    });

    it.each([
      ['nprs', 8, 6, { score: 6, band: null, change: { baseline: 8, change: -2, improved: true, meaningful: true } }],
      ['nprs', 8, 7, { score: 7, band: null, change: { baseline: 8, change: -1, improved: true, meaningful: false } }],
      ['nprs', 3, 2, { score: 2, band: null, change: { baseline: 3, change: -1, improved: true, meaningful: true } }],
      ['nprs', 4, 6, { score: 6, band: null, change: { baseline: 4, change: 2, improved: false, meaningful: false } }],
      ['rmdq', rmdq(12), rmdq(7), { score: 7, band: null, change: { baseline: 12, change: -5, improved: true, meaningful: true } }],
      ['rmdq', rmdq(12), rmdq(8), { score: 8, band: null, change: { baseline: 12, change: -4, improved: true, meaningful: false } }],
      ['psfs', [3, 4, 5], [6, 7, 6], { score: 6.3, band: null, change: { baseline: 4, change: 2.3, improved: true, meaningful: true } }],
      ['psfs', [3, 4, 5], [2, 3, 4], { score: 3, band: null, change: { baseline: 4, change: -1, improved: false, meaningful: false } }],
    ])('scores %s %j then %j and the meaningful change', async (instrument, first, second, expected) => {
      const patientId = await newPatient();
      const baseline = await post(patientId, { instrument, recordedOn: daysAgo(21), answers: first }).expect(201);
      expect(baseline.body.change).toBeNull();
      const response = await post(patientId, { instrument, recordedOn: daysAgo(1), answers: second }).expect(201);
      expect(response.body).toMatchObject(expected);
    });

    it('compares with the first score by recorded date, not by entry order, and per instrument', async () => {
      const patientId = await newPatient();
      await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(10), answers: 6 }).expect(201);
      const earlier = await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(20), answers: 9 }).expect(201);
      expect(earlier.body.change).toBeNull(); // it is the first by date: the new baseline
      const odi = await post(patientId, { instrument: 'odi', recordedOn: daysAgo(5), answers: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }).expect(201);
      expect(odi.body).toMatchObject({ score: 0, band: 'minimal', change: null });
      const latest = await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(0), answers: 5 }).expect(201);
      expect(latest.body.change).toEqual({ baseline: 9, change: -4, improved: true, meaningful: true });
    });

    it.each([
      ['odi', [1, 2, 3], 'answers'],
      ['odi', [1, 2, 3, 6, 1, 1, 1, 1, 1, 1], 'answers[3]'],
      ['odi', [1, 2, 3, 1.5, 1, 1, 1, 1, 1, 1], 'answers[3]'],
      ['odi', [1, 2, null, null, null, 1, 1, 1, 1, 1], 'answers'],
      ['odi', 'moderate', 'answers'],
      ['odi', 5, 'answers'],
      ['nprs', 11, 'answers'],
      ['nprs', -1, 'answers'],
      ['nprs', 6.5, 'answers'],
      ['nprs', [6], 'answers'],
      ['nprs', '6', 'answers'],
      ['rmdq', rmdq(3).slice(0, 23), 'answers'],
      ['rmdq', rmdq(3).map((v, i) => (i === 5 ? 'yes' : v)), 'answers[5]'],
      ['psfs', [], 'answers'],
      ['psfs', [1, 2, 3, 4, 5, 6], 'answers'],
      ['psfs', [3, 11], 'answers[1]'],
      ['psfs', Array.from({ length: 10_000 }, () => 'x'), 'answers'],
      ['psfs', null, 'answers'],
      ['psfs', { a: 1 }, 'answers'],
    ])('refuses %s answers %j with a 400 naming %s', async (instrument, answers, field) => {
      const patientId = await newPatient();
      const response = await post(patientId, { instrument, recordedOn: daysAgo(1), answers }).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
      expect(response.body.errors.length).toBeLessThanOrEqual(3);
      expect(await prisma.outcomeScore.count({ where: { practiceId: practice.id, patientId } })).toBe(0);
    });

    it.each([
      ['instrument', { instrument: 'sf36' }],
      ['instrument', { instrument: undefined }],
      ['answers', { answers: undefined }],
      ['recordedOn', { recordedOn: addDays(today(), 1) }],
      ['recordedOn', { recordedOn: '2026-02-30' }],
      ['recordedOn', { recordedOn: '1901-01-01' }],
      ['score', { score: 0 }],
      ['band', { band: 'minimal' }],
      ['change', { change: null }],
    ])('refuses a bad or unknown %s', async (field, overrides) => {
      const patientId = await newPatient();
      const response = await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(1), answers: 5, ...overrides }).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
    });

    it('answers 404 for another practice’s patient or an unknown one; 401 without a session; 403 for reception', async () => {
      const body = { instrument: 'nprs', recordedOn: daysAgo(1), answers: 5 };
      for (const id of [otherPatientId, randomUUID(), 'x']) expectProblem((await post(id, body).expect(404)).body, 404, 'not_found');
      const patientId = await newPatient();
      expectProblem((await http().post(`/api/patients/${patientId}/outcomes`).send(body).expect(401)).body, 401, 'unauthenticated');
      expectProblem((await post(patientId, body, reception).expect(403)).body, 403, 'forbidden');
      await post(patientId, body, admin).expect(201);
      expect(await prisma.outcomeScore.count({ where: { patientId: otherPatientId } })).toBe(0);
    });
  });

  describe('reading and marking entered in error', () => {
    let patientId: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      patientId = await newPatient();
      ids.nprs1 = (await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(30), answers: 8 }).expect(201)).body.id;
      ids.odi1 = (await post(patientId, { instrument: 'odi', recordedOn: daysAgo(30), answers: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] }).expect(201)).body.id;
      ids.nprs3 = (await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(2), answers: 3 }).expect(201)).body.id;
      ids.nprs2 = (await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(15), answers: 7 }).expect(201)).body.id;
      ids.odi2 = (await post(patientId, { instrument: 'odi', recordedOn: daysAgo(2), answers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }).expect(201)).body.id;
    });

    it('lists every score oldest first, each with its change from the first of its instrument, with one audit row', async () => {
      const rid = requestId();
      const response = await list(patientId).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body.truncated).toBe(false);
      expect(
        response.body.items.map((o: { id: string; score: number; change: { change: number } | null }) => [o.id, o.score, o.change?.change ?? null]),
      ).toEqual([
        [ids.nprs1, 8, null],
        [ids.odi1, 60, null],
        [ids.nprs2, 7, -1],
        [ids.nprs3, 3, -5],
        [ids.odi2, 20, -40],
      ]);
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'outcome', resourceId: null, patientId })]);
    });

    it('filters by instrument', async () => {
      const response = await list(patientId, '?instrument=odi').expect(200);
      expect(response.body.items.map((o: { id: string }) => o.id)).toEqual([ids.odi1, ids.odi2]);
      expect(response.body.items[1].change).toEqual({ baseline: 60, change: -40, improved: true, meaningful: true });
    });

    it.each([
      ['?instrument=sf36', 'instrument'],
      ['?includeEnteredInError=maybe', 'includeEnteredInError'],
      ['?limit=5', 'limit'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const response = await list(patientId, query).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
    });

    it('answers 404 for the scores of another practice’s patient or an unknown one', async () => {
      const rid = requestId();
      expectProblem((await list(otherPatientId).set('x-request-id', rid).expect(404)).body, 404, 'not_found');
      expectProblem((await list(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await list('not-a-uuid').expect(404)).body, 404, 'not_found');
      expect(await auditRows(rid)).toEqual([]);
      // A single score has no GET route of its own: the chart list is the way to read them.
      await http().get(`/api/patients/${patientId}/outcomes/${ids.nprs3}`).set('cookie', clinician).expect(404);
    });

    it('refuses reception and anonymous callers on every route', async () => {
      expectProblem((await list(patientId, '', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await markError(patientId, ids.nprs1, undefined, reception).expect(403)).body, 403, 'forbidden');
      await http().get(`/api/patients/${patientId}/outcomes`).expect(401);
      await http().post(`/api/patients/${patientId}/outcomes/${ids.nprs1}/entered-in-error`).send({ reason: 'whatever' }).expect(401);
      expect((await list(patientId, '?instrument=nprs').expect(200)).body.items[0]).toMatchObject({ id: ids.nprs1, status: 'recorded' });
    });

    it('marks the baseline entered in error: it leaves the chart and the next score becomes the baseline', async () => {
      const rid = requestId();
      const response = await markError(patientId, ids.nprs1).set('x-request-id', rid).expect(200);
      expect(response.body).toMatchObject({ id: ids.nprs1, status: 'entered_in_error', statusReason: 'Scored the wrong form', score: 8, change: null });
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'update', resourceType: 'outcome', resourceId: ids.nprs1, patientId })]);
      expectProblem((await markError(patientId, ids.nprs1).expect(409)).body, 409, 'conflict');

      const chart = await list(patientId, '?instrument=nprs').expect(200);
      expect(
        chart.body.items.map((o: { id: string; change: { baseline: number; change: number } | null }) => [
          o.id,
          o.change && [o.change.baseline, o.change.change],
        ]),
      ).toEqual([
        [ids.nprs2, null],
        [ids.nprs3, [7, -4]],
      ]);
      const all = await list(patientId, '?instrument=nprs&includeEnteredInError=true').expect(200);
      expect(all.body.items.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
        [ids.nprs1, 'entered_in_error'],
        [ids.nprs2, 'recorded'],
        [ids.nprs3, 'recorded'],
      ]);
      expect(all.body.items[2].change).toEqual({ baseline: 7, change: -4, improved: true, meaningful: true });
      const next = await post(patientId, { instrument: 'nprs', recordedOn: daysAgo(0), answers: 6 }).expect(201);
      expect(next.body.change).toEqual({ baseline: 7, change: -1, improved: true, meaningful: false });
      expect(await prisma.outcomeScore.count({ where: { practiceId: practice.id, id: ids.nprs1 } })).toBe(1);
    });

    it.each([
      [{}, 'reason'],
      [{ reason: 'ab' }, 'reason'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
      [{ reason: 'A good reason', when: 'now' }, 'when'],
    ])('refuses a bad entered-in-error body %j', async (body, field) => {
      const response = await markError(patientId, ids.odi1, body).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
    });

    it('answers 404 when marking another practice’s or an unknown score', async () => {
      const theirs = (await post(otherPatientId, { instrument: 'nprs', recordedOn: daysAgo(1), answers: 4 }, otherClinician).expect(201)).body.id;
      expectProblem((await markError(patientId, theirs).expect(404)).body, 404, 'not_found');
      expectProblem((await markError(otherPatientId, theirs).expect(404)).body, 404, 'not_found');
      expectProblem((await markError(patientId, randomUUID()).expect(404)).body, 404, 'not_found');
      expect(await prisma.outcomeScore.findUnique({ where: { practiceId_id: { practiceId: other.id, id: theirs } } })).toMatchObject({ status: 'recorded' });
    });

    it('holds at most 500 scores in one answer, oldest first, and says it was truncated', async () => {
      const busy = await newPatient();
      const start = daysAgo(600);
      await prisma.outcomeScore.createMany({
        data: Array.from({ length: 501 }, (_, i) => ({
          id: randomUUID(),
          practiceId: practice.id,
          patientId: busy,
          instrument: 'nprs',
          recordedOn: new Date(`${addDays(start, i)}T00:00:00Z`),
          answers: 9 - (i % 3),
          score: 9 - (i % 3),
          rulesetVersion: '2026.11',
          createdBy: practice.users.clinician.id,
        })),
      });
      const response = await list(busy).expect(200);
      expect(response.body.truncated).toBe(true);
      expect(response.body.items).toHaveLength(500);
      expect(response.body.items[0]).toMatchObject({ recordedOn: start, change: null });
      expect(response.body.items[499]).toMatchObject({ recordedOn: addDays(start, 499), change: { baseline: 9, change: -1 } });
    });
  });
});
