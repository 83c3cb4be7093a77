import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { searchPatternOf } from '../src/patients/patient-identity.js';
import { EXISTING_DUPLICATES } from '../src/imports/imports.repository.js';
import { PATIENT_DUPLICATES, PATIENT_LIST } from '../src/patients/patients.queries.js';
import { createPractice, ownerDatabaseUrl, prismaClient, TestPractice } from './harness.js';

/**
 * The patient search's plan at clinic-chain size: with 10,000 patients in one practice (and as many in another),
 * PostgreSQL must answer the API's own search statement from the combined (practice_id, search_text) trigram
 * index, reading only the matching rows of this practice, not every row of it, whether the search is a name, a
 * phone number or a date of birth.
 */
describe('patient search and duplicate check plans at 10,000 patients', () => {
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
      // search_text as patient-identity.ts writes it, through its SQL twin patient_search_text().
      await db.query(
        `INSERT INTO patients (id, practice_id, first_name, last_name, search_name, search_text, email, phone, phone_digits, date_of_birth, sex, created_by, created_at, updated_at)
         SELECT gen_random_uuid(), $1::uuid, 'Pat', 'Name' || g, s.name, patient_search_text(s.name, s.email, s.born, s.phone),
                s.email, s.phone, substr(s.phone, 2), s.born, 'unspecified', $2::uuid, now() - make_interval(secs => g), now()
           FROM generate_series(1, $3::int) g
          CROSS JOIN LATERAL (SELECT 'pat name' || g || CASE WHEN g % 1000 = 0 THEN ' whitcroft' ELSE '' END AS name, 'pat' || g || '@example.com' AS email,
                                     '07' || lpad(((g::bigint * 7919) % 1000000000)::text, 9, '0') AS phone,
                                     date '1940-01-01' + (g * 37) % 25000 AS born) s`,
        [p.id, p.users.clinician.id, PATIENTS],
      );
    }
    await db.query('ANALYZE patients');
  }, 60_000);
  afterAll(async () => {
    await db.end();
    await prisma.$disconnect();
  });

  type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Actual Rows': number; Plans?: PlanNode[] };
  /** Every node of a plan, the top one first. */
  const flatten = (root: PlanNode): PlanNode[] => [root, ...(root.Plans ?? []).flatMap(flatten)];

  /** EXPLAIN ANALYZE of the statement the API prepares for a search of current patients, first page, for `query`. */
  async function plan(query: string): Promise<{ text: string; nodes: PlanNode[] }> {
    const audit = [practice.id, 'user', practice.users.clinician.id, 'clinician', '127.0.0.1', randomUUID()];
    const pattern = searchPatternOf(query);
    if (!pattern) throw new Error(`nothing to search in ${query}`);
    const explained = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${PATIENT_LIST.currentSearch.text}`, [
      ...audit,
      'infinity',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      26,
      pattern,
    ]);
    const root = (explained.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
    return { text: JSON.stringify(root), nodes: flatten(root) };
  }

  it.each([
    ['a name', 'whitcroft', 10],
    // g = 1234: phone 07 + (1234 * 7919 mod 10^9) = 009772046, written the international way and with spaces.
    ['a phone number in another format', '+44 (0)7 009 772 046', 1],
    ['a phone number as typed at the desk', '07009 772046', 1],
    // g = 2000: born 1940-01-01 + (74000 mod 25000 = 24000 days) = 2005-09-16; asked the British way.
    ['a date of birth', '16/09/2005', 1],
  ])('uses the practice + search_text trigram index for %s and reads only the matches', async (_what, query, matches) => {
    const { text, nodes } = await plan(query);
    expect(text).toContain('patients_practice_search_trgm');
    const indexScan = nodes.find((n) => n['Index Name'] === 'patients_practice_search_trgm');
    expect(indexScan).toBeDefined();
    // The index hands over a handful of candidate rows, not the practice's 10,000.
    expect(indexScan!['Actual Rows']).toBeLessThan(100);
    expect(nodes.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
    // The matches themselves: the statement's rows (the CTE scan at the top returns the page).
    expect(nodes[0]['Actual Rows']).toBe(matches);
  });

  /** The keys of patient number `g` of this practice, as the duplicate rule compares them. */
  async function keysOf(g: number): Promise<{ name: string; born: string; email: string; phone: string }> {
    const { rows } = await db.query(
      `SELECT search_name AS name, to_char(date_of_birth, 'YYYY-MM-DD') AS born, email, phone_digits AS phone FROM patients WHERE practice_id = $1 AND last_name = $2`,
      [practice.id, `Name${g}`],
    );
    return rows[0] as { name: string; born: string; email: string; phone: string };
  }

  const DUPLICATE_INDEXES = ['patients_practice_id_date_of_birth_search_name_idx', 'patients_practice_id_email_idx', 'patients_practice_id_phone_digits_idx'];

  it('answers the duplicate check from its three indexes (name and date of birth, email, phone)', async () => {
    const [byName, byEmail, byPhone] = await Promise.all([keysOf(1234), keysOf(2345), keysOf(3456)]);
    const audit = [practice.id, 'user', practice.users.clinician.id, 'clinician', '127.0.0.1', randomUUID()];
    const explained = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${PATIENT_DUPLICATES.text}`, [
      ...audit,
      byName.name,
      byName.born,
      byEmail.email,
      byPhone.phone,
    ]);
    const nodes = flatten((explained.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan);
    for (const index of DUPLICATE_INDEXES) expect(nodes.some((n) => n['Index Name'] === index)).toBe(true);
    expect(nodes.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
    expect(nodes[0]['Actual Rows']).toBe(3);
  });

  it('looks up an import’s rows through the same indexes, not by reading the practice once per row', async () => {
    const rows = await Promise.all(Array.from({ length: 50 }, (_, i) => keysOf(100 + i * 97)));
    const explained = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${EXISTING_DUPLICATES}`, [
      practice.id,
      rows.map((_, i) => i + 2),
      rows.map((r) => r.name),
      rows.map((r) => r.born),
      rows.map((r, i) => (i % 2 ? r.email : null)),
      rows.map((r, i) => (i % 3 ? r.phone : null)),
    ]);
    const nodes = flatten((explained.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan);
    for (const index of DUPLICATE_INDEXES) expect(nodes.some((n) => n['Index Name'] === index)).toBe(true);
    expect(nodes.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
    expect(nodes[0]['Actual Rows']).toBe(50);
  });
});
