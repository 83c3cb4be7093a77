import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays } from '@upright/domain';
import { CycleRepository } from '../src/cycle/cycle.repository.js';
import { currentPhase, patientSpasmHistory, planDischargeReview, planProgression } from '../src/cycle/cycle-facts.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, prismaClient, startApp, type TestPractice } from './harness.js';
import { insertDiary, insertEpisode, insertFollowUp, insertOdi, insertPlan } from './factories/clinical.js';

/** The shared facts of the spasm cycle, loaded in one statement and turned into the domain's inputs. */
describe('spasm-cycle facts', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let cycle: CycleRepository;
  const asOf = '2026-12-01';

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    cycle = app.get(CycleRepository);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  it('a patient: recorded episodes and unrecorded follow-up spasms, the active plan start, scoped to the practice', async () => {
    const patient = await createPatient(prisma, practice);
    const first = await insertEpisode(prisma, practice, patient, { onsetDate: '2025-01-10' });
    await prisma.episode.update({
      where: { practiceId_id: { practiceId: practice.id, id: first.id } },
      data: { resolvedOn: new Date('2025-01-20T00:00:00Z'), resolvedByType: 'user', resolvedBy: practice.users.clinician.id },
    });
    const wrong = await insertEpisode(prisma, practice, patient, { onsetDate: '2025-03-01' });
    await prisma.episode.update({
      where: { practiceId_id: { practiceId: practice.id, id: wrong.id } },
      data: { status: 'entered_in_error', statusReason: 'typo' },
    });
    const planId = await insertPlan(prisma, practice, patient, 'Plan', 'active', '2025-06-01');
    const followUp = await insertFollowUp(prisma, practice, patient, planId, { dueOn: '2025-09-01', spasmOn: '2026-02-03' });

    const facts = await cycle.patientFacts(practice.id, patient.id);
    expect(facts.found).toBe(true);
    expect(facts.episodes).toEqual([
      { id: first.id, onsetDate: '2025-01-10', resolvedOn: '2025-01-20', source: 'episode' },
      { id: followUp, onsetDate: '2026-02-03', resolvedOn: null, source: 'follow_up' },
    ]);
    expect(facts.historyPlan).toEqual({ id: planId, status: 'active', startDate: '2025-06-01' });
    const { history } = patientSpasmHistory(facts, asOf);
    expect(history.cycle).toBe('recurred');
    expect(history.newSincePlan).toBe(1);

    expect(await cycle.patientFacts(other.id, patient.id)).toEqual({ found: false, episodes: [], historyPlan: null });
  });

  it('a plan: phase, adherence, the plan’s logs, open alert, outcome pairs and red flags', async () => {
    const patient = await createPatient(prisma, practice);
    const start = addDays(asOf, -20);
    const planId = await insertPlan(prisma, practice, patient, 'Plan', 'active', start);
    await prisma.planVersion.update({
      where: { practiceId_planId_number: { practiceId: practice.id, planId, number: 1 } },
      data: {
        phases: [
          {
            key: 'settle',
            title: 'Settle',
            startWeek: 0,
            endWeek: 1,
            goals: [],
            exercises: [{ exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 }],
          },
          {
            key: 'activate',
            title: 'Activate',
            startWeek: 1,
            endWeek: 6,
            goals: [],
            exercises: [{ exerciseCode: 'side_bridge', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7 }],
          },
        ] as never,
      },
    });
    await insertDiary(prisma, practice, patient, planId, [
      { date: addDays(asOf, -15), pain: 2 },
      { date: addDays(asOf, -3), pain: 6, alert: ['pain_high'] },
    ]);
    await insertOdi(prisma, practice, patient, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], '2026-11-01');
    await insertOdi(prisma, practice, patient, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-11-25');
    await insertEpisode(prisma, practice, patient, { onsetDate: '2026-11-01', redFlags: ['saddle_anaesthesia'] });

    const facts = await cycle.planFacts(practice.id, planId, asOf);
    expect(facts.plan).toMatchObject({ id: planId, status: 'active', startDate: start, planStartDate: start, version: 1, currentVersion: 1 });
    expect(facts.logs.map((l) => [l.date, l.pain])).toEqual([
      [addDays(asOf, -15), 2],
      [addDays(asOf, -3), 6],
    ]);
    expect(facts.lastLogDate).toBe(addDays(asOf, -3));
    expect(facts.openPainAlert).toBe(true);
    expect(facts.outcomes).toEqual([{ instrument: 'odi', baseline: 60, latest: 20, baselineOn: '2026-11-01', latestOn: '2026-11-25' }]);
    expect(facts.latestEpisode?.redFlags).toEqual(['saddle_anaesthesia']);

    const plan = { ...facts, plan: facts.plan! };
    expect(currentPhase(plan.plan.phases, start, asOf)).toMatchObject({ key: 'activate', daysInPhase: 13, isLastPhase: true });
    const progression = planProgression(plan, asOf)!;
    expect(progression.logs).toEqual([{ date: addDays(asOf, -3), pain: 6, settledByNextMorning: null }]);
    expect(progression.advice.advice).toBe('regress');
    expect(progression.proposed?.proposal.kind).toBe('previous_phase');
    expect(progression.proposed?.startDate).toBe(asOf);
    const { inputs, review } = planDischargeReview(plan, asOf);
    expect(inputs).toMatchObject({ weeksInCare: 2, redFlagOpen: true, priorEpisodes: 0, outcomes: { odi: { baseline: 60, latest: 20, meaningful: true } } });
    expect(review.status).toBe('not_applicable');

    expect((await cycle.planFacts(other.id, planId, asOf)).plan).toBeNull();
  });
});
