import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { IMPORT_LOCK_KEY } from '../src/imports/imports.repository.js';
import { identityColumns } from '../src/patients/patient-identity.js';
import { createPatient, createPractice, expectProblem, ownerDatabaseUrl, prismaClient, signIn, startApp, TestPractice } from './harness.js';

type ImportAnswer = {
  rows: number;
  imported: number;
  duplicates: { row: number; patientId: string }[];
  errors: { row: number; field: string; message: string }[];
  columns: { header: string; field: string | null }[];
};

/**
 * A file as a clinic's old system might export it: its own header spellings, a byte-order mark, CRLF line ends,
 * commas and a line break inside quoted values, an empty line, and rows that are good, bad, already in Upright, or
 * repeated within the file. The comments give each record's line.
 */
const SAMPLE = [
  '\ufeffFirst Name,Surname,DOB,Gender,E-mail,Mobile,Notes,Address', // 1
  'Ada,Lovelace,10/12/1950,F,ADA@Example.com,+44 7700 900001,"Prefers mornings, Tuesdays","1 Main St, London"', // 2
  'Ben,Okri,1959-03-15,m,,07700 900002,,', // 3
  '"Chloé","Durand",1984-06-16,female,chloe@example.com,,"Knee, then back.\r\nSecond line",x', // 4-5
  'Dev,Patel,31/02/1990,M,dev@example.com,,,', // 6
  ',Nobody,1970-01-01,X,not-an-email,12,,', // 7
  '', // 8
  'Zoë,Hughes,15/06/1984,F,,,,', // 9: the existing Zoë Hughes (name and date of birth)
  'Sam,Jones,2000-01-01,U,Sam@Example.com,,,', // 10: the existing Samuel Jones (email)
  'Sam,Jones-Smith,2001-02-02,U,,0044 7700 900777,,', // 11: the existing phone owner (phone)
  'Ben,Okri,1959-03-15,M,,,,', // 12: line 3 again (name and date of birth)
  'Eve,Adams,1990-05-05,F,ada@example.com,,,', // 13: line 2's email
  'Fay,Wray,2090-01-01,F,,,,', // 14: born in the future
  'Gus,Grant,1980-01-01,F,,,,,extra,cells', // 15: more values than columns
  '"Hal ""The Hammer""",Ng,1970-07-07,m,,,,', // 16
].join('\r\n');

const SAMPLE_COLUMNS = [
  { header: 'First Name', field: 'firstName' },
  { header: 'Surname', field: 'lastName' },
  { header: 'DOB', field: 'dateOfBirth' },
  { header: 'Gender', field: 'sex' },
  { header: 'E-mail', field: 'email' },
  { header: 'Mobile', field: 'phone' },
  { header: 'Notes', field: 'notes' },
  { header: 'Address', field: null },
];

const SAMPLE_ERRORS = [
  { row: 6, field: 'dateOfBirth', message: 'must be a real date written YYYY-MM-DD or DD/MM/YYYY' },
  { row: 7, field: 'firstName', message: 'is required' },
  { row: 7, field: 'sex', message: 'must be female, male or unspecified (or F, M, U)' },
  { row: 7, field: 'email', message: 'must be an email address' },
  { row: 7, field: 'phone', message: 'must be 3-40 characters: digits, spaces and + ( ) - .' },
  { row: 12, field: 'row', message: 'is the same patient as line 3 (same name and date of birth)' },
  { row: 13, field: 'row', message: 'is the same patient as line 2 (same email)' },
  { row: 14, field: 'dateOfBirth', message: 'cannot be in the future' },
  { row: 15, field: 'row', message: 'has 10 values but the header has 8 columns (a value with a comma in it needs quotes)' },
];

