import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays, progressionAdvice } from '@upright/domain';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { todayIso } from '../src/common/dates.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import type { TodayDto } from '../src/today/dto/today.dto.js';
import { insertDiary, insertEpisode } from './factories/clinical.js';
import { createPatient, createPractice, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const TODAY = todayIso();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Two phases of walking every day: "activate" for weeks 0-5, then "strengthen" (the last). */
const PHASES = [
  {
    key: 'activate',
    title: 'Activate',
    startWeek: 0,
    endWeek: 6,
    goals: [],
    exercises: [{ exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 }],
  },
  {
    key: 'strengthen',
    title: 'Strengthen',
    startWeek: 6,
    endWeek: 12,
    goals: [],
    exercises: [{ exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 }],
  },
];

describe('Today: progression advice and spasms reported at follow-up (issue 19, item 9)', () => {
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
  const getToday = async (cookie = clinician) => (await http().get('/api/today').set('cookie', cookie).expect(200)).body as TodayDto;

  /**
   * A patient on an active plan started `startedDaysAgo` days ago, with a share link, and one log a day for the
   * given days (days ago -> pain, settled answer).
   */
  async function onPlan(name: string, startedDaysAgo: number, diary: { daysAgo: number; pain: number; settled?: boolean | null; alert?: boolean }[]) {
    const patient = await createPatient(prisma, practice, { firstName: name, lastName: 'Cycle' });
    const planId: string = randomUUID();
    await prisma.plan.create({
      data: { id: planId, practiceId: practice.id, patientId: patient.id, status: 'active', activatedAt: new Date(), createdBy: practice.users.clinician.id },
    });
    await prisma.planVersion.create({
      data: {
        practiceId: practice.id,
        planId,
        number: 1,
        title: 'Back plan',
        startDate: new Date(`${addDays(TODAY, -startedDaysAgo)}T00:00:00Z`),
        phases: PHASES as never,
        reviewDates: [],
        notes: [],
        createdBy: practice.users.clinician.id,
      },
    });
    const shareLinkId = await insertDiary(
      prisma,
      practice,
      patient,
      planId,
      diary.map((d) => ({ date: addDays(TODAY, -d.daysAgo), pain: d.pain, settled: d.settled, alert: d.alert ? ['pain_high'] : [] })),
    );
    return { patientId: patient.id, planId, shareLinkId };
  }

  /** Every day of the last four weeks, pain 2, settled by the next morning (today's not answered yet). */
  const goodWeeks = (pain = 2) => Array.from({ length: 28 }, (_, daysAgo) => ({ daysAgo, pain, settled: daysAgo === 0 ? null : true }));

  it('lists plans advised to regress before those ready to progress, leaves out holds, and tells the domain’s reasons and action', async () => {
    const ready = await onPlan('Pia', 28, goodWeeks());
    const sore = await onPlan('Rob', 28, [...goodWeeks().filter((d) => d.daysAgo !== 1), { daysAgo: 1, pain: 7, settled: false }]);
    const early = await onPlan('Hal', 5, goodWeeks().slice(0, 6));

    const body = await getToday();
    const mine = body.progression.filter((p) => [ready.planId, sore.planId, early.planId].includes(p.planId));
    expect(mine.map((p) => [p.patientName, p.advice])).toEqual([
      ['Rob Cycle', 'regress'],
      ['Pia Cycle', 'progress'],
    ]);
    // Pain 7 yesterday, not settled by this morning: regress, and the hold rule's reason listed after it.
    expect(mine[0].reasons.map((r) => r.code)).toEqual(['pain_above_5', 'not_settled']);
    expect(mine[1]).toEqual({
      patientId: ready.patientId,
      patientName: 'Pia Cycle',
      planId: ready.planId,
      advice: 'progress',
      reasons: [{ code: 'ready_to_progress', text: expect.any(String) }],
      actionText: 'Move on to the next phase of the plan.',
    });
    // The same advice the domain gives for those facts (28 days in "activate", every session logged).
    const expected = progressionAdvice({
      phaseKey: 'activate',
      daysInPhase: 28,
      isLastPhase: false,
      adherencePercent: 100,
      logs: goodWeeks().map((d) => ({ date: addDays(TODAY, -d.daysAgo), pain: d.pain, settledByNextMorning: d.settled })),
      openPainAlert: false,
      asOf: TODAY,
    });
    expect(mine[1].reasons).toEqual(expected.reasons);

    // Each equals the plan's own progression (GET /api/plans/:planId/progression): the same facts, the same definitions.
    for (const item of mine) {
      const own = (await http().get(`/api/plans/${item.planId}/progression`).set('cookie', clinician).expect(200)).body as {
        advice: string;
        reasons: unknown[];
        action: { text: string };
      };
      expect([item.advice, item.reasons, item.actionText]).toEqual([own.advice, own.reasons, own.action.text]);
    }
    const held = (await http().get(`/api/plans/${early.planId}/progression`).set('cookie', clinician).expect(200)).body as { advice: string };
    expect(held.advice).toBe('hold');

    // An open pain alert of the plan turns progress into regress.
    await prisma.patientLog.updateMany({
      where: { practiceId: practice.id, planId: ready.planId, date: new Date(`${addDays(TODAY, -10)}T00:00:00Z`) },
      data: { alertReasons: ['pain_high'] },
    });
    const after = (await getToday()).progression.find((p) => p.planId === ready.planId)!;
    expect(after.advice).toBe('regress');
    expect(after.reasons.map((r) => r.code)).toEqual(['pain_alert_open']);
    const ownAfter = (await http().get(`/api/plans/${ready.planId}/progression`).set('cookie', clinician).expect(200)).body as { reasons: unknown[] };
    expect(after.reasons).toEqual(ownAfter.reasons);

    // Reception sees no clinical list.
    const reception = await getToday(await signIn(app, practice.users.reception.email));
    expect(reception.progression).toEqual([]);
    expect(reception.followUpSpasms).toEqual([]);
  });

  it('lists a follow-up answered "yes, a spasm" (with its day) until it is recorded as an episode; a "no" never', async () => {
    const a = await onPlan('Una', 200, []);
    const b = await onPlan('Ned', 200, []);
    const completedOn = addDays(TODAY, -100);
    const followUp = async (patient: { patientId: string; planId: string; shareLinkId: string }) => {
      await prisma.plan.update({
        where: { practiceId_id: { practiceId: practice.id, id: patient.planId } },
        data: { status: 'completed', completedOn: new Date(`${completedOn}T00:00:00Z`), discharge: {}, dischargedBy: practice.users.clinician.id },
      });
      const id: string = randomUUID();
      await prisma.dischargeFollowUp.create({
        data: {
          id,
          practiceId: practice.id,
          patientId: patient.patientId,
          planId: patient.planId,
          months: 3,
          dueOn: new Date(`${addDays(completedOn, 91)}T00:00:00Z`),
        },
      });
      // The patient's own session, as their page has it.
      const token = randomBytes(32).toString('base64url');
      await prisma.portalSession.create({
        data: {
          tokenHash: sha256(token),
          practiceId: practice.id,
          patientId: patient.patientId,
          planId: patient.planId,
          shareLinkId: patient.shareLinkId,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
      return { id, cookie: `upright_portal=${token}` };
    };
    const yes = await followUp(a);
    const no = await followUp(b);

    // A yes needs its day.
    await http().post(`/api/portal/follow-ups/${yes.id}`).set('cookie', yes.cookie).send({ spasmSince: true }).expect(422);
    await http()
      .post(`/api/portal/follow-ups/${yes.id}`)
      .set('cookie', yes.cookie)
      .send({ spasmSince: true, spasmOn: addDays(TODAY, -20) })
      .expect(200);
    await http().post(`/api/portal/follow-ups/${no.id}`).set('cookie', no.cookie).send({ spasmSince: false }).expect(200);

    const listed = (await getToday()).followUpSpasms.filter((f) => [yes.id, no.id].includes(f.followUpId));
    expect(listed).toEqual([{ followUpId: yes.id, patientId: a.patientId, patientName: 'Una Cycle', spasmOn: addDays(TODAY, -20), months: 3 }]);
    // A completed plan gives no progression advice.
    expect((await getToday()).progression.find((p) => p.planId === a.planId)).toBeUndefined();

    // Recorded as an episode: off the list.
    const episode = await insertEpisode(prisma, practice, { id: a.patientId, sex: 'female' }, { onsetDate: addDays(TODAY, -20) });
    await prisma.dischargeFollowUp.update({ where: { practiceId_id: { practiceId: practice.id, id: yes.id } }, data: { episodeId: episode.id } });
    expect((await getToday()).followUpSpasms.find((f) => f.followUpId === yes.id)).toBeUndefined();
  });
});
