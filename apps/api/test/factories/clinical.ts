import { randomUUID } from 'node:crypto';
import { assessPosture, classifyEpisode, RULESET_VERSION, scoreOdi, type EpisodeFacts, type PosturalMeasurements } from '@upright/domain';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { TestPractice } from '../harness.js';

type PatientRow = { id: string; sex: 'female' | 'male' | 'unspecified' };

/** A valid POST /api/patients/:id/episodes body: a first spasm after an everyday movement (a support deficit). */
export function episodeBody(onsetDate: string, overrides: Record<string, unknown> = {}) {
  return {
    onsetDate,
    trigger: 'habitual_movement',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painNprs: 5,
    painAreas: ['lower_back'],
    redFlags: [],
    ...overrides,
  };
}

/** Inserts an episode with its classification computed by the domain, as the API would store it. */
export async function insertEpisode(
  prisma: PrismaClient,
  practice: TestPractice,
  patient: PatientRow,
  facts: Partial<EpisodeFacts> & { onsetDate?: string } = {},
) {
  const full: EpisodeFacts = {
    age: 45,
    daysSinceOnset: 3,
    painNprs: 6,
    trigger: 'habitual_movement',
    episodesLast12Months: 2,
    frequencyTrend: 'increasing',
    painAreas: ['lower_back'],
    redFlags: [],
    ...facts,
  };
  const classification = classifyEpisode(full);
  return prisma.episode.create({
    data: {
      id: randomUUID(),
      practiceId: practice.id,
      patientId: patient.id,
      onsetDate: new Date(`${facts.onsetDate ?? '2026-11-20'}T00:00:00Z`),
      recordedOn: new Date('2026-11-23T00:00:00Z'),
      trigger: full.trigger,
      episodesLast12Months: full.episodesLast12Months,
      frequencyTrend: full.frequencyTrend,
      painNprs: full.painNprs,
      painAreas: [...full.painAreas],
      redFlags: [...full.redFlags],
      classification: classification as never,
      category: classification.category,
      urgency: classification.urgency,
      reviewInDays: classification.reviewInDays,
      rulesetVersion: RULESET_VERSION,
      createdBy: practice.users.clinician.id,
    },
  });
}

export async function insertAssessment(
  prisma: PrismaClient,
  practice: TestPractice,
  patient: PatientRow,
  measurements: PosturalMeasurements,
  assessedOn = '2026-11-21',
) {
  const report = assessPosture({ sex: patient.sex, age: 45, measurements });
  return prisma.assessment.create({
    data: {
      id: randomUUID(),
      practiceId: practice.id,
      patientId: patient.id,
      assessedOn: new Date(`${assessedOn}T00:00:00Z`),
      measurements: measurements as never,
      report: report as never,
      refer: report.refer,
      rulesetVersion: RULESET_VERSION,
      createdBy: practice.users.clinician.id,
    },
  });
}

export async function insertOdi(prisma: PrismaClient, practice: TestPractice, patient: PatientRow, sections: (number | null)[], recordedOn: string) {
  const result = scoreOdi(sections);
  return prisma.outcomeScore.create({
    data: {
      id: randomUUID(),
      practiceId: practice.id,
      patientId: patient.id,
      instrument: 'odi',
      recordedOn: new Date(`${recordedOn}T00:00:00Z`),
      answers: sections as never,
      score: result.percent,
      band: result.band,
      rulesetVersion: RULESET_VERSION,
      createdBy: practice.users.clinician.id,
    },
  });
}

export async function insertPlan(
  prisma: PrismaClient,
  practice: TestPractice,
  patient: PatientRow,
  title: string,
  status: 'draft' | 'active' = 'draft',
  startDate = '2026-11-22',
) {
  const id = randomUUID();
  await prisma.plan.create({ data: { id, practiceId: practice.id, patientId: patient.id, status, createdBy: practice.users.clinician.id } });
  await prisma.planVersion.create({
    data: {
      practiceId: practice.id,
      planId: id,
      number: 1,
      title,
      startDate: new Date(`${startDate}T00:00:00Z`),
      phases: [
        {
          key: 'settle',
          title: 'Settle',
          startWeek: 0,
          endWeek: 2,
          goals: [],
          exercises: [{ exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 }],
        },
      ] as never,
      reviewDates: [],
      notes: [],
      createdBy: practice.users.clinician.id,
    },
  });
  return id;
}

