// @ts-check
/**
 * Two database roles (see docs/ARCHITECTURE.md, "Two database roles"):
 *   - the owner runs the migrations and owns every table, the append-only trigger of `audit_events` included;
 *   - the runtime role is what the API connects with: LOGIN and nothing more (no superuser, no CREATEDB, no
 *     CREATEROLE, no BYPASSRLS, no ownership, not a member of the owner). Only the owner or a superuser may drop or
 *     disable a trigger or set `session_replication_role`, so against the runtime role the trigger holds.
 *
 * `grantRuntimeRole` sets the runtime role's table rights to exactly what the API needs. It is idempotent and
 * resets the rights it manages every time, so run it after every migration (npm start, npm test and
 * `npm run db:migrate` do): a table added by a migration gets SELECT, INSERT and UPDATE, and DELETE only when it
 * is listed in DELETABLE_TABLES below.
 */
import pg from 'pg';
import { databaseName, loginOf, twoRoles } from './database.mjs';
import { applyMigrations } from './migrator.mjs';

/**
 * Tables whose rows the API itself deletes (expired or revoked sign-ins and throttle entries; a staff member's working
 * hours, which PUT /api/users/:id/working-hours replaces as a whole). Nothing clinical:
 * records are archived, never deleted. A new table the API deletes from must be added here, or the API gets
 * "permission denied for table ..." on that DELETE.
 */
export const DELETABLE_TABLES = ['sessions', 'portal_sessions', 'login_failures', 'idempotency_keys', 'working_hours', 'working_hour_exceptions'];
/** Tables the API may only read and append to (each also has a trigger refusing UPDATE and DELETE, whoever asks). */
export const APPEND_ONLY_TABLES = ['audit_events', 'visit_note_addenda'];
/** Tables the API has no business reading. */
export const HIDDEN_TABLES = ['_prisma_migrations'];

/**
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT';

/**
 * Makes sure the runtime role of `runtimeUrl` exists, connecting with `ownerUrl`:
 *   - missing: creates it (LOGIN only; the owner login needs CREATEROLE or superuser), with the URL's password;
 *   - present: sets its password to the URL's when the owner login may (so a changed password in the settings
 *     takes effect), and leaves its attributes alone;
 * then refuses a role that could undo the audit trigger (see checkRuntimeRole).
 * @param {string} ownerUrl
 * @param {string} runtimeUrl
 * @returns {Promise<{ role: string, created: boolean }>}
 */
export async function ensureRuntimeRole(ownerUrl, runtimeUrl) {
  const role = loginOf(runtimeUrl);
  if (!role) throw new Error('DATABASE_URL must name its login (postgresql://<login>:<password>@host/db) when MIGRATION_DATABASE_URL is set.');
  const password = decodeURIComponent(new URL(runtimeUrl).password);
  return withClient(ownerUrl, async (client) => {
    const exists = (await client.query('select 1 from pg_roles where rolname = $1', [role])).rowCount === 1;
    let created = false;
    if (!exists) {
      try {
        await client.query(`create role ${client.escapeIdentifier(role)} ${ATTRIBUTES}${password ? ` password ${client.escapeLiteral(password)}` : ''}`);
        created = true;
      } catch (error) {
        const code = /** @type {{ code?: string }} */ (error).code;
        // Another run created it at the same moment: fine.
        if (code !== '42710') {
          if (code === '42501') {
            throw new Error(
              `The runtime role "${role}" does not exist and ${loginOf(ownerUrl) || 'the owner login'} may not create roles. ` +
                `Create it as a database administrator (README, "Your own PostgreSQL: two roles"):\n` +
                `  CREATE ROLE ${client.escapeIdentifier(role)} ${ATTRIBUTES} PASSWORD '...';`,
              { cause: error },
            );
          }
          throw error;
        }
      }
    }
    if (exists && password) {
      // Only a superuser or a CREATEROLE login (with ADMIN on the role, PostgreSQL 16+) may; otherwise the password
      // is the administrator's business.
      await client.query(`alter role ${client.escapeIdentifier(role)} password ${client.escapeLiteral(password)}`).catch((/** @type {unknown} */ error) => {
        if (/** @type {{ code?: string }} */ (error).code !== '42501') throw error;
      });
    }
    await checkRuntimeRole(client, role);
    return { role, created };
  });
}

/**
 * Throws when `role` could change the audit log's rules: a superuser, a CREATEROLE login (it can give itself
 * other roles on PostgreSQL 15 and older), the database's owner (who owns the public schema and can drop it), or
 * a member of the role that owns a table, the schema or the database.
 * @param {pg.Client} client connected to the application's database
 * @param {string} role
 */
export async function checkRuntimeRole(client, role) {
  /** @type {pg.QueryResult<{ rolsuper: boolean, rolcreaterole: boolean, owned: string[] | null, owns_schema: boolean, owns_database: boolean }>} */
  const { rows } = await client.query(
    `select r.rolsuper, r.rolcreaterole,
            (select array_agg(c.relname::text order by c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and pg_has_role(r.oid, c.relowner, 'MEMBER')) as owned,
            (select pg_has_role(r.oid, n.nspowner, 'MEMBER') from pg_namespace n where n.nspname = 'public') as owns_schema,
            (select pg_has_role(r.oid, d.datdba, 'MEMBER') from pg_database d where d.datname = current_database()) as owns_database
       from pg_roles r where r.rolname = $1`,
    [role],
  );
  const [found] = rows;
  if (!found) throw new Error(`The runtime role "${role}" does not exist.`);
  const problems = [];
  if (found.rolsuper) problems.push('is a superuser');
  if (found.rolcreaterole) problems.push('has CREATEROLE');
  if (found.owns_database) problems.push('owns the database (or is a member of its owner)');
  if (found.owns_schema) problems.push('owns the public schema (or is a member of its owner)');
  if (found.owned?.length) problems.push(`owns (or is a member of the owner of) ${found.owned.join(', ')}`);
  if (problems.length) {
    throw new Error(
      `The runtime role "${role}" ${problems.join('; ')}: it could undo the audit log's append-only trigger. ` +
        'Give the API a login with no other rights (README, "Your own PostgreSQL: two roles").',
    );
  }
}

