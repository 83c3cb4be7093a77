import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import {
  emailKeyOf,
  type IdentityFields,
  identityColumns,
  isoDateOf,
  isoMonthOf,
  phoneDigits,
  phoneKeyOf,
  searchPatternOf,
  searchTextOf,
} from '../src/patients/patient-identity.js';
import { createPractice, ownerDatabaseUrl, prismaClient, signIn, startApp } from './harness.js';

describe('patient identity keys', () => {
  it.each([
    ['+44 7700 900123', '7700900123'],
    ['07700 900123', '7700900123'],
    ['0044 7700 900123', '7700900123'],
    ['+44 (0)7700 900123', '7700900123'],
    ['(+44) 7700-900-123', '7700900123'],
    ['+1 (212) 555-0100', '2125550100'],
    ['+7 495 123 45 67', '4951234567'],
    ['+353 1 234 5678', '12345678'],
    ['+39 06 1234 5678', '612345678'],
    ['06 1234 5678', '612345678'],
    ['212.555.0100', '2125550100'],
    ['', ''],
    ['no digits', ''],
  ])('phoneDigits(%p) is %p', (text, digits) => {
    expect(phoneDigits(text)).toBe(digits);
  });

  it.each([
    ['1984-06-15', '1984-06-15'],
    ['15/06/1984', '1984-06-15'],
    ['5/6/1984', '1984-06-05'],
    ['15.06.1984', '1984-06-15'],
    ['15-06-1984', '1984-06-15'],
    ['31/02/1984', undefined],
    ['06/15/1984', undefined],
    ['1984-6-15', undefined],
    ['15 June 1984', undefined],
  ])('isoDateOf(%p) is %p', (text, iso) => {
    expect(isoDateOf(text)).toBe(iso);
  });

  it.each([
    ['1984-06', '1984-06'],
    ['06/1984', '1984-06'],
    ['6/1984', '1984-06'],
    ['06.1984', '1984-06'],
    ['1984-13', undefined],
    ['00/1984', undefined],
    ['1984-6', undefined],
    ['198406', undefined],
  ])('isoMonthOf(%p) is %p', (text, iso) => {
    expect(isoMonthOf(text)).toBe(iso);
  });

  it('keeps the phone last in the search text, and a non-phone search off it', () => {
    const text = searchTextOf({ firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '1984-06-15', email: 'zoe@example.com', phone: '+44 7700 900123' });
    expect(text).toBe('zoe hughes\nzoe@example.com\n1984-06-15\n447700900123');
    expect(searchPatternOf('07700 900123')).toBe('%7700900123%');
    expect(searchPatternOf('15/06/1984')).toBe('%1984-06-15%\n%');
    expect(searchPatternOf('1984-06')).toBe('%1984-06-%\n%');
    expect(searchPatternOf(' Zoë  HUGHES ')).toBe('%zoe hughes%\n%');
    expect(searchPatternOf('50%_off\\')).toBe('%50\\%\\_off\\\\%\n%');
    expect(searchPatternOf('12345')).toBe('%12345%\n%');
    expect(searchPatternOf('   ')).toBeUndefined();
  });

  describe('the SQL twin of phoneDigits (the migration backfilled existing rows with it)', () => {
    let db: pg.Client;
    beforeAll(async () => {
      db = new pg.Client({ connectionString: ownerDatabaseUrl() });
      await db.connect();
    });
    afterAll(() => db.end());

    it('gives the same keys as phoneKeyOf for any phone-like text', async () => {
      const phoneLike = fc.stringMatching(/^[ (]{0,2}\+?[0-9 ()+.-]{0,24}$/);
      const samples = [
        ...fc.sample(phoneLike, { numRuns: 2000, seed: 18 }),
        ...fc.sample(fc.string({ maxLength: 20 }), { numRuns: 300, seed: 18 }),
        '+44 7700 900123',
        '0044 (0)7700 900123',
        '+',
        '00',
        '0',
        '+1',
        '+999 12',
      ];
      const { rows } = await db.query<{ phone: string; digits: string | null }>(
        'SELECT phone, patient_phone_digits(phone) AS digits FROM unnest($1::text[]) AS t(phone)',
        [samples.map((s) => s.replaceAll('\u0000', ''))],
      );
      const differing = rows.filter((r) => r.digits !== phoneKeyOf(r.phone)).slice(0, 5);
      expect(differing).toEqual([]);
    });
  });

  describe('the migration that added the keys', () => {
    let app: NestFastifyApplication;
    let db: pg.Client;
    beforeAll(async () => {
      app = await startApp();
      db = new pg.Client({ connectionString: ownerDatabaseUrl() });
      await db.connect();
    });
    afterAll(async () => {
      await db.end();
      await app.close();
    });

    /** The backfill UPDATE of prisma/migrations/*_patient_identity, as written there. */
    function backfill(): string {
      const migrations = path.join(__dirname, '../../../prisma/migrations');
      const folder = readdirSync(migrations).find((name) => name.endsWith('_patient_identity'))!;
      const sql = readFileSync(path.join(migrations, folder, 'migration.sql'), 'utf8');
      const update = /UPDATE "patients" SET\s+"phone_digits"[\s\S]*?;/.exec(sql);
      if (!update) throw new Error('The backfill UPDATE is not in the migration');
      return update[0];
    }

    it('backfilled the same keys the API writes', async () => {
      const prisma = prismaClient();
      const practice = await createPractice(prisma);
      await prisma.$disconnect();
      const cookie = await signIn(app, practice.users.reception.email);
      const people = [
        { firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '1984-06-15', sex: 'female', email: 'Zoe.Hughes@Example.com', phone: '+44 (0)7700 900123' },
        { firstName: '  Åsa ', lastName: 'Öberg-Lind', dateOfBirth: '1950-01-31', sex: 'unspecified', phone: '0046 8 123 456' },
        { firstName: 'Li', lastName: 'Wei', dateOfBirth: '2001-12-01', sex: 'male' },
      ];
      for (const body of people) await request(app.getHttpServer()).post('/api/patients').set('cookie', cookie).send(body).expect(201);
      const keys = `SELECT id, search_text, phone_digits FROM patients WHERE practice_id = $1 ORDER BY id`;
      const written = (await db.query(keys, [practice.id])).rows;
      // The migration's own statement, on this practice's rows only, undone afterwards.
      await db.query('BEGIN');
      try {
        await db.query(`UPDATE "patients" SET "search_text" = '', "phone_digits" = NULL WHERE practice_id = $1`, [practice.id]);
        await db.query(`${backfill().replace(/;$/, '')} WHERE practice_id = $1`, [practice.id]);
        expect((await db.query(keys, [practice.id])).rows).toEqual(written);
      } finally {
        await db.query('ROLLBACK');
      }
    });

    it('has patient_search_text(), the SQL twin of searchTextOf that test data and the benchmark insert with', async () => {
      const people: IdentityFields[] = [
        { firstName: 'Zoë', lastName: 'Hughes', dateOfBirth: '1984-06-15', email: 'Zoe.Hughes@Example.com', phone: '+44 (0)7700 900123' },
        { firstName: '  Åsa ', lastName: 'Öberg-Lind', dateOfBirth: '1950-01-31', email: null, phone: '0046 8 123 456' },
        { firstName: 'Li', lastName: 'Wei', dateOfBirth: '2001-12-01', email: null, phone: null },
      ];
      for (const person of people) {
        const { rows } = await db.query<{ text: string }>('SELECT patient_search_text($1, $2, $3::date, $4) AS text', [
          identityColumns(person).searchName,
          emailKeyOf(person.email),
          person.dateOfBirth,
          person.phone,
        ]);
        expect(rows[0].text).toBe(searchTextOf(person));
      }
    });
  });
});
