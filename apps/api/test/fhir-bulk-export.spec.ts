import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import request from 'supertest';
import { ExportRepository } from '../src/export/export.repository.js';
import { FHIR_BATCH_SIZE } from '../src/export/export.service.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { loadDemoPractice, seedDemoPractice } from '../src/seed/demo-seed.js';
import { asText } from './downloads.js';
import { bulkPatients } from './factories/bulk.js';
import { insertAssessment, insertEpisode, insertOdi } from './factories/clinical.js';
import { bundleProblems, fhirProblems, loadFhirDefinitions, referencesIn } from './fhir-validation.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, type TestPractice } from './harness.js';

/** The resources of an NDJSON export: one JSON resource per line, the file ending with a newline. */
function parseNdjson(text: string): Resource[] {
  expect(text.endsWith('\n') || text === '').toBe(true);
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as Resource);
}

describe('FHIR bulk export of the practice (GET /api/export/fhir)', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;

  beforeAll(async () => {
    loadFhirDefinitions();
    app = await startApp();
    prisma = prismaClient();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const exportAs = (cookie: string) => request(app.getHttpServer()).get('/api/export/fhir').set('cookie', cookie).buffer(true).parse(asText);

  it('exports the demo practice as NDJSON whose every line parses and validates, every reference resolving to a line; each patient’s bundle validates too', async () => {
    const demo = loadDemoPractice();
    await seedDemoPractice(prisma); // once per database: it may already be there
    const admin = await signIn(app, demo.users.find((u) => u.role === 'admin')!.email, demo.password);

    const res = await exportAs(admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="upright-fhir-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const resources = parseNdjson(res.body as string);
    const ids = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
    expect(ids.size).toBe(resources.length); // no resource twice
    const problems = resources.flatMap((r) => fhirProblems(r));
    for (const r of resources)
      for (const reference of referencesIn(r)) if (!ids.has(reference)) problems.push(`${r.resourceType}/${r.id} points at ${reference}`);
    expect(problems).toEqual([]);
    const patients = resources.filter((r) => r.resourceType === 'Patient');
    expect(patients).toHaveLength(demo.patients.length);
    const kinds = new Set(resources.map((r) => r.resourceType));
    expect([...kinds].sort()).toEqual(['Appointment', 'CarePlan', 'Condition', 'DocumentReference', 'Encounter', 'Observation', 'Patient']);

    for (const patient of patients) {
      const one = await request(app.getHttpServer()).get(`/api/patients/${patient.id}/fhir`).set('cookie', admin).buffer(true).parse(asText).expect(200);
      const bundle = JSON.parse(one.body as string) as Bundle;
      expect(bundleProblems(bundle)).toEqual([]);
      // The same resources as the practice's export holds for that patient.
      expect(bundle.entry?.length).toBe(resources.filter((r) => r.id === patient.id || referencesIn(r).includes(`Patient/${patient.id}`)).length);
    }
  }, 120_000);

  describe('a practice of more patients than one batch', () => {
    let practice: TestPractice;
    let admin: string;
    const count = 2 * FHIR_BATCH_SIZE + 50;

    beforeAll(async () => {
      practice = await createPractice(prisma);
      await bulkPatients(prisma, practice, count);
      admin = await signIn(app, practice.users.admin.email);
    }, 60_000);

    it('exports every patient once, in keyset order, and audits each batch with the patients it held', async () => {
      const before = new Date();
      const res = await exportAs(admin);
      expect(res.status).toBe(200);
      const patients = parseNdjson(res.body as string).filter((r) => r.resourceType === 'Patient');
      const stored = await prisma.patient.findMany({ where: { practiceId: practice.id }, select: { id: true }, orderBy: { id: 'asc' } });
      expect(patients.map((p) => p.id)).toEqual(stored.map((p) => p.id));

      const rows = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, action: 'export', at: { gte: before } }, orderBy: { at: 'asc' } });
      expect(rows.map((r) => [r.resourceType, r.actorId, r.role, r.patientIds.length])).toEqual([
        ['fhir_ndjson', practice.users.admin.id, 'admin', FHIR_BATCH_SIZE],
        ['fhir_ndjson', practice.users.admin.id, 'admin', FHIR_BATCH_SIZE],
        ['fhir_ndjson', practice.users.admin.id, 'admin', 50],
      ]);
      expect(new Set(rows.flatMap((r) => r.patientIds))).toEqual(new Set(stored.map((p) => p.id)));
    });

    it('refuses clinicians and reception (403), and nothing is audited as an export', async () => {
      const before = await prisma.auditEvent.count({ where: { practiceId: practice.id, action: 'export' } });
      for (const role of ['clinician', 'reception'] as const) {
        const res = await request(app.getHttpServer())
          .get('/api/export/fhir')
          .set('cookie', await signIn(app, practice.users[role].email));
        expectProblem(res.body, 403, 'forbidden');
      }
      expect(await prisma.auditEvent.count({ where: { practiceId: practice.id, action: 'export' } })).toBe(before);
    });
  });

  it('answers HEAD with 404 without running the export: no HEAD twin of a GET reads and audits the practice', async () => {
    const other = await createPractice(prisma);
    const admin = await signIn(app, other.users.admin.email);
    for (const path of ['/api/export/fhir', '/api/export/patients.csv', '/api/patients']) {
      const res = await request(app.getHttpServer()).head(path).set('cookie', admin);
      expect(res.status).toBe(404);
    }
    expect(await prisma.auditEvent.count({ where: { practiceId: other.id, action: { in: ['export', 'read'] } } })).toBe(0);
  });

  it('exports a practice without patients as an empty file, still audited once', async () => {
    const empty = await createPractice(prisma);
    const res = await exportAs(await signIn(app, empty.users.admin.email));
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(await prisma.auditEvent.count({ where: { practiceId: empty.id, action: 'export', resourceType: 'fhir_ndjson' } })).toBe(1);
  });

  /*
   * Streaming: the export reads the next batch of patients only when the client has taken what was sent, so a slow
   * client holds the server to about one batch, whatever the size of the practice. Proven by counting batch reads while
   * the client stops reading; the memory it used is measured (EXPORT_MEMORY_REPORT=1 prints it, EXPORT_MEMORY_PATIENTS
   * sets the size; 3,000 by default), not asserted.
   */
  it('streams with backpressure: a client that stops reading stops the batch reads; all patients arrive once it reads on', async () => {
    const size = Number(process.env.EXPORT_MEMORY_PATIENTS ?? 3000);
    const practice = await createPractice(prisma);
    const template = await createPatient(prisma, practice);
    await insertEpisode(prisma, practice, template);
    await insertAssessment(prisma, practice, template, { sideBridgeS: { left: 60, right: 80 }, trunkExtensorS: 120, trunkFlexorS: 90 });
    await insertOdi(prisma, practice, template, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], '2026-11-21');
    await bulkPatients(prisma, practice, size - 1, template);
    const admin = await signIn(app, practice.users.admin.email);

    // Counts batch reads (a jest spy would keep every batch it returned alive, and so measure itself).
    const repository = app.get(ExportRepository);
    const original = repository.recordBatchAudited.bind(repository);
    let reads = 0;
    repository.recordBatchAudited = (...args) => {
      reads++;
      return original(...args);
    };
    const server = app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    let peakLive = baseline.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 20);
    const started = Date.now();
    try {
      const { bytes, patients, readsWhilePaused } = await new Promise<{ bytes: number; patients: number; readsWhilePaused: number }>((resolve, reject) => {
        const req = http.get({ port, host: '127.0.0.1', path: '/api/export/fhir', headers: { cookie: admin } }, (res) => {
          expect(res.statusCode).toBe(200);
          let bytes = 0;
          let patients = 0;
          let tail = '';
          let readsWhilePaused = -1;
          let nextSample = 0;
          const count = (chunk: Buffer) => {
            bytes += chunk.length;
            // With --expose-gc (NODE_OPTIONS), what is still alive every 4 MB: the memory the export holds, garbage aside.
            if (global.gc && bytes >= nextSample) {
              nextSample = bytes + 4 * 1024 * 1024;
              global.gc();
              peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
            }
            const text = tail + chunk.toString('utf8');
            const lines = text.split('\n');
            tail = lines.pop()!;
            for (const line of lines) if (line.startsWith('{"resourceType":"Patient"')) patients++;
          };
          res.once('data', (first: Buffer) => {
            count(first);
            res.pause();
            // Long enough for an export that ignored backpressure to read many batches.
            setTimeout(() => {
              readsWhilePaused = reads;
              res.on('data', count);
              res.resume();
            }, 1500);
          });
          res.on('end', () => resolve({ bytes, patients, readsWhilePaused }));
          res.on('error', reject);
        });
        req.on('error', reject);
      });
      expect(patients).toBe(size);
      // The first batch was read before the answer began; at most a couple more filled the buffers while paused.
      expect(readsWhilePaused).toBeGreaterThanOrEqual(1);
      expect(readsWhilePaused).toBeLessThanOrEqual(3);
      expect(reads).toBe(Math.floor(size / FHIR_BATCH_SIZE) + 1);
      if (process.env.EXPORT_MEMORY_REPORT === '1') {
        const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
        process.stdout.write(
          `FHIR NDJSON export of ${size} patients: ${mb(bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
            `RSS ${mb(baseline.rss)} before, peak ${mb(peakRss)} (+${mb(peakRss - baseline.rss)}); ` +
            `heap used ${mb(baseline.heapUsed)} before, peak ${mb(peakHeap)} (+${mb(peakHeap - baseline.heapUsed)})` +
            (global.gc ? `; live heap after each GC at most ${mb(peakLive)} (+${mb(peakLive - baseline.heapUsed)})` : '') +
            '\n',
        );
      }
    } finally {
      clearInterval(sampler);
      repository.recordBatchAudited = original;
    }
  }, 300_000);
});
