import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays } from '@upright/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { todayIso } from '../src/common/dates.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { PatientLogsService } from '../src/portal/clinician/patient-logs.service.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const requestId = () => `logs-${randomBytes(6).toString('hex')}`;
const randomIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;
const TODAY = todayIso();
const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))].sort();

/** Started 13 days ago; walking daily and glute bridges 3 times a week: at most one session a day is prescribed. */
const planBody = {
  title: 'Walking and bridges',
  startDate: addDays(TODAY, -13),
  phases: [
    {
      key: 'activate',
      title: 'Activate',
      startWeek: 0,
      endWeek: 4,
      goals: [],
      exercises: [
        { exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 },
        { exerciseCode: 'glute_bridge', sets: 2, reps: 8, perSide: false, timesPerWeek: 3 },
      ],
    },
  ],
};

describe('patient logs for clinicians', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;
  let reception: string;
  let otherClinician: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    const other = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
    reception = await signIn(app, practice.users.reception.email);
    otherClinician = await signIn(app, other.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const auditOf = (rid: string) => prisma.auditEvent.findMany({ where: { requestId: rid } });

  /** A patient with the active plan above, shared and opened on the portal: the portal cookie logs for them. */
  async function patientOnPortal(owner = practice, staffCookie = clinician) {
    const patient = await createPatient(prisma, owner, { dateOfBirth: '1985-06-01' });
    const plan = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', staffCookie).send(planBody).expect(201);
    await http().post(`/api/plans/${plan.body.id}/activate`).set('cookie', staffCookie).expect(200);
    const shared = await http().post(`/api/plans/${plan.body.id}/share`).set('cookie', staffCookie).expect(200);
    const token = /\/p\/(.+)$/.exec(shared.body.url)![1];
    const opened = await http().post('/api/portal/session').set('x-forwarded-for', randomIp()).send({ token, birthYear: 1985 }).expect(200);
    const cookie = ([] as string[])
      .concat(opened.headers['set-cookie'])
      .find((c) => c.startsWith('upright_portal='))!
      .split(';')[0];
    const log = async (daysAgo: number, completedExercises: string[], pain = 2) =>
      (
        await http()
          .post('/api/portal/logs')
          .set('cookie', cookie)
          .send({ date: addDays(TODAY, -daysAgo), completedExercises, pain, difficulty: 3 })
          .expect(201)
      ).body.log.id as string;
    return { patientId: patient.id, planId: plan.body.id as string, log };
  }

  describe('GET /api/patients/:id/logs', () => {
    it('pages the patient’s logs newest day first with their alert state; audited', async () => {
      const { patientId, planId, log } = await patientOnPortal();
      for (const days of [4, 1, 3, 0, 2]) await log(days, ['walking'], days === 0 ? 9 : 2);
      const rid = requestId();
      const first = await http().get(`/api/patients/${patientId}/logs?limit=2`).set('cookie', clinician).set('x-request-id', rid).expect(200);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.body.items.map((l: { date: string }) => l.date)).toEqual([TODAY, addDays(TODAY, -1)]);
      expect(first.body.items[0]).toEqual({
        id: expect.any(String),
        patientId,
        planId,
        planVersion: 1,
        date: TODAY,
        completedExercises: ['walking'],
        pain: 9,
        difficulty: 3,
        note: null,
        createdAt: expect.any(String),
        alertReasons: ['pain_high', 'pain_jump'], // 9 after 2 the day before
        alertAcknowledgedAt: null,
        alertAcknowledgedBy: null,
      });
      expect(first.body.items[1].alertReasons).toEqual([]);
      expect(await auditOf(rid)).toEqual([
        expect.objectContaining({ action: 'read', resourceType: 'patient_log', resourceId: null, patientId, actorId: practice.users.clinician.id }),
      ]);

      const second = await http().get(`/api/patients/${patientId}/logs?limit=2&cursor=${first.body.nextCursor}`).set('cookie', clinician).expect(200);
      expect(second.body.items.map((l: { date: string }) => l.date)).toEqual([addDays(TODAY, -2), addDays(TODAY, -3)]);
      const third = await http().get(`/api/patients/${patientId}/logs?limit=2&cursor=${second.body.nextCursor}`).set('cookie', clinician).expect(200);
      expect(third.body).toEqual({ items: [expect.objectContaining({ date: addDays(TODAY, -4) })], nextCursor: null });
    });

    it('answers 400 for a bad limit or cursor, 404 for another practice’s or an unknown patient, 403 for reception, 401 without a session', async () => {
      const { patientId } = await patientOnPortal();
      const bad = await http().get(`/api/patients/${patientId}/logs?limit=0`).set('cookie', clinician).expect(400);
      expectProblem(bad.body, 400, 'validation_failed');
      expect(fields(bad.body)).toEqual(['limit']);
      expect(fields((await http().get(`/api/patients/${patientId}/logs?cursor=nope`).set('cookie', clinician).expect(400)).body)).toEqual(['cursor']);
      expectProblem((await http().get(`/api/patients/${patientId}/logs`).set('cookie', otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/patients/${randomUUID()}/logs`).set('cookie', clinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/patients/${patientId}/logs`).set('cookie', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/patients/${patientId}/logs`).expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('GET /api/patients/:id/adherence', () => {
    it('compares logged with prescribed sessions of the active plan (default: the last 28 days); audited', async () => {
      const { patientId, planId, log } = await patientOnPortal();
      // A log from before the plan's start (the portal refuses new ones, but a later version can move the start):
      // not a session of this plan.
      const link = await prisma.shareLink.findFirst({ where: { practiceId: practice.id, planId } });
      await prisma.patientLog.create({
        data: {
          id: randomUUID(),
          practiceId: practice.id,
          patientId,
          planId,
          planVersion: 1,
          shareLinkId: link!.id,
          date: new Date(`${addDays(TODAY, -20)}T00:00:00.000Z`),
          completedExercises: ['walking'],
          pain: 2,
          difficulty: 3,
          alertReasons: [],
        },
      });
      for (const days of [12, 10, 9, 7, 5, 3, 2]) await log(days, ['walking']);
      await log(2, ['glute_bridge']); // a second log on a day counts once
      await log(1, []); // pain only: not a session, but a log

      const rid = requestId();
      const response = await http().get(`/api/patients/${patientId}/adherence`).set('cookie', clinician).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      // 14 days since the start, one session a day prescribed; 7 days logged.
      expect(response.body).toEqual({
        planId,
        from: addDays(TODAY, -27),
        to: TODAY,
        prescribedSessions: 14,
        loggedSessions: 7,
        percent: 50,
        daysSinceLastLog: 1,
      });
      expect(await auditOf(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'adherence', resourceId: null, patientId })]);

      const window = await http()
        .get(`/api/patients/${patientId}/adherence?from=${addDays(TODAY, -6)}&to=${addDays(TODAY, -2)}`)
        .set('cookie', clinician)
        .expect(200);
      expect(window.body).toEqual({
        planId,
        from: addDays(TODAY, -6),
        to: addDays(TODAY, -2),
        prescribedSessions: 5,
        loggedSessions: 3,
        percent: 60,
        daysSinceLastLog: 0,
      });

      // Before the plan started nothing was prescribed (so nothing was missed); the last log was 5 days before `to`.
      const before = await http()
        .get(`/api/patients/${patientId}/adherence?from=${addDays(TODAY, -25)}&to=${addDays(TODAY, -15)}`)
        .set('cookie', clinician)
        .expect(200);
      expect(before.body).toMatchObject({ prescribedSessions: 0, loggedSessions: 0, percent: 100, daysSinceLastLog: 5 });
    });

    it('answers planId and percent null for a patient without an active plan', async () => {
      const patient = await createPatient(prisma, practice);
      const response = await http().get(`/api/patients/${patient.id}/adherence`).set('cookie', clinician).expect(200);
      expect(response.body).toEqual({
        planId: null,
        from: addDays(TODAY, -27),
        to: TODAY,
        prescribedSessions: 0,
        loggedSessions: 0,
        percent: null,
        daysSinceLastLog: null,
      });
    });

    it('refuses a bad window naming the field; 404, 403 and 401 as usual', async () => {
      const { patientId } = await patientOnPortal();
      const cases: [string, string[]][] = [
        [`from=${TODAY}&to=${addDays(TODAY, -1)}`, ['from']],
        [`to=${addDays(TODAY, 1)}`, ['to']],
        ['from=2026-02-30', ['from']],
        [`from=${addDays(TODAY, -400)}`, ['from']],
        ['days=7', ['days']],
      ];
      for (const [query, expected] of cases) {
        const response = await http().get(`/api/patients/${patientId}/adherence?${query}`).set('cookie', clinician).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(fields(response.body)).toEqual(expected);
      }
      expectProblem((await http().get(`/api/patients/${patientId}/adherence`).set('cookie', otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/patients/${randomUUID()}/adherence`).set('cookie', clinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/patients/${patientId}/adherence`).set('cookie', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/patients/${patientId}/adherence`).expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('pain alerts', () => {
    it('lists open alerts newest first; acknowledging one (200) takes it off the list, once; audited', async () => {
      const { patientId, log } = await patientOnPortal();
      const high = await log(3, ['walking'], 8);
      const calm = await log(2, ['walking'], 1);
      const jump = await log(1, ['walking'], 5);
      const rid = requestId();
      const open = await http().get(`/api/patients/${patientId}/pain-alerts`).set('cookie', clinician).set('x-request-id', rid).expect(200);
      expect(open.headers['cache-control']).toBe('no-store');
      expect(open.body.items.map((a: { logId: string; reasons: string[] }) => [a.logId, a.reasons])).toEqual([
        [jump, ['pain_jump']],
        [high, ['pain_high']],
      ]);
      expect(open.body.items[1]).toEqual({
        logId: high,
        patientId,
        planId: expect.any(String),
        date: addDays(TODAY, -3),
        pain: 8,
        difficulty: 3,
        note: null,
        reasons: ['pain_high'],
        createdAt: expect.any(String),
        acknowledgedAt: null,
        acknowledgedBy: null,
      });
      expect(await auditOf(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'pain_alert', patientId })]);

      const ackRid = requestId();
      const ack = await http()
        .post(`/api/patients/${patientId}/pain-alerts/${high}/acknowledge`)
        .set('cookie', clinician)
        .set('x-request-id', ackRid)
        .expect(200);
      expect(ack.body).toMatchObject({ logId: high, acknowledgedAt: expect.any(String), acknowledgedBy: practice.users.clinician.id });
      expect(await auditOf(ackRid)).toEqual([
        expect.objectContaining({ action: 'update', resourceType: 'patient_log', resourceId: high, patientId, actorId: practice.users.clinician.id }),
      ]);
      expect(
        (await http().get(`/api/patients/${patientId}/pain-alerts`).set('cookie', clinician).expect(200)).body.items.map((a: { logId: string }) => a.logId),
      ).toEqual([jump]);

      // Again (by the admin): the first acknowledgement stays.
      const admin = await signIn(app, practice.users.admin.email);
      const again = await http().post(`/api/patients/${patientId}/pain-alerts/${high}/acknowledge`).set('cookie', admin).expect(200);
      expect(again.body).toMatchObject({ acknowledgedAt: ack.body.acknowledgedAt, acknowledgedBy: practice.users.clinician.id });

      // A log without an alert has nothing to acknowledge.
      expectProblem(
        (await http().post(`/api/patients/${patientId}/pain-alerts/${calm}/acknowledge`).set('cookie', clinician).expect(409)).body,
        409,
        'conflict',
      );
    });

    it('answers 404 for another patient’s log or an unknown one, 400 for a body, 403 for reception, 401 without a session', async () => {
      const a = await patientOnPortal();
      const b = await patientOnPortal();
      const alertOfB = await b.log(0, [], 9);
      const url = (patientId: string, logId: string) => `/api/patients/${patientId}/pain-alerts/${logId}/acknowledge`;
      expectProblem((await http().post(url(a.patientId, alertOfB)).set('cookie', clinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().post(url(a.patientId, randomUUID())).set('cookie', clinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().post(url(a.patientId, 'not-a-log')).set('cookie', clinician).expect(404)).body, 404, 'not_found');
      expectProblem((await http().post(url(b.patientId, alertOfB)).set('cookie', otherClinician).expect(404)).body, 404, 'not_found');
      expect(fields((await http().post(url(b.patientId, alertOfB)).set('cookie', clinician).send({ acknowledgedBy: randomUUID() }).expect(400)).body)).toEqual([
        'acknowledgedBy',
      ]);
      expectProblem((await http().post(url(b.patientId, alertOfB)).set('cookie', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/patients/${b.patientId}/pain-alerts`).set('cookie', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().post(url(b.patientId, alertOfB)).expect(401)).body, 401, 'unauthenticated');
      expectProblem((await http().get(`/api/patients/${b.patientId}/pain-alerts`).set('cookie', otherClinician).expect(404)).body, 404, 'not_found');
      // Still open after all of that.
      const row = await prisma.patientLog.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: alertOfB } } });
      expect(row.alertAcknowledgedAt).toBeNull();
    });
  });

  describe('figures for the Today page', () => {
    it('groups a practice’s open alerts by patient and computes adherence for many patients at once', async () => {
      const own = await createPractice(prisma);
      const ownClinician = await signIn(app, own.users.clinician.email);
      const first = await patientOnPortal(own, ownClinician);
      const second = await patientOnPortal(own, ownClinician);
      const withoutPlan = await createPatient(prisma, own);
      const a1 = await first.log(2, ['walking'], 8);
      const a2 = await first.log(1, ['walking'], 9);
      await second.log(1, ['walking'], 1);
      const b1 = await second.log(0, ['walking'], 7);

      const service = app.get(PatientLogsService);
      const alerts = await service.openPainAlertsByPatient(own.id);
      expect(alerts.map((p) => [p.patientId, p.alerts.map((a) => a.logId)])).toEqual([
        [second.patientId, [b1]],
        [first.patientId, [a2, a1]],
      ]);

      const figures = await service.adherenceByPatient(own.id, [first.patientId, second.patientId, withoutPlan.id]);
      expect(figures.get(first.patientId)).toMatchObject({ planId: first.planId, prescribedSessions: 14, loggedSessions: 2, percent: 14, daysSinceLastLog: 1 });
      expect(figures.get(second.patientId)).toMatchObject({ planId: second.planId, loggedSessions: 2, percent: 14, daysSinceLastLog: 0 });
      expect(figures.get(withoutPlan.id)).toMatchObject({ planId: null, percent: null, loggedSessions: 0, daysSinceLastLog: null });
      // Another practice's patients are not found through this one.
      expect((await service.adherenceByPatient(practice.id, [first.patientId])).get(first.patientId)).toMatchObject({ planId: null, daysSinceLastLog: null });
      expect(await service.openPainAlertsByPatient(practice.id)).not.toContainEqual(expect.objectContaining({ patientId: first.patientId }));
    });
  });
});
