import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { TestPractice } from '../harness.js';

/**
 * `count` more patients in the practice, straight in the database in one statement each: "Bulk Patient <n>", and,
 * when a template patient is given, a copy of each of its episodes, assessments and outcome scores for every new
 * patient (so a practice of thousands of patients with real records takes seconds, not minutes).
 */
export async function bulkPatients(prisma: PrismaClient, practice: TestPractice, count: number, template?: { id: string }): Promise<void> {
  const marker = `bulk-${Date.now()}-${Math.random().toString(16).slice(2)}`;
  await prisma.$executeRawUnsafe(
    `INSERT INTO patients (id, practice_id, first_name, last_name, search_name, search_text, date_of_birth, sex, notes, created_by, updated_at)
     SELECT gen_random_uuid(), $1::uuid, 'Bulk', 'Patient ' || g, 'bulk patient ' || g,
            patient_search_text('bulk patient ' || g, NULL, date '1950-01-01' + (g % 20000), NULL),
            date '1950-01-01' + (g % 20000), 'unspecified', $3, $2::uuid, now()
       FROM generate_series(1, $4::int) g`,
    practice.id,
    practice.users.clinician.id,
    marker,
    count,
  );
  if (!template) return;
  for (const table of ['episodes', 'assessments', 'outcome_scores']) {
    const columns = await prisma.$queryRawUnsafe<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      table,
    );
    const names = columns.map((c) => c.column_name);
    const values = names.map((name) => (name === 'id' ? 'gen_random_uuid()' : name === 'patient_id' ? 'np.id' : `t.${name}`));
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${table} (${names.join(', ')})
       SELECT ${values.join(', ')} FROM ${table} t
        CROSS JOIN (SELECT id FROM patients WHERE practice_id = $1::uuid AND notes = $3) np
        WHERE t.practice_id = $1::uuid AND t.patient_id = $2::uuid`,
      practice.id,
      template.id,
      marker,
    );
  }
}
