import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, prismaClient, signIn, startApp, TestPractice } from './harness.js';
import { episodeBody, insertNote, insertPlan } from './factories/clinical.js';

/**
 * The hot paths' cost in round trips to PostgreSQL, counted at the driver: every statement of the API (Prisma's
 * included) goes through pg.Client#query. A route that grows a query fails here, not in production.
 */
describe('statements per request on the hot paths', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let cookie: string;
  let patientId: string;
  let noteId: string;
  let planId: string;
  const sent: string[] = [];
  // Kept to be called with the client as `this` (`.apply(this, args)` below) and put back afterwards.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- never called unbound: see above
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    patientId = (await createPatient(prisma, practice, { firstName: 'Rhys', lastName: 'Counted' })).id;
    noteId = (await insertNote(prisma, practice, { id: patientId }, { status: 'signed' })).id;
    planId = await insertPlan(prisma, practice, { id: patientId, sex: 'unspecified' }, 'Counted plan', 'active');
    cookie = await signIn(app, practice.users.clinician.email);
    // Sign-in leaves last_seen_at fresh, so the session is not touched during the counted requests.
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string; name?: string };
      sent.push(typeof config === 'string' ? config : (config?.name ?? config?.text ?? '?'));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await app.close();
    await prisma.$disconnect();
  });

  async function statementsFor(send: () => request.Test, status: number): Promise<string[]> {
    await send().expect(status); // warm: connections open, statements prepared
    sent.length = 0;
    await send().expect(status);
    return [...sent];
  }
  const get = (path: string) => () => request(app.getHttpServer()).get(path).set('cookie', cookie);

  it.each([
    ['patient by id', () => `/api/patients/${patientId}`],
    ['patient list', () => '/api/patients'],
    ['name search', () => '/api/patients?q=rhys'],
    ['phone search', () => `/api/patients?q=${encodeURIComponent('+44 7700 900123')}`],
    ['date of birth search', () => '/api/patients?q=17/05/1980'],
    ['duplicate check', () => '/api/patients/duplicates?firstName=Rhys&lastName=Counted&dateOfBirth=1980-05-17&phone=07700900123'],
    ['timeline', () => `/api/patients/${patientId}/timeline`],
    ['visit note', () => `/api/notes/${noteId}`],
    ['visit note list', () => `/api/patients/${patientId}/notes`],
    ['visit note search', () => `/api/patients/${patientId}/notes?q=better`],
    ['visit note print', () => `/api/patients/${patientId}/notes/print`],
    ['note templates', () => '/api/note-templates'],
    ['spasm history', () => `/api/patients/${patientId}/spasm-history`],
    ['progression', () => `/api/plans/${planId}/progression`],
    ['discharge review', () => `/api/plans/${planId}/discharge-review`],
    ['practice outcomes', () => '/api/practice/outcomes'],
  ])('%s: two statements (session, then the read with its audit row)', async (_name, path) => {
    const statements = await statementsFor(get(path()), 200);
    expect(statements).toEqual(['session_with_user', expect.any(String)]);
  });

  it('Today: three statements (session, the page in one read, then its audit row listing the patients it shows)', async () => {
    const statements = await statementsFor(get('/api/today'), 200);
    expect(statements).toEqual(['session_with_user', 'today', expect.stringContaining('INSERT INTO audit_events')]);
  });

  it('an unknown patient is one statement after the session, and writes no audit row', async () => {
    const statements = await statementsFor(get('/api/patients/00000000-0000-4000-8000-000000000000'), 404);
    expect(statements).toEqual(['session_with_user', 'patient_by_id']);
  });

  it('POST episode: three statements (session, the patient for the classification, the insert with its audit row)', async () => {
    const statements = await statementsFor(
      () =>
        request(app.getHttpServer())
          .post(`/api/patients/${patientId}/episodes`)
          .set('cookie', cookie)
          .send(episodeBody(new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10))),
      201,
    );
    expect(statements).toHaveLength(3);
    expect(statements[0]).toBe('session_with_user');
    expect(statements[2]).toBe('episode_create');
  });
});
