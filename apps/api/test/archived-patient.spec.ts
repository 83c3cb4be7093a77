import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { episodeBody } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * An archived patient is inactive: their records stay readable and correctable, but new clinical records wait
 * until someone restores them, so nothing is added to a file nobody sees in the lists.
 */
describe('archived patients', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const post = (path: string, body: object) => http().post(path).set('cookie', clinician).send(body);
  const episode = episodeBody(today());

  it('refuses new episodes, assessments, outcome scores and plans with 409 until restored; reads still work', async () => {
    const patient = await createPatient(prisma, practice, { dateOfBirth: '1982-03-03' });
    const base = `/api/patients/${patient.id}`;
    await post(`${base}/episodes`, episode).expect(201);
    const suggestion = (await http().get(`${base}/plan-suggestion`).set('cookie', clinician).expect(200)).body;
    await post(`${base}/archive`, {}).expect(200);

    const attempts = [
      post(`${base}/episodes`, episode),
      post(`${base}/assessments`, { assessedOn: today(), measurements: { sideBridgeS: { left: 60, right: 80 } } }),
      post(`${base}/outcomes`, { instrument: 'nprs', recordedOn: today(), answers: 5 }),
      post(`${base}/plans`, { title: suggestion.title, episodeId: suggestion.episodeId, phases: suggestion.phases }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(409);
      expectProblem(response.body, 409, 'conflict');
      expect(response.body.detail).toBe('This patient is archived. Restore them to add new records.');
    }
    expect(await prisma.episode.count({ where: { patientId: patient.id } })).toBe(1);
    expect(await prisma.plan.count({ where: { patientId: patient.id } })).toBe(0);
    await http().get(`${base}/timeline`).set('cookie', clinician).expect(200);

    await post(`${base}/restore`, {}).expect(200);
    await post(`${base}/episodes`, episode).expect(201);
    await post(`${base}/plans`, { title: suggestion.title, episodeId: suggestion.episodeId, phases: suggestion.phases }).expect(201);
  });
});