/** A visit note straight in the database: a draft by the practice's clinician unless told otherwise. */
export async function insertNote(
  prisma: PrismaClient,
  practice: TestPractice,
  patient: { id: string },
  data: Partial<{
    authorId: string;
    status: 'draft' | 'signed';
    sections: Partial<Record<'subjective' | 'objective' | 'assessment' | 'plan', string>>;
    visitDate: string;
    createdAt: Date;
    appointmentId: string;
    episodeId: string;
  }> = {},
) {
  const authorId = data.authorId ?? practice.users.clinician.id;
  const signed = data.status === 'signed';
  return prisma.visitNote.create({
    data: {
      id: randomUUID(),
      practiceId: practice.id,
      patientId: patient.id,
      authorId,
      visitDate: new Date(`${data.visitDate ?? '2026-11-25'}T00:00:00Z`),
      subjective: 'Feeling better this week.',
      objective: 'Flexion to mid-shin.',
      assessment: 'Improving.',
      plan: 'Continue the plan.',
      ...data.sections,
      status: signed ? 'signed' : 'draft',
      signedAt: signed ? new Date() : null,
      signedBy: signed ? authorId : null,
      appointmentId: data.appointmentId ?? null,
      episodeId: data.episodeId ?? null,
      ...(data.createdAt ? { createdAt: data.createdAt } : {}),
    },
  });
}

/**
 * A patient's diary as the portal stores it: a share link of the plan and one log per entry (an entry with
 * `alert` raised a pain alert that nobody has acknowledged yet; `settled` is the next-morning answer).
 */
export async function insertDiary(
  prisma: PrismaClient,
  practice: TestPractice,
  patient: { id: string },
  planId: string,
  entries: { date: string; pain: number; difficulty?: number; completedExercises?: string[]; note?: string; alert?: string[]; settled?: boolean | null }[],
) {
  const shareLinkId = randomUUID();
  await prisma.shareLink.create({
    data: {
      id: shareLinkId,
      practiceId: practice.id,
      planId,
      patientId: patient.id,
      tokenHash: randomUUID(),
      expiresAt: new Date(Date.now() + 86_400_000),
      createdBy: practice.users.clinician.id,
    },
  });
  await prisma.patientLog.createMany({
    data: entries.map((e) => ({
      id: randomUUID(),
      practiceId: practice.id,
      patientId: patient.id,
      planId,
      planVersion: 1,
      shareLinkId,
      date: new Date(`${e.date}T00:00:00Z`),
      completedExercises: e.completedExercises ?? ['walking'],
      pain: e.pain,
      difficulty: e.difficulty ?? 3,
      note: e.note ?? null,
      alertReasons: e.alert ?? [],
      // The next-morning answer (null or left out: not answered).
      settledByNextMorning: e.settled ?? null,
      settledAnsweredAt: e.settled === undefined || e.settled === null ? null : new Date(),
    })),
  });
  return shareLinkId;
}

/** A discharge follow-up of a plan; answered "a spasm since" on `spasmOn` unless told otherwise. */
export async function insertFollowUp(
  prisma: PrismaClient,
  practice: TestPractice,
  patient: { id: string },
  planId: string,
  data: Partial<{ months: 3 | 6 | 12; dueOn: string; spasmOn: string | null }> = {},
) {
  const id = randomUUID();
  const spasmOn = data.spasmOn === undefined ? '2026-10-20' : data.spasmOn;
  await prisma.dischargeFollowUp.create({
    data: {
      id,
      practiceId: practice.id,
      patientId: patient.id,
      planId,
      months: data.months ?? 3,
      dueOn: new Date(`${data.dueOn ?? '2026-11-01'}T00:00:00Z`),
      answeredAt: new Date(),
      spasmSince: spasmOn !== null,
      spasmOn: spasmOn ? new Date(`${spasmOn}T00:00:00Z`) : null,
    },
  });
  return id;
}
