import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { EXERCISES } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const requestId = () => `exercises-${randomBytes(6).toString('hex')}`;
const uniqueCode = (stem = 'wall_slide') => `${stem}_${randomBytes(3).toString('hex')}`;

function exerciseBody(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    name: 'Wall slide',
    targets: ['trunk_extensors'],
    steps: ['Stand with your back against a wall, feet a step away from it.', 'Slide down until your knees are slightly bent, then slide back up.'],
    regression: 'Slide down only a little way.',
    progression: 'Hold the lowest point for 5 seconds.',
    safety: 'Stop if it brings on pain down a leg.',
    defaultDose: { sets: 2, reps: 10, holdSeconds: 5, perSide: false, timesPerWeek: 3 },
    ...extra,
  };
}

describe('exercise library', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let clinician: string;
  let admin: string;
  let reception: string;
  let otherClinician: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
    admin = await signIn(app, practice.users.admin.email);
    reception = await signIn(app, practice.users.reception.email);
    otherClinician = await signIn(app, other.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const create = (body: unknown, cookie = clinician) =>
    http()
      .post('/api/exercises')
      .set('cookie', cookie)
      .send(body as object);

  describe('GET /api/exercises', () => {
    it('lists the built-in library, then the practice’s own, to every staff role', async () => {
      const fresh = await createPractice(prisma);
      const cookie = await signIn(app, fresh.users.reception.email);
      const builtInOnly = await http().get('/api/exercises').set('cookie', cookie).expect(200);
      expect(builtInOnly.body.items).toHaveLength(EXERCISES.length);
      expect(builtInOnly.body.items.map((e: { code: string }) => e.code)).toEqual(EXERCISES.map((e) => e.code));
      const curlUp = EXERCISES.find((e) => e.code === 'curl_up')!;
      expect(builtInOnly.body.items.find((e: { code: string }) => e.code === 'curl_up')).toEqual({
        code: 'curl_up',
        name: curlUp.name,
        targets: curlUp.targets,
        defaultDose: curlUp.defaultDose,
        steps: curlUp.steps,
        regression: curlUp.regression,
        progression: curlUp.progression,
        safety: curlUp.safety,
        builtIn: true,
      });

      const code = uniqueCode();
      await create(exerciseBody(code), await signIn(app, fresh.users.clinician.email)).expect(201);
      const both = await http().get('/api/exercises').set('cookie', cookie).expect(200);
      expect(both.body.items).toHaveLength(EXERCISES.length + 1);
      expect(both.body.items[EXERCISES.length]).toEqual({ ...exerciseBody(code), builtIn: false });
      expect(both.body.items.slice(0, EXERCISES.length).every((e: { builtIn: boolean }) => e.builtIn)).toBe(true);
    });

    it('never shows another practice’s exercises', async () => {
      const theirs = uniqueCode('their_move');
      await create(exerciseBody(theirs), otherClinician).expect(201);
      const ours = await http().get('/api/exercises').set('cookie', admin).expect(200);
      expect(ours.body.items.map((e: { code: string }) => e.code)).not.toContain(theirs);
      const mine = await http().get('/api/exercises').set('cookie', otherClinician).expect(200);
      expect(mine.body.items.map((e: { code: string }) => e.code)).toContain(theirs);
    });

    it('requires a session', async () => {
      expectProblem((await http().get('/api/exercises').expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('POST /api/exercises', () => {
    it('adds an exercise to the practice’s library (201) and audits the creation', async () => {
      const code = uniqueCode();
      const rid = requestId();
      const response = await create(exerciseBody(code)).set('x-request-id', rid).expect(201);
      expect(response.body).toEqual({ ...exerciseBody(code), builtIn: false });
      const row = await prisma.practiceExercise.findUniqueOrThrow({ where: { practiceId_code: { practiceId: practice.id, code } } });
      expect(row).toMatchObject({
        name: 'Wall slide',
        createdBy: practice.users.clinician.id,
        defaultDose: { sets: 2, reps: 10, holdSeconds: 5, perSide: false, timesPerWeek: 3 },
      });
      expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
        expect.objectContaining({
          practiceId: practice.id,
          action: 'create',
          resourceType: 'exercise',
          resourceId: code,
          patientId: null,
          actorId: practice.users.clinician.id,
        }),
      ]);
    });

    it('leaves holdSeconds out when it is not given', async () => {
      const code = uniqueCode();
      const response = await create(exerciseBody(code, { targets: [], defaultDose: { sets: 1, reps: 1, perSide: true, timesPerWeek: 14 } }), admin).expect(201);
      expect(response.body.defaultDose).toEqual({ sets: 1, reps: 1, perSide: true, timesPerWeek: 14 });
      expect(response.body.targets).toEqual([]);
    });

    it('answers 409 already_exists for a code the practice already has, but another practice may use it', async () => {
      const code = uniqueCode();
      await create(exerciseBody(code)).expect(201);
      const again = await create(exerciseBody(code, { name: 'Another' }), admin).expect(409);
      expectProblem(again.body, 409, 'already_exists');
      expect(again.body.detail).toContain(code);
      await create(exerciseBody(code), otherClinician).expect(201);
      expect(await prisma.practiceExercise.count({ where: { code } })).toBe(2);
    });

    it('refuses a built-in code, naming the field', async () => {
      const response = await create(exerciseBody('curl_up')).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual([{ field: 'code', message: 'is the code of a built-in exercise' }]);
    });

    it('lists every bad field', async () => {
      const body = {
        code: 'Wall-Slide',
        name: '',
        targets: ['abs'],
        steps: Array.from({ length: 9 }, () => 'Do it.'),
        regression: 5,
        safety: '   ',
        defaultDose: { sets: 11, reps: 0, holdSeconds: 601, perSide: 'no', timesPerWeek: 15, notes: 'x' },
        builtIn: true,
        practiceId: practice.id,
      };
      const response = await create(body).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(
        [
          'code',
          'name',
          'targets',
          'steps',
          'regression',
          'progression',
          'safety',
          'defaultDose.sets',
          'defaultDose.reps',
          'defaultDose.holdSeconds',
          'defaultDose.perSide',
          'defaultDose.timesPerWeek',
          'defaultDose.notes',
          'builtIn',
          'practiceId',
        ].sort(),
      );
      expect(response.body.errors).toContainEqual({ field: 'progression', message: 'is required' });
    });

    it.each([
      ['ab', 'code'],
      ['a'.repeat(51), 'code'],
      ['1abc', 'code'],
      ['wall__slide', 'code'],
    ])('refuses the code %p', async (code, field) => {
      const response = await create(exerciseBody(code)).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses no steps and a missing dose', async () => {
      const response = await create(exerciseBody(uniqueCode(), { steps: [], defaultDose: undefined })).expect(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field: 'defaultDose', message: 'is required' }, expect.objectContaining({ field: 'steps' })]),
      );
      expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['defaultDose', 'steps']);
      const notObject = await create(exerciseBody(uniqueCode(), { defaultDose: [1, 2] })).expect(400);
      expect(notObject.body.errors.map((e: { field: string }) => e.field)).toContain('defaultDose');
    });

    it('is for clinical staff only', async () => {
      const code = uniqueCode();
      expectProblem((await create(exerciseBody(code), reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().post('/api/exercises').send(exerciseBody(code)).expect(401)).body, 401, 'unauthenticated');
      expect(await prisma.practiceExercise.count({ where: { code } })).toBe(0);
    });
  });
});
