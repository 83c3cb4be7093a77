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

    // Note templates and a few visit notes: signed ones (one with an addendum) and a draft left unsigned for days.
    expect((await prisma.noteTemplate.findMany({ where: { practiceId }, orderBy: { name: 'asc' } })).map((t) => t.name)).toEqual([
      'Discharge',
      'Follow-up',
      'Initial assessment',
    ]);
    const notes = await prisma.visitNote.findMany({ where: { practiceId }, include: { addenda: true } });
    expect(notes.map((n) => n.status).sort()).toEqual(['draft', 'signed', 'signed']);
    expect(notes.flatMap((n) => n.addenda)).toHaveLength(1);
    expect(notes.find((n) => n.status === 'draft')!.createdAt.getTime()).toBeLessThan(Date.now() - 24 * 3_600_000);

    // A working week in the calendar: the clinician's hours, two appointment types, 25 appointments Monday to
    // Friday (the database's exclusion constraint already keeps them from overlapping), one cancelled with its reason.
    expect((await prisma.appointmentType.findMany({ where: { practiceId }, orderBy: { name: 'asc' } })).map((t) => [t.name, t.durationMinutes])).toEqual([
      ['Initial assessment', 45],
      ['Review', 30],
    ]);
    expect(await prisma.workingHour.count({ where: { practiceId } })).toBe(5);
    const appointments = await prisma.appointment.findMany({ where: { practiceId } });
    expect(appointments).toHaveLength(25);
    const cancelled = appointments.filter((a) => a.status === 'cancelled');
    // The week's last booking is the cancelled one, unless the whole week is already over.
    const ahead = appointments.filter((a) => a.status === 'booked' || a.status === 'cancelled');
    expect(cancelled).toHaveLength(ahead.length ? 1 : 0);
    if (ahead.length) expect(Math.max(...ahead.map((a) => a.startAt.getTime()))).toBe(cancelled[0].startAt.getTime());
    for (const a of cancelled) expect(a.cancelReason).toBeTruthy();
    expect(appointments.filter((a) => a.status === 'no_show').length).toBeLessThanOrEqual(1);
    // Past appointments are settled, future ones booked.
    const now = Date.now();
    for (const a of appointments) {
      if (a.status === 'booked') expect(a.endAt.getTime()).toBeGreaterThan(now - 60_000);
      if (a.status === 'completed' || a.status === 'no_show') expect(a.endAt.getTime()).toBeLessThanOrEqual(now);
    }
  });
});
