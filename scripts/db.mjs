// @ts-check
/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (or to the embedded database of `npm start`).
 * `npm run db:migration -- <name>`: writes a new migration from the difference between prisma/schema.prisma and the database.
 */
import { applyMigrations, createMigration } from './lib/migrator.mjs';
import { withDevelopmentDatabase } from './lib/database.mjs';

const [command, name] = process.argv.slice(2);
if (command === 'create' && !name) {
  console.error('Usage: npm run db:migration -- <name>');
  process.exit(2);
}

await withDevelopmentDatabase(async (databaseUrl) => {
  if (command === 'migrate') {
    const applied = await applyMigrations(databaseUrl);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  } else if (command === 'create') {
    const dir = await createMigration(databaseUrl, name);
    console.log(dir ? `Created ${dir}/migration.sql (review it, then run npm run db:migrate)` : 'No changes: the schema and the database agree.');
  } else {
    console.error(`Unknown command "${command}". Use migrate or create.`);
    process.exitCode = 2;
  }
});
// The schema engine keeps an idle timer alive for a while; this is a one-shot command.
process.exit();
