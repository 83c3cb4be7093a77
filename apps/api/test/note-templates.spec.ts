import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { DEFAULT_NOTE_TEMPLATES } from '../src/notes/default-templates.js';
import { createPractice, expectProblem, ownerDatabaseUrl, prismaClient, signIn, startApp, TestPractice, uniqueEmail } from './harness.js';

const PROMPTS = { subjective: 'S:', objective: 'O:', assessment: 'A:', plan: 'P:' };

describe('note templates', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let admin: string;
  let clinician: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    admin = await signIn(app, practice.users.admin.email);
    clinician = await signIn(app, practice.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const create = (body: object, session = admin) => http().post('/api/note-templates').set('cookie', session).send(body);
  const update = (id: string, body: object, ifMatch?: string) => {
    const call = http().patch(`/api/note-templates/${id}`).set('cookie', admin);
    return (ifMatch ? call.set('if-match', ifMatch) : call).send(body);
  };
  const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];
  const unique = (name: string) => `${name} ${randomBytes(2).toString('hex')}`;

  it('admins add one (201, ETag); clinicians read the list by name, inactive ones included and flagged; clinicians may not write', async () => {
    const name = unique('Hydrotherapy');
    const created = await create({ name: `  ${name}  `, prompts: PROMPTS }).expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toEqual({
      id: expect.any(String),
      name,
      prompts: PROMPTS,
      active: true,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const inactive = await create({ name: unique('Aardvark'), prompts: PROMPTS, active: false }).expect(201);
    const listed = await http().get('/api/note-templates').set('cookie', clinician).expect(200);
    const names = listed.body.items.map((t: { name: string }) => t.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(listed.body.items.find((t: { id: string }) => t.id === inactive.body.id)).toMatchObject({ active: false });
    expectProblem((await create({ name: unique('Mine'), prompts: PROMPTS }, clinician).expect(403)).body, 403, 'forbidden');
  });

  it('renames, rewrites prompts, deactivates and reactivates at the version read (412 when stale, 404 unknown, 400 empty)', async () => {
    const { body: t } = await create({ name: unique('Sports'), prompts: PROMPTS }).expect(201);
    const renamed = await update(t.id, { name: 'Sports injury review' }, '"1"').expect(200);
    expect(renamed.body).toMatchObject({ name: 'Sports injury review', version: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    expectProblem((await update(t.id, { active: false }, '"1"').expect(412)).body, 412, 'version_stale');
    const rewritten = await update(t.id, { prompts: { ...PROMPTS, plan: 'Return to sport:' } }).expect(200);
    expect(rewritten.body.prompts).toEqual({ ...PROMPTS, plan: 'Return to sport:' });
    expect((await update(t.id, { active: false }).expect(200)).body).toMatchObject({ active: false, version: 4 });
    expect((await update(t.id, { active: true }).expect(200)).body).toMatchObject({ active: true, version: 5 });
    expectProblem((await update(randomUUID(), { active: false }).expect(404)).body, 404, 'not_found');
    expect(fields((await update(t.id, {}).expect(400)).body)).toEqual(['body']);
  });

  it('a name is unique among the practice’s active templates, ignoring case: 409 naming it; a deactivated one frees it', async () => {
    const name = unique('Pilates');
    const { body: first } = await create({ name, prompts: PROMPTS }).expect(201);
    const clash = await create({ name: name.toUpperCase(), prompts: PROMPTS }).expect(409);
    expectProblem(clash.body, 409, 'already_exists');
    expect(fields(clash.body)).toEqual(['name']);
    await update(first.id, { active: false }).expect(200);
    const { body: second } = await create({ name, prompts: PROMPTS }).expect(201);
    // Bringing the first back would make two active ones of that name.
    expect(fields((await update(first.id, { active: true }).expect(409)).body)).toEqual(['name']);
    const { body: third } = await create({ name: unique('Other'), prompts: PROMPTS }).expect(201);
    expect(fields((await update(third.id, { name: name.toLowerCase() }).expect(409)).body)).toEqual(['name']);
    expect(second.active).toBe(true);
  });

  it('refuses bad input, naming each field: missing or non-string prompts, names too long or empty, unknown fields, NUL', async () => {
    expect(fields((await create({ name: 'x', prompts: { subjective: 'S' } }).expect(400)).body)).toEqual([
      'prompts.objective',
      'prompts.assessment',
      'prompts.plan',
    ]);
    expect(fields((await create({ name: 'x', prompts: { ...PROMPTS, plan: 3 } }).expect(400)).body)).toEqual(['prompts.plan']);
    expect(fields((await create({ name: 'x'.repeat(81), prompts: PROMPTS }).expect(400)).body)).toEqual(['name']);
    expect(fields((await create({ name: '   ', prompts: PROMPTS }).expect(400)).body)).toEqual(['name']);
    expect(fields((await create({ name: 'x', prompts: PROMPTS, practiceId: randomUUID() }).expect(400)).body)).toEqual(['practiceId']);
    expect(fields((await create({ name: 'x', prompts: { ...PROMPTS, extra: '' } }).expect(400)).body)).toEqual(['prompts.extra']);
    expect(fields((await create({ name: 'a\u0000b', prompts: PROMPTS }).expect(400)).body)).toEqual(['name']);
    expect(fields((await create({ name: 'x', prompts: { ...PROMPTS, plan: 'y'.repeat(4001) } }).expect(400)).body)).toEqual(['prompts.plan']);
  });

  it('a new practice from signup starts with the three default templates', async () => {
    const { SignupModule } = await import('../src/signup/signup.module.js');
    const signupApp = await startApp({}, [SignupModule]);
    try {
      const response = await request(signupApp.getHttpServer())
        .post('/api/auth/signup')
        .send({ practiceName: `New ${randomBytes(3).toString('hex')}`, name: 'Founder', email: uniqueEmail('founder'), password: 'a long passphrase' })
        .expect(200);
      const templates = await prisma.noteTemplate.findMany({ where: { practiceId: response.body.practice.id }, orderBy: { name: 'asc' } });
      expect(templates.map((t) => ({ name: t.name, prompts: t.prompts, active: t.active }))).toEqual(
        [...DEFAULT_NOTE_TEMPLATES].sort((a, b) => a.name.localeCompare(b.name)).map((t) => ({ name: t.name, prompts: t.prompts, active: true })),
      );
    } finally {
      await signupApp.close();
    }
  });

  it('the visit-notes migration inserted exactly the code’s default templates (its SQL copies the list)', async () => {
    const migrations = path.resolve(__dirname, '../../../prisma/migrations');
    const folder = readdirSync(migrations).find((name) => name.endsWith('_visit_notes'))!;
    const sql = readFileSync(path.join(migrations, folder, 'migration.sql'), 'utf8');
    const values = /CROSS JOIN \(VALUES\n([\s\S]*?)\n \) AS d\("name", "prompts"\)/.exec(sql)?.[1];
    expect(values).toBeDefined();
    const db = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string; prompts: unknown }>(`SELECT name, prompts FROM (VALUES ${values}) AS d(name, prompts)`);
      expect(rows).toEqual(DEFAULT_NOTE_TEMPLATES.map((t) => ({ name: t.name, prompts: t.prompts })));
    } finally {
      await db.end();
    }
  });
});
