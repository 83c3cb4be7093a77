import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, RULESET_VERSION, assessPosture, classifyEpisode, suggestPlan, type EpisodeFacts, type PosturalMeasurements } from '@upright/domain';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const today = () => new Date().toISOString().slice(0, 10);
const requestId = () => `plans-${randomBytes(6).toString('hex')}`;

/** Episode facts for each category (age 45: no age review). */
const SUPPORT_DEFICIT: Partial<EpisodeFacts> = { trigger: 'habitual_movement', episodesLast12Months: 2, frequencyTrend: 'increasing' };
const OVERLOAD: Partial<EpisodeFacts> = { trigger: 'load_increase', episodesLast12Months: 0, frequencyTrend: 'first_episode' };
const UNCLEAR: Partial<EpisodeFacts> = { trigger: 'no_clear_trigger', episodesLast12Months: 0, frequencyTrend: 'first_episode' };
const REFERRAL: Partial<EpisodeFacts> = { ...OVERLOAD, redFlags: ['saddle_anaesthesia'] };

/** Records an episode as the episodes route would: the classification computed by the domain. */
async function recordEpisode(
  prisma: PrismaClient,
  practice: TestPractice,
  patientId: string,
  facts: Partial<EpisodeFacts>,
  options: { createdAt?: Date; status?: 'recorded' | 'entered_in_error' } = {},
) {
  const f: EpisodeFacts = {
    age: 45,
    daysSinceOnset: 3,
    painNprs: 5,
    trigger: 'habitual_movement',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painAreas: ['lower_back'],
    redFlags: [],
    ...facts,
  };
  const classification = classifyEpisode(f);
  return prisma.episode.create({
    data: {
      id: randomUUID(),
      practiceId: practice.id,
      patientId,
      onsetDate: new Date(`${addDays(today(), -f.daysSinceOnset)}T00:00:00Z`),
      recordedOn: new Date(`${today()}T00:00:00Z`),
      trigger: f.trigger,
      episodesLast12Months: f.episodesLast12Months,
      frequencyTrend: f.frequencyTrend,
      painNprs: f.painNprs,
      painAreas: [...f.painAreas],
      redFlags: [...f.redFlags],
      classification: classification as unknown as Prisma.InputJsonObject,
      category: classification.category,
      urgency: classification.urgency,
      reviewInDays: classification.reviewInDays,
      rulesetVersion: classification.rulesetVersion,
      status: options.status ?? 'recorded',
      createdBy: practice.users.clinician.id,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
  });
}

/** Weaker left side bridge and a low flexor/extensor balance: targets lateral_trunk_left and trunk_extensors. */
const MEASUREMENTS: PosturalMeasurements = { sideBridgeS: { left: 40, right: 60 }, trunkFlexorS: 120, trunkExtensorS: 100 };

async function recordAssessment(prisma: PrismaClient, practice: TestPractice, patientId: string, status: 'recorded' | 'entered_in_error' = 'recorded') {
  const report = assessPosture({ sex: 'female', age: 45, measurements: MEASUREMENTS });
  return prisma.assessment.create({
    data: {
      id: randomUUID(),
      practiceId: practice.id,
      patientId,
      assessedOn: new Date(`${today()}T00:00:00Z`),
      measurements: MEASUREMENTS as unknown as Prisma.InputJsonObject,
      report: report as unknown as Prisma.InputJsonObject,
      refer: report.refer,
      rulesetVersion: report.rulesetVersion,
      status,
      createdBy: practice.users.clinician.id,
    },
  });
}

const exercise = (exerciseCode: string, extra: Record<string, unknown> = {}) => ({
  exerciseCode,
  sets: 3,
  reps: 5,
  holdSeconds: 10,
  perSide: false,
  timesPerWeek: 7,
  ...extra,
});

function planBody(extra: Record<string, unknown> = {}) {
  return {
    title: 'Back support plan',
    startDate: '2026-03-02',
    phases: [
      {
        key: 'activate',
        title: 'Activate',
        startWeek: 0,
        endWeek: 3,
        goals: ['Learn each exercise in its easier version.'],
        exercises: [
          exercise('curl_up'),
          exercise('side_bridge', { perSide: true }),
          exercise('side_bridge', { sets: 1, side: 'left', notes: 'Extra set on the weaker side.' }),
        ],
      },
      {
        key: 'strengthen',
        title: 'Strengthen',
        startWeek: 3,
        endWeek: 8,
        goals: ['Build strength 2-3 times a week.'],
        exercises: [{ exerciseCode: 'glute_bridge', sets: 2, reps: 8, perSide: false, timesPerWeek: 3 }],
      },
    ],
    ...extra,
  };
}

describe('plans', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let clinician: string;
  let admin: string;
  let reception: string;
  let otherClinician: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
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
  const auditRows = (id: string) => prisma.auditEvent.findMany({ where: { requestId: id } });

  /** A patient with a support-deficit episode and a draft plan made through the API. */
  async function draftPlan(extra: Record<string, unknown> = {}) {
    const patient = await createPatient(prisma, practice);
    const episode = await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT);
    const response = await http()
      .post(`/api/patients/${patient.id}/plans`)
      .set('cookie', clinician)
      .send(planBody({ episodeId: episode.id, ...extra }))
      .expect(201);
    return { patient, episode, plan: response.body as { id: string; version: number; status: string } };
  }

  async function activePlan() {
    const made = await draftPlan();
    const response = await http().post(`/api/plans/${made.plan.id}/activate`).set('cookie', clinician).expect(200);
    return { ...made, plan: response.body as { id: string; version: number; status: string } };
  }

  describe('GET /api/patients/:id/plan-suggestion', () => {
    const suggestion = (patientId: string, query = '', cookie = clinician) =>
      http().get(`/api/patients/${patientId}/plan-suggestion${query}`).set('cookie', cookie);

    it('drafts the domain’s plan from the latest episode and the assessment asked for, and audits the read', async () => {
      const patient = await createPatient(prisma, practice);
      const episode = await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT);
      const assessment = await recordAssessment(prisma, practice, patient.id);
      const rid = requestId();
      const response = await suggestion(patient.id, `?assessmentId=${assessment.id}`).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const expected = suggestPlan({
        classification: classifyEpisode({
          age: 45,
          daysSinceOnset: 3,
          painNprs: 5,
          painAreas: ['lower_back'],
          redFlags: [],
          ...SUPPORT_DEFICIT,
        } as EpisodeFacts),
        report: assessPosture({ sex: 'female', age: 45, measurements: MEASUREMENTS }),
        startDate: today(),
      });
      expect(response.body).toEqual({ ...expected, episodeId: episode.id, assessmentId: assessment.id });
      expect(response.body.category).toBe('support_deficit');
      expect(response.body.basedOn.targets).toEqual(['lateral_trunk_left', 'trunk_extensors']);
      expect(response.body.phases.map((p: { key: string }) => p.key)).toEqual(['settle', 'activate', 'strengthen', 'maintain']);
      expect(response.body.reviewDates[0]).toBe(addDays(today(), 7));
      expect(await auditRows(rid)).toEqual([
        expect.objectContaining({
          action: 'read',
          resourceType: 'plan_suggestion',
          resourceId: null,
          patientId: patient.id,
          actorId: practice.users.clinician.id,
          outcome: 'success',
        }),
      ]);
    });

    it('uses no assessment unless one is asked for', async () => {
      const patient = await createPatient(prisma, practice);
      await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT);
      await recordAssessment(prisma, practice, patient.id);
      const response = await suggestion(patient.id).expect(200);
      expect(response.body.assessmentId).toBeNull();
      expect(response.body.basedOn.targets).toEqual([]);
      expect(response.body.notes[0]).toMatch(/postural symmetry assessment is needed/);
    });

    it('defaults to the episode recorded last, skipping ones entered in error, and accepts an explicit older one', async () => {
      const patient = await createPatient(prisma, practice);
      const base = Date.now();
      const overload = await recordEpisode(prisma, practice, patient.id, OVERLOAD, { createdAt: new Date(base - 3 * 60_000) });
      const unclear = await recordEpisode(prisma, practice, patient.id, UNCLEAR, { createdAt: new Date(base - 2 * 60_000) });
      await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT, { createdAt: new Date(base - 60_000), status: 'entered_in_error' });
      const latest = await suggestion(patient.id).expect(200);
      expect(latest.body).toMatchObject({ category: 'unclear', episodeId: unclear.id, title: 'Settling plan (assessment pending)' });
      const older = await suggestion(patient.id, `?episodeId=${overload.id}`).expect(200);
      expect(older.body).toMatchObject({ category: 'overload', episodeId: overload.id });
      expect(older.body.phases.map((p: { key: string }) => p.key)).toEqual(['settle', 'recondition']);
    });

    it('answers 409 conflict when the patient has no episode yet', async () => {
      const patient = await createPatient(prisma, practice);
      const response = await suggestion(patient.id).expect(409);
      expectProblem(response.body, 409, 'conflict');
      expect(response.body.detail).toMatch(/Record an episode first/);
    });

    it('answers 409 red_flag_open for a referral episode', async () => {
      const patient = await createPatient(prisma, practice);
      await recordEpisode(prisma, practice, patient.id, REFERRAL);
      const response = await suggestion(patient.id).expect(409);
      expectProblem(response.body, 409, 'red_flag_open');
    });

    it('answers 404 for another practice’s or another patient’s episode or assessment, and for unknown ids', async () => {
      const patient = await createPatient(prisma, practice);
      await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT);
      const sibling = await createPatient(prisma, practice);
      const siblingEpisode = await recordEpisode(prisma, practice, sibling.id, OVERLOAD);
      const siblingAssessment = await recordAssessment(prisma, practice, sibling.id);
      const stranger = await createPatient(prisma, other);
      const strangerEpisode = await recordEpisode(prisma, other, stranger.id, OVERLOAD);
      for (const query of [
        `?episodeId=${siblingEpisode.id}`,
        `?episodeId=${strangerEpisode.id}`,
        `?episodeId=${randomUUID()}`,
        `?assessmentId=${siblingAssessment.id}`,
        `?assessmentId=${randomUUID()}`,
      ]) {
        expectProblem((await suggestion(patient.id, query).expect(404)).body, 404, 'not_found');
      }
      expectProblem((await suggestion(stranger.id).expect(404)).body, 404, 'not_found');
      expectProblem((await suggestion(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await suggestion('not-a-uuid').expect(404)).body, 404, 'not_found');
    });

    it('refuses ids that are not UUIDs with a 400 naming them', async () => {
      const patient = await createPatient(prisma, practice);
      const response = await suggestion(patient.id, '?episodeId=12&assessmentId=x&extra=1').expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['assessmentId', 'episodeId', 'extra']);
    });

    it('is for clinical staff only', async () => {
      const patient = await createPatient(prisma, practice);
      expectProblem((await suggestion(patient.id, '', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/patients/${patient.id}/plan-suggestion`).expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('POST /api/patients/:id/plans', () => {
    it('creates a draft (version 1) with review dates from the episode and the phases, and audits it', async () => {
      const patient = await createPatient(prisma, practice);
      const episode = await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT);
      const assessment = await recordAssessment(prisma, practice, patient.id);
      const rid = requestId();
      const response = await http()
        .post(`/api/patients/${patient.id}/plans`)
        .set('cookie', clinician)
        .set('x-request-id', rid)
        .send(planBody({ episodeId: episode.id, assessmentId: assessment.id, notes: ['Review the side bridge technique.'] }))
        .expect(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({
        id: expect.any(String),
        patientId: patient.id,
        status: 'draft',
        statusReason: null,
        currentVersion: 1,
        version: 1,
        episodeId: episode.id,
        assessmentId: assessment.id,
        category: 'support_deficit',
        rulesetVersion: RULESET_VERSION,
        activatedAt: null,
        activatedBy: null,
        overrideReason: null,
        completedOn: null,
        dischargeReason: null,
        reachedMeaningfulChange: null,
        createdAt: expect.any(String),
        createdBy: practice.users.clinician.id,
        updatedAt: expect.any(String),
        current: {
          number: 1,
          title: 'Back support plan',
          startDate: '2026-03-02',
          phases: planBody().phases,
          // episode review (7 days), end of activate (3 weeks), end of strengthen (8 weeks)
          reviewDates: ['2026-03-09', '2026-03-23', '2026-04-27'],
          notes: ['Review the side bridge technique.'],
          changeNote: null,
          createdAt: expect.any(String),
          createdBy: practice.users.clinician.id,
        },
      });
      expect(await auditRows(rid)).toEqual([
        expect.objectContaining({
          action: 'create',
          resourceType: 'plan',
          resourceId: response.body.id,
          patientId: patient.id,
          actorId: practice.users.clinician.id,
        }),
      ]);
    });

    it('accepts the suggestion’s phases as they are, starting today by default', async () => {
      const patient = await createPatient(prisma, practice);
      await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT);
      const assessment = await recordAssessment(prisma, practice, patient.id);
      const draft = (await http().get(`/api/patients/${patient.id}/plan-suggestion?assessmentId=${assessment.id}`).set('cookie', admin).expect(200)).body;
      const response = await http()
        .post(`/api/patients/${patient.id}/plans`)
        .set('cookie', admin)
        .send({ title: draft.title, episodeId: draft.episodeId, assessmentId: draft.assessmentId, phases: draft.phases, notes: draft.notes })
        .expect(201);
      expect(response.body.current).toMatchObject({ startDate: today(), phases: draft.phases, reviewDates: draft.reviewDates, notes: draft.notes });
    });

    it('without an episode: review dates from the phases only, no category', async () => {
      const patient = await createPatient(prisma, practice);
      const response = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(planBody()).expect(201);
      expect(response.body).toMatchObject({ episodeId: null, category: null, rulesetVersion: null });
      expect(response.body.current.reviewDates).toEqual(['2026-03-23', '2026-04-27']);
    });

    it('accepts the practice’s own exercises but names every code not in the library', async () => {
      const patient = await createPatient(prisma, practice);
      const code = `wall_slide_${randomBytes(3).toString('hex')}`;
      const dose = { sets: 2, reps: 10, perSide: false, timesPerWeek: 3 };
      const custom = {
        name: 'Wall slide',
        targets: [],
        steps: ['Slide down the wall.'],
        regression: 'Less far.',
        progression: 'Hold it.',
        safety: 'Stop if it hurts.',
        defaultDose: dose,
      };
      await http()
        .post('/api/exercises')
        .set('cookie', clinician)
        .send({ code, ...custom })
        .expect(201);
      const theirs = `their_move_${randomBytes(3).toString('hex')}`;
      await http()
        .post('/api/exercises')
        .set('cookie', otherClinician)
        .send({ code: theirs, ...custom })
        .expect(201);

      const ok = planBody();
      ok.phases[1].exercises.push(exercise(code));
      const created = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(ok).expect(201);
      expect(created.body.current.phases[1].exercises[1].exerciseCode).toBe(code);

      const bad = planBody();
      bad.phases[0].exercises[2] = exercise('no_such_move');
      bad.phases[1].exercises.push(exercise(theirs));
      const response = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(bad).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual([
        { field: 'phases[0].exercises[2].exerciseCode', message: 'is not an exercise in your library' },
        { field: 'phases[1].exercises[1].exerciseCode', message: 'is not an exercise in your library' },
      ]);
    });

    it('refuses an episode or assessment that is not this patient’s, naming the field', async () => {
      const patient = await createPatient(prisma, practice);
      const sibling = await createPatient(prisma, practice);
      const siblingEpisode = await recordEpisode(prisma, practice, sibling.id, SUPPORT_DEFICIT);
      const stranger = await createPatient(prisma, other);
      const strangerAssessment = await recordAssessment(prisma, other, stranger.id);
      const response = await http()
        .post(`/api/patients/${patient.id}/plans`)
        .set('cookie', clinician)
        .send(planBody({ episodeId: siblingEpisode.id, assessmentId: strangerAssessment.id }))
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual([
        { field: 'episodeId', message: 'is not an episode of this patient' },
        { field: 'assessmentId', message: 'is not an assessment of this patient' },
      ]);
      const withdrawn = await recordEpisode(prisma, practice, patient.id, SUPPORT_DEFICIT, { status: 'entered_in_error' });
      const again = await http()
        .post(`/api/patients/${patient.id}/plans`)
        .set('cookie', clinician)
        .send(planBody({ episodeId: withdrawn.id }))
        .expect(400);
      expect(again.body.errors).toEqual([{ field: 'episodeId', message: 'was marked entered in error' }]);
      expect(await prisma.plan.count({ where: { practiceId: practice.id, patientId: patient.id } })).toBe(0);
    });

    it('lists every bad field of the body', async () => {
      const patient = await createPatient(prisma, practice);
      const body = {
        title: '',
        startDate: '2026-02-30',
        episodeId: 'nope',
        status: 'active',
        patientId: randomUUID(),
        phases: [
          {
            key: 'Activate Phase',
            title: 'Activate',
            startWeek: 3,
            endWeek: 3,
            goals: [],
            exercises: [{ exerciseCode: 'curl_up', sets: 0, reps: 101, holdSeconds: 601, perSide: 'yes', timesPerWeek: 15, side: 'up', colour: 'red' }],
          },
          { key: 'empty', title: 'Empty', startWeek: 0, endWeek: 1, goals: [], exercises: [] },
        ],
      };
      const response = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(body).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      const fields = new Set(response.body.errors.map((e: { field: string }) => e.field));
      expect([...fields].sort()).toEqual(
        [
          'title',
          'startDate',
          'episodeId',
          'status',
          'patientId',
          'phases[0].key',
          'phases[0].endWeek',
          'phases[0].exercises[0].sets',
          'phases[0].exercises[0].reps',
          'phases[0].exercises[0].holdSeconds',
          'phases[0].exercises[0].perSide',
          'phases[0].exercises[0].timesPerWeek',
          'phases[0].exercises[0].side',
          'phases[0].exercises[0].colour',
          'phases[1].exercises',
        ].sort(),
      );
      expect(response.body.errors).toContainEqual({ field: 'phases[0].endWeek', message: 'must be greater than startWeek' });
    });

    it('refuses no phases, more than 6 phases, more than 20 exercises and repeated phase keys', async () => {
      const patient = await createPatient(prisma, practice);
      const post = (body: unknown) =>
        http()
          .post(`/api/patients/${patient.id}/plans`)
          .set('cookie', clinician)
          .send(body as object)
          .expect(400);
      const phase = planBody().phases[1];
      expect((await post(planBody({ phases: [] }))).body.errors).toEqual([expect.objectContaining({ field: 'phases' })]);
      expect((await post(planBody({ phases: Array.from({ length: 7 }, (_, i) => ({ ...phase, key: `p${i}` })) }))).body.errors).toEqual([
        expect.objectContaining({ field: 'phases' }),
      ]);
      expect((await post(planBody({ phases: [{ ...phase, exercises: Array.from({ length: 21 }, () => exercise('curl_up')) }] }))).body.errors).toEqual([
        expect.objectContaining({ field: 'phases[0].exercises' }),
      ]);
      expect((await post(planBody({ phases: [phase, phase] }))).body.errors).toEqual([{ field: 'phases[1].key', message: 'is already used by another phase' }]);
    });

    it.each([
      ['phases', 'x'],
      ['phases', [null]],
      ['phases', [1]],
      ['phases', [[]]],
      ['phases', null],
      ['title', null],
      ['notes', 'one note'],
      ['notes', [1]],
    ])('answers malformed %s (%p) with a 400 naming it, never a 500', async (field, value) => {
      const patient = await createPatient(prisma, practice);
      const response = await http()
        .post(`/api/patients/${patient.id}/plans`)
        .set('cookie', clinician)
        .send(planBody({ [field]: value }))
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors.map((e: { field: string }) => e.field.replace(/\[.*$/, ''))).toContain(field);
    });

    it('answers malformed nested exercises with a 400, never a 500', async () => {
      const patient = await createPatient(prisma, practice);
      for (const exercises of [[null], 'curl_up', [[]]]) {
        const body = planBody();
        (body.phases[0] as { exercises: unknown }).exercises = exercises;
        const response = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(body).expect(400);
        expect(response.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain('phases[0].exercises');
      }
      const asArray = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send([planBody()]).expect(400);
      expectProblem(asArray.body, 400, asArray.body.code);
    });

    it('answers 404 for another practice’s patient or an unknown one, 403 for reception, 401 without a session', async () => {
      const stranger = await createPatient(prisma, other);
      expectProblem((await http().post(`/api/patients/${stranger.id}/plans`).set('cookie', clinician).send(planBody()).expect(404)).body, 404, 'not_found');
      expectProblem((await http().post(`/api/patients/${randomUUID()}/plans`).set('cookie', clinician).send(planBody()).expect(404)).body, 404, 'not_found');
      const patient = await createPatient(prisma, practice);
      expectProblem((await http().post(`/api/patients/${patient.id}/plans`).set('cookie', reception).send(planBody()).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().post(`/api/patients/${patient.id}/plans`).send(planBody()).expect(401)).body, 401, 'unauthenticated');
      expect(await prisma.plan.count({ where: { patientId: { in: [stranger.id, patient.id] } } })).toBe(0);
    });
  });

  describe('GET /api/patients/:id/plans', () => {
    it('lists the patient’s plans newest first with their current version summary, in keyset pages, and audits the read', async () => {
      const patient = await createPatient(prisma, practice);
      const ids: string[] = [];
      for (const title of ['First', 'Second', 'Third']) {
        const response = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(planBody({ title })).expect(201);
        ids.push(response.body.id);
      }
      const rid = requestId();
      const page1 = await http().get(`/api/patients/${patient.id}/plans?limit=2`).set('cookie', clinician).set('x-request-id', rid).expect(200);
      expect(page1.headers['cache-control']).toBe('no-store');
      expect(page1.body.items.map((p: { current: { title: string } }) => p.current.title)).toEqual(['Third', 'Second']);
      expect(page1.body.items[0]).toMatchObject({
        id: ids[2],
        status: 'draft',
        version: 1,
        current: { number: 1, startDate: '2026-03-02', reviewDates: ['2026-03-23', '2026-04-27'] },
      });
      expect(page1.body.items[0].current.phases).toBeUndefined();
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await http().get(`/api/patients/${patient.id}/plans?limit=2&cursor=${page1.body.nextCursor}`).set('cookie', clinician).expect(200);
      expect(page2.body.items.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
      expect(page2.body.nextCursor).toBeNull();
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'plan', resourceId: null, patientId: patient.id })]);
    });

    it('shows only this patient’s plans and refuses bad paging, other practices, reception and anonymous callers', async () => {
      const patient = await createPatient(prisma, practice);
      await draftPlan();
      const empty = await http().get(`/api/patients/${patient.id}/plans`).set('cookie', clinician).expect(200);
      expect(empty.body).toEqual({ items: [], nextCursor: null });
      const bad = await http().get(`/api/patients/${patient.id}/plans?limit=0&cursor=zzz`).set('cookie', clinician).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
      expect((await http().get(`/api/patients/${patient.id}/plans?cursor=zzz`).set('cookie', clinician).expect(400)).body.errors[0].field).toBe('cursor');
      expectProblem((await http().get(`/api/patients/${patient.id}/plans`).set('cookie', otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/patients/${randomUUID()}/plans`).set('cookie', clinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/patients/${patient.id}/plans`).set('cookie', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/patients/${patient.id}/plans`).expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('GET /api/plans/:planId', () => {
    it('answers the plan with its current version and its ETag, and audits the read', async () => {
      const { plan, patient } = await draftPlan();
      const rid = requestId();
      const response = await http().get(`/api/plans/${plan.id}`).set('cookie', admin).set('x-request-id', rid).expect(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({
        id: plan.id,
        patientId: patient.id,
        status: 'draft',
        current: { number: 1, title: 'Back support plan', phases: planBody().phases },
      });
      expect(await auditRows(rid)).toEqual([
        expect.objectContaining({ action: 'read', resourceType: 'plan', resourceId: plan.id, patientId: patient.id, actorId: practice.users.admin.id }),
      ]);
    });

    it('answers 404 for another practice’s plan, an unknown or malformed id; 403 for reception; 401 without a session', async () => {
      const { plan } = await draftPlan();
      for (const [path, cookie] of [
        [`/api/plans/${plan.id}`, otherClinician],
        [`/api/plans/${randomUUID()}`, clinician],
        ['/api/plans/123', clinician],
      ]) {
        expectProblem((await http().get(path).set('cookie', cookie).expect(404)).body, 404, 'not_found');
      }
      expectProblem((await http().get(`/api/plans/${plan.id}`).set('cookie', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/plans/${plan.id}`).expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('PATCH /api/plans/:planId', () => {
    const patch = (planId: string, ifMatch: string | undefined, body: unknown, cookie = clinician) => {
      const r = http().patch(`/api/plans/${planId}`).set('cookie', cookie);
      return (ifMatch === undefined ? r : r.set('if-match', ifMatch)).send(body as object);
    };

    it('edits a draft in place: same version number, new concurrency version, audited', async () => {
      const { plan, patient } = await draftPlan();
      const rid = requestId();
      const response = await patch(plan.id, '"1"', { title: 'Renamed draft', startDate: '2026-03-09' }).set('x-request-id', rid).expect(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({
        status: 'draft',
        currentVersion: 1,
        version: 2,
        current: { number: 1, title: 'Renamed draft', startDate: '2026-03-09' },
      });
      // review dates follow the new start date (7 days, 3 and 8 weeks)
      expect(response.body.current.reviewDates).toEqual(['2026-03-16', '2026-03-30', '2026-05-04']);
      expect(await prisma.planVersion.count({ where: { practiceId: practice.id, planId: plan.id } })).toBe(1);
      const versions = await http().get(`/api/plans/${plan.id}/versions`).set('cookie', clinician).expect(200);
      expect(versions.body.items.map((v: { number: number; title: string }) => [v.number, v.title])).toEqual([[1, 'Renamed draft']]);
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'update', resourceType: 'plan', resourceId: plan.id, patientId: patient.id })]);
    });

    it('gives an active plan a new version and keeps the earlier one readable', async () => {
      const { plan } = await activePlan();
      expect(plan.version).toBe(2);
      const phases = planBody().phases;
      phases[0].exercises[0] = exercise('curl_up', { reps: 7 });
      const response = await patch(plan.id, '"2"', { phases, changeNote: 'Curl-up progressed to 7/5/3.' }).expect(200);
      expect(response.headers.etag).toBe('"3"');
      expect(response.body).toMatchObject({
        status: 'active',
        currentVersion: 2,
        version: 3,
        current: { number: 2, title: 'Back support plan', changeNote: 'Curl-up progressed to 7/5/3.', createdBy: practice.users.clinician.id },
      });
      expect(response.body.current.phases[0].exercises[0].reps).toBe(7);

      const v1 = await http().get(`/api/plans/${plan.id}/versions/1`).set('cookie', clinician).expect(200);
      expect(v1.headers['cache-control']).toBe('no-store');
      expect(v1.body).toMatchObject({ number: 1, changeNote: null, phases: planBody().phases });
      expect(v1.body.phases[0].exercises[0].reps).toBe(5);
      const v2 = await http().get(`/api/plans/${plan.id}/versions/2`).set('cookie', clinician).expect(200);
      expect(v2.body.phases[0].exercises[0].reps).toBe(7);

      const list = await http().get(`/api/plans/${plan.id}/versions`).set('cookie', clinician).expect(200);
      expect(list.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
      expect(list.body.items[0].phases).toBeUndefined();
      expect(list.body.nextCursor).toBeNull();
      const paged = await http().get(`/api/plans/${plan.id}/versions?limit=1`).set('cookie', clinician).expect(200);
      expect(paged.body.items.map((v: { number: number }) => v.number)).toEqual([2]);
      const rest = await http().get(`/api/plans/${plan.id}/versions?limit=1&cursor=${paged.body.nextCursor}`).set('cookie', clinician).expect(200);
      expect(rest.body).toEqual({ items: [expect.objectContaining({ number: 1 })], nextCursor: null });
    });

    it('lets exactly one of two concurrent edits with the same If-Match through (no lost update)', async () => {
      for (const make of [draftPlan, activePlan]) {
        const { plan } = await make();
        const etag = `"${plan.version}"`;
        const [a, b] = await Promise.all([patch(plan.id, etag, { title: 'Edit A' }), patch(plan.id, etag, { title: 'Edit B' })]);
        expect([a.status, b.status].sort()).toEqual([200, 412]);
        const loser = a.status === 412 ? a : b;
        expectProblem(loser.body, 412, 'version_stale');
        expect(loser.headers.etag).toBe(`"${plan.version + 1}"`);
        const winner = a.status === 200 ? 'Edit A' : 'Edit B';
        const stored = await http().get(`/api/plans/${plan.id}`).set('cookie', clinician).expect(200);
        expect(stored.body.version).toBe(plan.version + 1);
        expect(stored.body.current.title).toBe(winner);
        const versions = await prisma.planVersion.findMany({ where: { practiceId: practice.id, planId: plan.id }, orderBy: { number: 'asc' } });
        expect(versions.map((v) => v.title)).toEqual(plan.status === 'active' ? ['Back support plan', winner] : [winner]);
      }
    });

    it('needs If-Match (428), a well-formed one (400) and the current one (412)', async () => {
      const { plan } = await draftPlan();
      expectProblem((await patch(plan.id, undefined, { title: 'X' }).expect(428)).body, 428, 'version_required');
      const malformed = await patch(plan.id, 'abc', { title: 'X' }).expect(400);
      expect(malformed.body.errors).toEqual([{ field: 'If-Match', message: 'must be an ETag such as "3"' }]);
      const stale = await patch(plan.id, '"7"', { title: 'X' }).expect(412);
      expectProblem(stale.body, 412, 'version_stale');
      expect(stale.headers.etag).toBe('"1"');
      const stored = await prisma.planVersion.findMany({ where: { practiceId: practice.id, planId: plan.id } });
      expect(stored.map((v) => v.title)).toEqual(['Back support plan']);
    });

    it('refuses changes to a completed plan with 409 conflict', async () => {
      const { plan } = await activePlan();
      await prisma.plan.update({ where: { practiceId_id: { practiceId: practice.id, id: plan.id } }, data: { status: 'completed' } });
      expectProblem((await patch(plan.id, `"${plan.version}"`, { title: 'Too late' }).expect(409)).body, 409, 'conflict');
    });

    it('lists bad fields, unknown exercise codes and an empty change', async () => {
      const { plan } = await draftPlan();
      const bad = await patch(plan.id, '"1"', { title: '', changeNote: '', version: 5 }).expect(400);
      expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['changeNote', 'title', 'version']);
      const phases = planBody().phases;
      phases[1].exercises[0] = exercise('moonwalk');
      const unknown = await patch(plan.id, '"1"', { phases }).expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'phases[1].exercises[0].exerciseCode', message: 'is not an exercise in your library' }]);
      const empty = await patch(plan.id, '"1"', { changeNote: 'nothing else' }).expect(400);
      expectProblem(empty.body, 400, 'validation_failed');
      expect((await prisma.plan.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: plan.id } } })).version).toBe(1);
    });

    it('answers 404 for another practice’s or an unknown plan, 403 for reception, 401 without a session', async () => {
      const { plan } = await draftPlan();
      expectProblem((await patch(plan.id, '"1"', { title: 'X' }, otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await patch(randomUUID(), '"1"', { title: 'X' }).expect(404)).body, 404, 'not_found');
      expectProblem((await patch(plan.id, '"1"', { title: 'X' }, reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().patch(`/api/plans/${plan.id}`).set('if-match', '"1"').send({ title: 'X' }).expect(401)).body, 401, 'unauthenticated');
      const stored = await prisma.planVersion.findFirstOrThrow({ where: { practiceId: practice.id, planId: plan.id } });
      expect(stored.title).toBe('Back support plan');
    });
  });

  describe('GET /api/plans/:planId/versions[/:number]', () => {
    it('audits version reads and answers 404 for a version that does not exist', async () => {
      const { plan, patient } = await draftPlan();
      const rid = requestId();
      await http().get(`/api/plans/${plan.id}/versions/1`).set('cookie', clinician).set('x-request-id', rid).expect(200);
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'plan', resourceId: plan.id, patientId: patient.id })]);
      const rid2 = requestId();
      await http().get(`/api/plans/${plan.id}/versions`).set('cookie', clinician).set('x-request-id', rid2).expect(200);
      expect(await auditRows(rid2)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'plan', resourceId: plan.id, patientId: patient.id })]);
      for (const n of ['2', '0', 'abc', '99999999999']) {
        expectProblem((await http().get(`/api/plans/${plan.id}/versions/${n}`).set('cookie', clinician).expect(404)).body, 404, 'not_found');
      }
      expectProblem((await http().get(`/api/plans/${plan.id}/versions/1`).set('cookie', otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/plans/${plan.id}/versions`).set('cookie', otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/plans/${plan.id}/versions`).set('cookie', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/plans/${plan.id}/versions/1`).expect(401)).body, 401, 'unauthenticated');
      expect((await http().get(`/api/plans/${plan.id}/versions?cursor=bad`).set('cookie', clinician).expect(400)).body.errors[0].field).toBe('cursor');
    });
  });

  describe('POST /api/plans/:planId/activate', () => {
    const activate = (planId: string, body?: object, cookie = clinician) => {
      const r = http().post(`/api/plans/${planId}/activate`).set('cookie', cookie);
      return body ? r.send(body) : r;
    };

    it('activates a draft, completes the patient’s previous active plan in the same step, and audits it', async () => {
      const { plan: first, patient } = await activePlan();
      const second = (
        await http()
          .post(`/api/patients/${patient.id}/plans`)
          .set('cookie', clinician)
          .send(planBody({ title: 'Second plan' }))
          .expect(201)
      ).body;
      const rid = requestId();
      const before = Date.now();
      const response = await activate(second.id).set('x-request-id', rid).expect(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({ id: second.id, status: 'active', version: 2, activatedBy: practice.users.clinician.id, overrideReason: null });
      expect(new Date(response.body.activatedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      const previous = await http().get(`/api/plans/${first.id}`).set('cookie', clinician).expect(200);
      expect(previous.body).toMatchObject({ status: 'completed', version: first.version + 1 });
      expect(await prisma.plan.count({ where: { practiceId: practice.id, patientId: patient.id, status: 'active' } })).toBe(1);
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'update', resourceType: 'plan', resourceId: second.id, patientId: patient.id })]);
    });

    it('keeps one active plan per patient when two drafts are activated at once', async () => {
      const { patient } = await draftPlan();
      const drafts = await Promise.all(
        ['A', 'B', 'C'].map(
          async (t) =>
            (
              await http()
                .post(`/api/patients/${patient.id}/plans`)
                .set('cookie', clinician)
                .send(planBody({ title: t }))
                .expect(201)
            ).body.id as string,
        ),
      );
      const answers = await Promise.all(drafts.map((id) => activate(id)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(await prisma.plan.count({ where: { practiceId: practice.id, patientId: patient.id, status: 'active' } })).toBe(1);
    });

    it('refuses a plan that is not a draft with 409 conflict', async () => {
      const { plan } = await activePlan();
      expectProblem((await activate(plan.id).expect(409)).body, 409, 'conflict');
    });

    it('is blocked while the latest episode is a referral, unless a reason is given (stored)', async () => {
      const { plan, patient } = await draftPlan();
      await recordEpisode(prisma, practice, patient.id, REFERRAL);
      const blocked = await activate(plan.id).expect(409);
      expectProblem(blocked.body, 409, 'red_flag_open');
      const short = await activate(plan.id, { overrideReason: 'GP ok' }).expect(400);
      expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['overrideReason']);
      expect((await prisma.plan.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: plan.id } } })).status).toBe('draft');

      const reason = 'GP reviewed today: no serious pathology, cleared for exercise.';
      const rid = requestId();
      const response = await activate(plan.id, { overrideReason: reason }).set('x-request-id', rid).expect(200);
      expect(response.body).toMatchObject({ status: 'active', overrideReason: reason, activatedBy: practice.users.clinician.id });
      expect((await prisma.plan.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: plan.id } } })).overrideReason).toBe(reason);
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'update', resourceType: 'plan', resourceId: plan.id, patientId: patient.id })]);
    });

    it('looks only at the latest episode: an older referral does not block', async () => {
      const patient = await createPatient(prisma, practice);
      await recordEpisode(prisma, practice, patient.id, REFERRAL, { createdAt: new Date(Date.now() - 86_400_000) });
      await recordEpisode(prisma, practice, patient.id, OVERLOAD);
      await recordEpisode(prisma, practice, patient.id, REFERRAL, { status: 'entered_in_error' });
      const plan = (await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(planBody()).expect(201)).body;
      expect((await activate(plan.id).expect(200)).body.status).toBe('active');
    });

    it('answers 404 for another practice’s or an unknown plan, 403 for reception, 401 without a session', async () => {
      const { plan } = await draftPlan();
      expectProblem((await activate(plan.id, undefined, otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await activate(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await activate(plan.id, undefined, reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().post(`/api/plans/${plan.id}/activate`).expect(401)).body, 401, 'unauthenticated');
      expect((await activate(plan.id, { overrideReason: 'x'.repeat(20), extra: true }).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(
        ['extra'],
      );
      expect((await prisma.plan.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: plan.id } } })).status).toBe('draft');
    });
  });

  it('documents the plan routes in the OpenAPI document', async () => {
    const response = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/patients/{id}/plan-suggestion',
        '/api/patients/{id}/plans',
        '/api/plans/{planId}',
        '/api/plans/{planId}/versions',
        '/api/plans/{planId}/versions/{number}',
        '/api/plans/{planId}/activate',
        '/api/plans/{planId}/share',
        '/api/exercises',
      ]),
    );
  });
});
