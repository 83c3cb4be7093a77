import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { databaseUrl, ownerDatabaseUrl } from './harness.js';

/**
 * The append-only trigger on audit_events binds the API only when the API's own login cannot remove it: a superuser
 * or the table's owner can disable or drop the trigger, or switch triggers off for the session, and then delete.
 * This connects exactly as the API does (DATABASE_URL, the runtime role `npm test` creates like `npm start` and
 * docker compose do; see scripts/lib/roles.mjs) and tries each of those. Every attempt runs in a transaction that
 * is rolled back, so even against a login that can do it (a superuser), the test database keeps its trigger.
 */
describe('the audit log against the API database login', () => {
  let db: pg.Client;
  let owner: pg.Client;
  let tableOwner: string;
  const practiceId = randomUUID(); // a practice of its own (audit rows have no foreign key), so no other test's rows are touched
  const auditId = randomUUID();

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await owner.connect();
    db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
    tableOwner = (await owner.query<{ tableowner: string }>(`SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events'`))
      .rows[0].tableowner;
  });
  afterAll(async () => {
    await db?.end();
    await owner?.end();
  });

  /** Runs the statements in one transaction as the API's login and rolls it back; returns the first error. */
  async function attempt(...statements: string[]): Promise<{ code?: string; message: string } | undefined> {
    await db.query('BEGIN');
    try {
      for (const sql of statements) await db.query(sql);
      return undefined;
    } catch (error) {
      return error as { code?: string; message: string };
    } finally {
      await db.query('ROLLBACK');
    }
  }

  /** Refused for want of a right: not merely stopped by the trigger, which a login with the right could remove. */
  const refused = (error: { code?: string; message: string } | undefined) => {
    expect(error).toBeDefined();
    expect(error?.code).toBe('42501');
    expect(error?.message).toMatch(/permission denied|must be owner/);
    expect(error?.message).not.toMatch(/append-only/);
  };

  const insertRow = (id = auditId) =>
    `INSERT INTO audit_events (id, practice_id, actor_type, action, resource_type, outcome)
     VALUES ('${id}', '${practiceId}', 'system', 'read', 'audit_protection_test', 'success')`;

  it('is a login with no power over the schema: not a superuser, no CREATEROLE, owning nothing', async () => {
    const { rows } = await db.query(
      `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication,
              current_setting('is_superuser') AS is_superuser,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_has_role(r.oid, c.relowner, 'MEMBER')) AS owned_relations,
              (SELECT pg_has_role(r.oid, n.nspowner, 'MEMBER') FROM pg_namespace n WHERE n.nspname = 'public') AS owns_schema,
              (SELECT pg_has_role(r.oid, d.datdba, 'MEMBER') FROM pg_database d WHERE d.datname = current_database()) AS owns_database,
              has_schema_privilege(r.oid, 'public', 'CREATE') AS can_create
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      rolreplication: false,
      is_superuser: 'off',
      owned_relations: 0,
      owns_schema: false,
      owns_database: false,
      can_create: false,
    });
    const me = (await db.query<{ user: string }>('SELECT current_user AS user')).rows[0].user;
    expect(me).not.toBe(tableOwner);
  });

  it('can append audit rows and read them back', async () => {
    await db.query(insertRow());
    const { rows } = await db.query('SELECT outcome FROM audit_events WHERE practice_id = $1 AND id = $2', [practiceId, auditId]);
    expect(rows).toEqual([{ outcome: 'success' }]);
  });

  const remove = () => `DELETE FROM audit_events WHERE practice_id = '${practiceId}'`;

  it.each([
    ['UPDATE', () => [`UPDATE audit_events SET outcome = 'tampered' WHERE practice_id = '${practiceId}'`]],
    ['DELETE', () => [remove()]],
    ['TRUNCATE', () => ['TRUNCATE audit_events']],
  ])('may not %s audit rows', async (_name, statements) => {
    refused(await attempt(...statements()));
  });

  // Each the way a superuser or the owner gets past the trigger, followed by the DELETE it would allow.
  it.each([
    ['disable the trigger', () => ['ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete', remove()]],
    ['disable all triggers', () => ['ALTER TABLE audit_events DISABLE TRIGGER ALL', remove()]],
    ['drop the trigger', () => ['DROP TRIGGER audit_events_no_update_delete ON audit_events', remove()]],
    ['drop the trigger function', () => ['DROP FUNCTION audit_events_append_only() CASCADE', remove()]],
    ['turn triggers off for its session (session_replication_role)', () => ['SET LOCAL session_replication_role = replica', remove()]],
    ["become the table's owner", () => [`SET LOCAL ROLE ${db.escapeIdentifier(tableOwner)}`, remove()]],
    ['drop the table', () => ['DROP TABLE audit_events']],
    ['rename the table away', () => ['ALTER TABLE audit_events RENAME TO audit_events_old']],
  ])('may not %s', async (_name, statements) => {
    refused(await attempt(...statements()));
  });

  it('leaves the audit row and both triggers in place', async () => {
    const rows = await owner.query('SELECT 1 FROM audit_events WHERE practice_id = $1 AND id = $2', [practiceId, auditId]);
    expect(rows.rowCount).toBe(1);
    const triggers = await owner.query<{ tgname: string; tgenabled: string }>(
      `SELECT tgname, tgenabled::text FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers.rows).toEqual([
      { tgname: 'audit_events_no_truncate', tgenabled: 'O' },
      { tgname: 'audit_events_no_update_delete', tgenabled: 'O' },
    ]);
  });
});