/**
 * Gives the runtime role exactly the rights the API needs on the database of `ownerUrl`, connecting as the owner
 * (who owns the tables): CONNECT, USAGE on schema public, on every table SELECT, INSERT and UPDATE (DELETE only on
 * DELETABLE_TABLES; SELECT and INSERT only on APPEND_ONLY_TABLES; nothing on HIDDEN_TABLES), USAGE and SELECT on
 * sequences. Whatever else the role had on these tables is revoked. One transaction.
 * @param {string} ownerUrl
 * @param {string} role
 * @returns {Promise<{ tables: number, warnings: string[] }>}
 */
export async function grantRuntimeRole(ownerUrl, role) {
  return withClient(ownerUrl, async (client) => {
    const who = client.escapeIdentifier(role);
    /** @type {string[]} */
    const warnings = [];
    /** @type {pg.QueryResult<{ name: string, kind: string }>} */
    const { rows: relations } = await client.query(
      `select c.relname::text as name, c.relkind::text as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') order by c.relname`,
    );
    await client.query('begin');
    try {
      await client.query(`grant connect on database ${client.escapeIdentifier(databaseName(ownerUrl))} to ${who}`);
      await client.query(`grant usage on schema public to ${who}`);
      let tables = 0;
      for (const { name, kind } of relations) {
        const table = `public.${client.escapeIdentifier(name)}`;
        if (kind === 'S') {
          await client.query(`revoke all on sequence ${table} from ${who}`);
          await client.query(`grant usage, select on sequence ${table} to ${who}`);
          continue;
        }
        tables++;
        await client.query(`revoke all on table ${table} from ${who}`);
        if (HIDDEN_TABLES.includes(name)) continue;
        const rights = APPEND_ONLY_TABLES.includes(name)
          ? 'select, insert'
          : DELETABLE_TABLES.includes(name)
            ? 'select, insert, update, delete'
            : 'select, insert, update';
        await client.query(`grant ${rights} on table ${table} to ${who}`);
      }
      await client.query('commit');
      // PostgreSQL 14 and older let everyone create objects in the public schema (CVE-2018-1058); 15 no longer does.
      /** @type {pg.QueryResult<{ can: boolean }>} */
      const { rows } = await client.query(`select has_schema_privilege($1, 'public', 'CREATE') as can`, [role]);
      if (rows[0].can) {
        await client.query('revoke create on schema public from public').catch(() => {});
        /** @type {pg.QueryResult<{ can: boolean }>} */
        const again = await client.query(`select has_schema_privilege($1, 'public', 'CREATE') as can`, [role]);
        if (again.rows[0].can)
          warnings.push(`"${role}" may create objects in the public schema; revoke CREATE on it (README, "Your own PostgreSQL: two roles").`);
      }
      return { tables, warnings };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  });
}

/**
 * Creates (when missing) and grants the runtime role: what every migration step runs after the migrations.
 * @param {string} ownerUrl
 * @param {string} runtimeUrl
 */
export async function prepareRuntimeRole(ownerUrl, runtimeUrl) {
  const { role, created } = await ensureRuntimeRole(ownerUrl, runtimeUrl);
  const { tables, warnings } = await grantRuntimeRole(ownerUrl, role);
  return { role, created, tables, warnings };
}

/**
 * The migration step of npm start, npm test and `npm run db:migrate`: applies pending migrations as the owner,
 * then (when the API has a login of its own) creates the runtime role if missing and resets its rights, so tables
 * added by the migrations are covered. Returns the migrations applied and the runtime role's name, or undefined
 * when one login does both.
 * @param {{ ownerUrl: string, runtimeUrl: string }} urls
 */
export async function migrateAndGrant(urls) {
  const applied = await applyMigrations(urls.ownerUrl);
  if (!twoRoles(urls)) return { applied, runtime: undefined };
  const runtime = await prepareRuntimeRole(urls.ownerUrl, urls.runtimeUrl);
  return { applied, runtime };
}

/**
 * Drops a role (the test runner's per-run role), once the databases it had rights in are gone.
 * @param {string} adminUrl any database on the server
 * @param {string} role
 */
export async function dropRole(adminUrl, role) {
  await withClient(adminUrl, (client) => client.query(`drop role if exists ${client.escapeIdentifier(role)}`));
}

/**
 * Whether the login of `url` is a superuser (for the single-role advice of npm start).
 * @param {string} url
 */
export async function isSuperuser(url) {
  return withClient(url, async (client) => {
    /** @type {pg.QueryResult<{ su: boolean }>} */
    const { rows } = await client.query(`select current_setting('is_superuser') = 'on' as su`);
    return rows[0].su;
  });
}
