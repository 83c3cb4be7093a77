import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, RULESET_VERSION } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const today = () => new Date().toISOString().slice(0, 10);

describe('assessments', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let clinician: string;
  let admin: string;
  let reception: string;
  let otherClinician: string;
  let patientId: string;
  let otherPatientId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    patientId = (await createPatient(prisma, practice)).id;
    otherPatientId = (await createPatient(prisma, other)).id;
    clinician = await signIn(app, practice.users.clinician.email);
    admin = await signIn(app, practice.users.admin.email);
    reception = await signIn(app, practice.users.reception.email);
    otherClinician = await signIn(app, other.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const assess = (body: object, patient = patientId, session = clinician) =>
    http().post(`/api/patients/${patient}/assessments`).set('cookie', session).send(body);
  const valid = (measurements: object = { sideBridgeS: { left: 62, right: 85 } }, assessedOn = addDays(today(), -1)) => ({ assessedOn, measurements });
  const requestId = () => `test-${randomUUID()}`;
  const auditRows = (rid: string) => prisma.auditEvent.findMany({ where: { requestId: rid } });
  const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];

  describe('POST /api/patients/:id/assessments', () => {
    it('records a side-bridge asymmetry with its finding, target and indices computed on the server', async () => {
      const rid = requestId();
      const response = await assess({
        ...valid({ sideBridgeS: { left: 62, right: 85 }, trunkExtensorS: 120, trunkRotationDeg: null }),
        notes: 'Stopped by fatigue, not pain.',
      })
        .set('x-request-id', rid)
        .expect(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.body;
      expect(body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        patientId,
        assessedOn: addDays(today(), -1),
        measurements: { sideBridgeS: { left: 62, right: 85 }, trunkExtensorS: 120 },
        notes: 'Stopped by fatigue, not pain.',
        status: 'recorded',
        statusReason: null,
        createdBy: practice.users.clinician.id,
        version: 1,
      });
      expect(body.measurements).not.toHaveProperty('trunkRotationDeg');
      expect(body.report).toEqual({
        findings: [
          {
            code: 'side_bridge_asymmetry',
            severity: 'marked',
            side: 'left',
            value: 31.3,
            threshold: 15,
            unit: 'percent',
            observational: false,
            text: expect.stringContaining('the left side is weaker'),
          },
        ],
        targets: [{ code: 'lateral_trunk_left', priority: 1, because: ['side_bridge_asymmetry'] }],
        indices: { sideBridgeSI: 31.3, sideBridgeExtensorRatio: 0.61 },
        refer: false,
        rulesetVersion: RULESET_VERSION,
      });
      const row = await prisma.assessment.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: body.id } } });
      expect(row).toMatchObject({ refer: false, rulesetVersion: RULESET_VERSION, notes: 'Stopped by fatigue, not pain.' });
      expect(row?.report).toEqual(body.report);
      expect(row?.measurements).toEqual({ sideBridgeS: { left: 62, right: 85 }, trunkExtensorS: 120 });
      expect(await auditRows(rid)).toEqual([
        expect.objectContaining({
          practiceId: practice.id,
          action: 'create',
          resourceType: 'assessment',
          resourceId: body.id,
          patientId,
          actorId: practice.users.clinician.id,
        }),
      ]);
    });

    it('gives a mild asymmetry priority 2 on the weaker right side', async () => {
      const response = await assess(valid({ sideBridgeS: { left: 100, right: 89 } })).expect(201);
      expect(response.body.report.findings).toEqual([
        expect.objectContaining({ code: 'side_bridge_asymmetry', severity: 'mild', side: 'right', value: 11.6, threshold: 10 }),
      ]);
      expect(response.body.report.targets).toEqual([{ code: 'lateral_trunk_right', priority: 2, because: ['side_bridge_asymmetry'] }]);
    });

    it('uses the patient’s sex: a short Biering-Sorensen hold is a finding in a man only', async () => {
      const man = await createPatient(prisma, practice);
      await prisma.patient.update({ where: { practiceId_id: { practiceId: practice.id, id: man.id } }, data: { sex: 'male' } });
      const his = await assess(valid({ trunkExtensorS: 150 }), man.id).expect(201);
      expect(his.body.report.findings).toEqual([expect.objectContaining({ code: 'low_extensor_endurance', value: 150, threshold: 176 })]);
      expect(his.body.report.targets).toEqual([{ code: 'trunk_extensors', priority: 2, because: ['low_extensor_endurance'] }]);
      const theirs = await assess(valid({ trunkExtensorS: 150 })).expect(201);
      expect(theirs.body.report.findings).toEqual([]);
      expect(theirs.body.report.targets).toEqual([]);
    });

    it('stores refer when a finding needs referral', async () => {
      const response = await assess(valid({ legLengthDifferenceCm: { value: 2.5, longer: 'left' }, lateralShift: 'none' })).expect(201);
      expect(response.body.report).toMatchObject({
        refer: true,
        findings: [expect.objectContaining({ code: 'leg_length_difference', severity: 'refer', side: 'left' })],
        targets: [],
      });
      const row = await prisma.assessment.findUnique({ where: { practiceId_id: { practiceId: practice.id, id: response.body.id } } });
      expect(row?.refer).toBe(true);
    });

    it('accepts every measurement of the rule table at once', async () => {
      const measurements = {
        sideBridgeS: { left: 60, right: 60 },
        hipAbduction: { left: 180, right: 150 },
        trendelenburg: { left: false, right: true },
        trunkFlexorS: 130,
        trunkExtensorS: 120,
        aslr: { left: 1, right: 0 },
        legLengthDifferenceCm: { value: 0.8, longer: 'right' },
        trunkRotationDeg: 5,
        shoulderHeightDifferenceCm: { value: 1, higher: 'right' },
        pelvicHeightDifferenceCm: { value: 0, higher: 'left' },
        craniovertebralAngleDeg: 45,
        lateralShift: 'left',
      };
      const response = await assess(valid(measurements, today())).expect(201);
      expect(response.body.measurements).toEqual(measurements);
      expect(response.body.report.findings.map((f: { code: string }) => f.code)).toEqual([
        'hip_abduction_asymmetry',
        'trendelenburg_positive',
        'flexor_extensor_ratio_high',
        'aslr_positive',
        'leg_length_difference',
        'trunk_rotation',
        'shoulder_height_difference',
        'pelvic_height_difference',
        'forward_head_posture',
        'lateral_shift',
      ]);
      expect(response.body.report.targets.map((t: { code: string; priority: number }) => [t.code, t.priority])).toEqual([
        ['hip_abductors_right', 1],
        ['trunk_extensors', 2],
        ['load_transfer', 2],
      ]);
    });

    it.each([
      ['measurements.sideBridgeS.left', { sideBridgeS: { left: -1, right: 60 } }],
      ['measurements.sideBridgeS.left', { sideBridgeS: { left: 'sixty', right: 60 } }],
      ['measurements.sideBridgeS.right', { sideBridgeS: { left: 60 } }],
      ['measurements.sideBridgeS.middle', { sideBridgeS: { left: 60, right: 60, middle: 3 } }],
      ['measurements.sideBridgeS', { sideBridgeS: 60 }],
      ['measurements.sideBridge', { sideBridge: { left: 60, right: 60 } }],
      ['measurements.hipAbduction.right', { hipAbduction: { left: 10, right: -2 } }],
      ['measurements.trendelenburg.left', { trendelenburg: { left: 'yes', right: false } }],
      ['measurements.aslr.left', { aslr: { left: 6, right: 0 } }],
      ['measurements.aslr.right', { aslr: { left: 0, right: 1.5 } }],
      ['measurements.trunkExtensorS', { trunkExtensorS: 241 }],
      ['measurements.trunkFlexorS', { trunkFlexorS: -5 }],
      ['measurements.legLengthDifferenceCm.longer', { legLengthDifferenceCm: { value: 1, longer: 'middle' } }],
      ['measurements.shoulderHeightDifferenceCm.higher', { shoulderHeightDifferenceCm: { value: 1, higher: 'up' } }],
      ['measurements.pelvicHeightDifferenceCm.value', { pelvicHeightDifferenceCm: { value: null, higher: 'left' } }],
      ['measurements.craniovertebralAngleDeg', { craniovertebralAngleDeg: 91 }],
      ['measurements.lateralShift', { lateralShift: 'up' }],
      ['measurements', {}],
      ['measurements', { sideBridgeS: null, lateralShift: null }],
      ['measurements', 'side bridge 60/60'],
      ['measurements', undefined],
    ])('refuses with a 400 naming %s (%j)', async (field, measurements) => {
      const before = await prisma.assessment.count({ where: { practiceId: practice.id, patientId } });
      const response = await assess({ assessedOn: addDays(today(), -1), measurements }).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toContain(field);
      expect(fields(response.body).every((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
      expect(await prisma.assessment.count({ where: { practiceId: practice.id, patientId } })).toBe(before);
    });

    it('names the misspelt key and the other bad fields together', async () => {
      const response = await assess({
        ...valid({ shoulderHeightDifferenceCm: { value: 1, longer: 'left' } }),
        assessedOn: addDays(today(), 1),
        report: { refer: false },
      }).expect(400);
      expect(new Set(fields(response.body))).toEqual(
        new Set(['assessedOn', 'report', 'measurements.shoulderHeightDifferenceCm.higher', 'measurements.shoulderHeightDifferenceCm.longer']),
      );
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field: 'measurements.shoulderHeightDifferenceCm.longer', message: 'is not a known field' }]),
      );
    });

    it.each([
      ['assessedOn', { assessedOn: addDays(today(), 1) }],
      ['assessedOn', { assessedOn: '2026-13-01' }],
      ['assessedOn', { assessedOn: '1950-01-01' }],
      ['notes', { notes: 'x'.repeat(4001) }],
      ['report', { report: { refer: false } }],
      ['patientId', { patientId: randomUUID() }],
    ])('refuses a bad or unknown %s', async (field, overrides) => {
      const response = await assess({ ...valid(), ...overrides }).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
    });

    it('answers 404 for another practice’s patient, an unknown one and a malformed id; 401 and 403 otherwise', async () => {
      for (const id of [otherPatientId, randomUUID(), 'nope']) expectProblem((await assess(valid(), id).expect(404)).body, 404, 'not_found');
      expectProblem((await http().post(`/api/patients/${patientId}/assessments`).send(valid()).expect(401)).body, 401, 'unauthenticated');
      expectProblem((await assess(valid(), patientId, reception).expect(403)).body, 403, 'forbidden');
      await assess(valid(), patientId, admin).expect(201);
      expect(await prisma.assessment.count({ where: { patientId: otherPatientId } })).toBe(0);
    });
  });

  describe('reading, comparing and marking entered in error', () => {
    let patient: string;
    let oldest: string;
    let middle: string;
    let newest: string;

    beforeAll(async () => {
      patient = (await createPatient(prisma, practice)).id;
      // Recorded out of date order: the list sorts by the assessment date.
      newest = (await assess(valid({ sideBridgeS: { left: 80, right: 86 }, trunkExtensorS: 100 }, addDays(today(), -2)), patient).expect(201)).body.id;
      oldest = (await assess(valid({ sideBridgeS: { left: 62, right: 85 }, trunkExtensorS: 120 }, addDays(today(), -30)), patient).expect(201)).body.id;
      middle = (await assess(valid({ sideBridgeS: { left: 70, right: 84 } }, addDays(today(), -10)), patient).expect(201)).body.id;
    });

    const list = (query = '', session = clinician, id = patient) => http().get(`/api/patients/${id}/assessments${query}`).set('cookie', session);
    const one = (assessmentId: string, session = clinician, id = patient) =>
      http().get(`/api/patients/${id}/assessments/${assessmentId}`).set('cookie', session);
    const compare = (query: string, session = clinician, id = patient) => http().get(`/api/patients/${id}/assessments/compare${query}`).set('cookie', session);
    const markError = (assessmentId: string, body: object = { reason: 'Measured the wrong patient' }, session = clinician, id = patient) =>
      http().post(`/api/patients/${id}/assessments/${assessmentId}/entered-in-error`).set('cookie', session).send(body);

    it('lists newest assessment date first, with one audit row', async () => {
      const rid = requestId();
      const response = await list().set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body.items.map((a: { id: string }) => a.id)).toEqual([newest, middle, oldest]);
      expect(response.body.items.map((a: { assessedOn: string }) => a.assessedOn)).toEqual([
        addDays(today(), -2),
        addDays(today(), -10),
        addDays(today(), -30),
      ]);
      expect(response.body.nextCursor).toBeNull();
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'assessment', resourceId: null, patientId: patient })]);
    });

    it('pages with a keyset cursor on the assessment date', async () => {
      const first = await list('?limit=2').expect(200);
      expect(first.body.items.map((a: { id: string }) => a.id)).toEqual([newest, middle]);
      const second = await list(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.items.map((a: { id: string }) => a.id)).toEqual([oldest]);
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([
      ['?limit=0', 'limit'],
      ['?cursor=abc', 'cursor'],
      ['?status=lost', 'status'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const response = await list(query).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toEqual([field]);
    });

    it('reads one assessment with one audit row; 404 for another patient’s, another practice’s or an unknown one', async () => {
      const rid = requestId();
      const response = await one(middle).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({ id: middle, measurements: { sideBridgeS: { left: 70, right: 84 } }, report: { indices: { sideBridgeSI: 18.2 } } });
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'assessment', resourceId: middle, patientId: patient })]);

      const theirs = (await assess(valid(), otherPatientId, otherClinician).expect(201)).body.id;
      expectProblem((await one(middle, clinician, patientId).expect(404)).body, 404, 'not_found');
      expectProblem((await one(theirs).expect(404)).body, 404, 'not_found');
      expectProblem((await one(theirs, clinician, otherPatientId).expect(404)).body, 404, 'not_found');
      expectProblem((await one(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await one('not-an-id').expect(404)).body, 404, 'not_found');
      expectProblem((await list('', clinician, otherPatientId).expect(404)).body, 404, 'not_found');
    });

    it('compares two assessments: change per index and whether it moved toward symmetry', async () => {
      const rid = requestId();
      const response = await compare(`?before=${oldest}&after=${newest}`).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({
        before: { id: oldest, assessedOn: addDays(today(), -30) },
        after: { id: newest, assessedOn: addDays(today(), -2) },
        changes: [
          { index: 'sideBridgeSI', before: 31.3, after: 7.2, change: -24.1, towardSymmetry: true },
          { index: 'sideBridgeExtensorRatio', before: 0.61, after: 0.83, change: 0.22, towardSymmetry: false },
        ],
      });
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'read', resourceType: 'assessment', resourceId: null, patientId: patient })]);

      // Only indices present in both reports are compared.
      const partial = await compare(`?before=${middle}&after=${newest}`).expect(200);
      expect(partial.body.changes).toEqual([{ index: 'sideBridgeSI', before: 18.2, after: 7.2, change: -11, towardSymmetry: true }]);
    });

    it.each([
      ['', 'before'],
      [`?before=${randomUUID()}`, 'after'],
      ['?after=x&before=y', 'before'],
      ['?before=a&after=b&extra=1', 'extra'],
    ])('refuses compare%s with a 400', async (query, field) => {
      const response = await compare(query).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(fields(response.body)).toContain(field);
    });

    it('answers 404 when comparing with an assessment of another patient or practice, or an unknown one', async () => {
      const mine = (await assess(valid(), patientId).expect(201)).body.id;
      const theirs = (await assess(valid(), otherPatientId, otherClinician).expect(201)).body.id;
      for (const id of [mine, theirs, randomUUID()]) {
        expectProblem((await compare(`?before=${oldest}&after=${id}`).expect(404)).body, 404, 'not_found');
        expectProblem((await compare(`?before=${id}&after=${oldest}`).expect(404)).body, 404, 'not_found');
      }
      expectProblem((await compare(`?before=${theirs}&after=${theirs}`, clinician, otherPatientId).expect(404)).body, 404, 'not_found');
      // The path is resolved first: another practice's patient is not found, whatever the query says.
      expectProblem((await compare('', clinician, otherPatientId).expect(404)).body, 404, 'not_found');
      expectProblem((await compare('', clinician, randomUUID()).expect(404)).body, 404, 'not_found');
    });

    it('refuses reception and anonymous callers on every route', async () => {
      expectProblem((await list('', reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await one(middle, reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await compare(`?before=${oldest}&after=${newest}`, reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await markError(middle, undefined, reception).expect(403)).body, 403, 'forbidden');
      await http().get(`/api/patients/${patient}/assessments`).expect(401);
      await http().get(`/api/patients/${patient}/assessments/${middle}`).expect(401);
      await http().get(`/api/patients/${patient}/assessments/compare?before=${oldest}&after=${newest}`).expect(401);
      await http().post(`/api/patients/${patient}/assessments/${middle}/entered-in-error`).send({ reason: 'whatever' }).expect(401);
      expect((await one(middle).expect(200)).body.status).toBe('recorded');
    });

    it('marks an assessment entered in error, keeps it, refuses a second time and refuses to compare it', async () => {
      const target = (await assess(valid({ sideBridgeS: { left: 10, right: 90 } }, addDays(today(), -20)), patient).expect(201)).body.id;
      expectProblem((await markError(target, { reason: 'no' }).expect(400)).body, 400, 'validation_failed');
      const rid = requestId();
      const response = await markError(target).set('x-request-id', rid).expect(200);
      expect(response.body).toMatchObject({
        id: target,
        status: 'entered_in_error',
        statusReason: 'Measured the wrong patient',
        version: 2,
        report: { indices: { sideBridgeSI: 160 } },
      });
      expect(await auditRows(rid)).toEqual([expect.objectContaining({ action: 'update', resourceType: 'assessment', resourceId: target, patientId: patient })]);
      expectProblem((await markError(target).expect(409)).body, 409, 'conflict');

      const listed = await list().expect(200);
      expect(listed.body.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
        [newest, 'recorded'],
        [middle, 'recorded'],
        [target, 'entered_in_error'],
        [oldest, 'recorded'],
      ]);
      expect((await list('?status=recorded').expect(200)).body.items.map((a: { id: string }) => a.id)).toEqual([newest, middle, oldest]);
      expectProblem((await compare(`?before=${target}&after=${newest}`).expect(409)).body, 409, 'conflict');
      expectProblem((await markError(randomUUID()).expect(404)).body, 404, 'not_found');
    });
  });
});
