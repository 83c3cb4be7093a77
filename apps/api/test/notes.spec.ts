import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const PROMPTS = { subjective: 'How has it been?', objective: 'Findings today:', assessment: 'Impression:', plan: 'Next:' };

describe('visit notes: the whole round', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;
  let admin: string;
  let patientId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    patientId = (await createPatient(prisma, practice)).id;
    clinician = await signIn(app, practice.users.clinician.email);
    admin = await signIn(app, practice.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());

  it('creates, saves, signs, adds an addendum, lists, searches, prints and marks entered in error', async () => {
    const template = await http().post('/api/note-templates').set('cookie', admin).send({ name: 'Review', prompts: PROMPTS }).expect(201);
    expect(template.headers.etag).toBe('"1"');
    const templates = await http().get('/api/note-templates').set('cookie', clinician).expect(200);
    expect(templates.body.items.map((t: { name: string }) => t.name)).toEqual(['Review']);

    const created = await http().post(`/api/patients/${patientId}/notes`).set('cookie', clinician).send({ templateId: template.body.id }).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', templateName: 'Review', version: 1, addenda: [] });
    const id = created.body.id as string;
    expect(created.body.sections.subjective.startsWith(PROMPTS.subjective)).toBe(true);

    const saved = await http()
      .patch(`/api/notes/${id}`)
      .set('cookie', clinician)
      .set('if-match', '"1"')
      .send({ sections: { plan: 'Progress the side bridge.' } })
      .expect(200);
    expect(saved.headers.etag).toBe('"2"');
    const signed = await http().post(`/api/notes/${id}/sign`).set('cookie', clinician).expect(200);
    expect(signed.body).toMatchObject({ status: 'signed', signedBy: practice.users.clinician.id, signedByName: 'Test clinician' });
    const addendum = await http().post(`/api/notes/${id}/addenda`).set('cookie', clinician).send({ text: 'Also advised on sleeping posture.' }).expect(201);
    expect(addendum.body).toMatchObject({ noteId: id, authorName: 'Test clinician' });

    const list = await http().get(`/api/patients/${patientId}/notes`).set('cookie', admin).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id, addendaCount: 1, status: 'signed' });
    const found = await http().get(`/api/patients/${patientId}/notes`).query({ q: 'posture' }).set('cookie', clinician).expect(200);
    expect(found.body.items.map((n: { id: string }) => n.id)).toEqual([id]);
    expect(found.body.items[0].excerpt).toContain('«posture»');
    const printed = await http().get(`/api/patients/${patientId}/notes/print`).set('cookie', clinician).expect(200);
    expect(printed.body.notes.map((n: { id: string }) => n.id)).toEqual([id]);

    const timeline = await http().get(`/api/patients/${patientId}/timeline`).set('cookie', clinician).expect(200);
    expect(timeline.body.entries.find((e: { kind: string }) => e.kind === 'note')).toMatchObject({ id, title: 'Visit note: Review', status: 'signed' });

    const marked = await http().post(`/api/notes/${id}/entered-in-error`).set('cookie', clinician).send({ reason: 'Wrong patient' }).expect(200);
    expect(marked.body).toMatchObject({ status: 'entered_in_error', statusReason: 'Wrong patient' });
    await http().get(`/api/notes/${id}`).set('cookie', clinician).expect(200);
    const again = await http()
      .patch(`/api/notes/${id}`)
      .set('cookie', clinician)
      .set('if-match', '"4"')
      .send({ sections: { plan: 'x' } })
      .expect(409);
    expectProblem(again.body, 409, 'note_entered_in_error');
    await http().get(`/api/notes/${randomUUID()}`).set('cookie', clinician).expect(404);
  });
});
