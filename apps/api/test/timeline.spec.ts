import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertAssessment, insertEpisode, insertOdi, insertPlan } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

describe('GET /api/patients/:id/timeline', () => {
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

  it('puts episodes, assessments, plans and outcomes on one timeline, newest first', async () => {
    const patient = await createPatient(prisma, practice);
    const episode = await insertEpisode(prisma, practice, patient, { onsetDate: '2026-11-20' });
    const assessment = await insertAssessment(prisma, practice, patient, { sideBridgeS: { left: 60, right: 80 } }, '2026-11-21');
    const planId = await insertPlan(prisma, practice, patient, 'Back support programme', 'active', '2026-11-22');
    const odi = await insertOdi(prisma, practice, patient, [2, 2, 1, 1, 2, 1, 1, 2, 1, 1], '2026-11-23');

    const response = await request(app.getHttpServer())
      .get(`/api/patients/${patient.id}/timeline`)
      .set('cookie', clinician)
      .set('x-request-id', 'timeline-read-001')
      .expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.truncated).toBe(false);
    expect(response.body.entries.map((e: { kind: string; id: string }) => [e.kind, e.id])).toEqual([
      ['outcome', odi.id],
      ['plan', planId],
      ['assessment', assessment.id],
      ['episode', episode.id],
    ]);
    expect(response.body.entries[3]).toMatchObject({ date: '2026-11-20', title: 'Episode: Support deficit', status: 'recorded' });
    expect(response.body.entries[2].summary).toMatch(/^1 finding\(s\), 1 strengthening target\(s\)/);
    expect(response.body.entries[1]).toMatchObject({ title: 'Plan: Back support programme', summary: 'active · version 1' });
    expect(response.body.entries[0]).toMatchObject({ title: 'ODI score', summary: '28 (moderate)' });
    const audit = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, requestId: 'timeline-read-001' } });
    expect(audit).toEqual([expect.objectContaining({ action: 'read', resourceType: 'timeline', resourceId: patient.id, patientId: patient.id })]);
  });

  it('is empty for a patient with no records yet', async () => {
    const patient = await createPatient(prisma, practice);
    const response = await request(app.getHttpServer()).get(`/api/patients/${patient.id}/timeline`).set('cookie', clinician).expect(200);
    expect(response.body).toEqual({ patientId: patient.id, entries: [], truncated: false });
  });

  it('answers 404 for another practice’s patient and for an unknown id, 403 for reception', async () => {
    const other = await createPractice(prisma);
    const theirs = await createPatient(prisma, other);
    expectProblem((await request(app.getHttpServer()).get(`/api/patients/${theirs.id}/timeline`).set('cookie', clinician).expect(404)).body, 404, 'not_found');
    await request(app.getHttpServer()).get(`/api/patients/${crypto.randomUUID()}/timeline`).set('cookie', clinician).expect(404);
    await request(app.getHttpServer()).get('/api/patients/not-a-uuid/timeline').set('cookie', clinician).expect(404);
    const reception = await signIn(app, practice.users.reception.email);
    const patient = await createPatient(prisma, practice);
    await request(app.getHttpServer()).get(`/api/patients/${patient.id}/timeline`).set('cookie', reception).expect(403);
  });
});
