import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertNote } from './factories/clinical.js';
import { createPatient, createPractice, databaseUrl, ownerDatabaseUrl, prismaClient, TestPractice } from './harness.js';

type Failure = { code?: string; message: string } | undefined;

/**
 * A signed note cannot be changed by anyone, by the database itself (visit_notes_guard): neither the API's runtime
 * login nor the owner of the tables (who ran the migrations) can UPDATE its content or DELETE a note, in plain SQL.
 * Addenda are append-only the same way, and the runtime login may not even try to change them. Every attempt runs in
 * a transaction that is rolled back.
 */
describe('visit notes in the database: signed means unchangeable, whoever asks', () => {
  let prisma: PrismaClient;
  let practice: TestPractice;
  let patientId: string;
  const logins: Record<'owner' | 'runtime', pg.Client> = {} as never;

  beforeAll(async () => {
    prisma = prismaClient();
    practice = await createPractice(prisma);
    patientId = (await createPatient(prisma, practice)).id;
    logins.owner = new pg.Client({ connectionString: ownerDatabaseUrl() });
    logins.runtime = new pg.Client({ connectionString: databaseUrl() });
    await Promise.all(Object.values(logins).map((c) => c.connect()));
  });
  afterAll(async () => {
    await Promise.all(Object.values(logins).map((c) => c.end()));
    await prisma.$disconnect();
  });

  /** Runs the statements in one transaction and rolls it back; the first error, if any. */
  async function attempt(login: pg.Client, ...statements: [string, unknown[]][]): Promise<Failure> {
    await login.query('BEGIN');
    try {
      for (const [sql, values] of statements) await login.query(sql, values);
      return undefined;
    } catch (error) {
      return error as Failure;
    } finally {
      await login.query('ROLLBACK');
    }
  }

  const signedNote = () => insertNote(prisma, practice, { id: patientId }, { status: 'signed' });
  const where = 'WHERE practice_id = $1 AND id = $2';

  it('the two logins are really two: the tests would prove nothing if the runtime login owned the tables', async () => {
    const who = async (c: pg.Client) => (await c.query<{ u: string }>('SELECT current_user AS u')).rows[0].u;
    const owner = (await logins.owner.query<{ o: string }>(`SELECT tableowner AS o FROM pg_tables WHERE tablename = 'visit_notes'`)).rows[0].o;
    expect(await who(logins.owner)).toBe(owner);
    expect(await who(logins.runtime)).not.toBe(owner);
  });

  describe.each(['owner', 'runtime'] as const)('as the %s login', (name) => {
    const login = () => logins[name];

    it.each([
      ['a section', `UPDATE visit_notes SET plan = 'rewritten after signing' ${where}`],
      ['every section at once', `UPDATE visit_notes SET subjective = '', objective = '', assessment = '', plan = '' ${where}`],
      ['the visit date', `UPDATE visit_notes SET visit_date = visit_date - 1 ${where}`],
      ['the signature time', `UPDATE visit_notes SET signed_at = now() - interval '1 day' ${where}`],
      ['the signer', `UPDATE visit_notes SET signed_by = NULL, signed_at = NULL ${where}`],
      ['the status back to draft', `UPDATE visit_notes SET status = 'draft', signed_at = NULL, signed_by = NULL ${where}`],
      ['the day the prefill counted from', `UPDATE visit_notes SET prefill_since = DATE '2020-01-01' ${where}`],
      ['the content with a version bump, as a save would', `UPDATE visit_notes SET plan = 'x', version = version + 1, updated_at = now() ${where}`],
    ])('refuses an UPDATE of %s of a signed note (SQLSTATE UP409, note_signed)', async (_what, sql) => {
      const note = await signedNote();
      const failure = await attempt(login(), [sql, [practice.id, note.id]]);
      expect(failure?.code).toBe('UP409');
      expect(failure?.message).toBe('note_signed');
    });

    it('refuses every DELETE, of a signed note and of a draft', async () => {
      for (const note of [await signedNote(), await insertNote(prisma, practice, { id: patientId })]) {
        const failure = await attempt(login(), [`DELETE FROM visit_notes ${where}`, [practice.id, note.id]]);
        expect(failure?.code).toBe('42501');
        // The owner is stopped by the trigger; the runtime login has not even the right (no table is in DELETABLE_TABLES).
        expect(failure?.message).toMatch(name === 'owner' ? /never deleted/ : /permission denied/);
      }
    });

    it('lets a signed note be marked entered in error (status, reason, version), and then nothing more', async () => {
      const note = await signedNote();
      const mark = `UPDATE visit_notes SET status = 'entered_in_error', status_reason = 'Wrong patient', version = version + 1, updated_at = now() ${where}`;
      expect(await attempt(login(), [mark, [practice.id, note.id]])).toBeUndefined();
      const after = await attempt(
        login(),
        [mark, [practice.id, note.id]],
        [`UPDATE visit_notes SET status_reason = 'Another reason' ${where}`, [practice.id, note.id]],
      );
      expect(after?.code).toBe('UP409');
      expect(after?.message).toBe('note_entered_in_error');
    });

    it('lets a draft be edited and signed (the API’s own path), which is what makes the rule above bite', async () => {
      const draft = await insertNote(prisma, practice, { id: patientId });
      const failure = await attempt(
        login(),
        [`UPDATE visit_notes SET plan = 'edited', version = version + 1 ${where}`, [practice.id, draft.id]],
        [`UPDATE visit_notes SET status = 'signed', signed_at = now(), signed_by = author_id ${where}`, [practice.id, draft.id]],
      );
      expect(failure).toBeUndefined();
    });

    it('refuses moving a note to another patient or author, even a draft', async () => {
      const draft = await insertNote(prisma, practice, { id: patientId });
      const failure = await attempt(login(), [`UPDATE visit_notes SET author_id = $3 ${where}`, [practice.id, draft.id, practice.users.admin.id]]);
      expect(failure?.code).toBe('UP409');
    });

    it('refuses to change or delete an addendum, and an addendum to a draft', async () => {
      const note = await signedNote();
      const addendumId = randomUUID();
      await prisma.visitNoteAddendum.create({
        data: { id: addendumId, practiceId: practice.id, noteId: note.id, authorId: practice.users.clinician.id, text: 'A correction.' },
      });
      for (const sql of [`UPDATE visit_note_addenda SET text = 'rewritten' ${where}`, `DELETE FROM visit_note_addenda ${where}`]) {
        const failure = await attempt(login(), [sql, [practice.id, addendumId]]);
        expect(failure?.code).toBe('42501');
        // The owner is stopped by the trigger; the runtime login has not even the right (scripts/lib/roles.mjs).
        expect(failure?.message).toMatch(name === 'owner' ? /append-only/ : /permission denied/);
      }
      const draft = await insertNote(prisma, practice, { id: patientId });
      const onDraft = await attempt(login(), [
        `INSERT INTO visit_note_addenda (id, practice_id, note_id, author_id, text) VALUES (gen_random_uuid(), $1, $2, $3, 'Too early')`,
        [practice.id, draft.id, practice.users.clinician.id],
      ]);
      expect(onDraft?.code).toBe('UP409');
      expect(onDraft?.message).toBe('note_not_signed');
    });
  });

  it('the runtime login may only read and append addenda, and may not truncate notes', async () => {
    const { rows } = await logins.owner.query<{ privilege_type: string }>(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'visit_note_addenda' AND grantee = $1 ORDER BY privilege_type`,
      [(await logins.runtime.query<{ u: string }>('SELECT current_user AS u')).rows[0].u],
    );
    expect(rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
    const failure = await attempt(logins.runtime, ['TRUNCATE visit_notes CASCADE', []]);
    expect(failure?.code).toBe('42501');
  });

  it('the owner cannot TRUNCATE notes or addenda either (the statement-level triggers)', async () => {
    for (const table of ['visit_notes', 'visit_note_addenda']) {
      const failure = await attempt(logins.owner, [`TRUNCATE ${table} CASCADE`, []]);
      expect(failure?.code).toBe('42501');
    }
  });
});
