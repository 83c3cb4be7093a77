import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { addDays, getExercise } from '@upright/domain';
import { todayIso } from '../src/common/dates.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, type TestPractice } from './harness.js';
import { episodeBody, insertDiary, insertEpisode, insertFollowUp, insertOdi, insertPlan } from './factories/clinical.js';

type Patient = { id: string; sex: 'female' | 'male' | 'unspecified' };

/** The clinician's routes of the spasm cycle (issue 19), on the real database, with the values the rules compute. */
describe('the spasm cycle', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let cookie: string;
  let receptionCookie: string;
  let otherCookie: string;
  // The practices are in UTC (the default zone), so the practice's today is the UTC date.
  const asOf = todayIso(new Date(), 'UTC');
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    cookie = await signIn(app, practice.users.clinician.email);
    receptionCookie = await signIn(app, practice.users.reception.email);
    otherCookie = await signIn(app, other.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const audits = (resourceType: string, resourceId?: string) =>
    prisma.auditEvent.count({ where: { practiceId: practice.id, resourceType, ...(resourceId ? { resourceId } : {}) } });

  /** An active plan whose single version has these phases, starting on `startDate`. */
  async function planWith(patient: Patient, startDate: string, phases: unknown[]): Promise<string> {
    const planId = await insertPlan(prisma, practice, patient, 'Back support plan', 'active', startDate);
    await prisma.planVersion.update({
      where: { practiceId_planId_number: { practiceId: practice.id, planId, number: 1 } },
      data: { phases: phases as never, reviewDates: [addDays(startDate, 14)] },
    });
    await prisma.plan.update({
      where: { practiceId_id: { practiceId: practice.id, id: planId } },
      // As activation leaves it: active, version 2.
      data: { activatedAt: new Date(), activatedBy: practice.users.clinician.id, version: 2 },
    });
    return planId;
  }

  const phase = (key: string, title: string, startWeek: number, endWeek: number, exercises: unknown[]) => ({
    key,
    title,
    startWeek,
    endWeek,
    goals: [],
    exercises,
  });
  const sideBridge = { exerciseCode: 'side_bridge', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 3 };
  const glute = { exerciseCode: 'glute_bridge', sets: 2, reps: 10, perSide: false, timesPerWeek: 3 };

  /** Logs every other day from `from` to asOf with this pain, each answered "settled by the next morning". */
  async function goodDiary(patient: Patient, planId: string, from: string, pain = 2) {
    const entries = [];
    for (let day = from; day <= asOf; day = addDays(day, 2)) entries.push({ date: day, pain, completedExercises: ['side_bridge'] });
    await insertDiary(prisma, practice, patient, planId, entries);
    await prisma.patientLog.updateMany({ where: { practiceId: practice.id, planId }, data: { settledByNextMorning: true, settledAnsweredAt: new Date() } });
  }

  async function insertScore(patient: Patient, instrument: 'nprs' | 'odi', score: number, recordedOn: string) {
    await prisma.outcomeScore.create({
      data: {
        id: randomUUID(),
        practiceId: practice.id,
        patientId: patient.id,
        instrument,
        recordedOn: new Date(`${recordedOn}T00:00:00Z`),
        answers: score as never,
        score,
        rulesetVersion: '2026.12',
        createdBy: practice.users.clinician.id,
      },
    });
  }

  describe('GET /api/patients/:id/spasm-history', () => {
    it('a new episode since the plan began: recurred; with the episodes it was computed from', async () => {
      const patient = await createPatient(prisma, practice);
      const old = await insertEpisode(prisma, practice, patient, { onsetDate: addDays(asOf, -400) });
      const planStart = addDays(asOf, -240);
      const planId = await planWith(patient, planStart, [phase('activate', 'Activate', 0, 12, [sideBridge])]);
      const recent = await insertEpisode(prisma, practice, patient, { onsetDate: addDays(asOf, -60) });
      const before = await audits('spasm_history');

      const { body } = await http().get(`/api/patients/${patient.id}/spasm-history`).set('cookie', cookie).expect(200);
      expect(body).toMatchObject({
        cycle: 'recurred',
        planId,
        planStartDate: planStart,
        asOf,
        newSincePlan: 1,
        daysSincePlan: 240,
        daysFree: 60,
        priorEpisodes: 1,
        recurrenceRisk: 'raised',
        last12Months: 1,
        previous12Months: 1,
        trend: 'stable',
        rulesetVersion: '2026.12',
      });
      expect(body.episodes).toEqual([
        { id: old.id, onsetDate: addDays(asOf, -400), resolvedOn: null, source: 'episode' },
        { id: recent.id, onsetDate: addDays(asOf, -60), resolvedOn: null, source: 'episode' },
      ]);
      expect(body.reasons.map((r: { code: string }) => r.code)).toEqual(['trend_stable', 'risk_raised', 'cycle_recurred']);
      expect(await audits('spasm_history')).toBe(before + 1);
    });

    it('no spasm for 150 days since the plan began: holding', async () => {
      const patient = await createPatient(prisma, practice);
      await insertEpisode(prisma, practice, patient, { onsetDate: addDays(asOf, -160) });
      await planWith(patient, addDays(asOf, -150), [phase('activate', 'Activate', 0, 12, [sideBridge])]);
      const { body } = await http().get(`/api/patients/${patient.id}/spasm-history`).set('cookie', cookie).expect(200);
      expect(body).toMatchObject({ cycle: 'holding', daysFree: 150, newSincePlan: 0, trend: 'first' });
    });

    it('a patient without a plan: no_plan; another practice’s patient: 404; reception: 403', async () => {
      const patient = await createPatient(prisma, practice);
      const { body } = await http().get(`/api/patients/${patient.id}/spasm-history`).set('cookie', cookie).expect(200);
      expect(body).toMatchObject({ cycle: 'no_plan', planId: null, planStartDate: null, episodes: [], trend: 'none' });
      expectProblem((await http().get(`/api/patients/${patient.id}/spasm-history`).set('cookie', otherCookie).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/patients/${patient.id}/spasm-history`).set('cookie', receptionCookie).expect(403)).body, 403, 'forbidden');
    });
  });

  describe('POST /api/patients/:id/episodes/:episodeId/resolved', () => {
    it('stores the day with If-Match, shows it on the episode, refuses bad days, and audits', async () => {
      const patient = await createPatient(prisma, practice);
      const onset = addDays(asOf, -20);
      const episode = await insertEpisode(prisma, practice, patient, { onsetDate: onset });
      const url = `/api/patients/${patient.id}/episodes/${episode.id}/resolved`;

      expectProblem((await http().post(url).set('cookie', cookie).send({ resolvedOn: asOf }).expect(428)).body, 428, 'version_required');
      expectProblem((await http().post(url).set('cookie', cookie).set('if-match', '"7"').send({ resolvedOn: asOf }).expect(412)).body, 412, 'version_stale');
      const early = await http()
        .post(url)
        .set('cookie', cookie)
        .set('if-match', '"1"')
        .send({ resolvedOn: addDays(onset, -1) })
        .expect(400);
      expect(early.body.errors).toEqual([{ field: 'resolvedOn', message: `must be on or after the episode's onset (${onset})` }]);
      const future = await http()
        .post(url)
        .set('cookie', cookie)
        .set('if-match', '"1"')
        .send({ resolvedOn: addDays(asOf, 1) })
        .expect(400);
      expect(future.body.errors).toEqual([{ field: 'resolvedOn', message: 'cannot be in the future' }]);

      const before = await audits('episode', episode.id);
      const { body } = await http()
        .post(url)
        .set('cookie', cookie)
        .set('if-match', '"1"')
        .send({ resolvedOn: addDays(onset, 6) })
        .expect(200);
      expect(body).toMatchObject({ id: episode.id, resolvedOn: addDays(onset, 6), resolvedByType: 'user', version: 2 });
      expect(await audits('episode', episode.id)).toBe(before + 1);
      // A correction.
      await http()
        .post(url)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ resolvedOn: addDays(onset, 9) })
        .expect(200);
      const read = await http().get(`/api/patients/${patient.id}/episodes/${episode.id}`).set('cookie', cookie).expect(200);
      expect(read.body).toMatchObject({ resolvedOn: addDays(onset, 9), resolvedByType: 'user', version: 3 });
      const list = await http().get(`/api/patients/${patient.id}/episodes`).set('cookie', cookie).expect(200);
      expect(list.body.items[0]).toMatchObject({ resolvedOn: addDays(onset, 9), resolvedByType: 'user' });

      expectProblem((await http().post(url).set('cookie', otherCookie).set('if-match', '"3"').send({ resolvedOn: asOf }).expect(404)).body, 404, 'not_found');
      expectProblem(
        (await http().post(url).set('cookie', receptionCookie).set('if-match', '"3"').send({ resolvedOn: asOf }).expect(403)).body,
        403,
        'forbidden',
      );
    });

    it('an episode entered in error: 409 episode_entered_in_error; a new episode answers resolvedOn null', async () => {
      const patient = await createPatient(prisma, practice);
      const created = await http()
        .post(`/api/patients/${patient.id}/episodes`)
        .set('cookie', cookie)
        .send(episodeBody(addDays(asOf, -3)))
        .expect(201);
      expect(created.body).toMatchObject({ resolvedOn: null, resolvedByType: null });
      await http()
        .post(`/api/patients/${patient.id}/episodes/${created.body.id}/entered-in-error`)
        .set('cookie', cookie)
        .send({ reason: 'Wrong patient' })
        .expect(200);
      const { body } = await http()
        .post(`/api/patients/${patient.id}/episodes/${created.body.id}/resolved`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ resolvedOn: asOf })
        .expect(409);
      expectProblem(body, 409, 'episode_entered_in_error');
    });
  });

  describe('progression', () => {
    it('three good weeks in a first phase: progress; apply moves the start so today is day 1 of the next phase', async () => {
      const patient = await createPatient(prisma, practice);
      const start = addDays(asOf, -21);
      const planId = await planWith(patient, start, [
        phase('activate', 'Activate', 0, 6, [sideBridge]),
        phase('strengthen', 'Strengthen', 6, 12, [sideBridge, glute]),
      ]);
      await goodDiary(patient, planId, start);

      const before = await audits('progression', planId);
      const { body } = await http().get(`/api/plans/${planId}/progression`).set('cookie', cookie).expect(200);
      expect(await audits('progression', planId)).toBe(before + 1);
      expect(body).toMatchObject({
        advice: 'progress',
        reasons: [{ code: 'ready_to_progress' }],
        action: { code: 'progress_phase' },
        asOf,
        phase: { key: 'activate', title: 'Activate', daysInPhase: 21, isLastPhase: false },
        adherencePercent: 100,
        openPainAlert: false,
        rulesetVersion: '2026.12',
      });
      expect(body.logs).toHaveLength(7); // every other day of the 14 days
      expect(body.logs[0]).toEqual({ date: addDays(asOf, -13), pain: 2, settledByNextMorning: true });
      const newStart = addDays(asOf, -42);
      expect(body.proposal).toMatchObject({
        kind: 'next_phase',
        toPhaseKey: 'strengthen',
        summary: `Move on from “Activate” to “Strengthen”: the plan now starts on ${newStart}, so today is the first day of “Strengthen”.`,
      });
      expect(body.proposal.changes).toEqual([
        { exerciseCode: 'side_bridge', name: 'Side bridge', from: expect.stringContaining('3 sets of 5'), to: expect.stringContaining('3 sets of 5') },
        { exerciseCode: 'glute_bridge', name: 'Glute bridge', from: 'not in “Activate”', to: expect.stringContaining('2 sets of 10') },
      ]);

      // The client saw "progress": sending "regress" is refused with the current advice.
      const changed = await http()
        .post(`/api/plans/${planId}/progression/apply`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ advice: 'regress' })
        .expect(409);
      expectProblem(changed.body, 409, 'advice_changed');
      expect(changed.body.advice).toBe('progress');
      await http().post(`/api/plans/${planId}/progression/apply`).set('cookie', cookie).set('if-match', '"1"').send({ advice: 'progress' }).expect(412);
      await http().post(`/api/plans/${planId}/progression/apply`).set('cookie', cookie).send({ advice: 'progress' }).expect(428);

      const updates = await audits('plan', planId);
      const applied = await http()
        .post(`/api/plans/${planId}/progression/apply`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ advice: 'progress' })
        .expect(201);
      expect(applied.headers.etag).toBe('"3"');
      expect(applied.body).toMatchObject({ id: planId, version: 3, currentVersion: 2, status: 'active' });
      expect(applied.body.current).toMatchObject({
        number: 2,
        startDate: newStart,
        reviewDates: [addDays(start, 14)],
        changeNote: `Move on from “Activate” to “Strengthen”: the plan now starts on ${newStart}, so today is the first day of “Strengthen”. (ruleset 2026.12)`,
      });
      expect(applied.body.current.phases.map((p: { key: string }) => p.key)).toEqual(['activate', 'strengthen']);
      expect(await audits('plan', planId)).toBe(updates + 1);
      const stored = await prisma.planVersion.findUnique({ where: { practiceId_planId_number: { practiceId: practice.id, planId, number: 2 } } });
      expect(stored?.advice).toMatchObject({ advice: 'progress', rulesetVersion: '2026.12' });

      const after = await http().get(`/api/plans/${planId}/progression`).set('cookie', cookie).expect(200);
      expect(after.body.phase).toEqual({ key: 'strengthen', title: 'Strengthen', daysInPhase: 0, isLastPhase: true });
      expect(after.body.advice).toBe('hold');
      expect(after.body.proposal).toBeNull();
    });

    it('a pain-6 log this week: regress; in the first phase the proposal eases each exercise', async () => {
      const patient = await createPatient(prisma, practice);
      const start = addDays(asOf, -21);
      const planId = await planWith(patient, start, [phase('activate', 'Activate', 0, 6, [sideBridge]), phase('strengthen', 'Strengthen', 6, 12, [glute])]);
      await goodDiary(patient, planId, start);
      await insertDiary(prisma, practice, patient, planId, [{ date: addDays(asOf, -1), pain: 6, completedExercises: ['side_bridge'] }]);

      const { body } = await http().get(`/api/plans/${planId}/progression`).set('cookie', cookie).expect(200);
      expect(body.advice).toBe('regress');
      // Pain this week 2, 2, 2, 6 (mean 3) against 2 the week before: also rising by a point.
      expect(body.reasons.map((r: { code: string }) => r.code)).toEqual(['pain_above_5', 'pain_rising']);
      expect(body.action.code).toBe('regress_phase');
      expect(body.proposal).toMatchObject({ kind: 'exercise_regressions', toPhaseKey: null });
      expect(body.proposal.changes).toEqual([
        { exerciseCode: 'side_bridge', name: 'Side bridge', from: expect.stringMatching(/^3 sets of 5/), to: expect.stringMatching(/^2 sets of 5/) },
      ]);

      const applied = await http()
        .post(`/api/plans/${planId}/progression/apply`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ advice: 'regress' })
        .expect(201);
      const exercise = applied.body.current.phases[0].exercises[0];
      expect(exercise).toMatchObject({ exerciseCode: 'side_bridge', sets: 2, reps: 5 });
      expect(exercise.notes.length).toBeGreaterThan(10);
      expect(applied.body.current.startDate).toBe(start);
    });

    it('three good weeks in the last phase (not maintain): each exercise to its harder version, holds 5/3/1 to 7/5/3', async () => {
      const patient = await createPatient(prisma, practice);
      const start = addDays(asOf, -21);
      const planId = await planWith(patient, start, [phase('strengthen', 'Strengthen', 0, 8, [sideBridge, glute])]);
      await goodDiary(patient, planId, start);
      const { body } = await http().get(`/api/plans/${planId}/progression`).set('cookie', cookie).expect(200);
      expect(body).toMatchObject({
        advice: 'progress',
        phase: { key: 'strengthen', isLastPhase: true },
        proposal: { kind: 'exercise_progressions', toPhaseKey: null },
      });
      const applied = await http()
        .post(`/api/plans/${planId}/progression/apply`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ advice: 'progress' })
        .expect(201);
      const [bridge, gluteBridge] = applied.body.current.phases[0].exercises;
      expect(bridge).toMatchObject({ exerciseCode: 'side_bridge', sets: 3, reps: 7, holdSeconds: 10 });
      expect(gluteBridge).toMatchObject({ exerciseCode: 'glute_bridge', sets: 2, reps: 10 });
      expect(bridge.notes).toBe(getExercise('side_bridge').progression);
      expect(gluteBridge.notes).toBe(getExercise('glute_bridge').progression);
      expect(applied.body.current.startDate).toBe(start);
    });

    it('only an active plan: a draft is 409 plan_not_active; another practice’s plan 404; reception 403', async () => {
      const patient = await createPatient(prisma, practice);
      const draftId = await insertPlan(prisma, practice, patient, 'Draft', 'draft');
      expectProblem((await http().get(`/api/plans/${draftId}/progression`).set('cookie', cookie).expect(409)).body, 409, 'plan_not_active');
      expectProblem(
        (await http().post(`/api/plans/${draftId}/progression/apply`).set('cookie', cookie).set('if-match', '"1"').send({ advice: 'progress' }).expect(409))
          .body,
        409,
        'plan_not_active',
      );
      expectProblem((await http().get(`/api/plans/${draftId}/progression`).set('cookie', otherCookie).expect(404)).body, 404, 'not_found');
      expectProblem(
        (
          await http()
            .post(`/api/plans/${draftId}/progression/apply`)
            .set('cookie', otherCookie)
            .set('if-match', '"1"')
            .send({ advice: 'progress' })
            .expect(404)
        ).body,
        404,
        'not_found',
      );
      expectProblem((await http().get(`/api/plans/${draftId}/progression`).set('cookie', receptionCookie).expect(403)).body, 403, 'forbidden');
    });
  });

  describe('discharge', () => {
    it('review ready; discharge stores it with three follow-ups; the stored review stays after a new score; the letter', async () => {
      const patient = await createPatient(prisma, practice, { firstName: 'Maria', lastName: 'Nowak', dateOfBirth: '1975-03-04' });
      const start = addDays(asOf, -70);
      const planId = await planWith(patient, start, [
        phase('strengthen', 'Strengthen', 0, 6, [glute]),
        phase('maintain', 'Maintain', 6, 12, [{ ...sideBridge, timesPerWeek: 2 }]),
      ]);
      await goodDiary(patient, planId, addDays(asOf, -27));
      await insertOdi(prisma, practice, patient, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], addDays(start, 1));
      await insertOdi(prisma, practice, patient, [1, 1, 1, 1, 1, 1, 1, 0, 0, 0], addDays(asOf, -2));
      await insertScore(patient, 'nprs', 7, addDays(start, 1));
      await insertScore(patient, 'nprs', 2, addDays(asOf, -2));
      await insertEpisode(prisma, practice, patient, { onsetDate: addDays(start, -5) });

      expectProblem((await http().get(`/api/plans/${planId}/discharge-letter`).set('cookie', cookie).expect(409)).body, 409, 'plan_not_completed');
      const review = await http().get(`/api/plans/${planId}/discharge-review`).set('cookie', cookie).expect(200);
      expect(review.body).toMatchObject({
        status: 'ready',
        reasons: [{ code: 'function_improved' }, { code: 'acceptable_state' }, { code: 'adherent' }],
        maintenance: { code: 'keep_exercising_12_months' },
        asOf,
        stored: false,
        inputs: {
          weeksInCare: 10,
          adherencePercent: 100,
          redFlagOpen: false,
          priorEpisodes: 0,
          outcomes: {
            odi: { baseline: 40, latest: 14, baselineOn: addDays(start, 1), latestOn: addDays(asOf, -2), meaningful: true },
            nprs: { baseline: 7, latest: 2, meaningful: true },
          },
        },
      });

      const bad = await http()
        .post(`/api/plans/${planId}/discharge`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ reason: 'Goals met', completedOn: addDays(asOf, 1) })
        .expect(400);
      expect(bad.body.errors).toEqual([{ field: 'completedOn', message: 'cannot be in the future' }]);
      const early = await http()
        .post(`/api/plans/${planId}/discharge`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ reason: 'Goals met', completedOn: addDays(start, -1) })
        .expect(400);
      expect(early.body.errors).toEqual([{ field: 'completedOn', message: `cannot be before the plan started (${start})` }]);
      expectProblem(
        (await http().post(`/api/plans/${planId}/discharge`).set('cookie', otherCookie).set('if-match', '"2"').send({ reason: 'x' }).expect(404)).body,
        404,
        'not_found',
      );

      const updates = await audits('plan', planId);
      const completedOn = addDays(asOf, -1);
      const { body, headers } = await http()
        .post(`/api/plans/${planId}/discharge`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ reason: 'Goals met: ODI 40 to 14, pain 7 to 2.', completedOn, letterToDoctor: { name: 'Dr Jane Okafor', address: '1 High Street' } })
        .expect(200);
      expect(headers.etag).toBe('"3"');
      expect(body).toMatchObject({
        status: 'completed',
        completedOn,
        dischargeReason: 'Goals met: ODI 40 to 14, pain 7 to 2.',
        reachedMeaningfulChange: true,
        version: 3,
      });
      expect(await audits('plan', planId)).toBe(updates + 1);
      const followUps = await prisma.dischargeFollowUp.findMany({ where: { practiceId: practice.id, planId }, orderBy: { months: 'asc' } });
      expect(followUps.map((f) => [f.months, f.dueOn.toISOString().slice(0, 10)])).toEqual([
        [3, addDays(completedOn, 91)],
        [6, addDays(completedOn, 182)],
        [12, addDays(completedOn, 365)],
      ]);
      const plan = await prisma.plan.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: planId } } });
      expect(plan?.discharge).toMatchObject({
        review: { status: 'ready' },
        history: { cycle: 'too_early' },
        maintenance: { phase: { key: 'maintain' } },
        letterToDoctor: { name: 'Dr Jane Okafor', address: '1 High Street' },
        plan: { title: 'Back support plan', version: 1 },
      });
      // Discharged once: a second discharge is refused.
      expectProblem(
        (await http().post(`/api/plans/${planId}/discharge`).set('cookie', cookie).set('if-match', '"3"').send({ reason: 'again' }).expect(409)).body,
        409,
        'plan_not_active',
      );

      // A worse score after discharge changes nothing in the stored review.
      await insertScore(patient, 'nprs', 9, asOf);
      const stored = await http().get(`/api/plans/${planId}/discharge-review`).set('cookie', cookie).expect(200);
      expect(stored.body).toMatchObject({ status: 'ready', stored: true, asOf, inputs: { outcomes: { nprs: { baseline: 7, latest: 2 } } } });
      expect(stored.body.reasons).toEqual(review.body.reasons);

      const letter = await http().get(`/api/plans/${planId}/discharge-letter`).set('cookie', cookie).expect(200);
      expect(letter.body).toMatchObject({
        practice: { name: practice.name },
        patient: { name: 'Maria Nowak', dateOfBirth: '1975-03-04' },
        clinician: { name: 'Test clinician' },
        completedOn,
        reason: 'Goals met: ODI 40 to 14, pain 7 to 2.',
        letterToDoctor: { name: 'Dr Jane Okafor', address: '1 High Street' },
        episodes: [{ onsetDate: addDays(start, -5), resolvedOn: null, category: expect.any(String), trigger: 'habitual_movement' }],
        findings: [],
        plan: {
          title: 'Back support plan',
          phases: [
            { title: 'Strengthen', exercises: ['Glute bridge'] },
            { title: 'Maintain', exercises: ['Side bridge'] },
          ],
        },
        outcomes: [
          { instrument: 'odi', baseline: 40, latest: 14, change: -26, meaningful: true, mcid: 'a fall of 10 points or more' },
          { instrument: 'nprs', baseline: 7, latest: 2, change: -5, meaningful: true, mcid: 'a fall of 2 points or more or 30 % of the baseline' },
        ],
        review: { status: 'ready' },
        history: { cycle: 'too_early' },
        maintenance: { exercises: [{ name: 'Side bridge', dose: '3 sets of 5 with 10-second holds, on each side, 2 times a week' }] },
        rulesetVersion: '2026.12',
      });
      expectProblem((await http().get(`/api/plans/${planId}/discharge-letter`).set('cookie', otherCookie).expect(404)).body, 404, 'not_found');
      expectProblem((await http().get(`/api/plans/${planId}/discharge-letter`).set('cookie', receptionCookie).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/plans/${planId}/discharge-review`).set('cookie', otherCookie).expect(404)).body, 404, 'not_found');
    });

    it('a plan without scores is discharged with reachedMeaningfulChange null; bad bodies name their field', async () => {
      const patient = await createPatient(prisma, practice);
      const planId = await planWith(patient, addDays(asOf, -10), [phase('activate', 'Activate', 0, 6, [sideBridge])]);
      const bad = await http()
        .post(`/api/plans/${planId}/discharge`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ reason: ' ', letterToDoctor: { name: '' } })
        .expect(400);
      expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['letterToDoctor.name', 'reason']);
      const { body } = await http()
        .post(`/api/plans/${planId}/discharge`)
        .set('cookie', cookie)
        .set('if-match', '"2"')
        .send({ reason: 'Moved away' })
        .expect(200);
      expect(body).toMatchObject({ status: 'completed', completedOn: asOf, reachedMeaningfulChange: null });
    });
  });

  describe('GET /api/practice/outcomes', () => {
    it('too few cases: null rates; from 10 cases on the Wilson interval, overall and per clinician', async () => {
      const clinic = await createPractice(prisma);
      const admin = await signIn(app, clinic.users.admin.email);
      const patient = await createPatient(prisma, clinic);
      async function closed(reached: boolean | null, completedOn: string, by: string) {
        await prisma.plan.create({
          data: {
            id: randomUUID(),
            practiceId: clinic.id,
            patientId: patient.id,
            status: 'completed',
            completedOn: new Date(`${completedOn}T00:00:00Z`),
            dischargeReason: 'Done',
            dischargedBy: by,
            discharge: {},
            reachedMeaningfulChange: reached,
            activatedBy: by,
            createdBy: clinic.users.clinician.id,
          },
        });
      }
      const empty = await http().get('/api/practice/outcomes').set('cookie', admin).expect(200);
      expect(empty.body).toMatchObject({ asOf, overall: { cases: 0, meaningfulChange: { n: 0, count: 0, rate: null } }, byClinician: [] });

      // Four recent cases (no recurrence known yet).
      for (const reached of [true, true, false, null]) await closed(reached, addDays(asOf, -30), clinic.users.clinician.id);
      const few = await http().get('/api/practice/outcomes').set('cookie', admin).expect(200);
      expect(few.body.overall).toEqual({
        cases: 4,
        meaningfulChange: { n: 3, count: 2, rate: null, low: null, high: null },
        recurrence: { n: 0, count: 0, rate: null, low: null, high: null },
        rulesetVersion: '2026.12',
      });

      // Nine more, discharged over a year ago: no spasm since, so "no recurrence"; one spasm within the year.
      for (let i = 0; i < 9; i++) await closed(i < 7, addDays(asOf, -500), clinic.users.admin.id);
      await insertEpisode(prisma, clinic, patient, { onsetDate: addDays(asOf, -480) });
      const { body } = await http().get('/api/practice/outcomes').set('cookie', admin).expect(200);
      // 9 of 12 known reached a change that matters: 0.75, Wilson 95 % 0.468-0.911.
      expect(body.overall.cases).toBe(13);
      expect(body.overall.meaningfulChange).toEqual({ n: 12, count: 9, rate: 0.75, low: 0.468, high: 0.911 });
      // The same patient's spasm 480 days ago falls within the 9 old plans' year: all 9 recurred; the recent 4 unknown.
      expect(body.overall.recurrence).toEqual({ n: 9, count: 9, rate: null, low: null, high: null });
      expect(body.byClinician.map((c: { name: string; cases: number }) => [c.name, c.cases])).toEqual([
        ['Test admin', 9],
        ['Test clinician', 4],
      ]);
      expectProblem((await http().get('/api/practice/outcomes').set('cookie', receptionCookie).expect(403)).body, 403, 'forbidden');
    });
  });

  describe('POST /api/follow-ups/:followUpId/reviewed', () => {
    it('marks the answer reviewed and links the episode recorded from it', async () => {
      const patient = await createPatient(prisma, practice);
      const planId = await insertPlan(prisma, practice, patient, 'Plan', 'active');
      const followUpId = await insertFollowUp(prisma, practice, patient, planId, { dueOn: addDays(asOf, -5), spasmOn: addDays(asOf, -10) });
      const episode = await insertEpisode(prisma, practice, patient, { onsetDate: addDays(asOf, -10) });
      const stranger = await insertEpisode(prisma, practice, await createPatient(prisma, practice));
      const url = `/api/follow-ups/${followUpId}/reviewed`;

      const wrong = await http().post(url).set('cookie', cookie).send({ episodeId: stranger.id }).expect(400);
      expect(wrong.body.errors).toEqual([{ field: 'episodeId', message: 'is not a recorded episode of this patient' }]);
      expectProblem((await http().post(url).set('cookie', otherCookie).send({}).expect(404)).body, 404, 'not_found');
      expectProblem((await http().post(url).set('cookie', receptionCookie).send({}).expect(403)).body, 403, 'forbidden');

      const before = await audits('discharge_follow_up', followUpId);
      const { body } = await http().post(url).set('cookie', cookie).send({ episodeId: episode.id }).expect(200);
      expect(body).toEqual({ id: followUpId, reviewedAt: expect.any(String), episodeId: episode.id });
      expect(await audits('discharge_follow_up', followUpId)).toBe(before + 1);
      // The spasm now counts once, through its episode.
      const history = await http().get(`/api/patients/${patient.id}/spasm-history`).set('cookie', cookie).expect(200);
      expect(history.body.episodes).toEqual([{ id: episode.id, onsetDate: addDays(asOf, -10), resolvedOn: null, source: 'episode' }]);
    });
  });
});
