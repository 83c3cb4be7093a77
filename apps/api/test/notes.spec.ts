import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';
import { insertAssessment, insertDiary, insertEpisode, insertNote, insertOdi, insertPlan } from './factories/clinical.js';

const PROMPTS = { subjective: 'How has it been?', objective: 'Findings today:', assessment: 'Impression:', plan: 'Next:' };
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => addDays(today(), -n);

describe('visit notes', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;
  let templateId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
    templateId = (
      await prisma.noteTemplate.create({ data: { id: randomUUID(), practiceId: practice.id, name: 'Review', prompts: PROMPTS }, select: { id: true } })
    ).id;
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const newPatient = async () => (await createPatient(prisma, practice)).id;
  const create = (patientId: string, body: object = {}, session = clinician) =>
    http().post(`/api/patients/${patientId}/notes`).set('cookie', session).send(body);
  const save = (id: string, version: string | undefined, sections: object, session = clinician) => {
    const call = http().patch(`/api/notes/${id}`).set('cookie', session);
    return (version === undefined ? call : call.set('if-match', version)).send({ sections });
  };
  const sign = (id: string, session = clinician) => http().post(`/api/notes/${id}/sign`).set('cookie', session);
  const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];

  describe('a new note is prefilled with what Upright knows since the last note', () => {
    it('names the diary (adherence, pain trend, notes), the open pain alert, the outcomes, the assessment findings, the episode and the plan with its changes', async () => {
      const patient = await createPatient(prisma, practice);
      const episode = await insertEpisode(prisma, practice, patient, { onsetDate: daysAgo(20) });
      const assessment = await insertAssessment(prisma, practice, patient, { sideBridgeS: { left: 40, right: 80 } }, daysAgo(15));
      await insertOdi(prisma, practice, patient, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], daysAgo(15));
      await insertOdi(prisma, practice, patient, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], daysAgo(2));
      const planId = await insertPlan(prisma, practice, patient, 'Settle and strengthen', 'active', daysAgo(14));
      // The last note was written a week ago against version 1; version 2 then added the side bridge.
      await prisma.visitNote.create({
        data: {
          id: randomUUID(),
          practiceId: practice.id,
          patientId: patient.id,
          authorId: practice.users.clinician.id,
          visitDate: new Date(`${daysAgo(7)}T00:00:00Z`),
          planId,
          planVersion: 1,
          subjective: 'Seen last week.',
          createdAt: new Date(Date.now() - 7 * 86_400_000),
        },
      });
      await prisma.planVersion.create({
        data: {
          practiceId: practice.id,
          planId,
          number: 2,
          title: 'Settle and strengthen',
          startDate: new Date(`${daysAgo(14)}T00:00:00Z`),
          changeNote: 'Added the side bridge now that walking is easy.',
          phases: [
            {
              key: 'settle',
              title: 'Settle',
              startWeek: 0,
              endWeek: 4,
              goals: [],
              exercises: [
                { exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 },
                { exerciseCode: 'side_bridge', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7 },
              ],
            },
          ] as never,
          reviewDates: [],
          notes: [],
          createdBy: practice.users.clinician.id,
        },
      });
      await prisma.plan.update({ where: { practiceId_id: { practiceId: practice.id, id: planId } }, data: { currentVersion: 2 } });
      await insertDiary(prisma, practice, patient, planId, [
        { date: daysAgo(6), pain: 6, difficulty: 5, note: 'Stiff first thing in the morning' },
        { date: daysAgo(5), pain: 8, difficulty: 6, alert: ['pain_high'] },
        { date: daysAgo(4), pain: 5, difficulty: 5 },
        { date: daysAgo(3), pain: 4, difficulty: 4 },
        { date: daysAgo(2), pain: 3, difficulty: 3 },
        { date: daysAgo(1), pain: 2, difficulty: 3, note: 'Walked to work' },
        // Before the last note: not counted.
        { date: daysAgo(9), pain: 9, difficulty: 9, note: 'Before the last visit' },
      ]);

      const created = await create(patient.id, { templateId }).expect(201);
      const note = created.body;
      expect(note).toMatchObject({
        status: 'draft',
        visitDate: today(),
        prefillSince: daysAgo(7),
        templateId,
        templateName: 'Review',
        episodeId: episode.id,
        assessmentId: assessment.id,
        planId,
        planVersion: 2,
        authorId: practice.users.clinician.id,
        authorName: 'Test clinician',
        signedAt: null,
      });
      const { subjective, objective, assessment: impression, plan } = note.sections as Record<string, string>;
      // The template's prompt heads each section, then a blank line, then the facts.
      expect(subjective.startsWith(`${PROMPTS.subjective}\n\n`)).toBe(true);
      expect(subjective).toContain(`Since ${daysAgo(7)} (7 days):`);
      expect(subjective).toContain('Diary: 6 entries on 6 days');
      expect(subjective).toMatch(/Adherence: \d+ %/);
      expect(subjective).toContain('Pain: first 6/10 → latest 2/10');
      expect(subjective).toMatch(/Pain trend: improving/);
      expect(subjective).toContain('“Stiff first thing in the morning”');
      expect(subjective).not.toContain('Before the last visit');
      expect(objective.startsWith(PROMPTS.objective)).toBe(true);
      expect(objective).toContain(`Latest postural assessment ${daysAgo(15)}:`);
      expect(objective).toMatch(/Side bridge/);
      expect(objective).toMatch(/ODI 20 ?%? \(first 60 ?%?\): improved .*a change that matters/);
      expect(impression).toMatch(/Episode \(onset .*\): /);
      expect(impression).toContain('Open pain alert: review before progressing.');
      expect(impression).toContain(`- ${daysAgo(5)}: pain 8/10`);
      expect(plan).toContain('Exercise plan: Settle and strengthen, version 2 (active)');
      expect(plan).toContain('Added the side bridge now that walking is easy.');
      expect(plan).toContain('Changes since the last note:');
      expect(plan).toMatch(/New in “Settle”: Side bridge/);
    });

    it('with nothing known yet: says so, counts from nowhere (prefillSince null), and stores no assessment or plan', async () => {
      const patientId = await newPatient();
      const { body } = await create(patientId).expect(201);
      expect(body).toMatchObject({
        prefillSince: null,
        templateId: null,
        templateName: null,
        episodeId: null,
        assessmentId: null,
        planId: null,
        planVersion: null,
      });
      expect(body.sections.subjective).toContain('No diary entries.');
      expect(body.sections.objective).toContain('No postural assessment recorded.');
      expect(body.sections.assessment).toContain('No episode recorded.');
      expect(body.sections.plan).toContain('No exercise plan.');
      for (const text of Object.values(body.sections as Record<string, string>)) expect(text).not.toMatch(/undefined|NaN|null/);
    });

    it('takes the visit date and episode from the appointment (its local date in the practice’s zone)', async () => {
      const patient = await createPatient(prisma, practice);
      const first = await insertEpisode(prisma, practice, patient, { onsetDate: daysAgo(30) });
      await insertEpisode(prisma, practice, patient, { onsetDate: daysAgo(3) });
      const appointmentId = await insertAppointment(patient.id, new Date(`${daysAgo(2)}T23:30:00Z`), first.id);
      // Auckland is ahead of UTC: 23:30 UTC is the next morning there.
      await prisma.practice.update({ where: { id: practice.id }, data: { timeZone: 'Pacific/Auckland' } });
      try {
        const { body } = await create(patient.id, { appointmentId }).expect(201);
        expect(body).toMatchObject({ appointmentId, episodeId: first.id, visitDate: daysAgo(1) });
      } finally {
        await prisma.practice.update({ where: { id: practice.id }, data: { timeZone: 'UTC' } });
      }
    });

    it('one note per appointment: a second answers 409 note_exists naming the first; entered in error, the appointment takes a new one', async () => {
      const patientId = await newPatient();
      const appointmentId = await insertAppointment(patientId, new Date(Date.now() - 3_600_000));
      const first = await create(patientId, { appointmentId }).expect(201);
      const second = await create(patientId, { appointmentId }).expect(409);
      expectProblem(second.body, 409, 'note_exists');
      expect(second.body.noteId).toBe(first.body.id);
      expect(await prisma.visitNote.count({ where: { practiceId: practice.id, appointmentId } })).toBe(1);
      await http().post(`/api/notes/${first.body.id}/entered-in-error`).set('cookie', clinician).send({ reason: 'Wrong appointment' }).expect(200);
      await create(patientId, { appointmentId }).expect(201);
    });

    it('refuses a template, appointment or episode that is not this patient’s or practice’s, or an inactive template: 400 naming each field', async () => {
      const patientId = await newPatient();
      const otherPatient = await createPatient(prisma, practice);
      const otherEpisode = await insertEpisode(prisma, practice, otherPatient);
      const otherAppointment = await insertAppointment(otherPatient.id, new Date());
      const elsewhere = await createPractice(prisma);
      const foreignTemplate = await prisma.noteTemplate.create({ data: { id: randomUUID(), practiceId: elsewhere.id, name: 'Theirs', prompts: PROMPTS } });
      const inactive = await prisma.noteTemplate.create({ data: { id: randomUUID(), practiceId: practice.id, name: 'Old', prompts: PROMPTS, active: false } });

      const all = await create(patientId, { templateId: foreignTemplate.id, appointmentId: otherAppointment, episodeId: otherEpisode.id }).expect(400);
      expectProblem(all.body, 400, 'validation_failed');
      expect(fields(all.body)).toEqual(['templateId', 'appointmentId', 'episodeId']);
      expect(fields((await create(patientId, { templateId: inactive.id }).expect(400)).body)).toEqual(['templateId']);
      expect(fields((await create(patientId, { templateId: 'not-a-uuid' }).expect(400)).body)).toEqual(['templateId']);
      expect(await prisma.visitNote.count({ where: { practiceId: practice.id, patientId } })).toBe(0);
    });

    it('refuses a note for an archived patient (409, as for other new clinical records) and an unknown patient (404)', async () => {
      const archived = await createPatient(prisma, practice, { archivedAt: new Date() });
      expectProblem((await create(archived.id).expect(409)).body, 409, 'conflict');
      expectProblem((await create(randomUUID()).expect(404)).body, 404, 'not_found');
    });

    it('replays a retried POST with the same Idempotency-Key instead of starting a second note', async () => {
      const patientId = await newPatient();
      const key = `note-${randomUUID()}`;
      const first = await create(patientId).set('idempotency-key', key).expect(201);
      const again = await create(patientId).set('idempotency-key', key).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect(await prisma.visitNote.count({ where: { practiceId: practice.id, patientId } })).toBe(1);
    });
  });

  describe('drafts save with If-Match, then are signed', () => {
    it('PATCH needs If-Match (428), refuses a stale one (412 with the current ETag), saves the sections sent and keeps the others', async () => {
      const { body: note } = await create(await newPatient(), { templateId }).expect(201);
      expectProblem((await save(note.id, undefined, { plan: 'x' }).expect(428)).body, 428, 'version_required');
      const saved = await save(note.id, '"1"', { plan: 'Progress to side bridge.' }).expect(200);
      expect(saved.headers.etag).toBe('"2"');
      expect(saved.body.sections).toEqual({ ...note.sections, plan: 'Progress to side bridge.' });
      // The other tab still has version 1.
      const stale = await save(note.id, '"1"', { plan: 'Something else' }).expect(412);
      expectProblem(stale.body, 412, 'version_stale');
      expect(stale.headers.etag).toBe('"2"');
      expect((await http().get(`/api/notes/${note.id}`).set('cookie', clinician).expect(200)).body.sections.plan).toBe('Progress to side bridge.');
      await save(note.id, '"2"', { subjective: '', objective: 'Flexion full.' }).expect(200);
    });

    it('PATCH without any section, with an unknown one or with a non-string is a 400 naming the field', async () => {
      const { body: note } = await create(await newPatient()).expect(201);
      expect(fields((await save(note.id, '"1"', {}).expect(400)).body)).toEqual(['sections']);
      expect(fields((await save(note.id, '"1"', { history: 'x' }).expect(400)).body)).toEqual(['sections.history']);
      expect(fields((await save(note.id, '"1"', { plan: null }).expect(400)).body)).toEqual(['sections.plan']);
      expect(
        fields((await http().patch(`/api/notes/${note.id}`).set('cookie', clinician).set('if-match', '"1"').send({ plan: 'x' }).expect(400)).body),
      ).toEqual(expect.arrayContaining(['plan', 'sections']));
    });

    it('signs: status signed, signedAt and signedBy; afterwards PATCH and a second sign answer 409 note_signed', async () => {
      const { body: note } = await create(await newPatient()).expect(201);
      const before = Date.now();
      const signed = await sign(note.id).set('if-match', '"1"').expect(200);
      expect(signed.body).toMatchObject({ status: 'signed', signedBy: practice.users.clinician.id, signedByName: 'Test clinician', version: 2 });
      expect(Date.parse(signed.body.signedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(signed.headers.etag).toBe('"2"');
      expectProblem((await save(note.id, '"2"', { plan: 'changed after signing' }).expect(409)).body, 409, 'note_signed');
      expectProblem((await sign(note.id).expect(409)).body, 409, 'note_signed');
      expect((await http().get(`/api/notes/${note.id}`).set('cookie', clinician).expect(200)).body.sections).toEqual(note.sections);
    });

    it('sign: a stale If-Match is 412, a blank note is 409 note_empty, a body with fields is 400', async () => {
      const { body: note } = await create(await newPatient()).expect(201);
      expectProblem((await sign(note.id).set('if-match', '"7"').expect(412)).body, 412, 'version_stale');
      expect(fields((await sign(note.id).send({ force: true }).expect(400)).body)).toEqual(['force']);
      await save(note.id, '"1"', { subjective: ' ', objective: '\n', assessment: '', plan: '\t' }).expect(200);
      expectProblem((await sign(note.id).expect(409)).body, 409, 'note_empty');
      await save(note.id, '"2"', { plan: 'Seen.' }).expect(200);
      await sign(note.id).expect(200);
    });
  });

  describe('entered in error and addenda', () => {
    it('entered in error keeps the note readable, with the reason; it never changes again and takes no addendum', async () => {
      const patientId = await newPatient();
      const { body: note } = await create(patientId).expect(201);
      await sign(note.id).expect(200);
      const marked = await http()
        .post(`/api/notes/${note.id}/entered-in-error`)
        .set('cookie', clinician)
        .send({ reason: 'Written for the wrong patient' })
        .expect(200);
      expect(marked.body).toMatchObject({ status: 'entered_in_error', statusReason: 'Written for the wrong patient', sections: note.sections });
      expect(marked.body.signedAt).not.toBeNull();
      const read = await http().get(`/api/notes/${note.id}`).set('cookie', clinician).expect(200);
      expect(read.body).toMatchObject({ status: 'entered_in_error', sections: note.sections });
      const list = await http().get(`/api/patients/${patientId}/notes`).set('cookie', clinician).expect(200);
      expect(list.body.items.map((n: { status: string }) => n.status)).toEqual(['entered_in_error']);
      expectProblem(
        (await http().post(`/api/notes/${note.id}/entered-in-error`).set('cookie', clinician).send({ reason: 'Again' }).expect(409)).body,
        409,
        'note_entered_in_error',
      );
      expectProblem(
        (await http().post(`/api/notes/${note.id}/addenda`).set('cookie', clinician).send({ text: 'More' }).expect(409)).body,
        409,
        'note_entered_in_error',
      );
      expectProblem((await save(note.id, '"3"', { plan: 'x' }).expect(409)).body, 409, 'note_entered_in_error');
      expect(fields((await http().post(`/api/notes/${note.id}/entered-in-error`).set('cookie', clinician).send({}).expect(400)).body)).toEqual(['reason']);
    });

    it('a draft can be marked entered in error too (and then not signed)', async () => {
      const { body: note } = await create(await newPatient()).expect(201);
      await http().post(`/api/notes/${note.id}/entered-in-error`).set('cookie', clinician).send({ reason: 'Started by mistake' }).expect(200);
      expectProblem((await sign(note.id).expect(409)).body, 409, 'note_entered_in_error');
    });

    it('addenda: only on a signed note (a draft is 409 note_not_signed); each signed and timestamped by its author, shown oldest first', async () => {
      const { body: note } = await create(await newPatient()).expect(201);
      const refused = await http().post(`/api/notes/${note.id}/addenda`).set('cookie', clinician).send({ text: 'Too early' }).expect(409);
      expectProblem(refused.body, 409, 'note_not_signed');
      await sign(note.id).expect(200);
      const texts = ['First correction.', 'Second thought.', 'Third.'];
      const created = [];
      for (const text of texts) created.push((await http().post(`/api/notes/${note.id}/addenda`).set('cookie', clinician).send({ text }).expect(201)).body);
      expect(created[0]).toEqual({
        id: expect.any(String),
        noteId: note.id,
        text: 'First correction.',
        authorId: practice.users.clinician.id,
        authorName: 'Test clinician',
        createdAt: expect.any(String),
      });
      const read = await http().get(`/api/notes/${note.id}`).set('cookie', clinician).expect(200);
      expect(read.body.addenda.map((a: { text: string }) => a.text)).toEqual(texts);
      expect(read.body.addenda.map((a: { id: string }) => a.id)).toEqual(created.map((a) => a.id));
      // The note itself did not change: an addendum is not an edit.
      expect(read.body).toMatchObject({ version: 2, sections: note.sections });
      expect(fields((await http().post(`/api/notes/${note.id}/addenda`).set('cookie', clinician).send({ text: '   ' }).expect(400)).body)).toEqual(['text']);
      expect(fields((await http().post(`/api/notes/${note.id}/addenda`).set('cookie', clinician).send({}).expect(400)).body)).toEqual(['text']);
    });
  });

  describe('hostile input', () => {
    it('a section over 20,000 characters, a NUL byte, an unknown field: 400 naming the field, nothing saved', async () => {
      const { body: note } = await create(await newPatient()).expect(201);
      const huge = await save(note.id, '"1"', { plan: 'x'.repeat(20_001) }).expect(400);
      expectProblem(huge.body, 400, 'validation_failed');
      expect(fields(huge.body)).toEqual(['sections.plan']);
      expect(fields((await save(note.id, '"1"', { objective: 'a\u0000b' }).expect(400)).body)).toEqual(['sections.objective']);
      expect(fields((await create(await newPatient(), { templateId, practiceId: practice.id }).expect(400)).body)).toEqual(['practiceId']);
      expect(fields((await create(await newPatient(), { status: 'signed' }).expect(400)).body)).toEqual(['status']);
      expect(
        fields(
          (
            await http()
              .post(`/api/notes/${note.id}/addenda`)
              .set('cookie', clinician)
              .send({ text: 'y'.repeat(20_001) })
              .expect(400)
          ).body,
        ),
      ).toEqual(['text']);
      // 20,000 exactly is fine.
      await save(note.id, '"1"', { plan: 'x'.repeat(20_000) }).expect(200);
      const stored = await prisma.visitNote.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: note.id } } });
      expect(stored).toMatchObject({ version: 2 });
      expect(stored!.plan).toHaveLength(20_000);
    });
  });

  /** An appointment of this practice's clinician for the patient (with a type of its own), at `start`. */
  async function insertAppointment(patientId: string, start: Date, episodeId?: string): Promise<string> {
    const typeId = randomUUID();
    await prisma.appointmentType.create({ data: { id: typeId, practiceId: practice.id, name: `Visit ${typeId.slice(0, 4)}`, durationMinutes: 30 } });
    const id = randomUUID();
    await prisma.appointment.create({
      data: {
        id,
        practiceId: practice.id,
        patientId,
        clinicianId: practice.users.clinician.id,
        typeId,
        startAt: start,
        endAt: new Date(start.getTime() + 1_800_000),
        episodeId: episodeId ?? null,
        createdBy: practice.users.clinician.id,
      },
    });
    return id;
  }

  // A factory note and the list, at a glance (the list's own tests are in notes-search.spec.ts).
  it('lists a patient’s notes newest first with their summary fields', async () => {
    const patient = await createPatient(prisma, practice);
    const older = await insertNote(prisma, practice, patient, { createdAt: new Date(Date.now() - 86_400_000), status: 'signed' });
    const newer = await insertNote(prisma, practice, patient);
    const { body } = await http().get(`/api/patients/${patient.id}/notes`).set('cookie', clinician).expect(200);
    expect(body.items.map((n: { id: string }) => n.id)).toEqual([newer.id, older.id]);
    expect(body.items[1]).toMatchObject({
      status: 'signed',
      authorName: 'Test clinician',
      addendaCount: 0,
      excerpt: expect.stringContaining('Feeling better'),
    });
    expect(body.nextCursor).toBeNull();
  });
});
