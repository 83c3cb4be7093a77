import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { hashPassword } from '../src/auth/passwords.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertNote } from './factories/clinical.js';
import { createPatient, createPractice, PASSWORD, prismaClient, signIn, startApp, TestPractice, uniqueEmail } from './harness.js';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe('visit notes on Today and on the timeline', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  const sessions: Record<'clinician' | 'colleague' | 'admin' | 'reception', string> = {} as never;
  let colleagueId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    colleagueId = randomUUID();
    const email = uniqueEmail('colleague');
    await prisma.user.create({
      data: { id: colleagueId, practiceId: practice.id, email, name: 'Colleague', role: 'clinician', passwordHash: await hashPassword(PASSWORD) },
    });
    sessions.clinician = await signIn(app, practice.users.clinician.email);
    sessions.colleague = await signIn(app, email);
    sessions.admin = await signIn(app, practice.users.admin.email);
    sessions.reception = await signIn(app, practice.users.reception.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const today = (session: string) => http().get('/api/today').set('cookie', session).expect(200);

  it('Today lists the clinician’s own drafts older than the practice’s unsignedNoteHours, oldest first; not signed ones, not younger ones, not a colleague’s', async () => {
    const patient = await createPatient(prisma, practice, { firstName: 'Nora', lastName: 'Unsigned' });
    const oldest = await insertNote(prisma, practice, patient, { createdAt: hoursAgo(72), visitDate: '2026-11-01' });
    const old = await insertNote(prisma, practice, patient, { createdAt: hoursAgo(25) });
    await insertNote(prisma, practice, patient, { createdAt: hoursAgo(23) }); // younger than 24 hours
    await insertNote(prisma, practice, patient, { createdAt: hoursAgo(80), status: 'signed' });
    await insertNote(prisma, practice, patient, { createdAt: hoursAgo(90), authorId: colleagueId });

    const mine = (await today(sessions.clinician)).body;
    expect(mine.unsignedNotes).toEqual([
      { id: oldest.id, patientId: patient.id, patientName: 'Nora Unsigned', visitDate: '2026-11-01', createdAt: oldest.createdAt.toISOString() },
      { id: old.id, patientId: patient.id, patientName: 'Nora Unsigned', visitDate: '2026-11-25', createdAt: old.createdAt.toISOString() },
    ]);
    expect(mine.truncated.unsignedNotes).toBe(false);
    expect((await today(sessions.colleague)).body.unsignedNotes.map((n: { id: string }) => n.id)).toHaveLength(1);
    expect((await today(sessions.admin)).body.unsignedNotes).toEqual([]);
    expect((await today(sessions.reception)).body.unsignedNotes).toEqual([]);

    // The practice's setting moves the threshold.
    const { body: settings } = await http().get('/api/practice').set('cookie', sessions.admin).expect(200);
    expect(settings.unsignedNoteHours).toBe(24);
    await http().patch('/api/practice').set('cookie', sessions.admin).set('if-match', `"${settings.version}"`).send({ unsignedNoteHours: 48 }).expect(200);
    try {
      expect((await today(sessions.clinician)).body.unsignedNotes.map((n: { id: string }) => n.id)).toEqual([oldest.id]);
    } finally {
      await prisma.practice.update({ where: { id: practice.id }, data: { unsignedNoteHours: 24 } });
    }
  });

  it('Today’s audit row lists the patients of the unsigned notes it shows', async () => {
    const patient = await createPatient(prisma, practice);
    await insertNote(prisma, practice, patient, { createdAt: hoursAgo(30) });
    const requestId = `today-${randomUUID()}`;
    await http().get('/api/today').set('cookie', sessions.clinician).set('x-request-id', requestId).expect(200);
    const [row] = await prisma.auditEvent.findMany({ where: { requestId } });
    expect(row.patientIds).toContain(patient.id);
  });

  it('the practice setting is 1-720 hours', async () => {
    const { body: settings } = await http().get('/api/practice').set('cookie', sessions.admin).expect(200);
    for (const bad of [0, 721, 1.5, '24']) {
      const response = await http()
        .patch('/api/practice')
        .set('cookie', sessions.admin)
        .set('if-match', `"${settings.version}"`)
        .send({ unsignedNoteHours: bad });
      expect([bad, response.status, response.body.errors?.[0]?.field]).toEqual([bad, 400, 'unsignedNoteHours']);
    }
  });

  it('the timeline shows notes as a fifth kind: template, signature, draft or entered in error, dated on the visit', async () => {
    const patient = await createPatient(prisma, practice);
    const template = await prisma.noteTemplate.create({
      data: { id: randomUUID(), practiceId: practice.id, name: 'Follow-up', prompts: { subjective: '', objective: '', assessment: '', plan: '' } },
    });
    const signed = await prisma.visitNote.create({
      data: {
        id: randomUUID(),
        practiceId: practice.id,
        patientId: patient.id,
        authorId: practice.users.clinician.id,
        templateId: template.id,
        visitDate: new Date('2026-11-20T00:00:00Z'),
        plan: 'Seen.',
        status: 'signed',
        signedAt: new Date('2026-11-20T10:42:00Z'),
        signedBy: practice.users.clinician.id,
      },
    });
    const draft = await insertNote(prisma, practice, patient, { visitDate: '2026-11-27' });
    const wrong = await insertNote(prisma, practice, patient, { visitDate: '2026-11-24' });
    await prisma.visitNote.update({
      where: { practiceId_id: { practiceId: practice.id, id: wrong.id } },
      data: { status: 'entered_in_error', statusReason: 'Wrong patient' },
    });

    const { body } = await http().get(`/api/patients/${patient.id}/timeline`).set('cookie', sessions.clinician).expect(200);
    const notes = body.entries.filter((e: { kind: string }) => e.kind === 'note');
    expect(notes).toEqual([
      {
        kind: 'note',
        id: draft.id,
        date: '2026-11-27',
        recordedAt: expect.any(String),
        title: 'Visit note',
        summary: 'Draft by Test clinician',
        status: 'draft',
      },
      {
        kind: 'note',
        id: wrong.id,
        date: '2026-11-24',
        recordedAt: expect.any(String),
        title: 'Visit note',
        summary: 'Entered in error',
        status: 'entered_in_error',
      },
      {
        kind: 'note',
        id: signed.id,
        date: '2026-11-20',
        recordedAt: expect.any(String),
        title: 'Visit note: Follow-up',
        summary: 'Signed by Test clinician · 20 Nov 2026',
        status: 'signed',
      },
    ]);
    await http().get(`/api/patients/${patient.id}/timeline`).set('cookie', sessions.reception).expect(403);
  });
});
