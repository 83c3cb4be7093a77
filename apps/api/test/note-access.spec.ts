import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { hashPassword } from '../src/auth/passwords.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertNote } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, PASSWORD, prismaClient, signIn, startApp, TestPractice, uniqueEmail } from './harness.js';

/**
 * Who may do what with visit notes, what the audit log keeps of it, and that nothing crosses practices.
 * Clinicians write and sign their own notes and read all of the practice's; any clinician adds addenda to signed
 * ones; admins read only; reception never sees a note, in any list either.
 */
describe('visit notes: roles, audit and practices', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  const sessions: Record<'clinician' | 'colleague' | 'admin' | 'reception' | 'otherClinician', string> = {} as never;
  let colleagueId: string;
  let patientId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    // A second clinician of the same practice.
    colleagueId = randomUUID();
    const email = uniqueEmail('colleague');
    await prisma.user.create({
      data: { id: colleagueId, practiceId: practice.id, email, name: 'Colleague Clinician', role: 'clinician', passwordHash: await hashPassword(PASSWORD) },
    });
    patientId = (await createPatient(prisma, practice)).id;
    sessions.clinician = await signIn(app, practice.users.clinician.email);
    sessions.colleague = await signIn(app, email);
    sessions.admin = await signIn(app, practice.users.admin.email);
    sessions.reception = await signIn(app, practice.users.reception.email);
    sessions.otherClinician = await signIn(app, other.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const requestId = () => `notes-${randomBytes(6).toString('hex')}`;
  const audit = (rid: string) => prisma.auditEvent.findMany({ where: { requestId: rid }, orderBy: { at: 'asc' } });
  const draft = () => insertNote(prisma, practice, { id: patientId });
  const signed = () => insertNote(prisma, practice, { id: patientId }, { status: 'signed' });

  /** Every notes route, with what it needs; `id` a note of this practice. */
  const routes = (noteId: string) =>
    [
      ['GET', '/api/note-templates', undefined],
      ['POST', '/api/note-templates', { name: `T ${randomUUID()}`, prompts: { subjective: '', objective: '', assessment: '', plan: '' } }],
      ['PATCH', `/api/note-templates/${randomUUID()}`, { active: false }],
      ['POST', `/api/patients/${patientId}/notes`, {}],
      ['GET', `/api/patients/${patientId}/notes`, undefined],
      ['GET', `/api/patients/${patientId}/notes/print`, undefined],
      ['GET', `/api/notes/${noteId}`, undefined],
      ['PATCH', `/api/notes/${noteId}`, { sections: { plan: 'x' } }],
      ['POST', `/api/notes/${noteId}/sign`, undefined],
      ['POST', `/api/notes/${noteId}/addenda`, { text: 'x' }],
      ['POST', `/api/notes/${noteId}/entered-in-error`, { reason: 'Mistake' }],
    ] as const;

  const call = (method: string, url: string, body: object | undefined, session: string) => {
    let req = http()[method.toLowerCase() as 'get'](url).set('cookie', session);
    if (method === 'PATCH') req = req.set('if-match', '"1"');
    return body === undefined ? req : req.send(body);
  };

  it('reception: 403 on every notes route, and nothing changes', async () => {
    const note = await draft();
    for (const [method, url, body] of routes(note.id)) {
      const response = await call(method, url, body, sessions.reception);
      expect([method, url, response.status]).toEqual([method, url, 403]);
      expectProblem(response.body, 403, 'forbidden');
    }
    expect(await prisma.visitNote.count({ where: { practiceId: practice.id, patientId } })).toBe(1);
  });

  it('admin: reads everything, and every write is 403 (templates aside)', async () => {
    const note = await signed();
    for (const [method, url, body] of routes(note.id)) {
      const response = await call(method, url, body, sessions.admin);
      if (url.startsWith('/api/note-templates')) expect(response.status).not.toBe(403);
      else if (method === 'GET') expect([url, response.status]).toEqual([url, 200]);
      else expect([method, url, response.status]).toEqual([method, url, 403]);
    }
    const stored = await prisma.visitNote.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: note.id } }, include: { addenda: true } });
    expect(stored).toMatchObject({ status: 'signed', version: 1, addenda: [] });
  });

  it('another clinician: reads the note, is refused every change (403 not_author, audited as denied), and may add an addendum once it is signed', async () => {
    const note = await draft();
    expect((await http().get(`/api/notes/${note.id}`).set('cookie', sessions.colleague).expect(200)).body.id).toBe(note.id);
    const refusals = [
      http()
        .patch(`/api/notes/${note.id}`)
        .set('cookie', sessions.colleague)
        .set('if-match', '"1"')
        .send({ sections: { plan: 'mine now' } }),
      http().post(`/api/notes/${note.id}/sign`).set('cookie', sessions.colleague),
      http().post(`/api/notes/${note.id}/entered-in-error`).set('cookie', sessions.colleague).send({ reason: 'Not mine' }),
    ];
    for (const refusal of refusals) {
      const rid = requestId();
      const response = await refusal.set('x-request-id', rid).expect(403);
      expectProblem(response.body, 403, 'not_author');
      expect(await audit(rid)).toEqual([
        expect.objectContaining({ action: 'denied', outcome: 'denied', resourceType: 'visit_note', resourceId: note.id, patientId, actorId: colleagueId }),
      ]);
    }
    expect(await prisma.visitNote.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: note.id } } })).toMatchObject({
      status: 'draft',
      version: 1,
      plan: note.plan,
    });
    // Not signed yet: no addendum from anyone.
    expectProblem(
      (await http().post(`/api/notes/${note.id}/addenda`).set('cookie', sessions.colleague).send({ text: 'x' }).expect(409)).body,
      409,
      'note_not_signed',
    );
    await http().post(`/api/notes/${note.id}/sign`).set('cookie', sessions.clinician).expect(200);
    const addendum = await http().post(`/api/notes/${note.id}/addenda`).set('cookie', sessions.colleague).send({ text: 'Seen by me too.' }).expect(201);
    expect(addendum.body).toMatchObject({ authorId: colleagueId, authorName: 'Colleague Clinician' });
  });

  describe('audit: every read and write, in its own statement or transaction; nothing for an unknown note', () => {
    it.each([
      ['GET one note', (id: string) => http().get(`/api/notes/${id}`), 'read', 'visit_note', true],
      ['the list', () => http().get(`/api/patients/${patientId}/notes`), 'read', 'visit_note', false],
      ['a search', () => http().get(`/api/patients/${patientId}/notes?q=better`), 'read', 'visit_note', false],
      ['the print', () => http().get(`/api/patients/${patientId}/notes/print`), 'read', 'visit_note', false],
      [
        'a save',
        (id: string) =>
          http()
            .patch(`/api/notes/${id}`)
            .set('if-match', '"1"')
            .send({ sections: { plan: 'Saved.' } }),
        'update',
        'visit_note',
        true,
      ],
      ['a signature', (id: string) => http().post(`/api/notes/${id}/sign`), 'update', 'visit_note', true],
      ['entered in error', (id: string) => http().post(`/api/notes/${id}/entered-in-error`).send({ reason: 'Mistake' }), 'update', 'visit_note', true],
    ] as const)('%s: one row naming the patient', async (_name, send, action, resourceType, byId) => {
      const note = await draft();
      const rid = requestId();
      const response = await send(note.id).set('cookie', sessions.clinician).set('x-request-id', rid);
      expect(response.status).toBe(200);
      expect(await audit(rid)).toEqual([
        expect.objectContaining({
          action,
          resourceType,
          resourceId: byId ? note.id : null,
          patientId,
          actorId: practice.users.clinician.id,
          role: 'clinician',
          outcome: 'success',
        }),
      ]);
    });

    it('a new note and an addendum: one create row each, naming the patient', async () => {
      let rid = requestId();
      const created = await http().post(`/api/patients/${patientId}/notes`).set('cookie', sessions.clinician).set('x-request-id', rid).send({}).expect(201);
      expect(await audit(rid)).toEqual([expect.objectContaining({ action: 'create', resourceType: 'visit_note', resourceId: created.body.id, patientId })]);
      const note = await signed();
      rid = requestId();
      const addendum = await http()
        .post(`/api/notes/${note.id}/addenda`)
        .set('cookie', sessions.clinician)
        .set('x-request-id', rid)
        .send({ text: 'x' })
        .expect(201);
      expect(await audit(rid)).toEqual([
        expect.objectContaining({ action: 'create', resourceType: 'visit_note_addendum', resourceId: addendum.body.id, patientId }),
      ]);
    });

    it('templates: reads and writes audited as note_template', async () => {
      let rid = requestId();
      await http().get('/api/note-templates').set('cookie', sessions.clinician).set('x-request-id', rid).expect(200);
      expect(await audit(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'note_template', patientId: null })]);
      rid = requestId();
      const body = { name: `Audited ${randomUUID().slice(0, 8)}`, prompts: { subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' } };
      const created = await http().post('/api/note-templates').set('cookie', sessions.admin).set('x-request-id', rid).send(body).expect(201);
      expect(await audit(rid)).toEqual([expect.objectContaining({ action: 'create', resourceType: 'note_template', resourceId: created.body.id })]);
      rid = requestId();
      await http().patch(`/api/note-templates/${created.body.id}`).set('cookie', sessions.admin).set('x-request-id', rid).send({ active: false }).expect(200);
      expect(await audit(rid)).toEqual([expect.objectContaining({ action: 'update', resourceType: 'note_template', resourceId: created.body.id })]);
    });

    it('no row for an unknown note, another practice’s note, or an unknown patient’s list', async () => {
      const foreign = await insertNote(prisma, other, { id: (await createPatient(prisma, other)).id });
      for (const url of [
        `/api/notes/${randomUUID()}`,
        `/api/notes/${foreign.id}`,
        `/api/patients/${randomUUID()}/notes`,
        `/api/patients/${randomUUID()}/notes/print`,
      ]) {
        const rid = requestId();
        await http().get(url).set('cookie', sessions.clinician).set('x-request-id', rid).expect(404);
        expect([url, await audit(rid)]).toEqual([url, []]);
      }
    });
  });

  describe('practices never meet', () => {
    it('another practice’s note is 404 for every route, and is left as it was', async () => {
      const theirPatient = await createPatient(prisma, other);
      const theirs = await insertNote(prisma, other, { id: theirPatient.id }, { status: 'signed' });
      for (const [method, url, body] of [
        ['GET', `/api/notes/${theirs.id}`, undefined],
        ['PATCH', `/api/notes/${theirs.id}`, { sections: { plan: 'x' } }],
        ['POST', `/api/notes/${theirs.id}/sign`, undefined],
        ['POST', `/api/notes/${theirs.id}/addenda`, { text: 'x' }],
        ['POST', `/api/notes/${theirs.id}/entered-in-error`, { reason: 'Mistake' }],
        ['GET', `/api/patients/${theirPatient.id}/notes`, undefined],
        ['GET', `/api/patients/${theirPatient.id}/notes/print`, undefined],
        ['POST', `/api/patients/${theirPatient.id}/notes`, {}],
      ] as const) {
        const response = await call(method, url, body, sessions.clinician);
        expect([method, url, response.status]).toEqual([method, url, 404]);
        expectProblem(response.body, 404, 'not_found');
      }
      expect(
        await prisma.visitNote.findUnique({ where: { practiceId_id: { practiceId: other.id, id: theirs.id } }, include: { addenda: true } }),
      ).toMatchObject({
        status: 'signed',
        version: 1,
        addenda: [],
      });
    });

    it('a search never returns another practice’s note, even for the same word in a patient with the same name', async () => {
      const ours = await createPatient(prisma, practice, { firstName: 'Twin', lastName: 'Search' });
      const theirs = await createPatient(prisma, other, { firstName: 'Twin', lastName: 'Search' });
      const word = `zygapophyseal${randomBytes(3).toString('hex')}`;
      const ourNote = await insertNote(prisma, practice, ours, { sections: { objective: `Tender ${word} joint.` } });
      await insertNote(prisma, other, theirs, { sections: { objective: `Tender ${word} joint.` } });
      const mine = await http().get(`/api/patients/${ours.id}/notes`).query({ q: word }).set('cookie', sessions.clinician).expect(200);
      expect(mine.body.items.map((n: { id: string }) => n.id)).toEqual([ourNote.id]);
      await http().get(`/api/patients/${theirs.id}/notes`).query({ q: word }).set('cookie', sessions.clinician).expect(404);
      // Their clinician finds only theirs.
      const theirsFound = await http().get(`/api/patients/${theirs.id}/notes`).query({ q: word }).set('cookie', sessions.otherClinician).expect(200);
      expect(theirsFound.body.items).toHaveLength(1);
      expect(theirsFound.body.items[0].id).not.toBe(ourNote.id);
    });

    it('a template, appointment or episode of another practice cannot be used; another practice’s template is 404 to edit', async () => {
      const theirTemplate = await prisma.noteTemplate.create({
        data: { id: randomUUID(), practiceId: other.id, name: 'Theirs', prompts: { subjective: '', objective: '', assessment: '', plan: '' } },
      });
      const response = await http()
        .post(`/api/patients/${patientId}/notes`)
        .set('cookie', sessions.clinician)
        .send({ templateId: theirTemplate.id })
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'templateId', message: expect.any(String) }]);
      await http().patch(`/api/note-templates/${theirTemplate.id}`).set('cookie', sessions.admin).send({ active: false }).expect(404);
      const list = await http().get('/api/note-templates').set('cookie', sessions.admin).expect(200);
      expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(theirTemplate.id);
    });
  });
});
