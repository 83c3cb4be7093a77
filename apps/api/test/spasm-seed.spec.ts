import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { todayIso } from '../src/common/dates.js';
import { patientSpasmHistory, planDischargeReview, planProgression } from '../src/cycle/cycle-facts.js';
import { CycleRepository } from '../src/cycle/cycle.repository.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { loadDemoPractice, seedDemoPractice } from '../src/seed/demo-seed.js';
import type { TodayDto } from '../src/today/dto/today.dto.js';
import { prismaClient, signIn, startApp } from './harness.js';

/** The demo practice shows each state of the spasm cycle (issue 19), read through the shared cycle facts and the domain. */
describe('demo seed: the spasm cycle', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  const demo = loadDemoPractice();
  const practiceId = demo.practice.id;
  const asOf = todayIso(new Date(), demo.practice.timeZone);

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    await seedDemoPractice(prisma); // once per database: it may already be there
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const patientNamed = async (firstName: string, lastName: string) =>
    (await prisma.patient.findFirstOrThrow({ where: { practiceId, firstName, lastName }, select: { id: true } })).id;

  it.each([
    ['Hélène', 'Dubois', 'broken'],
    ['Chloe', 'Bennett', 'holding'],
    ['Fatima', 'Rahman', 'recurred'],
    ['Søren', 'Christensen', 'too_early'],
  ])('%s %s: cycle %s', async (firstName, lastName, cycle) => {
    const facts = await app.get(CycleRepository).patientFacts(practiceId, await patientNamed(firstName, lastName));
    const { history } = patientSpasmHistory(facts, asOf);
    expect(history.cycle).toBe(cycle);
  });

  it('the discharged patient: a completed plan with its snapshot and the 3-, 6- and 12-month follow-ups answered "no"', async () => {
    const patientId = await patientNamed('Hélène', 'Dubois');
    const plan = await prisma.plan.findFirstOrThrow({ where: { practiceId, patientId }, include: { followUps: { orderBy: { months: 'asc' } } } });
    expect(plan.status).toBe('completed');
    expect(plan.reachedMeaningfulChange).toBe(true);
    const snapshot = plan.discharge as { review: { status: string }; history: { cycle: string }; maintenance: { phase: { key: string }; patientText: string } };
    expect(snapshot.review.status).toBe('ready');
    expect(snapshot.maintenance.phase.key).toBe('maintain');
    expect(snapshot.maintenance.patientText).toBeTruthy();
    expect(plan.followUps.map((f) => [f.months, f.spasmSince, f.answeredAt !== null])).toEqual([
      [3, false, true],
      [6, false, true],
      [12, false, true],
    ]);
  });

  it('the patient with three good weeks: ready to progress (on Today too) and meeting the discharge criteria', async () => {
    const patientId = await patientNamed('Alex', 'Morgan');
    const plan = await prisma.plan.findFirstOrThrow({ where: { practiceId, patientId, status: 'active' }, select: { id: true } });
    const facts = await app.get(CycleRepository).planFacts(practiceId, plan.id, asOf);
    const loaded = { ...facts, plan: facts.plan! };
    const progression = planProgression(loaded, asOf)!;
    expect(progression.advice.advice).toBe('progress');
    expect(progression.phase.isLastPhase).toBe(false);
    expect(progression.adherencePercent).toBeGreaterThanOrEqual(80);
    const { review, inputs } = planDischargeReview(loaded, asOf);
    expect(review.status).toBe('ready');
    expect([inputs.outcomes.odi?.baseline, inputs.outcomes.odi?.latest, inputs.outcomes.nprs?.baseline, inputs.outcomes.nprs?.latest]).toEqual([40, 14, 7, 2]);

    const clinician = await signIn(app, demo.users.find((u) => u.role === 'clinician')!.email, demo.password);
    const today = (await request(app.getHttpServer()).get('/api/today').set('cookie', clinician).expect(200)).body as TodayDto;
    expect(today.progression.find((p) => p.patientId === patientId)).toMatchObject({ advice: 'progress', planId: plan.id });
  });
});