describe('POST /api/imports/patients', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let admin: string;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const post = (csv: string | Buffer, query: string, session: string, type = 'text/csv') =>
    request(app.getHttpServer()).post(`/api/imports/patients${query}`).set('cookie', session).set('content-type', type).send(csv);
  const importCsv = (csv: string | Buffer, dryRun: boolean, session = admin) => post(csv, `?dryRun=${dryRun}`, session);
  const patientsOf = (practice: TestPractice) => prisma.patient.count({ where: { practiceId: practice.id } });

  describe('a file with good, bad, existing and repeated rows', () => {
    let practice: TestPractice;
    let existing: { hughes: string; sam: string; phone: string };

    beforeAll(async () => {
      practice = await createPractice(prisma);
      admin = await signIn(app, practice.users.admin.email);
      existing = {
        hughes: (await createPatient(prisma, practice, { firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '1984-06-15' })).id,
        sam: (await createPatient(prisma, practice, { firstName: 'Samuel', lastName: 'Jones', dateOfBirth: '1999-09-09', email: 'sam@example.com' })).id,
        phone: (await createPatient(prisma, practice, { lastName: 'Phoneowner', phone: '07700 900777' })).id,
      };
    });

    it('dry run: names every bad field by line, lists duplicates, and changes nothing', async () => {
      const requestId = `dry-${randomUUID()}`;
      const response = await importCsv(SAMPLE, true).set('x-request-id', requestId).expect(200);
      expect(response.body).toEqual({
        rows: 13,
        imported: 4,
        duplicates: [
          { row: 9, patientId: existing.hughes },
          { row: 10, patientId: existing.sam },
          { row: 11, patientId: existing.phone },
        ],
        errors: SAMPLE_ERRORS,
        columns: SAMPLE_COLUMNS,
      } satisfies ImportAnswer);
      expect(await patientsOf(practice)).toBe(3);
      // Audited as a read of the patients it showed as duplicates; nothing created.
      const audit = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, requestId } });
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'read',
          resourceType: 'patient_import',
          actorId: practice.users.admin.id,
          patientIds: [existing.hughes, existing.sam, existing.phone],
        }),
      ]);
    });

    it('imports exactly the good, new rows, each as POST /api/patients would store it, with their audit rows', async () => {
      const requestId = `import-${randomUUID()}`;
      const response = await importCsv(SAMPLE, false).set('x-request-id', requestId).expect(200);
      expect(response.body).toMatchObject({ rows: 13, imported: 4, errors: SAMPLE_ERRORS });
      expect((response.body as ImportAnswer).duplicates.map((d) => d.row)).toEqual([9, 10, 11]);

      const added = await prisma.patient.findMany({ where: { practiceId: practice.id, id: { notIn: Object.values(existing) } }, orderBy: { lastName: 'asc' } });
      expect(added.map((p) => [p.firstName, p.lastName, p.dateOfBirth.toISOString().slice(0, 10), p.sex, p.email, p.phone, p.notes])).toEqual([
        ['Chloé', 'Durand', '1984-06-16', 'female', 'chloe@example.com', null, 'Knee, then back.\r\nSecond line'],
        ['Ada', 'Lovelace', '1950-12-10', 'female', 'ada@example.com', '+44 7700 900001', 'Prefers mornings, Tuesdays'],
        ['Hal "The Hammer"', 'Ng', '1970-07-07', 'male', null, null, null],
        ['Ben', 'Okri', '1959-03-15', 'male', null, '07700 900002', null],
      ]);
      for (const p of added) {
        expect(p).toMatchObject({ createdBy: practice.users.admin.id, version: 1, archivedAt: null });
        // The same search and duplicate keys a registration writes.
        expect(p).toMatchObject(identityColumns({ ...p, dateOfBirth: p.dateOfBirth.toISOString().slice(0, 10) }));
      }

      const audit = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, requestId } });
      const ids = added.map((p) => p.id).sort();
      expect(audit.filter((a) => a.resourceType === 'patient').map((a) => [a.action, a.patientId, a.actorId])).toEqual(
        expect.arrayContaining(ids.map((id) => ['create', id, practice.users.admin.id])),
      );
      expect(audit.filter((a) => a.resourceType === 'patient')).toHaveLength(4);
      const own = audit.filter((a) => a.resourceType === 'patient_import');
      expect(own.map((a) => [a.action, [...a.patientIds].sort()])).toEqual(
        expect.arrayContaining([
          ['create', ids],
          ['read', [existing.hughes, existing.sam, existing.phone].sort()],
        ]),
      );
      expect(own).toHaveLength(2);

      // Found by the search straight away (their keys were written with them).
      const found = await request(app.getHttpServer()).get('/api/patients?q=07700900001').set('cookie', admin).expect(200);
      expect(found.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Lovelace']);
    });

    it('adds none when the same file is imported again', async () => {
      const before = await patientsOf(practice);
      const response = await importCsv(SAMPLE, false).expect(200);
      const answer = response.body as ImportAnswer;
      expect(answer.imported).toBe(0);
      // Every good row is now a duplicate (lines 12 and 13 too: the patients of lines 3 and 2 exist now).
      expect(answer.duplicates.map((d) => d.row)).toEqual([2, 3, 4, 9, 10, 11, 12, 13, 16]);
      expect(answer.errors.map((e) => e.row)).toEqual([6, 7, 7, 7, 7, 14, 15]);
      expect(await patientsOf(practice)).toBe(before);
    });

    it('takes the file’s column order and spellings, blank rows and a header-only file', async () => {
      const csv = 'email,phone,sex,date of birth,family name,given name\n\n,,,,,\nnew@example.com,,U,2001-01-01,Quinn,Rory\n';
      const response = await importCsv(csv, true).expect(200);
      expect(response.body).toMatchObject({ rows: 1, imported: 1, duplicates: [], errors: [] });
      expect((await importCsv('first_name;last_name', true).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual([
        'firstName',
        'lastName',
        'dateOfBirth',
        'sex',
      ]);
      expect((await importCsv('forename,surname,dob,gender\r\n', true).expect(200)).body).toMatchObject({ rows: 0, imported: 0 });
    });
  });

  describe('10,000 rows', () => {
    it('imports exactly the good, new rows of a 10,000-row file with bad rows and duplicates, and a second import adds none', async () => {
      const practice = await createPractice(prisma);
      const session = await signIn(app, practice.users.admin.email);
      // 200 patients already in Upright.
      const existing = Array.from({ length: 200 }, (_, j) => {
        const details = { firstName: 'Known', lastName: `Patient${j}`, dateOfBirth: '1970-01-01', email: `known${j}@bulk.example`, phone: null };
        return {
          id: randomUUID(),
          practiceId: practice.id,
          ...details,
          ...identityColumns(details),
          dateOfBirth: new Date('1970-01-01T00:00:00Z'),
          sex: 'unspecified' as const,
          createdBy: practice.users.admin.id,
        };
      });
      await prisma.patient.createMany({ data: existing });

      // Of every 100 rows: one with an impossible date, one that is an existing patient (by email), one that repeats
      // the row before it; the other 97 are good and new.
      const lines = ['first_name,last_name,date_of_birth,sex,email,phone'];
      const expected = { good: 0, bad: [] as number[], duplicate: [] as number[], repeat: [] as number[] };
      const born = (i: number) => `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/1985`;
      for (let i = 0; i < 10_000; i++) {
        const line = i + 2;
        if (i % 100 === 7) {
          lines.push(`Bad${i},Date${i},31/02/1990,F,bad${i}@bulk.example,`);
          expected.bad.push(line);
        } else if (i % 100 === 13) {
          lines.push(`Someone,Else${i},1980-01-01,M,KNOWN${(i / 100) | 0}@bulk.example,`);
          expected.duplicate.push(line);
        } else if (i % 100 === 29) {
          // The previous row's patient again, written differently (case), without email or phone.
          lines.push(`first${i - 1},LAST${i - 1},${born(i - 1)},m,,`);
          expected.repeat.push(line);
        } else {
          lines.push(`First${i},Last${i},${born(i)},${'FMU'[i % 3]},p${i}@bulk.example,07${String(i).padStart(9, '0')}`);
          expected.good++;
        }
      }
      const csv = lines.join('\n');

      const started = performance.now();
      const response = await importCsv(csv, false, session).expect(200);
      const seconds = (performance.now() - started) / 1000;
      // The figure for the issue note; the test asserts correctness only.
      console.log(`Imported 10,000 rows (${response.body.imported} added) in ${seconds.toFixed(2)} s`);

      const answer = response.body as ImportAnswer;
      expect(expected.good).toBe(9700);
      expect(answer.rows).toBe(10_000);
      expect(answer.imported).toBe(9700);
      expect(answer.duplicates.map((d) => d.row)).toEqual(expected.duplicate);
      expect(answer.duplicates.map((d) => d.patientId)).toEqual(expected.duplicate.map((_, j) => existing[j].id));
      expect(answer.errors.filter((e) => e.field === 'dateOfBirth').map((e) => e.row)).toEqual(expected.bad);
      expect(answer.errors.filter((e) => e.field === 'row')).toEqual(
        expected.repeat.map((row) => ({ row, field: 'row', message: `is the same patient as line ${row - 1} (same name and date of birth)` })),
      );
      expect(answer.errors).toHaveLength(200);
      expect(await patientsOf(practice)).toBe(200 + 9700);
      expect(await prisma.auditEvent.count({ where: { practiceId: practice.id, action: 'create', resourceType: 'patient' } })).toBe(9700);

      const again = await importCsv(csv, false, session).expect(200);
      expect(again.body.imported).toBe(0);
      expect(again.body.duplicates).toHaveLength(9700 + 100 + 100);
      expect(await patientsOf(practice)).toBe(200 + 9700);
    }, 180_000);
  });

  describe('two imports at once', () => {
    it('wait for each other (the practice’s import lock), so each patient is added once', async () => {
      const practice = await createPractice(prisma);
      const session = await signIn(app, practice.users.admin.email);
      const csv = ['firstName,lastName,dateOfBirth,sex', ...Array.from({ length: 50 }, (_, i) => `Twin${i},Race,1990-01-01,F`)].join('\n');
      // Hold the practice's import lock, start both imports, and see both wait for it.
      const holder = new pg.Client({ connectionString: ownerDatabaseUrl() });
      await holder.connect();
      try {
        await holder.query(`SELECT pg_advisory_lock(${IMPORT_LOCK_KEY})`, [practice.id]);
        const both = Promise.all([importCsv(csv, false, session), importCsv(csv, false, session)]);
        const waiting = async () =>
          Number(
            (
              await holder.query(
                `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
              )
            ).rows[0].count,
          );
        const until = Date.now() + 20_000;
        while ((await waiting()) < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await waiting()).toBe(2);
        expect(await patientsOf(practice)).toBe(0);
        await holder.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK_KEY})`, [practice.id]);
        const [a, b] = await both;
        expect([a.status, b.status]).toEqual([200, 200]);
        expect([a.body.imported, b.body.imported].sort()).toEqual([0, 50]);
        expect(await patientsOf(practice)).toBe(50);
      } finally {
        await holder.end();
      }
    });
  });

  describe('refusals', () => {
    let practice: TestPractice;
    const HEADER = 'firstName,lastName,dateOfBirth,sex\n';

    beforeAll(async () => {
      practice = await createPractice(prisma);
      admin = await signIn(app, practice.users.admin.email);
    });

    it.each(['clinician', 'reception'] as const)('refuses a %s (403) and adds nobody', async (role) => {
      const session = await signIn(app, practice.users[role].email);
      const response = await importCsv(`${HEADER}Ann,Other,1990-01-01,F\n`, false, session).expect(403);
      expectProblem(response.body, 403, 'forbidden');
      expect(await patientsOf(practice)).toBe(0);
    });

    it.each([
      ['application/json', '{}'],
      ['text/plain', HEADER],
      ['application/x-www-form-urlencoded', 'firstName=Ann'],
      ['multipart/form-data; boundary=x', '--x--'],
      ['text/csv; charset=iso-8859-1', HEADER],
    ])('answers a body sent as %s with 415', async (type, body) => {
      const response = await post(body, '?dryRun=true', admin, type).expect(415);
      expectProblem(response.body, 415, 'unsupported_media_type');
    });

    it('keeps text/csv off every other route (415)', async () => {
      const response = await request(app.getHttpServer()).post('/api/patients').set('cookie', admin).set('content-type', 'text/csv').send(HEADER).expect(415);
      expectProblem(response.body, 415, 'unsupported_media_type');
    });

    it('refuses a file sent from another site (403)', async () => {
      const response = await importCsv(`${HEADER}Ann,Other,1990-01-01,F\n`, false).set('origin', 'https://evil.example').expect(403);
      expectProblem(response.body, 403, 'forbidden');
    });

    it.each([
      ['no dryRun', '', 'dryRun'],
      ['dryRun=maybe', '?dryRun=maybe', 'dryRun'],
    ])('answers %s with a 400 naming it', async (_name, query, field) => {
      const response = await post(HEADER, query, admin).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    it.each([
      ['an empty body', '', /empty/],
      ['an unclosed quote', `${HEADER}Ada,"Love\nBen,Okri,1959-03-15,M\n`, /line 2: a quoted value is never closed/],
      ['a quote inside a value', `${HEADER}Ada,Lo"ve,1950-01-01,F\n`, /line 2: a " inside a value/],
      ['a header without the date of birth', 'firstName,lastName,sex\nAda,Lovelace,F\n', /dateOfBirth has no column/],
      ['two columns for one field', 'firstName,lastName,dob,date of birth,sex\n', /dateOfBirth is given by 2 columns/],
    ])('answers %s with a 400 that says what is wrong', async (_name, csv, detail) => {
      const response = await importCsv(csv, true).expect(400);
      expectProblem(response.body, 400, 'validation_failed');
      expect(response.body.detail).toMatch(detail);
      expect(response.body.errors.length).toBeGreaterThan(0);
    });

    it('answers bytes that are not UTF-8 with a 400 saying how to save the file', async () => {
      const latin1 = Buffer.from(`${HEADER}Zo\xeb,Hughes,1984-06-15,F\n`, 'latin1');
      const response = await importCsv(latin1, true).expect(400);
      expect(response.body.errors).toEqual([{ field: 'file', message: 'is not UTF-8 text' }]);
      expect(response.body.detail).toMatch(/CSV UTF-8/);
    });

    it('names a NUL character or a huge value as a bad field of its row, never a 500', async () => {
      const csv = `${HEADER}A\u0000da,Lovelace,1950-12-10,F\nBen,${'x'.repeat(1_000_000)},1959-03-15,M\nCat,Ok,1960-01-01,F\n`;
      const response = await importCsv(csv, true).expect(200);
      expect(response.body).toMatchObject({
        rows: 3,
        imported: 1,
        errors: [
          { row: 2, field: 'firstName', message: 'contains a NUL character' },
          { row: 3, field: 'lastName', message: 'is longer than 20000 characters' },
        ],
      });
    });

    it('answers a file over 5 MiB with 413', async () => {
      const response = await importCsv(`${HEADER}${'Ann,Other,1990-01-01,F\n'.repeat(250_000)}`, true).expect(413);
      expectProblem(response.body, 413, 'payload_too_large');
    });

    it('answers 10,001 rows with 413 and says the limit, 10,000 with 200', async () => {
      const rows = (n: number) => HEADER + Array.from({ length: n }, (_, i) => `A${i},B${i},1990-01-01,F`).join('\n');
      const response = await importCsv(rows(10_001), true).expect(413);
      expectProblem(response.body, 413, 'payload_too_large');
      expect(response.body.detail).toMatch(/more than 10,000 rows/);
      expect((await importCsv(rows(10_000), true).expect(200)).body.rows).toBe(10_000);
    }, 60_000);

    it('replays the same Idempotency-Key only for the same file and dryRun', async () => {
      const key = `import-${randomUUID()}`;
      const csv = `${HEADER}Ida,Key,1990-01-01,F\n`;
      await importCsv(csv, true).set('idempotency-key', key).expect(200);
      const response = await importCsv(csv, false).set('idempotency-key', key).expect(422);
      expectProblem(response.body, 422, 'idempotency_key_reused');
      expect(await patientsOf(practice)).toBe(0);
    });
  });
});
