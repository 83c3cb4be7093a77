import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, RULESET_VERSION } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const today = () => new Date().toISOString().slice(0, 10);
/** The date of birth of someone who turned `years` old `daysAgo` days ago. */
const bornYearsAgo = (years: number, daysAgo = 30) => {
  const d = addDays(today(), -daysAgo);
  return `${Number(d.slice(0, 4)) - years}${d.slice(4)}`.replace(/-02-29$/, '-02-28');
};

describe('episodes', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let clinician: string;
  let admin: string;
  let reception: string;
  let otherClinician: string;
  let patientId: string;
  let otherPatientId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    patientId = (await createPatient(prisma, practice, { dateOfBirth: bornYearsAgo(35) })).id;
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
  const facts = (overrides: Record<string, unknown> = {}) => ({
    onsetDate: addDays(today(), -3),
    trigger: 'unaccustomed_activity',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painNprs: 6,
    painAreas: ['lower_back'],
    redFlags: [],
    ...overrides,
  });
  const record = (body: object, patient = patientId, session = clinician) => http().post(`/api/patients/${patient}/episodes`).set('cookie', session).send(body);
  const requestId = () => `test-${randomUUID()}`;
  const auditRows = (rid: string) => prisma.auditEvent.findMany({ where: { requestId: rid } });
  const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];
  const codes = (list: { code: string }[]) => list.map((x) => x.code);

  describe('POST /api/patients/:id/episodes', () => {
    it('records an overload episode with the classification computed on the server', async () => {
      const rid = requestId();
      const response = await record({ ...facts(), notes: 'Dug the vegetable patch all Saturday.' })
        .set('x-request-id', rid)
        .expect(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.body;
      expect(body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        patientId,
        onsetDate: addDays(today(), -3),
        recordedOn: today(),
        trigger: 'unaccustomed_activity',
        episodesLast12Months: 0,
        frequencyTrend: 'first_episode',
        painNprs: 6,
        painAreas: ['lower_back'],
        redFlags: [],
        notes: 'Dug the vegetable patch all Saturday.',
        status: 'recorded',
        statusReason: null,
        createdBy: practice.users.clinician.id,
        version: 1,
      });
      expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
      expect(body.classification).toMatchObject({
        category: 'overload',
        urgency: 'routine',
        reviewInDays: 14,
        rulesetVersion: RULESET_VERSION,
        redFlags: { level: 'clear', reasons: [] },
      });
      expect(codes(body.classification.reasons)).toEqual(['overload_trigger']);
      expect(codes(body.classification.actions)).toEqual(['stay_active', 'apply_heat', 'massage_or_physio_as_pain_eases', 'graded_return_to_activity']);
      expect(body.classification.actions[0]).toEqual({ code: 'stay_active', text: expect.any(String), patientText: expect.any(String) });

      const row = await prisma.episode.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: body.id } } });
      expect(row).toMatchObject({
        category: 'overload',
        urgency: 'routine',
        reviewInDays: 14,
        rulesetVersion: RULESET_VERSION,
        createdBy: practice.users.clinician.id,
      });
      expect(row?.classification).toEqual(body.classification);

      expect(await auditRows(rid)).toEqual([
        expect.objectContaining({
          practiceId: practice.id,
          action: 'create',
          resourceType: 'episode',
          resourceId: body.id,
          patientId,
          actorId: practice.users.clinician.id,
          outcome: 'success',
        }),
      ]);
    });

    it.each([
      [
        'support_deficit',
        { trigger: 'habitual_movement' },
        'routine',
        ['innocuous_trigger'],
        ['stay_active', 'apply_heat', 'postural_symmetry_assessment', 'strengthening_plan'],
        7,
      ],
      [
        'support_deficit',
        { trigger: 'no_clear_trigger', episodesLast12Months: 3, frequencyTrend: 'increasing' },
        'routine',
        ['recurring_pattern'],
        ['stay_active', 'apply_heat', 'postural_symmetry_assessment', 'strengthening_plan'],
        7,
      ],
      ['unclear', { trigger: 'no_clear_trigger' }, 'routine', ['no_clear_trigger'], ['stay_active', 'apply_heat', 'clinical_assessment'], 7],
      [
        'unclear',
        { trigger: 'load_increase', episodesLast12Months: 2, frequencyTrend: 'stable' },
        'routine',
        ['mixed_pattern'],
        ['stay_active', 'apply_heat', 'clinical_assessment'],
        7,
      ],
      ['referral', { redFlags: ['saddle_anaesthesia', 'fever'] }, 'emergency', ['red_flag'], ['refer_emergency'], 0],
      ['referral', { painAreas: ['lower_back', 'both_legs'] }, 'emergency', ['red_flag'], ['refer_emergency'], 0],
      ['referral', { redFlags: ['fever'] }, 'urgent', ['red_flag'], ['refer_urgent'], 0],
    ])('reaches category %s through the API (%j)', async (category, overrides, urgency, reasons, actions, reviewInDays) => {
      const response = await record(facts(overrides)).expect(201);
      expect(response.body.classification).toMatchObject({ category, urgency, reviewInDays, rulesetVersion: RULESET_VERSION });
      expect(codes(response.body.classification.reasons)).toEqual(reasons);
      expect(codes(response.body.classification.actions)).toEqual(actions);
      const row = await prisma.episode.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: response.body.id } } });
      expect(row).toMatchObject({ category, urgency, reviewInDays, rulesetVersion: RULESET_VERSION });
    });

    it('computes the age from the patient’s date of birth: minor trauma is urgent only over 50', async () => {
      const older = await createPatient(prisma, practice, { dateOfBirth: bornYearsAgo(60) });
      const younger = await createPatient(prisma, practice, { dateOfBirth: bornYearsAgo(30) });
      const body = facts({ trigger: 'trauma', redFlags: ['minor_trauma'] });

      const old = await record(body, older.id).expect(201);
      expect(old.body.classification).toMatchObject({ category: 'referral', urgency: 'urgent' });
      expect(old.body.classification.redFlags.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'minor_trauma', level: 'urgent', text: expect.stringContaining('age 60') }),
          expect.objectContaining({ code: 'age_review', level: 'review' }),
        ]),
      );

      const young = await record(body, younger.id).expect(201);
      expect(young.body.classification).toMatchObject({ category: 'unclear', urgency: 'routine', redFlags: { level: 'review' } });
      expect(codes(young.body.classification.reasons)).toEqual(['trauma_trigger', 'minor_trauma']);
      expect(codes(young.body.classification.actions)).toContain('clinician_review');
    });

    it('computes the age on today’s date: 50 the day before the birthday, 51 on it', async () => {
      const turns51Today = await createPatient(prisma, practice, { dateOfBirth: bornYearsAgo(51, 0) });
      const turns51Tomorrow = await createPatient(prisma, practice, { dateOfBirth: bornYearsAgo(51, -1) });
      const on = await record(facts(), turns51Today.id).expect(201);
      expect(codes(on.body.classification.reasons)).toEqual(['overload_trigger', 'age_review']);
      const before = await record(facts(), turns51Tomorrow.id).expect(201);
      expect(codes(before.body.classification.reasons)).toEqual(['overload_trigger']);
    });

    it('computes the days since onset from the onset date and today', async () => {
      const fresh = await record(facts({ onsetDate: today() })).expect(201);
      expect(codes(fresh.body.classification.reasons)).toEqual(['overload_trigger']);

      const notSettling = await record(facts({ onsetDate: addDays(today(), -15), painNprs: 4 })).expect(201);
      expect(codes(notSettling.body.classification.reasons)).toEqual(['overload_trigger', 'not_settling']);
      expect(notSettling.body.classification.reasons[1].text).toContain('15 days old');
      const settling = await record(facts({ onsetDate: addDays(today(), -14), painNprs: 4 })).expect(201);
      expect(codes(settling.body.classification.reasons)).toEqual(['overload_trigger']);

      const persistent = await record(facts({ onsetDate: addDays(today(), -43), painNprs: 2 })).expect(201);
      expect(codes(persistent.body.classification.reasons)).toEqual(['overload_trigger', 'persistent']);
      expect(persistent.body.classification.reasons[1].text).toContain('43 days since onset');
      expect(codes(persistent.body.classification.actions)).toContain('review_persistent_pain');
    });

    it.each(['age', 'daysSinceOnset', 'classification', 'category', 'practiceId', 'patientId', 'createdBy', 'version', 'recordedOn'])(
      'refuses a client-sent %s as an unknown field',
      async (field) => {
        const response = await record({ ...facts(), [field]: field === 'classification' ? { category: 'overload' } : 42 }).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(response.body.errors).toEqual([{ field, message: 'is not a known field' }]);
      },
    );

    it.each([
      ['painNprs', { painNprs: 11 }],
      ['painNprs', { painNprs: -1 }],
      ['painNprs', { painNprs: 5.5 }],
      ['painNprs', { painNprs: '5' }],
      ['episodesLast12Months', { episodesLast12Months: -1 }],
      ['episodesLast12Months', { episodesLast12Months: 366 }],
      ['redFlags', { redFlags: ['dragon_bite'] }],
      ['redFlags', { redFlags: ['fever', 'fever'] }],
      ['redFlags', { redFlags: 'fever' }],
      ['painAreas', { painAreas: [] }],
      ['painAreas', { painAreas: ['lower_back', 'lower_back'] }],
      ['painAreas', { painAreas: ['elbow'] }],
      ['trigger', { trigger: 'sneezing' }],
      ['frequencyTrend', { frequencyTrend: 'sometimes' }],
      ['onsetDate', { onsetDate: addDays(today(), 1) }],
      ['onsetDate', { onsetDate: '2026-02-30' }],
      ['onsetDate', { onsetDate: '03/02/2026' }],
      ['onsetDate', { onsetDate: '1900-01-01' }],
      ['notes', { notes: 'x'.repeat(4001) }],
    ])('refuses a bad %s (%j) with a 400 naming it', async (field, overrides) => {
      const before = await prisma.episode.count({ where: { practiceId: practice.id, patientId } });
      const response = await record(facts(overrides)).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
      expect(await prisma.episode.count({ where: { practiceId: practice.id, patientId } })).toBe(before);
    });

    it('says which code is unknown or repeated', async () => {
      const response = await record(facts({ redFlags: ['fever', 'dragon_bite'], painAreas: ['hips', 'hips'] })).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'painAreas', message: 'must not repeat a code (hips)' },
        { field: 'redFlags', message: expect.stringMatching(/^has unknown codes \("dragon_bite"\); known: saddle_anaesthesia, /) },
      ]);
    });

    it('accepts the boundary values', async () => {
      const response = await record(facts({ painNprs: 10, episodesLast12Months: 365, painAreas: ['lower_back', 'hips'], onsetDate: today() })).expect(201);
      expect(response.body).toMatchObject({ painNprs: 10, episodesLast12Months: 365, painAreas: ['lower_back', 'hips'] });
      const zero = await record(facts({ painNprs: 0, episodesLast12Months: 0 })).expect(201);
      expect(zero.body).toMatchObject({ painNprs: 0, episodesLast12Months: 0, notes: null });
    });

    it('lists every bad field at once', async () => {
      const response = await record({ painNprs: 11, episodesLast12Months: -1, redFlags: ['nope'], onsetDate: addDays(today(), 2) }).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(new Set(fields(response.body))).toEqual(
        new Set(['onsetDate', 'trigger', 'episodesLast12Months', 'frequencyTrend', 'painNprs', 'painAreas', 'redFlags']),
      );
      expect(response.body.errors).toEqual(expect.arrayContaining([{ field: 'trigger', message: 'is required' }]));
    });

    it('answers 404 for another practice’s patient, an unknown patient and a malformed id', async () => {
      for (const id of [otherPatientId, randomUUID(), 'not-a-uuid']) {
        const response = await record(facts(), id).expect(404);
        expectProblem(response.body, 404, 'not_found');
      }
      expect(await prisma.episode.count({ where: { patientId: otherPatientId } })).toBe(0);
    });

    it('lets an admin record too, requires a session, and refuses reception', async () => {
      await record(facts(), patientId, admin).expect(201);
      expectProblem((await http().post(`/api/patients/${patientId}/episodes`).send(facts()).expect(401)).body, 401, 'unauthenticated');
      const rid = requestId();
      const refused = await record(facts(), patientId, reception).set('x-request-id', rid).expect(403);
      expectProblem(refused.body, 403, 'forbidden');
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'denied', outcome: 'denied', actorId: practice.users.reception.id })]);
    });
  });

  describe('reading and marking entered in error', () => {
    let patient: string;
    const ids: string[] = [];

    beforeAll(async () => {
      patient = (await createPatient(prisma, practice)).id;
      for (const trigger of ['unaccustomed_activity', 'habitual_movement', 'no_clear_trigger']) {
        ids.push((await record(facts({ trigger }), patient).expect(201)).body.id);
      }
    });

    const list = (query = '', session = clinician, id = patient) => http().get(`/api/patients/${id}/episodes${query}`).set('cookie', session);
    const one = (episodeId: string, session = clinician, id = patient) => http().get(`/api/patients/${id}/episodes/${episodeId}`).set('cookie', session);
    const markError = (episodeId: string, body: object = { reason: 'Recorded on the wrong patient' }, session = clinician, id = patient) =>
      http().post(`/api/patients/${id}/episodes/${episodeId}/entered-in-error`).set('cookie', session).send(body);

    it('lists the patient’s episodes recorded last first, with one audit row', async () => {
      const rid = requestId();
      const response = await list().set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body.items.map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
      expect(response.body.items.map((e: { classification: { category: string } }) => e.classification.category)).toEqual([
        'unclear',
        'support_deficit',
        'overload',
      ]);
      expect(response.body.nextCursor).toBeNull();
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'episode', resourceId: null, patientId: patient })]);
    });

    it('pages with a keyset cursor without gaps or repeats', async () => {
      const first = await list('?limit=2').expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.nextCursor).toBeNull();
      expect([...first.body.items, ...second.body.items].map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
    });

    it.each([
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?cursor=garbage', 'cursor'],
      ['?status=deleted', 'status'],
      ['?sort=onset', 'sort'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const response = await list(query).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
    });

    it('reads one episode, with one audit row', async () => {
      const rid = requestId();
      const response = await one(ids[1]).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({ id: ids[1], patientId: patient, trigger: 'habitual_movement', classification: { category: 'support_deficit' } });
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'episode', resourceId: ids[1], patientId: patient })]);
    });

    it('answers 404 for another patient’s episode, another practice’s, a random id and a malformed one', async () => {
      const theirs = (await record(facts(), otherPatientId, otherClinician).expect(201)).body.id;
      const rid = requestId();
      expectProblem((await one(ids[0], clinician, patientId).set('x-request-id', rid).expect(404)).body, 404, 'not_found');
      expectProblem((await one(theirs).expect(404)).body, 404, 'not_found');
      expectProblem((await one(theirs, clinician, otherPatientId).expect(404)).body, 404, 'not_found');
      expectProblem((await one(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await one('12345').expect(404)).body, 404, 'not_found');
      expectProblem((await list('', clinician, otherPatientId).expect(404)).body, 404, 'not_found');
      expectProblem((await list('', clinician, randomUUID()).expect(404)).body, 404, 'not_found');
      expect(await auditRows(rid)).toEqual([]);
    });

    it('refuses reception and anonymous callers on every read', async () => {
      expectProblem((await list('', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await one(ids[0], reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await markError(ids[0], undefined, reception).expect(403)).body, 403, 'forbidden');
      await http().get(`/api/patients/${patient}/episodes`).expect(401);
      await http().get(`/api/patients/${patient}/episodes/${ids[0]}`).expect(401);
      await http().post(`/api/patients/${patient}/episodes/${ids[0]}/entered-in-error`).send({ reason: 'nope nope' }).expect(401);
      expect((await one(ids[0]).expect(200)).body.status).toBe('recorded');
    });

    it('marks an episode entered in error, keeps it, and refuses a second time with 409', async () => {
      const target = (await record(facts(), patient).expect(201)).body.id;
      const rid = requestId();
      const response = await markError(target, { reason: '  Wrong onset date  ' }).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({
        id: target,
        status: 'entered_in_error',
        statusReason: 'Wrong onset date',
        version: 2,
        classification: { category: 'overload' },
      });
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'update', resourceType: 'episode', resourceId: target, patientId: patient })]);

      const again = await markError(target).expect(409);
      expectProblem(again.body, 409, 'conflict');
      expect(await prisma.episode.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: target } } })).toMatchObject({
        status: 'entered_in_error',
        statusReason: 'Wrong onset date',
        version: 2,
      });

      // Still listed, flagged by status, unless only recorded ones are asked for.
      const all = await list().expect(200);
      expect(all.body.items[0]).toMatchObject({ id: target, status: 'entered_in_error' });
      const recorded = await list('?status=recorded').expect(200);
      expect(recorded.body.items.map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
      const errors = await list('?status=entered_in_error').expect(200);
      expect(errors.body.items.map((e: { id: string }) => e.id)).toEqual([target]);
    });

    it.each([
      [{}, 'reason'],
      [{ reason: 'no' }, 'reason'],
      [{ reason: '   ab   ' }, 'reason'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
      [{ reason: 'Typo', status: 'recorded' }, 'status'],
    ])('refuses a bad entered-in-error body %j', async (body, field) => {
      const response = await markError(ids[0], body).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
      expect((await one(ids[0]).expect(200)).body.status).toBe('recorded');
    });

    it('answers 404 when marking another practice’s or an unknown episode', async () => {
      const theirs = (await record(facts(), otherPatientId, otherClinician).expect(201)).body.id;
      expectProblem((await markError(theirs).expect(404)).body, 404, 'not_found');
      expectProblem((await markError(theirs, undefined, clinician, otherPatientId).expect(404)).body, 404, 'not_found');
      expectProblem((await markError(randomUUID()).expect(404)).body, 404, 'not_found');
      expect(await prisma.episode.findUnique({ where: { practiceId_id: { practiceId: other.id, id: theirs } } })).toMatchObject({ status: 'recorded' });
    });
  });
});
