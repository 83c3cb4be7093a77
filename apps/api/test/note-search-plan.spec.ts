import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { NOTE_LIST } from '../src/notes/notes.repository.js';
import { createPractice, ownerDatabaseUrl, prismaClient, TestPractice } from './harness.js';

type PlanNode = {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Total Cost': number;
  'Plan Rows': number;
  'Actual Rows': number;
  Plans?: PlanNode[];
};

/** The plan as indented lines (node, index or table, estimated cost and rows, actual rows): what a failure shows. */
const outline = (n: PlanNode, depth = 0): string[] => [
  `${'  '.repeat(depth)}${n['Node Type']} ${n['Index Name'] ?? n['Relation Name'] ?? ''} cost=${n['Total Cost']} rows=${n['Plan Rows']} actual=${n['Actual Rows']}`,
  ...(n.Plans ?? []).flatMap((c) => outline(c, depth + 1)),
];

/**
 * The word search's plan at clinic size: 10,000 notes (and as many addenda) in one practice, as many again in
 * another, 200 per patient. PostgreSQL must answer the API's own search statement from the GIN indexes of the notes
 * (practice_id, patient_id, search) and of the addenda (practice_id, search), reading only the matching entries, never
 * scanning either table. What it took (see the migration): fastupdate off, or the pending list of the 20,000 new entries
 * made the GIN look dear; and the patient in the notes' GIN, or the planner weighed it evenly (and from one ANALYZE
 * sample to the next, either way) against reading the patient's 200 notes through the per-patient btree.
 */
describe('visit note word search plan at 10,000 notes', () => {
  let prisma: PrismaClient;
  let db: pg.Client;
  let practice: TestPractice;
  let patientId: string;
  const NOTES = 10_000;
  const PATIENTS = 50;

  beforeAll(async () => {
    prisma = prismaClient();
    practice = await createPractice(prisma);
    const other = await createPractice(prisma);
    db = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await db.connect();
    for (const p of [practice, other]) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO patients (id, practice_id, first_name, last_name, search_name, search_text, date_of_birth, sex, created_by, updated_at)
         SELECT gen_random_uuid(), $1::uuid, 'Pat', 'Noted' || g, 'pat noted' || g, patient_search_text('pat noted' || g, NULL, date '1970-01-01' + g, NULL),
                date '1970-01-01' + g, 'unspecified', $2::uuid, now()
           FROM generate_series(1, $3::int) g RETURNING id`,
        [p.id, p.users.clinician.id, PATIENTS],
      );
      if (p === practice) patientId = rows[0].id;
      // Ordinary clinical words everywhere; every 1,000th note (all ten of them the first patient's) names a rare one.
      await db.query(
        `INSERT INTO visit_notes (id, practice_id, patient_id, author_id, visit_date, subjective, objective, assessment, plan, status, signed_at, signed_by,
                                  created_at, updated_at)
         SELECT gen_random_uuid(), $1::uuid, ($3::uuid[])[1 + g % cardinality($3::uuid[])], $2::uuid, date '2026-01-01' + g % 300,
                'Pain ' || (g % 10) || '/10 since the last visit, sleeping better, walking daily.',
                'Lumbar flexion to mid-shin; side bridge ' || (g % 60) || ' s each side' || CASE WHEN g % 1000 = 0 THEN ', whitcroft sign positive' ELSE '' END || '.',
                'Improving with the exercise plan.', 'Continue the plan; review in two weeks.', 'signed', now(), $2::uuid,
                now() - make_interval(mins => g), now()
           FROM generate_series(0, $4::int - 1) g`,
        [p.id, p.users.clinician.id, rows.map((r) => r.id), NOTES],
      );
      await db.query(
        `INSERT INTO visit_note_addenda (id, practice_id, note_id, author_id, text)
         SELECT gen_random_uuid(), n.practice_id, n.id, $2::uuid, 'Addendum: discussed the home programme again.'
           FROM visit_notes n WHERE n.practice_id = $1::uuid`,
        [p.id, p.users.clinician.id],
      );
    }
    await db.query('ANALYZE visit_notes');
    await db.query('ANALYZE visit_note_addenda');
  }, 120_000);
  afterAll(async () => {
    await db.end();
    await prisma.$disconnect();
  });

  it('uses both GIN indexes, reads only the matches, and scans neither table', async () => {
    const audit = [practice.id, 'user', practice.users.clinician.id, 'clinician', '127.0.0.1', randomUUID()];
    const explained = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${NOTE_LIST.search.text}`, [
      ...audit,
      patientId,
      'infinity',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      26,
      null,
      'whitcroft',
    ]);
    const nodes: PlanNode[] = [];
    const walk = (n: PlanNode) => {
      nodes.push(n);
      for (const child of n.Plans ?? []) walk(child);
    };
    walk(explained.rows[0]['QUERY PLAN'][0].Plan);
    const plan = outline(explained.rows[0]['QUERY PLAN'][0].Plan);
    const onNotes = nodes.find((n) => n['Index Name'] === 'visit_notes_practice_patient_search');
    const onAddenda = nodes.find((n) => n['Index Name'] === 'visit_note_addenda_practice_search');
    expect({ notes: !!onNotes, addenda: !!onAddenda, plan: onNotes && onAddenda ? 'ok' : plan }).toEqual({ notes: true, addenda: true, plan: 'ok' });
    // Ten notes of this practice name the word; the index hands over no more than those.
    expect(onNotes!['Actual Rows']).toBeLessThanOrEqual(10);
    expect(onAddenda!['Actual Rows']).toBe(0);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && /^visit_note/.test(n['Relation Name'] ?? ''))).toEqual([]);
  });

  it('finds the patient’s ten notes among them', async () => {
    const { rows } = await db.query<{ found: boolean; rows: { id: string; excerpt: string }[] }>(NOTE_LIST.search.text, [
      practice.id,
      'user',
      practice.users.clinician.id,
      'clinician',
      '127.0.0.1',
      randomUUID(),
      patientId,
      'infinity',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      26,
      null,
      'whitcroft',
    ]);
    expect(rows[0].found).toBe(true);
    expect(rows[0].rows).toHaveLength(10);
    expect(rows[0].rows[0].excerpt).toContain('«whitcroft»');
  });
});
