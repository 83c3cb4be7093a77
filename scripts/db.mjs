// @ts-check
/**
 * `npm run db:migrate`: applies pending migrations as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL), then,
 * when DATABASE_URL names another login, creates that runtime role if missing and resets its rights (lib/roles.mjs).
 * Without DATABASE_URL: the embedded database of `npm start` (owner `postgres`, runtime role `upright_app`).
 * `npm run db:grant`: only the runtime role step (after migrations applied by other means, e.g. `prisma migrate deploy`).
 * `npm run db:migration -- <name>`: writes a new migration from the difference between prisma/schema.prisma and the database.
 */
import { createMigration } from './lib/migrator.mjs';
import { twoRoles, withDevelopmentDatabase } from './lib/database.mjs';
import { migrateAndGrant, prepareRuntimeRole } from './lib/roles.mjs';

const [command, name] = process.argv.slice(2);
if (command === 'create' && !name) {
  console.error('Usage: npm run db:migration -- <name>');
  process.exit(2);
}

/** @param {{ role: string, created: boolean, tables: number, warnings: string[] }} runtime */
function reportRuntime(runtime) {
  console.log(`Runtime role "${runtime.role}"${runtime.created ? ' created' : ''}: rights set on ${runtime.tables} table(s).`);
  for (const warning of runtime.warnings) console.warn(`Warning: ${warning}`);
}

try {
  await withDevelopmentDatabase(async (urls) => {
    if (command === 'migrate') {
      const { applied, runtime } = await migrateAndGrant(urls);
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
      if (runtime) reportRuntime(runtime);
      else console.log('One login owns the tables and runs the API (set MIGRATION_DATABASE_URL to split them: README, "Your own PostgreSQL: two roles").');
    } else if (command === 'grant') {
      if (!twoRoles(urls))
        throw new Error('MIGRATION_DATABASE_URL is unset or names the same login as DATABASE_URL: there is no separate runtime role to grant.');
      reportRuntime(await prepareRuntimeRole(urls.ownerUrl, urls.runtimeUrl));
    } else if (command === 'create') {
      const dir = await createMigration(urls.ownerUrl, name);
      console.log(dir ? `Created ${dir}/migration.sql (review it, then run npm run db:migrate)` : 'No changes: the schema and the database agree.');
    } else {
      console.error(`Unknown command "${command}". Use migrate, grant or create.`);
      process.exitCode = 2;
    }
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
// The schema engine keeps an idle timer alive for a while; this is a one-shot command.
process.exit();
