import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { containsPattern, PATIENT_LIST } from '../src/patients/patients.queries.js';
import { createPractice, ownerDatabaseUrl, prismaClient, TestPractice } from './harness.js';

/**
 * The name search's plan at clinic-chain size: with 10,000 patients in one practice (and as many in another),
 * PostgreSQL must answer the API's own search statement from the combined (practice_id, search_name) trigram
 * index, reading only the matching rows of this practice, not every row of it.
 */
describe('patient name search plan at 10,000 patients', () => {
  let prisma: PrismaClient;
  let db: pg.Client;
  let practice: TestPractice;
  const PATIENTS = 10_000;

  beforeAll(async () => {
    prisma = prismaClient();
    practice = await createPractice(prisma);
    const other = await createPractice(prisma);
    // The owner: only a table's owner may ANALYZE it (the runtime role's ANALYZE is skipped with a warning).
    db = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await db.connect();
    for (const p of [practice, other]) {
      await db.query(
        `INSERT INTO patients (id, practice_id, first_name, last_name, search_name, date_of_birth, sex, created_by, created_at, updated_at)
         SELECT gen_random_uuid(), $1::uuid, 'Pat', 'Name' || g, 'pat name' || g || CASE WHEN g % 1000 = 0 THEN ' whitcroft' ELSE '' END,
                date '1970-01-01' + g % 9000, 'unspecified', $2::uuid, now() - make_interval(secs => g), now()
           FROM generate_series(1, $3::int) g`,
        [p.id, p.users.clinician.id, PATIENTS],
      );
    }
    await db.query('ANALYZE patients');
  }, 60_000);
  afterAll(async () => {
    await db.end();
    await prisma.$disconnect();
  });

  it('uses the practice + name trigram index and reads only the matches', async () => {
    // The statement the API prepares for a search of current patients, with a first page's parameters.
    const audit = [practice.id, 'user', practice.users.clinician.id, 'clinician', '127.0.0.1', randomUUID()];
    const sql = PATIENT_LIST.currentSearch.text;
    const explained = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [
      ...audit,
      'infinity',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      26,
      containsPattern('whitcroft'),
    ]);
    const plan = JSON.stringify(explained.rows[0]['QUERY PLAN']);
    expect(plan).toContain('patients_practice_search_trgm');
    // Ten matches in this practice, and the index read no more than a handful of candidate rows.
    const nodes: { 'Node Type': string; 'Index Name'?: string; 'Actual Rows': number; Plans?: unknown[] }[] = [];
    const walk = (n: { Plans?: unknown[] }) => {
      nodes.push(n as never);
      for (const child of n.Plans ?? []) walk(child as { Plans?: unknown[] });
    };
    walk(explained.rows[0]['QUERY PLAN'][0].Plan);
    const indexScan = nodes.find((n) => n['Index Name'] === 'patients_practice_search_trgm');
    expect(indexScan).toBeDefined();
    expect(indexScan!['Actual Rows']).toBeLessThan(100);
    expect(nodes.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
  });
});
