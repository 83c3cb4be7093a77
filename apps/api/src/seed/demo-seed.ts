import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import { identityColumns } from '../patients/patient-identity.js';
import {
  addDays,
  assessPosture,
  classifyEpisode,
  daysBetween,
  dischargeReview,
  RULESET_VERSION,
  scoreOdi,
  scorePsfs,
  isoWeekday,
  scoreRmdq,
  spasmHistory,
  suggestPlan,
  zonedInstant,
  type EpisodeFacts,
  type Instrument,
  type PosturalMeasurements,
  type Sex,
} from '@upright/domain';
import { ageOn, fromIsoDate, toIsoDate } from '../common/dates.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { DEFAULT_NOTE_TEMPLATES } from '../notes/default-templates.js';
import type { PlanPhaseDto } from '../plans/dto/plan.dto.js';
import {
  currentPhase,
  dischargeInput,
  outcomePairs,
  planAdherencePercent,
  reachedMeaningfulChange,
  spasmHistoryInput,
  weeksInCare,
  type DischargeInputs,
} from '../cycle/cycle-facts.js';
import type { CycleLogRow, OutcomePairRow } from '../cycle/cycle.repository.js';

/** An episode of a demo story, its dates in days before the seed day (resolvedDaysAgo: the day it settled). */
type DemoEpisode = Omit<EpisodeFacts, 'age' | 'daysSinceOnset'> & { onsetDaysAgo: number; recordedDaysAgo: number; resolvedDaysAgo?: number; notes?: string };

/**
 * A patient's clinical story in the demo: an episode (and later ones), and optionally assessments, a plan and
 * outcome scores. A plan starts on the recording day unless `startDaysAgo` says; a `completed` plan was discharged
 * `completedDaysAgo` days ago (with the snapshot and follow-ups the discharge writes, each answered "no" once due);
 * `diary` is one log a day over those days, pain as given, each settled by the next morning.
 */
interface DemoStory {
  patient: string;
  episode: DemoEpisode;
  laterEpisodes?: DemoEpisode[];
  assessments?: { daysAgo: number; measurements: PosturalMeasurements; notes?: string }[];
  plan?: {
    status: 'draft' | 'active' | 'completed';
    assessment?: number;
    startDaysAgo?: number;
    completedDaysAgo?: number;
    dischargeReason?: string;
    diary?: { fromDaysAgo: number; toDaysAgo: number; pain: number };
  };
  outcomes?: { instrument: Instrument; daysAgo: number; answers: number | (number | null)[] | { yesCount: number } }[];
}

interface DemoPractice {
  practice: { id: string; name: string; timeZone: string };
  password: string;
  users: { name: string; email: string; role: 'admin' | 'clinician' | 'reception' }[];
  patients: { firstName: string; lastName: string; dateOfBirth: string; sex: Sex; email: string | null; phone: string | null; notes: string | null }[];
  stories: DemoStory[];
}

/** The repository's prisma/ folder, found from wherever the compiled code runs. */
export function prismaDir(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return path.join(dir, 'prisma');
    if (dir === path.dirname(dir)) throw new Error('prisma/schema.prisma not found above ' + start);
  }
}

export function loadDemoPractice(): DemoPractice {
  return JSON.parse(readFileSync(path.join(prismaDir(), 'seed', 'demo-practice.json'), 'utf8')) as DemoPractice;
}

