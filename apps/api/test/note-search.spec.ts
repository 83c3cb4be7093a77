import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertEpisode, insertNote } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

/** GET /api/patients/:id/notes: newest first with keyset paging, filtered by episode, and searched by word. */
describe('visit note list and word search', () => {
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

  const list = (patientId: string, query: Record<string, string | number> = {}) =>
    request(app.getHttpServer()).get(`/api/patients/${patientId}/notes`).query(query).set('cookie', clinician);
  const ids = (body: { items: { id: string }[] }) => body.items.map((n) => n.id);
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);

  it('pages newest first by (created_at, id), without gaps or repeats, ties included', async () => {
    const patient = await createPatient(prisma, practice);
    const same = at(30);
    const notes = [];
    for (let i = 0; i < 7; i++) notes.push(await insertNote(prisma, practice, patient, { createdAt: i < 4 ? same : at(60 + i) }));
    const expected = [...notes].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id)).map((n) => n.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { limit: 3, ...(cursor ? { cursor } : {}) };
      const { body } = await list(patient.id, query).expect(200);
      seen.push(...ids(body));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
    expectProblem((await list(patient.id, { cursor: 'not-ours' }).expect(400)).body, 400, 'validation_failed');
    expectProblem((await list(patient.id, { limit: 101 }).expect(400)).body, 400, 'validation_failed');
  });

  it('filters by episode', async () => {
    const patient = await createPatient(prisma, practice);
    const episode = await insertEpisode(prisma, practice, patient);
    const ofEpisode = await insertNote(prisma, practice, patient, { episodeId: episode.id });
    await insertNote(prisma, practice, patient);
    expect(ids((await list(patient.id, { episodeId: episode.id }).expect(200)).body)).toEqual([ofEpisode.id]);
    expect(ids((await list(patient.id, { episodeId: episode.id, q: 'better' }).expect(200)).body)).toEqual([ofEpisode.id]);
  });

  it('finds a note by a word in any section (stemmed: "stiffness" finds "stiff"), and by a word only in one of its addenda', async () => {
    const patient = await createPatient(prisma, practice);
    const bySection = await insertNote(prisma, practice, patient, { sections: { assessment: 'Morning stiffness easing with the walking programme.' } });
    const byAddendum = await insertNote(prisma, practice, patient, { status: 'signed', sections: { plan: 'Continue.' } });
    await prisma.visitNoteAddendum.create({
      data: {
        id: randomUUID(),
        practiceId: practice.id,
        noteId: byAddendum.id,
        authorId: practice.users.clinician.id,
        text: 'Referred for a lumbar MRI.',
      },
    });
    await insertNote(prisma, practice, patient, { sections: { subjective: 'Nothing relevant here.' } });

    const stiff = await list(patient.id, { q: 'stiff' }).expect(200);
    expect(ids(stiff.body)).toEqual([bySection.id]);
    expect(stiff.body.items[0].excerpt).toContain('«stiffness»');
    const mri = await list(patient.id, { q: 'MRI' }).expect(200);
    expect(ids(mri.body)).toEqual([byAddendum.id]);
    expect(mri.body.items[0]).toMatchObject({ addendaCount: 1, excerpt: expect.stringContaining('«MRI»') });
    // Web-search syntax: a phrase, or, and a word left out.
    expect(ids((await list(patient.id, { q: '"walking programme"' }).expect(200)).body)).toEqual([bySection.id]);
    expect(new Set(ids((await list(patient.id, { q: 'stiffness or mri' }).expect(200)).body))).toEqual(new Set([bySection.id, byAddendum.id]));
    expect(ids((await list(patient.id, { q: 'stiffness -walking' }).expect(200)).body)).toEqual([]);
    expect(ids((await list(patient.id, { q: 'absentword' }).expect(200)).body)).toEqual([]);
  });

  it('the excerpt: the note’s start without q; with q about 200 characters around the match, matches in « »', async () => {
    const patient = await createPatient(prisma, practice);
    const long = `${'Lorem ipsum dolor sit amet. '.repeat(40)}The piriformis was tender on palpation. ${'Consectetur adipiscing elit. '.repeat(40)}`;
    await insertNote(prisma, practice, patient, { sections: { subjective: 'Started the new job.', objective: long } });
    const plain = (await list(patient.id).expect(200)).body.items[0].excerpt as string;
    expect(plain.startsWith('Started the new job. Lorem ipsum')).toBe(true);
    expect(plain.length).toBeLessThanOrEqual(201);
    const found = (await list(patient.id, { q: 'piriformis' }).expect(200)).body.items[0].excerpt as string;
    expect(found).toContain('«piriformis»');
    expect(found.length).toBeLessThanOrEqual(201);
    expect(found).not.toMatch(/<b>|<\/b>/);
  });

  it.each([
    ['quotes and operators', '"&|!:*'],
    ['a lone operator', '&'],
    ['tsquery syntax', 'fat & (rat | cat) <-> !dog:*'],
    ['only stop words', 'the and of'],
    ['backslashes and brackets', "\\\\ ( ) [ ] { } ' ;--"],
    ['unicode', 'Schmerz ÷ 痛み 🙂'],
    ['an unbalanced quote', '"piriformis'],
  ])('odd input (%s) answers 200, never 500', async (_name, q) => {
    const patient = await createPatient(prisma, practice);
    await insertNote(prisma, practice, patient);
    const response = await list(patient.id, { q });
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body.items)).toBe(true);
  });

  it.each([
    ['a NUL byte', 'pain\u0000'],
    ['more than 200 characters', 'a'.repeat(201)],
    ['nothing but spaces', '   '],
  ])('bad q (%s) is a 400 naming q', async (_name, q) => {
    const patient = await createPatient(prisma, practice);
    const response = await list(patient.id, { q });
    expect(response.status).toBe(400);
    expectProblem(response.body, 400, response.body.code);
    expect(response.body.errors?.map((e: { field: string }) => e.field)).toEqual(['q']);
  });
});
