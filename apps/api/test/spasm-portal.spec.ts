import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays } from '@upright/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { todayIso } from '../src/common/dates.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertEpisode } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const TODAY = todayIso();
const requestId = () => `spasm-portal-${randomBytes(6).toString('hex')}`;
const randomIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;
const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))].sort();

/** Started 20 days ago, three phases; the last is "maintain" (what a discharge keeps). */
const planBody = {
  title: 'Back support plan',
  startDate: addDays(TODAY, -20),
  phases: [
    {
      key: 'activate',
      title: 'Activate',
      startWeek: 0,
      endWeek: 4,
      goals: ['Learn each exercise in its easier version.'],
      exercises: [
        { exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 },
        { exerciseCode: 'bird_dog', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7 },
      ],
    },
    {
      key: 'maintain',
      title: 'Maintain',
      startWeek: 4,
      endWeek: 52,
      goals: ['Keep it going.'],
      exercises: [{ exerciseCode: 'side_bridge', sets: 2, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 3 }],
    },
  ],
  notes: [],
};

describe('the spasm cycle on the patient page (portal routes 11-14)', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const auditOf = (rid: string) => prisma.auditEvent.findMany({ where: { requestId: rid }, orderBy: { at: 'asc' } });
  const planWhere = (id: string) => ({ practiceId_id: { practiceId: practice.id, id } });

  /** A patient with an active plan shared through a link, and an open portal session. */
  async function session() {
    const row = await createPatient(prisma, practice, { firstName: 'Ines', dateOfBirth: '1979-04-12' });
    const created = await http().post(`/api/patients/${row.id}/plans`).set('cookie', clinician).send(planBody).expect(201);
    await http().post(`/api/plans/${created.body.id}/activate`).set('cookie', clinician).expect(200);
    const shared = await http().post(`/api/plans/${created.body.id}/share`).set('cookie', clinician).expect(200);
    const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(shared.body.url)![1];
    const opened = await http().post('/api/portal/session').set('x-forwarded-for', randomIp()).send({ token, birthYear: 1979 }).expect(200);
    const cookie = ([] as string[])
      .concat(opened.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('upright_portal='))!
      .split(';')[0];
    return { patientId: row.id, planId: created.body.id as string, token, cookie };
  }

  const log = (cookie: string, date: string, pain = 2) =>
    http()
      .post('/api/portal/logs')
      .set('cookie', cookie)
      .send({ date, completedExercises: ['walking'], pain, difficulty: 3 })
      .expect(201);
  const settle = (cookie: string, logId: string, body: unknown) =>
    http()
      .post(`/api/portal/logs/${logId}/settled`)
      .set('cookie', cookie)
      .send(body as object);
  const plan = (cookie: string) => http().get('/api/portal/plan').set('cookie', cookie).expect(200);

  /**
   * Completes the plan as the discharge route does (status, day, reason, who, the snapshot with the maintenance
   * programme) and writes its three follow-ups: the 3-month one due `dueDaysAgo` days ago.
   */
  async function discharge(planId: string, patientId: string, completedOn: string, dueDaysAgo = 1) {
    await prisma.plan.update({
      where: planWhere(planId),
      data: {
        status: 'completed',
        completedOn: new Date(`${completedOn}T00:00:00Z`),
        dischargeReason: 'Goals met',
        dischargedBy: practice.users.clinician.id,
        reachedMeaningfulChange: true,
        discharge: {
          maintenance: { phase: planBody.phases[1], text: 'Keep the exercises going for 12 months.', patientText: 'Keep going for a year.' },
        },
      },
    });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await prisma.dischargeFollowUp.createMany({
      data: [3, 6, 12].map((months, i) => ({
        id: ids[i],
        practiceId: practice.id,
        patientId,
        planId,
        months,
        dueOn: new Date(`${addDays(TODAY, -dueDaysAgo + (months - 3) * 30)}T00:00:00Z`),
      })),
    });
    return ids;
  }

  describe('POST /api/portal/logs/:logId/settled', () => {
    it('stores the next-morning answer for a session of an earlier day, lets the patient correct it, and audits it as the patient', async () => {
      const a = await session();
      const yesterday = (await log(a.cookie, addDays(TODAY, -1))).body.log.id as string;

      const rid = requestId();
      const first = await settle(a.cookie, yesterday, { settledByNextMorning: true }).set('x-request-id', rid).expect(200);
      expect(first.body).toEqual({ id: yesterday, settledByNextMorning: true });
      const stored = await prisma.patientLog.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: yesterday } } });
      expect(stored.settledByNextMorning).toBe(true);
      expect(stored.settledAnsweredAt).toBeInstanceOf(Date);
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({
          action: 'update',
          resourceType: 'patient_log',
          resourceId: yesterday,
          patientId: a.patientId,
          actorType: 'patient',
          actorId: a.patientId,
        }),
      ]);

      // A mistaken tap is corrected by answering again.
      expect((await settle(a.cookie, yesterday, { settledByNextMorning: false }).expect(200)).body).toEqual({ id: yesterday, settledByNextMorning: false });
      const corrected = await prisma.patientLog.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: yesterday } } });
      expect(corrected.settledByNextMorning).toBe(false);
    });

    it('answers 422 too_soon on the field for a session logged today, and stores nothing', async () => {
      const a = await session();
      const today = (await log(a.cookie, TODAY)).body.log.id as string;
      const response = await settle(a.cookie, today, { settledByNextMorning: true }).expect(422);
      expectProblem(response.body, 422, 'too_soon');
      expect(fields(response.body)).toEqual(['settledByNextMorning']);
      const stored = await prisma.patientLog.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: today } } });
      expect(stored.settledByNextMorning).toBeNull();
    });

    it('answers 404 for another patient’s log (and an unknown id), changing nothing', async () => {
      const a = await session();
      const b = await session();
      const theirs = (await log(b.cookie, addDays(TODAY, -2))).body.log.id as string;
      expectProblem((await settle(a.cookie, theirs, { settledByNextMorning: true }).expect(404)).body, 404, 'not_found');
      expectProblem((await settle(a.cookie, randomUUID(), { settledByNextMorning: true }).expect(404)).body, 404, 'not_found');
      const stored = await prisma.patientLog.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: theirs } } });
      expect(stored.settledByNextMorning).toBeNull();
    });

    it('refuses bad bodies naming the field (400)', async () => {
      const a = await session();
      const id = (await log(a.cookie, addDays(TODAY, -1))).body.log.id as string;
      const cases: [unknown, string[]][] = [
        [{}, ['settledByNextMorning']],
        [{ settledByNextMorning: 'yes' }, ['settledByNextMorning']],
        [{ settledByNextMorning: null }, ['settledByNextMorning']],
        [{ settledByNextMorning: true, logId: id }, ['logId']],
      ];
      for (const [body, expected] of cases) {
        const response = await settle(a.cookie, id, body).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(fields(response.body)).toEqual(expected);
      }
    });
  });

  describe('GET /api/portal/plan: the cycle and the ease-off message', () => {
    it('tells the cycle since the plan began (too early at 20 days, no spasm since) and no ease-off while the diary is calm', async () => {
      const a = await session();
      await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -30) });
      await log(a.cookie, addDays(TODAY, -1), 2);
      const body = (await plan(a.cookie)).body;
      expect(body.cycle).toEqual({ cycle: 'too_early', daysFree: 20, patientText: expect.stringMatching(/20 days/) });
      expect(body.easeOff).toBeNull();
    });

    it('asks the patient to ease off when the advice is to regress (pain above 5 this week), in the domain’s words', async () => {
      const a = await session();
      await log(a.cookie, addDays(TODAY, -2), 6);
      const body = (await plan(a.cookie)).body;
      expect(body.easeOff).toEqual({ patientText: expect.stringMatching(/^Please ease off your exercises/) });
      // A spasm after the plan began: recurred.
      await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -5) });
      expect((await plan(a.cookie)).body.cycle).toMatchObject({ cycle: 'recurred', daysFree: 5 });
    });
  });

  describe('GET /api/portal/plan: the questions', () => {
    it('asks about the most recent unanswered session of the last three days (not today’s), then the next one once answered', async () => {
      const a = await session();
      await log(a.cookie, addDays(TODAY, -5));
      const threeDays = (await log(a.cookie, addDays(TODAY, -3))).body.log.id as string;
      const twoDays = (await log(a.cookie, addDays(TODAY, -2))).body.log.id as string;
      await log(a.cookie, TODAY);

      expect((await plan(a.cookie)).body.settleQuestion).toEqual({ logId: twoDays, date: addDays(TODAY, -2) });
      await settle(a.cookie, twoDays, { settledByNextMorning: true }).expect(200);
      expect((await plan(a.cookie)).body.settleQuestion).toEqual({ logId: threeDays, date: addDays(TODAY, -3) });
      await settle(a.cookie, threeDays, { settledByNextMorning: false }).expect(200);
      expect((await plan(a.cookie)).body.settleQuestion).toBeNull();
    });

    it('asks "has your spasm settled?" about the latest open episode of an active plan; nothing about discharge yet', async () => {
      const a = await session();
      const older = await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -60) });
      const latest = await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -25) });
      const body = (await plan(a.cookie)).body;
      expect(body.episodeQuestion).toEqual({ episodeId: latest.id, onsetDate: addDays(TODAY, -25) });
      expect(body.discharged).toBeNull();
      expect(body.followUp).toBeNull();
      expect(older.id).not.toBe(latest.id);

      await http()
        .post(`/api/portal/episodes/${latest.id}/resolved`)
        .set('cookie', a.cookie)
        .send({ resolvedOn: addDays(TODAY, -18) })
        .expect(200);
      expect((await plan(a.cookie)).body.episodeQuestion).toBeNull();
    });
  });

  describe('POST /api/portal/episodes/:episodeId/resolved', () => {
    it('records the day as the patient’s answer (resolved_by_type patient), moves the episode’s version on, and audits it', async () => {
      const a = await session();
      const episode = await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -12) });
      const rid = requestId();
      const response = await http()
        .post(`/api/portal/episodes/${episode.id}/resolved`)
        .set('cookie', a.cookie)
        .set('x-request-id', rid)
        .send({ resolvedOn: addDays(TODAY, -4) })
        .expect(200);
      expect(response.body).toEqual({ id: episode.id, onsetDate: addDays(TODAY, -12), resolvedOn: addDays(TODAY, -4), resolvedByType: 'patient' });
      const stored = await prisma.episode.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: episode.id } } });
      expect(stored).toMatchObject({ resolvedByType: 'patient', resolvedBy: a.patientId, version: episode.version + 1 });
      expect(stored.resolvedOn!.toISOString().slice(0, 10)).toBe(addDays(TODAY, -4));
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({
          action: 'update',
          resourceType: 'episode',
          resourceId: episode.id,
          patientId: a.patientId,
          actorType: 'patient',
          actorId: a.patientId,
        }),
      ]);

      // A correction: another day (the onset itself is allowed).
      await http()
        .post(`/api/portal/episodes/${episode.id}/resolved`)
        .set('cookie', a.cookie)
        .send({ resolvedOn: addDays(TODAY, -12) })
        .expect(200);
      const corrected = await prisma.episode.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: episode.id } } });
      expect(corrected.resolvedOn!.toISOString().slice(0, 10)).toBe(addDays(TODAY, -12));
    });

    it('refuses a day before the onset or in the future (400 on resolvedOn), another patient’s episode (404) and one entered in error (409)', async () => {
      const a = await session();
      const b = await session();
      const episode = await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -12) });
      const resolve = (cookie: string, id: string, body: unknown) =>
        http()
          .post(`/api/portal/episodes/${id}/resolved`)
          .set('cookie', cookie)
          .send(body as object);
      for (const body of [{ resolvedOn: addDays(TODAY, -13) }, { resolvedOn: addDays(TODAY, 1) }, { resolvedOn: '2026-02-30' }, {}]) {
        const response = await resolve(a.cookie, episode.id, body).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(fields(response.body)).toEqual(['resolvedOn']);
      }
      expectProblem((await resolve(b.cookie, episode.id, { resolvedOn: TODAY }).expect(404)).body, 404, 'not_found');

      const wrong = await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -8) });
      await prisma.episode.update({
        where: { practiceId_id: { practiceId: practice.id, id: wrong.id } },
        data: { status: 'entered_in_error', statusReason: 'Wrong patient' },
      });
      expectProblem((await resolve(a.cookie, wrong.id, { resolvedOn: TODAY }).expect(409)).body, 409, 'episode_entered_in_error');
      const untouched = await prisma.episode.findMany({ where: { practiceId: practice.id, patientId: a.patientId } });
      expect(untouched.map((e) => e.resolvedOn)).toEqual([null, null]);
    });
  });

  describe('after discharge: a completed plan still opens, with the maintenance programme and the follow-ups', () => {
    it('opens the completed plan (a new session too) and shows the discharge, the maintenance phase and the follow-up come due', async () => {
      const a = await session();
      const [threeMonths] = await discharge(a.planId, a.patientId, addDays(TODAY, -92));
      const body = (await plan(a.cookie)).body;
      expect(body.discharged).toMatchObject({
        completedOn: addDays(TODAY, -92),
        maintenance: { text: 'Keep the exercises going for 12 months.', patientText: 'Keep going for a year.', phase: { key: 'maintain', current: true } },
      });
      expect(body.discharged.maintenance.phase.exercises.map((e: { exerciseCode: string; name: string }) => [e.exerciseCode, e.name])).toEqual([
        ['side_bridge', 'Side bridge'],
      ]);
      expect(body.followUp).toEqual({ id: threeMonths, months: 3, dueOn: addDays(TODAY, -1) });
      // No "has your spasm settled?" once discharged.
      expect(body.episodeQuestion).toBeNull();
      // The link still opens a new session.
      await http().post('/api/portal/session').set('x-forwarded-for', randomIp()).send({ token: a.token, birthYear: 1979 }).expect(200);
    });

    it('takes a "no" once: a second answer is 409 already_answered and the first stays; audited', async () => {
      const a = await session();
      const [threeMonths] = await discharge(a.planId, a.patientId, addDays(TODAY, -92));
      const rid = requestId();
      const response = await http()
        .post(`/api/portal/follow-ups/${threeMonths}`)
        .set('cookie', a.cookie)
        .set('x-request-id', rid)
        .send({ spasmSince: false })
        .expect(200);
      expect(response.body).toMatchObject({ id: threeMonths, months: 3, spasmSince: false, spasmOn: null });
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({
          action: 'update',
          resourceType: 'discharge_follow_up',
          resourceId: threeMonths,
          patientId: a.patientId,
          actorType: 'patient',
          actorId: a.patientId,
        }),
      ]);
      const again = await http().post(`/api/portal/follow-ups/${threeMonths}`).set('cookie', a.cookie).send({ spasmSince: true, spasmOn: TODAY }).expect(409);
      expectProblem(again.body, 409, 'already_answered');
      const stored = await prisma.dischargeFollowUp.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: threeMonths } } });
      expect(stored).toMatchObject({ spasmSince: false, spasmOn: null });
      expect((await plan(a.cookie)).body.followUp).toBeNull();
    });

    it('needs spasmOn with a yes (422 on the field), after the discharge and not in the future; then stores it', async () => {
      const a = await session();
      const completedOn = addDays(TODAY, -92);
      const [threeMonths] = await discharge(a.planId, a.patientId, completedOn);
      const answer = (body: unknown) =>
        http()
          .post(`/api/portal/follow-ups/${threeMonths}`)
          .set('cookie', a.cookie)
          .send(body as object);
      for (const body of [
        { spasmSince: true },
        { spasmSince: false, spasmOn: addDays(TODAY, -3) },
        { spasmSince: true, spasmOn: completedOn },
        { spasmSince: true, spasmOn: addDays(TODAY, 1) },
      ]) {
        const response = await answer(body).expect(422);
        expectProblem(response.body, 422, 'unprocessable');
        expect(fields(response.body)).toEqual(['spasmOn']);
      }
      for (const [body, expected] of [
        [{}, ['spasmSince']],
        [{ spasmSince: 'yes' }, ['spasmSince']],
        [{ spasmSince: true, spasmOn: '14/02/2027' }, ['spasmOn']],
        [{ spasmSince: true, spasmOn: TODAY, episodeId: randomUUID() }, ['episodeId']],
      ] as [unknown, string[]][]) {
        const response = await answer(body).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(fields(response.body)).toEqual(expected);
      }
      expect(
        (await prisma.dischargeFollowUp.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: threeMonths } } })).answeredAt,
      ).toBeNull();

      const yes = await answer({ spasmSince: true, spasmOn: addDays(completedOn, 1) }).expect(200);
      expect(yes.body).toMatchObject({ id: threeMonths, spasmSince: true, spasmOn: addDays(completedOn, 1) });
      const stored = await prisma.dischargeFollowUp.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: threeMonths } } });
      expect(stored.spasmOn!.toISOString().slice(0, 10)).toBe(addDays(completedOn, 1));
      expect(stored.episodeId).toBeNull();
    });

    it('refuses a follow-up not due yet (422 too_soon) and another patient’s (404)', async () => {
      const a = await session();
      const b = await session();
      const [, sixMonths] = await discharge(a.planId, a.patientId, addDays(TODAY, -92));
      expectProblem(
        (await http().post(`/api/portal/follow-ups/${sixMonths}`).set('cookie', a.cookie).send({ spasmSince: false }).expect(422)).body,
        422,
        'too_soon',
      );
      expectProblem(
        (await http().post(`/api/portal/follow-ups/${sixMonths}`).set('cookie', b.cookie).send({ spasmSince: false }).expect(404)).body,
        404,
        'not_found',
      );
      expect(
        (await prisma.dischargeFollowUp.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: sixMonths } } })).answeredAt,
      ).toBeNull();
    });
  });
});
