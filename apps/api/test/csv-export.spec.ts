import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { defuseFormula } from '../src/export/csv-export.js';
import { CSV_BATCH_SIZE } from '../src/export/export.service.js';
import { identityColumns } from '../src/patients/patient-identity.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { asText } from './downloads.js';
import { insertAppointment, insertAppointmentType } from './factories/appointments.js';
import { bulkPatients } from './factories/bulk.js';
import { insertAssessment, insertEpisode, insertOdi } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, type TestPractice } from './harness.js';

type Row = Record<string, string>;

describe('CSV exports (GET /api/export/:kind.csv)', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let admin: string;
  let patientId: string;
  let hostileId: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    admin = await signIn(app, practice.users.admin.email);
    const patient = await createPatient(prisma, practice, { firstName: 'Zoë', lastName: 'O’Brien, Jr', dateOfBirth: '1984-06-15' });
    patientId = patient.id;
    await prisma.patient.update({
      where: { practiceId_id: { practiceId: practice.id, id: patient.id } },
      data: { email: 'zoe@example.org', phone: '07700 900123', notes: 'Line one\nline "two"' },
    });
    // Every cell a spreadsheet would run: =, +, -, @, tab and carriage return first.
    const hostile = await createPatient(prisma, practice, { firstName: '=HYPERLINK("http://evil.example","click")', lastName: '+SUM(A1:A9)' });
    hostileId = hostile.id;
    await prisma.patient.update({
      where: { practiceId_id: { practiceId: practice.id, id: hostile.id } },
      data: { email: '@evil.example', phone: '+44 7700 900123', notes: '-2+3' },
    });
    await prisma.patient.create({
      data: {
        id: randomUUID(),
        practiceId: practice.id,
        firstName: '\tTab',
        lastName: '\rReturn',
        ...identityColumns({ firstName: '\tTab', lastName: '\rReturn', dateOfBirth: '1990-01-01', email: null, phone: null }),
        dateOfBirth: new Date('1990-01-01T00:00:00Z'),
        sex: 'male',
        createdBy: practice.users.clinician.id,
        archivedAt: new Date('2026-11-30T10:00:00Z'),
      },
    });
    await insertEpisode(prisma, practice, patient, { onsetDate: '2026-11-20', painAreas: ['lower_back', 'hips'], redFlags: ['osteoporosis'], age: 55 });
    await insertAssessment(prisma, practice, patient, {
      sideBridgeS: { left: 60, right: 80 },
      trendelenburg: { left: true, right: false },
      legLengthDifferenceCm: { value: 1.2, longer: 'right' },
      lateralShift: 'left',
    });
    await insertOdi(prisma, practice, patient, [2, 2, 2, null, 2, 2, 2, 2, 2, 2], '2026-11-21');
    const typeId = await insertAppointmentType(prisma, practice, 'Initial assessment');
    await insertAppointment(prisma, practice, { patientId: patient.id, typeId, hoursFromNow: 24, status: 'cancelled', note: '=cmd|" /C calc"!A0' });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const download = (kind: string, cookie = admin) =>
    request(app.getHttpServer()).get(`/api/export/${kind}.csv`).set('cookie', cookie).buffer(true).parse(asText);
  const rowsOf = (text: string): Row[] => parse<Row>(text, { bom: true, columns: true, skip_empty_lines: true });

  it('exports patients: a header row, one row each (archived ones too), ISO dates, a download in UTF-8 with CRLF line ends', async () => {
    const res = await download('patients');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="upright-patients-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = res.body as string;
    expect(text.startsWith('\uFEFFid,firstName,lastName,dateOfBirth,sex,email,phone,notes,archivedAt,createdAt,updatedAt\r\n')).toBe(true);
    const rows = rowsOf(text);
    expect(rows).toHaveLength(3);
    const zoe = rows.find((r) => r.id === patientId)!;
    const stored = await prisma.patient.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: patientId } } });
    expect(zoe).toEqual({
      id: patientId,
      firstName: 'Zoë',
      lastName: 'O’Brien, Jr',
      dateOfBirth: '1984-06-15',
      sex: 'unspecified',
      email: 'zoe@example.org',
      phone: '07700 900123',
      notes: 'Line one\nline "two"',
      archivedAt: '',
      createdAt: stored.createdAt.toISOString(),
      updatedAt: stored.updatedAt.toISOString(),
    });
    expect(rows.find((r) => r.sex === 'male')?.archivedAt).toBe('2026-11-30T10:00:00.000Z');
  });

  it('defuses every cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) with a leading apostrophe', async () => {
    const rows = rowsOf((await download('patients')).body as string);
    const hostile = rows.find((r) => r.id === hostileId)!;
    expect([hostile.firstName, hostile.lastName, hostile.email, hostile.phone, hostile.notes]).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      `'+SUM(A1:A9)`,
      `'@evil.example`,
      `'+44 7700 900123`,
      `'-2+3`,
    ]);
    const whitespace = rows.find((r) => r.sex === 'male')!;
    expect([whitespace.firstName, whitespace.lastName]).toEqual(["'\tTab", "'\rReturn"]);
    const appointments = rowsOf((await download('appointments')).body as string);
    expect(appointments[0].note).toBe(`'=cmd|" /C calc"!A0`);
    // Nothing else is touched.
    expect(['Zoë', '2026-11-21', 'a-b', ''].map(defuseFormula)).toEqual(['Zoë', '2026-11-21', 'a-b', '']);
  });

  it('exports episodes, assessments, outcomes and appointments, matching what is stored', async () => {
    const [episode] = rowsOf((await download('episodes')).body as string);
    expect(episode).toMatchObject({
      patientId,
      onsetDate: '2026-11-20',
      recordedOn: '2026-11-23',
      trigger: 'habitual_movement',
      painAreas: 'lower_back;hips',
      redFlags: 'osteoporosis',
      redFlagLevel: 'review',
      category: 'support_deficit',
      status: 'recorded',
    });

    const [assessment] = rowsOf((await download('assessments')).body as string);
    expect(assessment).toMatchObject({
      patientId,
      assessedOn: '2026-11-21',
      sideBridgeLeftS: '60',
      sideBridgeRightS: '80',
      trendelenburgLeft: 'true',
      trendelenburgRight: 'false',
      legLengthDifferenceCm: '1.2',
      legLengthLonger: 'right',
      lateralShift: 'left',
      hipAbductionLeft: '',
      sideBridgeSI: '28.6',
      refer: 'false',
    });
    expect(assessment.findings.split(';')).toContain('side_bridge_asymmetry:marked:left');

    const [outcome] = rowsOf((await download('outcomes')).body as string);
    expect(outcome).toMatchObject({
      patientId,
      instrument: 'odi',
      recordedOn: '2026-11-21',
      score: '40',
      band: 'moderate',
      answers: '[2,2,2,null,2,2,2,2,2,2]',
    });

    const [appointment] = rowsOf((await download('appointments')).body as string);
    const stored = await prisma.appointment.findFirstOrThrow({ where: { practiceId: practice.id } });
    expect(appointment).toMatchObject({
      patientId,
      clinicianId: practice.users.clinician.id,
      clinicianName: 'Test clinician',
      type: 'Initial assessment',
      start: stored.startAt.toISOString(),
      end: stored.endAt.toISOString(),
      status: 'cancelled',
      cancelReason: 'Patient unwell',
    });
  });

  it('audits each export (export of csv_export, the kind as resource, the patients it held)', async () => {
    const before = new Date();
    await download('episodes');
    const rows = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, action: 'export', at: { gte: before } } });
    expect(rows).toMatchObject([
      { actorId: practice.users.admin.id, role: 'admin', resourceType: 'csv_export', resourceId: 'episodes', patientIds: [patientId] },
    ]);
  });

  it('answers 404 problem+json for an unknown kind, 403 to clinicians and reception', async () => {
    const get = (kind: string, cookie = admin) => request(app.getHttpServer()).get(`/api/export/${kind}.csv`).set('cookie', cookie);
    for (const kind of ['notes', 'users', 'patients.csv', '%2e%2e']) expectProblem((await get(kind)).body, 404, 'not_found');
    for (const role of ['clinician', 'reception'] as const)
      expectProblem((await get('patients', await signIn(app, practice.users[role].email))).body, 403, 'forbidden');
  });

  it('exports only the header row when there is nothing of that kind', async () => {
    const empty: TestPractice = await createPractice(prisma);
    const res = await download('outcomes', await signIn(app, empty.users.admin.email));
    expect(res.body).toBe('\uFEFFid,patientId,instrument,recordedOn,score,band,answers,rulesetVersion,status,statusReason,createdAt\r\n');
    expect(await prisma.auditEvent.count({ where: { practiceId: empty.id, action: 'export', resourceType: 'csv_export' } })).toBe(1);
  });

  it('streams more rows than one batch, every row once, in keyset order', async () => {
    const big = await createPractice(prisma);
    await bulkPatients(prisma, big, CSV_BATCH_SIZE + 205);
    const rows = rowsOf((await download('patients', await signIn(app, big.users.admin.email))).body as string);
    const stored = await prisma.patient.findMany({ where: { practiceId: big.id }, select: { id: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.id)).toEqual(stored.map((p) => p.id));
    expect(await prisma.auditEvent.count({ where: { practiceId: big.id, action: 'export', resourceType: 'csv_export' } })).toBe(2);
  }, 60_000);
});
