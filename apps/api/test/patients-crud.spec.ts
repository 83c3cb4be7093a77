import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { searchable } from '../src/common/names.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('patients: register, read, correct, archive', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let reception: string;
  let clinician: string;
  let otherCookie: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    reception = await signIn(app, practice.users.reception.email);
    clinician = await signIn(app, practice.users.clinician.email);
    otherCookie = await signIn(app, other.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const auditRows = (requestId: string) => prisma.auditEvent.findMany({ where: { requestId } });
  const rid = () => `req-${randomUUID()}`;

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/patients'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/patients/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(doc.paths['/api/patients/{id}'].patch.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: true }));
    expect(Object.keys(doc.paths['/api/patients/{id}'].patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '412', '428']));
    expect(doc.paths['/api/patients/{id}/archive'].post.responses['200']).toBeDefined();
    expect(doc.paths['/api/patients/{id}/restore'].post.responses['200']).toBeDefined();
    expect(doc.components.schemas.CreatePatientDto.required).toEqual(expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth', 'sex']));
  });

  describe('POST /api/patients', () => {
    it('lets reception register a patient: 201, version 1, ETag, trimmed names, searchName kept, one create audit row', async () => {
      const requestId = rid();
      const response = await http()
        .post('/api/patients')
        .set('cookie', reception)
        .set('x-request-id', requestId)
        .send({
          firstName: '  Zoë ',
          lastName: ' Ångström  ',
          dateOfBirth: '1979-04-12',
          sex: 'female',
          email: ' Zoe@Example.com ',
          phone: '+44 (0)7700 900-123',
          notes: 'Prefers mornings.',
        })
        .expect(201);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        firstName: 'Zoë',
        lastName: 'Ångström',
        dateOfBirth: '1979-04-12',
        sex: 'female',
        email: 'zoe@example.com',
        phone: '+44 (0)7700 900-123',
        notes: 'Prefers mornings.',
        archivedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: response.body.id } } });
      expect(row).toMatchObject({ searchName: 'zoe angstrom', createdBy: practice.users.reception.id, practiceId: practice.id });
      const audit = await auditRows(requestId);
      expect(audit).toEqual([
        expect.objectContaining({
          practiceId: practice.id,
          action: 'create',
          resourceType: 'patient',
          resourceId: response.body.id,
          patientId: response.body.id,
          actorId: practice.users.reception.id,
          role: 'reception',
          outcome: 'success',
        }),
      ]);
    });

    it('stores optional fields as null when left out or sent empty', async () => {
      const response = await http()
        .post('/api/patients')
        .set('cookie', clinician)
        .send({ firstName: 'Mei', lastName: 'Chen', dateOfBirth: '1990-01-01', sex: 'unspecified', email: '', phone: null })
        .expect(201);
      expect(response.body).toMatchObject({ email: null, phone: null, notes: null, sex: 'unspecified' });
    });

    it('lists every bad field in a 400 problem, writes nothing and audits nothing', async () => {
      const requestId = rid();
      const before = await prisma.patient.count({ where: { practiceId: practice.id } });
      const response = await http()
        .post('/api/patients')
        .set('cookie', reception)
        .set('x-request-id', requestId)
        .send({
          firstName: '   ',
          lastName: 'x'.repeat(101),
          dateOfBirth: '1979-02-30',
          sex: 'other',
          email: 'not-an-email',
          phone: 'call me',
          notes: 5,
          practiceId: randomUUID(),
          version: 7,
        })
        .expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(new Set(fields)).toEqual(new Set(['firstName', 'lastName', 'dateOfBirth', 'sex', 'email', 'phone', 'notes', 'practiceId', 'version']));
      expect(await prisma.patient.count({ where: { practiceId: practice.id } })).toBe(before);
      expect(await auditRows(requestId)).toEqual([]);
    });

    it.each([
      [{ dateOfBirth: 'tomorrow' }, 'dateOfBirth', 'cannot be in the future'],
      [{ dateOfBirth: '1899-12-31' }, 'dateOfBirth', 'cannot be before 1900'],
      [{ phone: '12' }, 'phone', 'must be 3-40 characters: digits, spaces and + ( ) - .'],
      [{ phone: '1'.repeat(41) }, 'phone', 'must be 3-40 characters: digits, spaces and + ( ) - .'],
      [{ firstName: undefined }, 'firstName', 'is required'],
    ])('refuses %p naming %s', async (patch, field, message) => {
      const body: Record<string, unknown> = { firstName: 'Alex', lastName: 'Moreau', dateOfBirth: '1985-06-01', sex: 'male', ...patch };
      if (body.dateOfBirth === 'tomorrow') body.dateOfBirth = tomorrow();
      const response = await http().post('/api/patients').set('cookie', reception).send(body).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toContainEqual({ field, message });
    });

    it('accepts a date of birth of today and of 1900-01-01', async () => {
      for (const dateOfBirth of [new Date().toISOString().slice(0, 10), '1900-01-01']) {
        const response = await http()
          .post('/api/patients')
          .set('cookie', reception)
          .send({ firstName: 'Edge', lastName: 'Case', dateOfBirth, sex: 'male' })
          .expect(201);
        expect(response.body.dateOfBirth).toBe(dateOfBirth);
      }
    });

    it('needs a session', async () => {
      const response = await http().post('/api/patients').send({ firstName: 'A', lastName: 'B', dateOfBirth: '1980-01-01', sex: 'male' }).expect(401);
      expectProblem(response.body, 401, 'unauthenticated');
    });
  });

  describe('GET /api/patients/:id', () => {
    it('answers the patient with its ETag and no-store, and audits one read', async () => {
      const patient = await createPatient(prisma, practice, { firstName: 'Hélène', lastName: 'Dubois' });
      const requestId = rid();
      const response = await http().get(`/api/patients/${patient.id}`).set('cookie', reception).set('x-request-id', requestId).expect(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({ id: patient.id, firstName: 'Hélène', lastName: 'Dubois', dateOfBirth: '1980-05-17', archivedAt: null, version: 1 });
      expect(response.body).not.toHaveProperty('searchName');
      expect(response.body).not.toHaveProperty('practiceId');
      expect(await auditRows(requestId)).toEqual([
        expect.objectContaining({
          action: 'read',
          resourceType: 'patient',
          resourceId: patient.id,
          patientId: patient.id,
          actorId: practice.users.reception.id,
        }),
      ]);
    });

    it('still answers an archived patient, with archivedAt', async () => {
      const archivedAt = new Date('2026-01-15T10:00:00Z');
      const patient = await createPatient(prisma, practice, { archivedAt });
      const response = await http().get(`/api/patients/${patient.id}`).set('cookie', clinician).expect(200);
      expect(response.body.archivedAt).toBe(archivedAt.toISOString());
    });

    it('answers 404 for another practice’s patient, a random UUID and a non-UUID, without audit rows', async () => {
      const theirs = await createPatient(prisma, other);
      for (const id of [theirs.id, randomUUID(), 'not-a-uuid']) {
        const requestId = rid();
        const response = await http().get(`/api/patients/${id}`).set('cookie', clinician).set('x-request-id', requestId).expect(404);
        expectProblem(response.body, 404, 'not_found');
        expect(await auditRows(requestId)).toEqual([]);
      }
      // The owner sees it.
      await http().get(`/api/patients/${theirs.id}`).set('cookie', otherCookie).expect(200);
    });

    it('needs a session', async () => {
      const patient = await createPatient(prisma, practice);
      const response = await http().get(`/api/patients/${patient.id}`).expect(401);
      expectProblem(response.body, 401, 'unauthenticated');
    });
  });

  describe('PATCH /api/patients/:id', () => {
    it('changes only the fields sent, keeps searchName in sync, bumps the version and audits one update', async () => {
      const patient = await createPatient(prisma, practice, { firstName: 'Tomas', lastName: 'Garcia' });
      await prisma.patient.update({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } }, data: { email: 'old@example.com', phone: '0123' } });
      const requestId = rid();
      const response = await http()
        .patch(`/api/patients/${patient.id}`)
        .set('cookie', reception)
        .set('if-match', '"1"')
        .set('x-request-id', requestId)
        .send({ lastName: ' García-Núñez ', email: null, sex: 'male' })
        .expect(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({
        firstName: 'Tomas',
        lastName: 'García-Núñez',
        sex: 'male',
        email: null,
        phone: '0123',
        dateOfBirth: '1980-05-17',
        version: 2,
      });
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row.searchName).toBe(searchable('Tomas García-Núñez'));
      expect(row.searchName).toBe('tomas garcia-nunez');
      expect(await auditRows(requestId)).toEqual([
        expect.objectContaining({
          action: 'update',
          resourceType: 'patient',
          resourceId: patient.id,
          patientId: patient.id,
          actorId: practice.users.reception.id,
        }),
      ]);
      // Search finds the new name.
      const found = await http().get('/api/patients?q=nunez').set('cookie', reception).expect(200);
      expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([patient.id]);
    });

    it('updates the first name alone and recomputes searchName with the stored last name', async () => {
      const patient = await createPatient(prisma, practice, { firstName: 'Anna', lastName: 'Öberg' });
      await http().patch(`/api/patients/${patient.id}`).set('cookie', clinician).set('if-match', 'W/"1"').send({ firstName: 'Ånna' }).expect(200);
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row.searchName).toBe('anna oberg');
      expect(row.firstName).toBe('Ånna');
    });

    it('answers 428 without If-Match and 400 for a malformed one, changing nothing', async () => {
      const patient = await createPatient(prisma, practice);
      const missing = await http().patch(`/api/patients/${patient.id}`).set('cookie', reception).send({ notes: 'x' }).expect(428);
      expectProblem(missing.body, 428, 'version_required');
      const malformed = await http().patch(`/api/patients/${patient.id}`).set('cookie', reception).set('if-match', 'abc').send({ notes: 'x' }).expect(400);
      expectProblem(malformed.body, 400, 'validation_failed');
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row).toMatchObject({ notes: null, version: 1 });
    });

    it('answers 412 with the current ETag when the version is stale, and writes nothing', async () => {
      const patient = await createPatient(prisma, practice);
      await http().patch(`/api/patients/${patient.id}`).set('cookie', reception).set('if-match', '"1"').send({ notes: 'first' }).expect(200);
      const requestId = rid();
      const stale = await http()
        .patch(`/api/patients/${patient.id}`)
        .set('cookie', clinician)
        .set('if-match', '"1"')
        .set('x-request-id', requestId)
        .send({ notes: 'second' })
        .expect(412);
      expectProblem(stale.body, 412, 'version_stale');
      expect(stale.headers.etag).toBe('"2"');
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row).toMatchObject({ notes: 'first', version: 2 });
      expect(await auditRows(requestId)).toEqual([]);
    });

    it('lets exactly one of two concurrent edits at the same version win', async () => {
      const patient = await createPatient(prisma, practice);
      const attempts = await Promise.all(
        ['one', 'two', 'three'].map((notes) => http().patch(`/api/patients/${patient.id}`).set('cookie', clinician).set('if-match', '"1"').send({ notes })),
      );
      expect(attempts.map((r) => r.status).sort()).toEqual([200, 412, 412]);
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row.version).toBe(2);
    });

    it('refuses bad fields, null for required fields, unknown fields and an empty body with 400', async () => {
      const patient = await createPatient(prisma, practice);
      const bad = await http()
        .patch(`/api/patients/${patient.id}`)
        .set('cookie', reception)
        .set('if-match', '"1"')
        .send({ firstName: null, lastName: '', dateOfBirth: '2026-13-01', sex: null, phone: 'abc', version: 9, archivedAt: null })
        .expect(400);
      expectProblem(bad.body, 400, 'validation_failed');
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['firstName', 'lastName', 'dateOfBirth', 'sex', 'phone', 'version', 'archivedAt']),
      );
      const empty = await http().patch(`/api/patients/${patient.id}`).set('cookie', reception).set('if-match', '"1"').send({}).expect(400);
      expectProblem(empty.body, 400, 'validation_failed');
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row.version).toBe(1);
    });

    it('answers 404 for another practice’s patient and a random UUID, leaving theirs untouched', async () => {
      const theirs = await createPatient(prisma, other);
      for (const id of [theirs.id, randomUUID()]) {
        for (const body of [{ notes: 'x' }, {}]) {
          const response = await http().patch(`/api/patients/${id}`).set('cookie', clinician).set('if-match', '"1"').send(body).expect(404);
          expectProblem(response.body, 404, 'not_found');
        }
      }
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: other.id, id: theirs.id } } });
      expect(row).toMatchObject({ notes: null, version: 1 });
    });

    it('needs a session', async () => {
      const patient = await createPatient(prisma, practice);
      await http().patch(`/api/patients/${patient.id}`).set('if-match', '"1"').send({ notes: 'x' }).expect(401);
    });
  });

  describe('POST /api/patients/:id/archive and /restore', () => {
    it('archives (200, archivedAt set, version bumped, audit archive), keeps the first date when archived again, hides it from lists', async () => {
      const patient = await createPatient(prisma, practice, { lastName: `Archivable${randomUUID().slice(0, 4)}` });
      const requestId = rid();
      const first = await http().post(`/api/patients/${patient.id}/archive`).set('cookie', reception).set('x-request-id', requestId).expect(200);
      expect(first.headers.etag).toBe('"2"');
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.body).toMatchObject({ id: patient.id, version: 2, archivedAt: expect.any(String) });
      expect(await auditRows(requestId)).toEqual([
        expect.objectContaining({
          action: 'archive',
          resourceType: 'patient',
          resourceId: patient.id,
          patientId: patient.id,
          actorId: practice.users.reception.id,
        }),
      ]);

      const again = await http().post(`/api/patients/${patient.id}/archive`).set('cookie', clinician).expect(200);
      expect(again.body.archivedAt).toBe(first.body.archivedAt);
      expect(again.body.version).toBe(2);

      const list = await http()
        .get(`/api/patients?q=${encodeURIComponent(patient.lastName)}`)
        .set('cookie', reception)
        .expect(200);
      expect(list.body.items).toEqual([]);
      const archived = await http()
        .get(`/api/patients?archived=true&q=${encodeURIComponent(patient.lastName)}`)
        .set('cookie', reception)
        .expect(200);
      expect(archived.body.items.map((p: { id: string }) => p.id)).toEqual([patient.id]);
      // Never deleted.
      expect(await prisma.patient.count({ where: { practiceId: practice.id, id: patient.id } })).toBe(1);
    });

    it('restores an archived patient (200, archivedAt null, audit update)', async () => {
      const patient = await createPatient(prisma, practice, { archivedAt: new Date() });
      const requestId = rid();
      const response = await http().post(`/api/patients/${patient.id}/restore`).set('cookie', reception).set('x-request-id', requestId).expect(200);
      expect(response.body).toMatchObject({ id: patient.id, archivedAt: null, version: 2 });
      expect(response.headers.etag).toBe('"2"');
      expect(await auditRows(requestId)).toEqual([
        expect.objectContaining({ action: 'update', resourceType: 'patient', resourceId: patient.id, patientId: patient.id }),
      ]);
    });

    it('answers 404 for another practice’s patient and a random UUID, and 401 without a session', async () => {
      const theirs = await createPatient(prisma, other);
      for (const action of ['archive', 'restore']) {
        for (const id of [theirs.id, randomUUID()]) {
          const response = await http().post(`/api/patients/${id}/${action}`).set('cookie', clinician).expect(404);
          expectProblem(response.body, 404, 'not_found');
        }
        await http().post(`/api/patients/${theirs.id}/${action}`).expect(401);
      }
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: other.id, id: theirs.id } } });
      expect(row).toMatchObject({ archivedAt: null, version: 1 });
    });

    it('refuses unknown body fields on archive and restore (400), changing nothing', async () => {
      const patient = await createPatient(prisma, practice);
      for (const action of ['archive', 'restore']) {
        const response = await http()
          .post(`/api/patients/${patient.id}/${action}`)
          .set('cookie', clinician)
          .send({ practiceId: other.id, archivedAt: null })
          .expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['archivedAt', 'practiceId']);
      }
      const row = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patient.id } } });
      expect(row).toMatchObject({ archivedAt: null, version: 1 });
      // An empty JSON body is fine.
      await http().post(`/api/patients/${patient.id}/archive`).set('cookie', clinician).send({}).expect(200);
    });
  });
});