/** Stable ids derived from the practice id, so the demo data is the same on every machine. */
function demoId(practiceId: string, kind: string, index: number): string {
  const hex = createHash('sha256').update(`${practiceId}:${kind}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SeedResult {
  created: boolean;
  practiceName: string;
  logins: { role: string; email: string; password: string }[];
}

/**
 * Seeds the demo practice once: if it already exists nothing is written, so restarting never duplicates it.
 * `now` anchors the demo's dates (patients registered over the past months).
 */
export async function seedDemoPractice(prisma: PrismaClient, now = new Date()): Promise<SeedResult> {
  const demo = loadDemoPractice();
  const logins = demo.users.map((u) => ({ role: u.role, email: u.email, password: demo.password }));
  const passwordHash = await hashPassword(demo.password);
  const created = await prisma.$transaction(
    async (tx) => {
      const { count } = await tx.practice.createMany({ data: [demo.practice], skipDuplicates: true });
      if (count === 0) return false;
      const users = demo.users.map((u, i) => ({ id: demoId(demo.practice.id, 'user', i), practiceId: demo.practice.id, passwordHash, ...u }));
      await tx.user.createMany({ data: users });
      await tx.noteTemplate.createMany({
        data: DEFAULT_NOTE_TEMPLATES.map((t, i) => ({
          id: demoId(demo.practice.id, 'note-template', i),
          practiceId: demo.practice.id,
          name: t.name,
          prompts: { ...t.prompts },
        })),
      });
      const clinician = users.find((u) => u.role === 'clinician') ?? users[0];
      const patientIds = demo.patients.map((_, i) => demoId(demo.practice.id, 'patient', i));
      await tx.patient.createMany({
        data: demo.patients.map((p, i) => ({
          id: patientIds[i],
          practiceId: demo.practice.id,
          ...p,
          dateOfBirth: new Date(`${p.dateOfBirth}T00:00:00Z`),
          ...identityColumns(p),
          createdBy: clinician.id,
          // Registered one every few days over the past months, the first patient the most recent.
          createdAt: new Date(now.getTime() - i * 4.5 * 86_400_000),
        })),
      });
      for (const [i, story] of demo.stories.entries()) {
        const index = demo.patients.findIndex((p) => `${p.firstName} ${p.lastName}` === story.patient);
        if (index < 0) throw new Error(`Demo story for unknown patient ${story.patient}`);
        await seedStory(tx, {
          practiceId: demo.practice.id,
          patientId: patientIds[index],
          patient: demo.patients[index],
          clinicianId: clinician.id,
          story,
          storyIndex: i,
          now,
        });
      }
      await seedNotes(tx, {
        practiceId: demo.practice.id,
        clinicianId: clinician.id,
        // The first two stories with a plan and no referral: patients in treatment.
        treated: demo.stories
          .map((story, storyIndex) => ({ story, storyIndex }))
          .filter(({ story }) => story.plan && !story.episode.redFlags.length)
          .slice(0, 2)
          .map(({ story, storyIndex }) => ({
            patientId: patientIds[demo.patients.findIndex((p) => `${p.firstName} ${p.lastName}` === story.patient)],
            episodeId: demoId(demo.practice.id, `episode:${storyIndex}`, 0),
            planId: demoId(demo.practice.id, `plan:${storyIndex}`, 0),
          })),
        now,
      });
      await seedCalendar(tx, {
        practiceId: demo.practice.id,
        timeZone: demo.practice.timeZone,
        clinicianId: clinician.id,
        bookedBy: (users.find((u) => u.role === 'reception') ?? clinician).id,
        // Patients with a clinical story and no referral: the ones the clinic sees for treatment.
        patientIds: demo.stories
          .filter((s) => !s.episode.redFlags.length)
          .map((s) => patientIds[demo.patients.findIndex((p) => `${p.firstName} ${p.lastName}` === s.patient)]),
        now,
      });
      return true;
      // A one-off batch of a few hundred rows, all or nothing: more time than a request's transaction gets.
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return { created, practiceName: demo.practice.name, logins };
}

const isoDaysAgo = (now: Date, days: number) => addDays(toIsoDate(now), -days);

/** Writes one story's records, computing every classification, report, plan and score with @upright/domain. */
async function seedStory(
  tx: Prisma.TransactionClient,
  ctx: {
    practiceId: string;
    patientId: string;
    patient: { dateOfBirth: string; sex: Sex };
    clinicianId: string;
    story: DemoStory;
    storyIndex: number;
    now: Date;
  },
): Promise<void> {
  const { practiceId, patientId, clinicianId, story, now } = ctx;
  const id = (kind: string, n = 0) => demoId(practiceId, `${kind}:${ctx.storyIndex}`, n);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
  const base = { practiceId, patientId, createdBy: clinicianId, rulesetVersion: RULESET_VERSION };

  const insertEpisode = async (episode: DemoEpisode, episodeId: string) => {
    const { onsetDaysAgo, recordedDaysAgo, resolvedDaysAgo, notes, ...facts } = episode;
    const onsetDate = isoDaysAgo(now, onsetDaysAgo);
    const recordedOn = isoDaysAgo(now, recordedDaysAgo);
    const age = ageOn(ctx.patient.dateOfBirth, recordedOn);
    const classification = classifyEpisode({ ...facts, age, daysSinceOnset: daysBetween(onsetDate, recordedOn) });
    await tx.episode.create({
      data: {
        ...base,
        id: episodeId,
        onsetDate: fromIsoDate(onsetDate),
        recordedOn: fromIsoDate(recordedOn),
        trigger: facts.trigger,
        episodesLast12Months: facts.episodesLast12Months,
        frequencyTrend: facts.frequencyTrend,
        painNprs: facts.painNprs,
        painAreas: [...facts.painAreas],
        redFlags: [...facts.redFlags],
        notes: notes ?? null,
        classification: classification as unknown as Prisma.InputJsonValue,
        category: classification.category,
        urgency: classification.urgency,
        reviewInDays: classification.reviewInDays,
        // The clinician noted when it settled.
        ...(resolvedDaysAgo !== undefined
          ? { resolvedOn: fromIsoDate(isoDaysAgo(now, resolvedDaysAgo)), resolvedByType: 'user' as const, resolvedBy: clinicianId }
          : {}),
        createdAt: at(recordedDaysAgo),
      },
    });
    return { onsetDate, recordedOn, classification };
  };
  const episodeId = id('episode');
  const { classification } = await insertEpisode(story.episode, episodeId);
  for (const [n, later] of (story.laterEpisodes ?? []).entries()) await insertEpisode(later, id('episode', n + 1));

  const reports = [];
  for (const [n, assessment] of (story.assessments ?? []).entries()) {
    const assessedOn = isoDaysAgo(now, assessment.daysAgo);
    const report = assessPosture({ sex: ctx.patient.sex, age: ageOn(ctx.patient.dateOfBirth, assessedOn), measurements: assessment.measurements });
    reports.push({ id: id('assessment', n), report });
    await tx.assessment.create({
      data: {
        ...base,
        id: id('assessment', n),
        assessedOn: fromIsoDate(assessedOn),
        measurements: assessment.measurements as unknown as Prisma.InputJsonValue,
        notes: assessment.notes ?? null,
        report: report as unknown as Prisma.InputJsonValue,
        refer: report.refer,
        createdAt: at(assessment.daysAgo),
      },
    });
  }

  if (story.plan && classification.category !== 'referral') {
    const basis = story.plan.assessment !== undefined ? reports[story.plan.assessment] : undefined;
    const startDaysAgo = story.plan.startDaysAgo ?? story.episode.recordedDaysAgo;
    const startDate = isoDaysAgo(now, startDaysAgo);
    const draft = suggestPlan({ classification, report: basis?.report, startDate });
    const planId = id('plan');
    const activated = story.plan.status !== 'draft';
    await tx.plan.create({
      data: {
        ...base,
        id: planId,
        episodeId,
        assessmentId: basis?.id ?? null,
        status: story.plan.status,
        category: draft.category,
        activatedAt: activated ? at(startDaysAgo) : null,
        activatedBy: activated ? clinicianId : null,
        createdAt: at(Math.max(startDaysAgo, story.episode.recordedDaysAgo)),
      },
    });
    await tx.planVersion.create({
      data: {
        practiceId,
        planId,
        number: 1,
        title: draft.title,
        startDate: fromIsoDate(startDate),
        phases: draft.phases as unknown as Prisma.InputJsonValue,
        reviewDates: draft.reviewDates,
        notes: draft.notes,
        createdBy: clinicianId,
        createdAt: at(startDaysAgo),
      },
    });
    const phases = draft.phases as unknown as PlanPhaseDto[];
    const diary = story.plan.diary ? await seedDiary(tx, { ...ctx, planId, startDate, phases, diary: story.plan.diary }) : [];
    if (story.plan.status === 'completed') {
      await seedDischarge(tx, { ...ctx, planId, title: draft.title, startDate, phases, diary, episodeId });
    }
  }

  for (const [n, outcome] of (story.outcomes ?? []).entries()) {
    const answers =
      typeof outcome.answers === 'object' && !Array.isArray(outcome.answers)
        ? Array.from({ length: 24 }, (_, item) => item < (outcome.answers as { yesCount: number }).yesCount)
        : outcome.answers;
    const scored = scoreOutcome(outcome.instrument, answers);
    await tx.outcomeScore.create({
      data: {
        ...base,
        id: id('outcome', n),
        instrument: outcome.instrument,
        recordedOn: fromIsoDate(isoDaysAgo(now, outcome.daysAgo)),
        answers: answers,
        score: scored.score,
        band: scored.band,
        createdAt: at(outcome.daysAgo),
      },
    });
  }
}

type StoryContext = Parameters<typeof seedStory>[1];

/**
 * One log a day over the story's diary days (the current phase's exercises done, the pain given, settled by the next
 * morning; today's not answered yet), through a share link of the plan whose token nobody holds. The logs, as the
 * cycle facts read them.
 */
async function seedDiary(
  tx: Prisma.TransactionClient,
  ctx: StoryContext & { planId: string; startDate: string; phases: PlanPhaseDto[]; diary: { fromDaysAgo: number; toDaysAgo: number; pain: number } },
): Promise<CycleLogRow[]> {
  const { practiceId, patientId, planId, now, diary } = ctx;
  const shareLinkId = demoId(practiceId, `share-link:${ctx.storyIndex}`, 0);
  await tx.shareLink.create({
    data: {
      id: shareLinkId,
      practiceId,
      planId,
      patientId,
      tokenHash: createHash('sha256').update(`demo-link-nobody-holds:${shareLinkId}`).digest('hex'),
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
      createdBy: ctx.clinicianId,
      createdAt: new Date(now.getTime() - diary.fromDaysAgo * 86_400_000),
    },
  });
  const logs: CycleLogRow[] = [];
  for (let daysAgo = diary.fromDaysAgo; daysAgo >= diary.toDaysAgo; daysAgo--) {
    const date = isoDaysAgo(now, daysAgo);
    const phase = currentPhase(ctx.phases, ctx.startDate, date);
    logs.push({
      planId,
      date,
      completedExercises: (phase?.phase.exercises ?? []).map((e) => e.exerciseCode),
      pain: diary.pain,
      settledByNextMorning: daysAgo === 0 ? null : true,
    });
  }
  await tx.patientLog.createMany({
    data: logs.map((log, n) => {
      const daysAgo = diary.fromDaysAgo - n;
      return {
        id: demoId(practiceId, `log:${ctx.storyIndex}`, n),
        practiceId,
        patientId,
        planId,
        planVersion: 1,
        shareLinkId,
        date: fromIsoDate(log.date),
        completedExercises: log.completedExercises,
        pain: log.pain,
        difficulty: 3,
        settledByNextMorning: log.settledByNextMorning,
        settledAnsweredAt: log.settledByNextMorning === null ? null : new Date(now.getTime() - (daysAgo - 1) * 86_400_000),
        createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
      };
    }),
  });
  return logs;
}

/**
 * The discharge of a completed story plan, as POST /api/plans/:planId/discharge writes it on its day: the snapshot
 * (review, history, inputs, maintenance programme, plan) computed with the shared cycle facts as of the completion
 * day, whether a change that matters was reached, and the three follow-ups; each follow-up already due was answered
 * "no spasm" two days after it came due.
 */
async function seedDischarge(
  tx: Prisma.TransactionClient,
  ctx: StoryContext & { planId: string; title: string; startDate: string; phases: PlanPhaseDto[]; diary: CycleLogRow[]; episodeId: string },
): Promise<void> {
  const { practiceId, patientId, planId, story, now } = ctx;
  const completedDaysAgo = story.plan!.completedDaysAgo!;
  const completedOn = isoDaysAgo(now, completedDaysAgo);
  const episodes = [story.episode, ...(story.laterEpisodes ?? [])]
    .map((e, n) => ({ ...e, id: demoId(practiceId, `episode:${ctx.storyIndex}`, n) }))
    .filter((e) => e.onsetDaysAgo >= completedDaysAgo);
  const history = spasmHistory(
    spasmHistoryInput(
      episodes.map((e) => ({
        id: e.id,
        onsetDate: isoDaysAgo(now, e.onsetDaysAgo),
        resolvedOn: e.resolvedDaysAgo !== undefined && e.resolvedDaysAgo >= completedDaysAgo ? isoDaysAgo(now, e.resolvedDaysAgo) : null,
        source: 'episode',
      })),
      ctx.startDate,
      completedOn,
    ),
  );
  const scores = (story.outcomes ?? []).filter((o) => o.daysAgo >= completedDaysAgo).sort((a, b) => b.daysAgo - a.daysAgo);
  const pairs: OutcomePairRow[] = [];
  for (const instrument of ['odi', 'rmdq', 'nprs', 'psfs'] as const) {
    const mine = scores.filter((o) => o.instrument === instrument);
    if (!mine.length) continue;
    const [first, last] = [mine[0], mine[mine.length - 1]];
    pairs.push({
      instrument,
      baseline: scoreOutcome(instrument, first.answers).score,
      latest: scoreOutcome(instrument, last.answers).score,
      baselineOn: isoDaysAgo(now, first.daysAgo),
      latestOn: isoDaysAgo(now, last.daysAgo),
    });
  }
  const plan = { id: planId, patientId, startDate: ctx.startDate, phases: ctx.phases };
  const logs = ctx.diary.filter((l) => l.date <= completedOn);
  const inputs: DischargeInputs = {
    weeksInCare: weeksInCare(ctx.startDate, completedOn),
    outcomes: outcomePairs(pairs),
    adherencePercent: planAdherencePercent(plan, logs, logs.at(-1)?.date ?? null, completedOn),
    redFlagOpen: false,
    priorEpisodes: history.priorEpisodes,
  };
  const review = dischargeReview(dischargeInput(inputs));
  if (!review.maintenance) throw new Error(`The demo discharge of ${story.patient} should meet the discharge criteria (it is ${review.status})`);
  const maintainPhase = ctx.phases.find((p) => p.key === 'maintain') ?? ctx.phases[ctx.phases.length - 1];
  const snapshot = {
    asOf: completedOn,
    review,
    history,
    inputs,
    maintenance: { phase: maintainPhase, text: review.maintenance.text, patientText: review.maintenance.patientText },
    letterToDoctor: null,
    plan: { title: ctx.title, version: 1 },
  };
  await tx.plan.update({
    where: { practiceId_id: { practiceId, id: planId } },
    data: {
      completedOn: fromIsoDate(completedOn),
      dischargeReason: story.plan!.dischargeReason ?? 'Discharged.',
      dischargedBy: ctx.clinicianId,
      discharge: snapshot as unknown as Prisma.InputJsonValue,
      reachedMeaningfulChange: reachedMeaningfulChange(inputs.outcomes),
    },
  });
  await tx.dischargeFollowUp.createMany({
    data: DEMO_FOLLOW_UPS.map(({ months, days }, n) => {
      const dueOn = addDays(completedOn, days);
      const answeredDaysAgo = daysBetween(dueOn, toIsoDate(now)) - 2;
      return {
        id: demoId(practiceId, `follow-up:${ctx.storyIndex}`, n),
        practiceId,
        patientId,
        planId,
        months,
        dueOn: fromIsoDate(dueOn),
        ...(answeredDaysAgo >= 0 ? { answeredAt: new Date(now.getTime() - answeredDaysAgo * 86_400_000), spasmSince: false } : {}),
        createdAt: new Date(now.getTime() - completedDaysAgo * 86_400_000),
      };
    }),
  });
}

/** The follow-ups a discharge writes: months, and days after the completion day. */
const DEMO_FOLLOW_UPS = [
  { months: 3, days: 91 },
  { months: 6, days: 182 },
  { months: 12, days: 365 },
] as const;

function scoreOutcome(instrument: Instrument, answers: unknown): { score: number; band: string | null } {
  switch (instrument) {
    case 'odi': {
      const result = scoreOdi(answers as (number | null)[]);
      return { score: result.percent, band: result.band };
    }
    case 'rmdq':
      return { score: scoreRmdq(answers as boolean[]).score, band: null };
    case 'psfs':
      return { score: scorePsfs(answers as number[]).score, band: null };
    case 'nprs':
      return { score: answers as number, band: null };
  }
}

/**
 * A few visit notes, so the patient page, the timeline and Today show them: for the first treated patient a signed
 * follow-up a week ago with an addendum the next day; for the second a signed note two weeks ago and a draft from two
 * days ago that was never signed (it shows on the clinician's Today).
 */
async function seedNotes(
  tx: Prisma.TransactionClient,
  ctx: { practiceId: string; clinicianId: string; treated: { patientId: string; episodeId: string; planId: string }[]; now: Date },
): Promise<void> {
  const { practiceId, clinicianId, now } = ctx;
  const followUp = demoId(
    practiceId,
    'note-template',
    DEFAULT_NOTE_TEMPLATES.findIndex((t) => t.name === 'Follow-up'),
  );
  const at = (daysAgo: number, hour = 10) => new Date(now.getTime() - daysAgo * 86_400_000 - (now.getUTCHours() - hour) * 3_600_000);
  const note = (
    n: number,
    who: (typeof ctx.treated)[number],
    daysAgo: number,
    signed: boolean,
    sections: Record<'subjective' | 'objective' | 'assessment' | 'plan', string>,
  ) => ({
    id: demoId(practiceId, 'visit-note', n),
    practiceId,
    patientId: who.patientId,
    authorId: clinicianId,
    templateId: followUp,
    episodeId: who.episodeId,
    planId: who.planId,
    planVersion: 1,
    visitDate: fromIsoDate(isoDaysAgo(now, daysAgo)),
    ...sections,
    status: signed ? ('signed' as const) : ('draft' as const),
    signedAt: signed ? at(daysAgo, 11) : null,
    signedBy: signed ? clinicianId : null,
    createdAt: at(daysAgo),
    updatedAt: signed ? at(daysAgo, 11) : at(daysAgo),
    version: signed ? 3 : 2,
  });
  const [first, second] = ctx.treated;
  if (!first || !second) return;
  await tx.visitNote.createMany({
    data: [
      note(0, first, 7, true, {
        subjective:
          'Since the last visit: morning stiffness down to about 20 minutes, sleeping through most nights.\nHome exercises most days; side bridge still hard on the left.\nPain at worst 4/10 after a long drive.',
        objective: 'Lumbar flexion to mid-shin, pain-free on return.\nSide bridge hold 25 s left, 35 s right.',
        assessment: 'Improving as expected with the plan; endurance asymmetry persists on the left.',
        plan: 'Continue the plan; add a 5 s hold to the left side bridge.\nAdvice on breaks during long drives.\nReview in 2 weeks.',
      }),
      note(1, second, 14, true, {
        subjective: 'Since the last visit: pain 5/10 most evenings, better on days with a walk.\nExercises about three days a week.',
        objective: 'Lumbar extension limited by pain at end of range.\nRepeated movements: no directional preference.',
        assessment: 'Slow progress; adherence is the main limit.',
        plan: 'Agreed a fixed time of day for the exercises.\nReview in 2 weeks.',
      }),
      note(2, second, 2, false, {
        subjective: 'Since the last visit: walking 30 minutes daily; pain 3/10 in the evenings.',
        objective: 'Extension now full, mild end-range discomfort.',
        assessment: '',
        plan: '',
      }),
    ],
  });
  await tx.visitNoteAddendum.create({
    data: {
      id: demoId(practiceId, 'visit-note-addendum', 0),
      practiceId,
      noteId: demoId(practiceId, 'visit-note', 0),
      authorId: clinicianId,
      text: 'Patient phoned the next day: the drive home was fine, no flare-up.',
      createdAt: at(6, 9),
    },
  });
}

/** The demo's appointment types, as a clinic starts with: a first assessment and shorter reviews. */
const DEMO_TYPES = [
  { name: 'Initial assessment', durationMinutes: 45, color: '#0f766e' },
  { name: 'Review', durationMinutes: 30, color: '#1d4ed8' },
];
/** Each weekday's bookings (local times): which type. No two overlap, all inside 09:00-17:00. */
const DEMO_DAY: { time: string; type: 0 | 1 }[] = [
  { time: '09:00', type: 0 },
  { time: '10:00', type: 1 },
  { time: '11:30', type: 1 },
  { time: '14:00', type: 0 },
  { time: '15:30', type: 1 },
];

/**
 * The demo's calendar: appointment types, the clinician's working hours (Monday to Friday, 09:00-17:00 in the
 * practice's zone), and this working week's appointments. What already happened is completed (one no-show), what
 * is under way has arrived, the rest is booked, and one booking later in the week was cancelled by the patient.
 */
async function seedCalendar(
  tx: Prisma.TransactionClient,
  ctx: { practiceId: string; timeZone: string; clinicianId: string; bookedBy: string; patientIds: string[]; now: Date },
): Promise<void> {
  const { practiceId, timeZone, clinicianId, now } = ctx;
  const types = DEMO_TYPES.map((t, i) => ({ id: demoId(practiceId, 'appointment-type', i), practiceId, ...t }));
  await tx.appointmentType.createMany({ data: types });
  await tx.workingHour.createMany({
    data: [1, 2, 3, 4, 5].map((weekday) => ({
      id: demoId(practiceId, 'working-hour', weekday),
      practiceId,
      userId: clinicianId,
      weekday,
      startTime: new Date('1970-01-01T09:00:00Z'),
      endTime: new Date('1970-01-01T17:00:00Z'),
    })),
  });
  // This week's Monday in the practice's zone (on a weekend: the coming week's).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const weekday = isoWeekday(today);
  const monday = weekday >= 6 ? addDays(today, 8 - weekday) : addDays(today, 1 - weekday);
  const rows: Prisma.AppointmentCreateManyInput[] = [];
  let noShowGiven = false;
  for (let day = 0; day < 5; day++) {
    const date = addDays(monday, day);
    for (const [slot, booking] of DEMO_DAY.entries()) {
      const index = rows.length;
      const type = types[booking.type];
      const startAt = new Date(zonedInstant(date, booking.time, timeZone));
      const endAt = new Date(startAt.getTime() + type.durationMinutes * 60_000);
      let status: 'booked' | 'arrived' | 'completed' | 'cancelled' | 'no_show' = 'booked';
      if (endAt <= now) {
        status = !noShowGiven && slot === 2 ? 'no_show' : 'completed';
        if (status === 'no_show') noShowGiven = true;
      } else if (startAt <= now) status = 'arrived';
      rows.push({
        id: demoId(practiceId, 'appointment', index),
        practiceId,
        patientId: ctx.patientIds[index % ctx.patientIds.length],
        clinicianId,
        typeId: type.id,
        startAt,
        endAt,
        status,
        createdBy: ctx.bookedBy,
        createdAt: new Date(Math.min(now.getTime(), startAt.getTime()) - 7 * 86_400_000),
      });
    }
  }
  // The week's last booking was cancelled by the patient (when any of the week is still ahead).
  const last = rows.findLast((row) => row.status === 'booked');
  if (last) Object.assign(last, { status: 'cancelled', cancelReason: 'The patient asked to come the following week instead.' });
  await tx.appointment.createMany({ data: rows });
}
