import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, prismaClient, signIn, startApp } from './harness.js';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  query: string[];
  hasBody: boolean;
}

/** Values that broke the API before (issue 13), mixed into every generator. */
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '💥',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '-271821-04-20',
  '0000-01-01',
  '9'.repeat(400),
  '',
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('firstName', 'email', 'date', 'phases', 'targets', 'pain')), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;
/** Bodies: anything JSON, or an object with the real fields' names and hostile values. */
const body = fc.oneof(
  jsonValue,
  fc.dictionary(
    fc.constantFrom(
      'firstName',
      'lastName',
      'dateOfBirth',
      'sex',
      'email',
      'onsetDate',
      'painNprs',
      'painAreas',
      'redFlags',
      'title',
      'phases',
      'date',
      'completedExercises',
      'pain',
      'difficulty',
      'token',
      'birthYear',
      'password',
    ),
    jsonValue,
    { maxKeys: 8 },
  ),
);
/** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD's bytes; '%ED%A0%80' below sends one raw). */
const encode = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const pathParam = (ids: string[]) =>
  fc.oneof(
    fc.constantFrom(...ids, '%ED%A0%80', '%00', '%C0%AF'),
    fc.uuid(),
    hostileString.map((s) => encode(s) || 'x'),
  );

/**
 * Fuzzing every operation of the API's own OpenAPI document with generated paths, query strings and bodies,
 * signed in as an admin (who may call almost everything), a few thousand requests in all: no answer may be a 5xx,
 * and every error must be problem+json with no-store.
 */
describe('fuzzing every documented operation', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let operations: Operation[];
  let cookie: string;
  let ids: string[];

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    const practice = await createPractice(prisma);
    cookie = await signIn(app, practice.users.admin.email);
    ids = [(await createPatient(prisma, practice)).id, practice.users.clinician.id];
    const document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method as Operation['method'],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: !!op.requestBody,
      })),
    );
    // Signing out would only make the rest of the run 401s.
    operations = operations.filter((o) => !o.path.endsWith('/logout'));
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  it('answers every generated request with a status below 500, errors as problem+json', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const operation of operations) {
      const sample = fc.sample(
        fc.record({
          params: fc.array(pathParam(ids), { minLength: 3, maxLength: 3 }),
          query: fc.dictionary(fc.constantFrom(...operation.query, 'cursor', 'limit'), fc.oneof(hostileString, fc.integer().map(String)), { maxKeys: 3 }),
          body,
        }),
        { numRuns: 25, seed: 20261207 },
      );
      for (const { params, query, body: payload } of sample) {
        let i = 0;
        const url = operation.path.replace(/\{[^}]+\}/g, () => params[i++ % params.length]);
        const search = Object.entries(query)
          .map(([k, v]) => `${encode(k)}=${encode(v)}`)
          .join('&');
        const agent = request(app.getHttpServer());
        let req = agent[operation.method](search ? `${url}?${search}` : url).set('cookie', cookie);
        if (operation.hasBody) req = req.set('content-type', 'application/json').send(JSON.stringify(payload));
        const response = await req;
        sent++;
        const problem = response.status >= 400 && !/application\/problem\+json/.test(response.headers['content-type'] ?? '');
        if (response.status >= 500 || problem || response.headers['cache-control'] !== 'no-store') {
          failures.push(`${operation.method.toUpperCase()} ${url} ${JSON.stringify(query)} ${JSON.stringify(payload)?.slice(0, 200)} -> ${response.status}`);
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 240_000);
});
