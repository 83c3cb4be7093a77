import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, classifyEpisode, RULESET_VERSION, type EpisodeFacts } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import type { TodayDto } from '../src/today/dto/today.dto.js';
import { identityColumns } from '../src/patients/patient-identity.js';
import { insertPlan } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const today = () => new Date().toISOString().slice(0, 10);
const DAY = 86_400_000;

describe('GET /api/today', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const getToday = (cookie: string, rid = `test-${randomUUID()}`) => http().get('/api/today').set('cookie', cookie).set('x-request-id', rid);

  /**
   * Stores an episode as the API would (classification by the domain), recorded `recordedDaysAgo` days ago.
   * `createdAt` follows the recording day unless given, so "the latest episode" is the one recorded last.
   */
  async function episode(
    practice: TestPractice,
    patient: { id: string },
    options: Partial<EpisodeFacts> & { recordedDaysAgo?: number; createdAt?: Date; status?: 'recorded' | 'entered_in_error' } = {},
  ) {
    const { recordedDaysAgo = 0, createdAt, status = 'recorded', ...overrides } = options;
    const facts: EpisodeFacts = {
      age: 40,
      daysSinceOnset: 2,
      painNprs: 6,
      trigger: 'habitual_movement',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painAreas: ['lower_back'],
      redFlags: [],
      ...overrides,
    };
    const classification = classifyEpisode(facts);
    const recordedOn = addDays(today(), -recordedDaysAgo);
    return prisma.episode.create({
      data: {
        id: randomUUID(),
        practiceId: practice.id,
        patientId: patient.id,
        onsetDate: new Date(`${addDays(recordedOn, -facts.daysSinceOnset)}T00:00:00Z`),
        recordedOn: new Date(`${recordedOn}T00:00:00Z`),
        trigger: facts.trigger,
        episodesLast12Months: facts.episodesLast12Months,
        frequencyTrend: facts.frequencyTrend,
        painNprs: facts.painNprs,
        painAreas: [...facts.painAreas],
        redFlags: [...facts.redFlags],
        classification: classification as never,
        category: classification.category,
        urgency: classification.urgency,
        reviewInDays: classification.reviewInDays,
        rulesetVersion: RULESET_VERSION,
        status,
        createdBy: practice.users.clinician.id,
        createdAt: createdAt ?? new Date(Date.now() - recordedDaysAgo * DAY),
      },
    });
  }

  const patientIds = (items: { patient: { id: string } }[]) => items.map((i) => i.patient.id);

  it('lists a patient whose latest recorded episode is a referral, with urgency, dates and red flags, and audits one read', async () => {
    const practice = await createPractice(prisma);
    const patient = await createPatient(prisma, practice, { firstName: 'Rhea', lastName: 'Referred', dateOfBirth: '1975-04-02' });
    const ep = await episode(practice, patient, { redFlags: ['fever', 'saddle_anaesthesia'], daysSinceOnset: 4, recordedDaysAgo: 1 });
    const clinician = await signIn(app, practice.users.clinician.email);
    const rid = `test-${randomUUID()}`;

    const response = await getToday(clinician, rid).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.body as TodayDto;
    expect(body).toEqual({
      date: today(),
      referrals: [
        {
          patient: { id: patient.id, firstName: 'Rhea', lastName: 'Referred', dateOfBirth: '1975-04-02' },
          episodeId: ep.id,
          urgency: 'emergency',
          onsetDate: addDays(today(), -5),
          recordedOn: addDays(today(), -1),
          // The screen's order: emergency flags first.
          redFlags: ['saddle_anaesthesia', 'fever'],
        },
      ],
      reviewsDue: [],
      painAlerts: [],
      lowAdherence: [],
      unsignedNotes: [],
      progression: [],
      followUpSpasms: [],
      limit: 50,
      truncated: {
        referrals: false,
        reviewsDue: false,
        painAlerts: false,
        lowAdherence: false,
        unsignedNotes: false,
        progression: false,
        followUpSpasms: false,
      },
    });

    const rows = await prisma.auditEvent.findMany({ where: { requestId: rid } });
    expect(rows).toEqual([
      expect.objectContaining({
        practiceId: practice.id,
        actorType: 'user',
        actorId: practice.users.clinician.id,
        role: 'clinician',
        action: 'read',
        resourceType: 'today',
        resourceId: null,
        patientId: null,
        outcome: 'success',
      }),
    ]);
  });

  it('counts pain in both legs as a red flag and lists emergencies before urgent referrals', async () => {
    const practice = await createPractice(prisma);
    const urgent = await createPatient(prisma, practice, { lastName: 'Urgent' });
    const bothLegs = await createPatient(prisma, practice, { lastName: 'BothLegs' });
    await episode(practice, urgent, { redFlags: ['cancer_history'], recordedDaysAgo: 0 });
    await episode(practice, bothLegs, { painAreas: ['lower_back', 'both_legs'], recordedDaysAgo: 3 });
    const admin = await signIn(app, practice.users.admin.email);

    const body = (await getToday(admin).expect(200)).body as TodayDto;
    expect(body.referrals.map((r) => [r.patient.id, r.urgency, r.redFlags])).toEqual([
      [bothLegs.id, 'emergency', ['bilateral_leg_symptoms']],
      [urgent.id, 'urgent', ['cancer_history']],
    ]);
    expect(body.reviewsDue).toEqual([]);
  });

  it('lists a review only once its date has come (recordedOn + reviewInDays <= today), most overdue first', async () => {
    const practice = await createPractice(prisma);
    const dueToday = await createPatient(prisma, practice, { lastName: 'DueToday' });
    const notYet = await createPatient(prisma, practice, { lastName: 'NotYet' });
    const overdue = await createPatient(prisma, practice, { lastName: 'Overdue' });
    const overloadNotYet = await createPatient(prisma, practice, { lastName: 'OverloadNotYet' });
    const noEpisode = await createPatient(prisma, practice, { lastName: 'NoEpisode' });
    // support_deficit: review in 7 days; overload: review in 14 days.
    const due = await episode(practice, dueToday, { trigger: 'habitual_movement', recordedDaysAgo: 7 });
    await episode(practice, notYet, { trigger: 'habitual_movement', recordedDaysAgo: 6 });
    const late = await episode(practice, overdue, { trigger: 'unaccustomed_activity', recordedDaysAgo: 20 });
    await episode(practice, overloadNotYet, { trigger: 'unaccustomed_activity', recordedDaysAgo: 13 });
    const clinician = await signIn(app, practice.users.clinician.email);

    const body = (await getToday(clinician).expect(200)).body as TodayDto;
    expect(body.referrals).toEqual([]);
    expect(body.reviewsDue).toEqual([
      {
        patient: { id: overdue.id, firstName: overdue.firstName, lastName: 'Overdue', dateOfBirth: '1980-05-17' },
        episodeId: late.id,
        category: 'overload',
        recordedOn: addDays(today(), -20),
        dueOn: addDays(today(), -6),
        overdueDays: 6,
        clinicianId: practice.users.clinician.id,
        nextAppointmentAt: null,
      },
      {
        patient: { id: dueToday.id, firstName: dueToday.firstName, lastName: 'DueToday', dateOfBirth: '1980-05-17' },
        episodeId: due.id,
        category: 'support_deficit',
        recordedOn: addDays(today(), -7),
        dueOn: today(),
        overdueDays: 0,
        clinicianId: practice.users.clinician.id,
        nextAppointmentAt: null,
      },
    ]);
    expect(patientIds(body.reviewsDue)).not.toContain(notYet.id);
    expect(patientIds(body.reviewsDue)).not.toContain(overloadNotYet.id);
    expect(patientIds(body.reviewsDue)).not.toContain(noEpisode.id);
  });

  it('decides from the latest recorded episode only: a newer episode replaces a referral, one entered in error does not count', async () => {
    const practice = await createPractice(prisma);
    const settled = await createPatient(prisma, practice, { lastName: 'Settled' });
    const mistaken = await createPatient(prisma, practice, { lastName: 'Mistaken' });
    const now = Date.now();
    // An old referral, then a newer support-deficit episode recorded 10 days ago (review due 3 days ago).
    await episode(practice, settled, { redFlags: ['fever'], recordedDaysAgo: 30, createdAt: new Date(now - 30 * DAY) });
    const newer = await episode(practice, settled, { trigger: 'habitual_movement', recordedDaysAgo: 10, createdAt: new Date(now - 10 * DAY) });
    // A due review, then a referral recorded later but marked entered in error: the review stands.
    const real = await episode(practice, mistaken, { trigger: 'habitual_movement', recordedDaysAgo: 8, createdAt: new Date(now - 8 * DAY) });
    await episode(practice, mistaken, { redFlags: ['saddle_anaesthesia'], recordedDaysAgo: 1, createdAt: new Date(now - DAY), status: 'entered_in_error' });
    const clinician = await signIn(app, practice.users.clinician.email);

    const body = (await getToday(clinician).expect(200)).body as TodayDto;
    expect(body.referrals).toEqual([]);
    expect(body.reviewsDue.map((r) => [r.patient.id, r.episodeId, r.overdueDays])).toEqual([
      [settled.id, newer.id, 3],
      [mistaken.id, real.id, 1],
    ]);
  });

  it('leaves archived patients out', async () => {
    const practice = await createPractice(prisma);
    const archivedReferral = await createPatient(prisma, practice, { lastName: 'ArchivedRef', archivedAt: new Date() });
    const archivedReview = await createPatient(prisma, practice, { lastName: 'ArchivedRev', archivedAt: new Date() });
    const current = await createPatient(prisma, practice, { lastName: 'Current' });
    await episode(practice, archivedReferral, { redFlags: ['fever'] });
    await episode(practice, archivedReview, { trigger: 'habitual_movement', recordedDaysAgo: 9 });
    await episode(practice, current, { redFlags: ['fever'] });
    const clinician = await signIn(app, practice.users.clinician.email);

    const body = (await getToday(clinician).expect(200)).body as TodayDto;
    expect(patientIds(body.referrals)).toEqual([current.id]);
    expect(body.reviewsDue).toEqual([]);
  });

  it('shows only the caller’s practice', async () => {
    const mine = await createPractice(prisma);
    const other = await createPractice(prisma);
    const myPatient = await createPatient(prisma, mine, { lastName: 'Mine' });
    const theirReferral = await createPatient(prisma, other, { lastName: 'TheirsRef' });
    const theirReview = await createPatient(prisma, other, { lastName: 'TheirsRev' });
    await episode(mine, myPatient, { redFlags: ['fever'] });
    await episode(other, theirReferral, { redFlags: ['saddle_anaesthesia'] });
    await episode(other, theirReview, { trigger: 'habitual_movement', recordedDaysAgo: 12 });

    const mineBody = (await getToday(await signIn(app, mine.users.clinician.email)).expect(200)).body as TodayDto;
    expect(patientIds(mineBody.referrals)).toEqual([myPatient.id]);
    expect(mineBody.reviewsDue).toEqual([]);

    const otherBody = (await getToday(await signIn(app, other.users.admin.email)).expect(200)).body as TodayDto;
    expect(patientIds(otherBody.referrals)).toEqual([theirReferral.id]);
    expect(patientIds(otherBody.reviewsDue)).toEqual([theirReview.id]);
  });

  it('holds at most 50 patients per list and says when more need attention', async () => {
    const practice = await createPractice(prisma);
    const patients = Array.from({ length: 52 }, (_, i) => ({
      id: randomUUID(),
      practiceId: practice.id,
      firstName: 'Many',
      lastName: `Referral${String(i).padStart(2, '0')}`,
      ...identityColumns({ firstName: 'Many', lastName: `Referral${String(i).padStart(2, '0')}`, dateOfBirth: '1980-01-01', email: null, phone: null }),
      dateOfBirth: new Date('1980-01-01T00:00:00Z'),
      sex: 'unspecified' as const,
      createdBy: practice.users.clinician.id,
    }));
    await prisma.patient.createMany({ data: patients });
    for (const patient of patients) await episode(practice, patient, { redFlags: ['fever'] });
    const clinician = await signIn(app, practice.users.clinician.email);

    const body = (await getToday(clinician).expect(200)).body as TodayDto;
    expect(body.referrals).toHaveLength(50);
    expect(new Set(patientIds(body.referrals)).size).toBe(50);
    expect(body.truncated).toEqual({
      referrals: true,
      reviewsDue: false,
      painAlerts: false,
      lowAdherence: false,
      unsignedNotes: false,
      progression: false,
      followUpSpasms: false,
    });
  });

  it('gives reception the reviews due to book, without their category or any clinical list; 401 without a session', async () => {
    const practice = await createPractice(prisma);
    const referred = await createPatient(prisma, practice, { lastName: 'Referred' });
    await episode(practice, referred, { redFlags: ['fever'] });
    const due = await createPatient(prisma, practice, { lastName: 'ReviewDue' });
    const dueEpisode = await episode(practice, due, { trigger: 'habitual_movement', recordedDaysAgo: 8 });
    const reception = await signIn(app, practice.users.reception.email);
    const rid = `test-${randomUUID()}`;

    const body = (await getToday(reception, rid).expect(200)).body as TodayDto;
    expect(body.referrals).toEqual([]);
    expect(body.painAlerts).toEqual([]);
    expect(body.lowAdherence).toEqual([]);
    expect(body.reviewsDue).toEqual([
      {
        patient: { id: due.id, firstName: due.firstName, lastName: 'ReviewDue', dateOfBirth: '1980-05-17' },
        episodeId: dueEpisode.id,
        recordedOn: addDays(today(), -8),
        dueOn: addDays(today(), -1),
        overdueDays: 1,
        clinicianId: practice.users.clinician.id,
        nextAppointmentAt: null,
      },
    ]);
    expect(JSON.stringify(body)).not.toContain(referred.id);

    // Once the review is booked, the list says when (a cancelled booking does not count).
    const typeId = randomUUID();
    await prisma.appointmentType.create({ data: { id: typeId, practiceId: practice.id, name: 'Review', durationMinutes: 30 } });
    const startAt = new Date(Date.now() + 3 * 86_400_000);
    const booking = { practiceId: practice.id, patientId: due.id, clinicianId: practice.users.clinician.id, typeId, createdBy: practice.users.reception.id };
    await prisma.appointment.create({
      data: {
        ...booking,
        id: randomUUID(),
        startAt: new Date(startAt.getTime() - 86_400_000),
        endAt: new Date(startAt.getTime() - 86_400_000 + 1_800_000),
        status: 'cancelled',
        cancelReason: 'Moved',
      },
    });
    await prisma.appointment.create({ data: { ...booking, id: randomUUID(), startAt, endAt: new Date(startAt.getTime() + 1_800_000) } });
    const booked = (await getToday(reception).expect(200)).body as TodayDto;
    expect(booked.reviewsDue[0].nextAppointmentAt).toBe(startAt.toISOString());
    // The page's read row lists only the patients reception was shown.
    const rows = await prisma.auditEvent.findMany({ where: { requestId: rid, action: 'read' } });
    expect(rows.map((r) => r.patientIds)).toEqual([[due.id]]);

    const anonymous = await http().get('/api/today').expect(401);
    expectProblem(anonymous.body, 401, 'unauthenticated');
  });

  it('lists patients with open pain alerts and patients whose adherence is low', async () => {
    const practice = await createPractice(prisma);
    const cookie = await signIn(app, practice.users.clinician.email);
    const today = new Date().toISOString().slice(0, 10);
    const start = addDays(today, -14);
    const hurting = await createPatient(prisma, practice, { firstName: 'Hurting' });
    const idle = await createPatient(prisma, practice, { firstName: 'Idle' });
    const keen = await createPatient(prisma, practice, { firstName: 'Keen' });
    const plans: Record<string, string> = {};
    for (const p of [hurting, idle, keen]) plans[p.id] = await insertPlan(prisma, practice, p, `Plan of ${p.firstName}`, 'active', start);
    const link = async (patientId: string) => {
      const id = randomUUID();
      await prisma.shareLink.create({
        data: {
          id,
          practiceId: practice.id,
          planId: plans[patientId],
          patientId,
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + 86_400_000),
          createdBy: practice.users.clinician.id,
        },
      });
      return id;
    };
    const log = async (patientId: string, shareLinkId: string, date: string, pain: number, alertReasons: string[] = []) =>
      prisma.patientLog.create({
        data: {
          id: randomUUID(),
          practiceId: practice.id,
          patientId,
          planId: plans[patientId],
          planVersion: 1,
          shareLinkId,
          date: new Date(`${date}T00:00:00Z`),
          completedExercises: ['walking'],
          pain,
          difficulty: 3,
          alertReasons,
        },
      });
    const hurtingLink = await link(hurting.id);
    await log(hurting.id, hurtingLink, addDays(today, -1), 8, ['pain_high']);
    const keenLink = await link(keen.id);
    for (let d = 0; d < 14; d++) await log(keen.id, keenLink, addDays(today, -d), 2);

    const body = (await getToday(cookie).expect(200)).body as TodayDto;
    expect(body.painAlerts.map((a) => a.patient.firstName)).toEqual(['Hurting']);
    expect(body.painAlerts[0].alerts[0]).toMatchObject({ pain: 8, reasons: ['pain_high'] });
    // Walking daily is prescribed: one log in two weeks (Hurting) and none (Idle) are low; Keen logged every day.
    expect(body.lowAdherence.map((a) => a.patient.firstName).sort()).toEqual(['Hurting', 'Idle']);
    expect(body.lowAdherence.every((a) => (a.adherence.percent ?? 100) < 50)).toBe(true);
    expect(body.lowAdherence.find((a) => a.patient.firstName === 'Idle')?.adherence.loggedSessions).toBe(0);
  });
});
