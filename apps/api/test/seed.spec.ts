import { loadDemoPractice, seedDemoPractice } from '../src/seed/demo-seed.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { prismaClient } from './harness.js';

describe('demo seed', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = prismaClient();
  });
  afterAll(() => prisma.$disconnect());

  it('seeds the demo practice once, covering every category with assessments, plans and outcome scores', async () => {
    const demo = loadDemoPractice();
    await seedDemoPractice(prisma); // may already exist when another suite seeded this database
    const again = await seedDemoPractice(prisma);
    expect(again.created).toBe(false);
    const practiceId = demo.practice.id;
    expect(await prisma.practice.count({ where: { id: practiceId } })).toBe(1);
    expect(await prisma.user.count({ where: { practiceId } })).toBe(3);
    expect(await prisma.patient.count({ where: { practiceId } })).toBe(demo.patients.length);

    const episodes = await prisma.episode.findMany({ where: { practiceId }, select: { category: true, urgency: true } });
    expect(new Set(episodes.map((e) => e.category))).toEqual(new Set(['overload', 'support_deficit', 'unclear', 'referral']));
    expect(
      episodes
        .filter((e) => e.category === 'referral')
        .map((e) => e.urgency)
        .sort(),
    ).toEqual(['emergency', 'urgent']);
    expect(await prisma.assessment.count({ where: { practiceId } })).toBeGreaterThanOrEqual(4);
    expect(await prisma.plan.count({ where: { practiceId, status: 'active' } })).toBeGreaterThanOrEqual(4);
    expect(await prisma.planVersion.count({ where: { practiceId } })).toBe(await prisma.plan.count({ where: { practiceId } }));
    const outcomes = await prisma.outcomeScore.findMany({ where: { practiceId }, select: { instrument: true, recordedOn: true } });
    expect(new Set(outcomes.map((o) => o.instrument))).toEqual(new Set(['odi', 'nprs', 'rmdq', 'psfs']));
    const spanDays = (Math.max(...outcomes.map((o) => +o.recordedOn)) - Math.min(...outcomes.map((o) => +o.recordedOn))) / 86_400_000;
    expect(spanDays).toBeGreaterThanOrEqual(60); // a few months of scores
    // No referral patient has an exercise plan.
    const referralPatients = await prisma.episode.findMany({ where: { practiceId, category: 'referral' }, select: { patientId: true } });
    expect(await prisma.plan.count({ where: { practiceId, patientId: { in: referralPatients.map((e) => e.patientId) } } })).toBe(0);
  });
});
