// @ts-check
/**
 * `npm start`: the whole product on this machine.
 *   1. builds what is stale (turbo cache);
 *   2. uses DATABASE_URL's server (creating the database if missing), or starts an embedded PostgreSQL whose
 *      data lives in .data/postgres and survives restarts;
 *   3. applies migrations as the owner and prepares the runtime role the API connects with (lib/roles.mjs: on
 *      the embedded database the superuser `postgres` owns the tables and the API runs as `upright_app`; with
 *      DATABASE_URL, MIGRATION_DATABASE_URL is the owner, or DATABASE_URL does both when it is unset), then seeds
 *      the demo practice on first run;
 *   4. starts the API (API_PORT, default 3001) and the dashboard (WEB_PORT, default 3000);
 *   5. on Ctrl-C or SIGTERM stops the dashboard, the API and the database, in that order.
 */
import { mkdirSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { configuredDatabase, ensureDatabase, root, startEmbeddedPostgres, step } from './lib/database.mjs';
import { isSuperuser, migrateAndGrant } from './lib/roles.mjs';
import { onShutdownSignal, run, startService, stopService, waitForHttp } from './lib/processes.mjs';
import { parseJson } from './lib/json.mjs';

const apiPort = Number(process.env.API_PORT ?? 3001);
const webPort = Number(process.env.WEB_PORT ?? 3000);
// Local by default; WEB_HOST=0.0.0.0 opens the dashboard to the network.
const webHost = process.env.WEB_HOST ?? '127.0.0.1';
const webOrigin = process.env.WEB_ORIGIN ?? `http://localhost:${webPort}`;
const seedDemo = process.env.DEMO_DATA !== 'false';
const started = Date.now();
const bin = (/** @type {string} */ name) => path.join(root, 'node_modules/.bin', name);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' };
// The API and the dashboard never see the owner's login.
const { MIGRATION_DATABASE_URL: _owner, ...serviceEnv } = /** @type {NodeJS.ProcessEnv} */ (env);

/** @type {import('./lib/processes.mjs').Service[]} */
const services = [];
/** @type {{ stop: () => Promise<void>, exited: Promise<void> } | undefined} */
let embedded;
/** @type {Promise<void> | undefined} */
let stopping;

function shutdown() {
  return (stopping ??= stopAll());
}

async function stopAll() {
  console.log('\nStopping Upright…');
  for (const service of [...services].reverse()) {
    await stopService(service);
    step(`${service.name} stopped`);
  }
  if (embedded) {
    await embedded.stop();
    step('Embedded PostgreSQL stopped');
  }
}
onShutdownSignal(shutdown);

async function fail(/** @type {unknown} */ error) {
  if (stopping) return;
  console.error(`\n\x1b[31m✖ ${error instanceof Error ? error.message : String(error)}\x1b[0m`);
  await shutdown().catch(() => {});
  process.exit(1);
}

try {
  step('Building what changed (turbo cache)…');
  const buildCode = await run(bin('turbo'), ['run', 'build', '--output-logs=errors-only'], { cwd: root, env });
  if (buildCode !== 0) throw new Error('The build failed (see above).');

  let urls = configuredDatabase();
  if (urls) {
    const created = await ensureDatabase(urls.ownerUrl);
    const where = new URL(urls.runtimeUrl);
    step(`Using PostgreSQL at ${where.host}, database ${where.pathname.slice(1)}${created ? ' (created)' : ''}`);
  } else {
    step('Starting the embedded PostgreSQL (data in .data/postgres)…');
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(root, '.data/postgres') });
    embedded = cluster;
    urls = { ownerUrl: cluster.url, runtimeUrl: cluster.runtimeUrl };
    await ensureDatabase(urls.ownerUrl);
    step(`Embedded PostgreSQL is up at ${new URL(urls.ownerUrl).host}`);
  }

  step('Applying database migrations…');
  const { applied, runtime } = await migrateAndGrant(urls);
  step(applied.length ? `Applied ${applied.length} migration(s)` : 'Database schema is up to date');
  if (runtime) {
    step(`The API connects as "${runtime.role}"${runtime.created ? ' (role created)' : ''}, which owns nothing and may only read and append to the audit log`);
    for (const warning of runtime.warnings) console.warn(`\x1b[33m! ${warning}\x1b[0m`);
  } else {
    const superuser = await isSuperuser(urls.runtimeUrl).catch(() => false);
    console.warn(
      `\x1b[33m! DATABASE_URL's login owns the tables${superuser ? ' and is a superuser' : ''}, so it could alter the audit log: give the API a runtime role of its own (README, "Your own PostgreSQL: two roles").\x1b[0m`,
    );
  }
  const { ownerUrl, runtimeUrl } = urls;

  /** @type {{ created: boolean, practiceName: string, logins: { role: string, email: string, password: string }[] } | undefined} */
  let demo;
  if (seedDemo) {
    step('Checking the demo practice…');
    let output = '';
    // A one-shot administrative step like the migrations: it runs as the owner.
    const seed = startService('seed', process.execPath, [path.join(root, 'apps/api/dist/seed/seed.cli.js')], {
      env: { ...env, DATABASE_URL: ownerUrl },
      onLine: (line) => (line.startsWith('{') ? (output = line) : console.error(`[seed] ${line}`)),
    });
    if ((await seed.exited) !== 0) throw new Error('Seeding the demo practice failed.');
    demo = /** @type {typeof demo} */ (parseJson(output));
    step(demo?.created ? `Demo practice created: ${demo.practiceName}` : 'Demo practice already present (not seeded again)');
  }

  const logDir = path.join(root, '.data/logs');
  mkdirSync(logDir, { recursive: true });
  const apiLog = createWriteStream(path.join(logDir, 'api.log'), { flags: 'a' });
  step(`Starting the API on port ${apiPort} (logs in .data/logs/api.log)…`);
  const api = startService('api', process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: path.join(root, 'apps/api'),
    env: {
      ...serviceEnv,
      DATABASE_URL: runtimeUrl,
      API_PORT: String(apiPort),
      WEB_ORIGIN: webOrigin,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      // Without SMTP_URL, emails are written here as .eml files.
      MAIL_DIR: process.env.MAIL_DIR ?? path.join(root, '.data/mail'),
    },
    onLine: (line) => {
      apiLog.write(line + '\n');
      // Show warnings and errors on the console; everything is in the log file.
      const level = /^\{"level":(\d+)/.exec(line)?.[1];
      if (!level || Number(level) >= 40) console.log(`[api] ${line}`);
    },
  });
  services.push(api);
  await waitForHttp(`http://127.0.0.1:${apiPort}/api/health`, { service: api, timeoutMs: 60_000 });
  step('API is healthy');

  step(`Starting the dashboard on port ${webPort}…`);
  // The dashboard's own server (Next.js inside; it forwards /api/* itself): see apps/web/server/main.ts.
  const web = startService('dashboard', process.execPath, [path.join(root, 'apps/web/dist/server/main.js'), '-p', String(webPort), '-H', webHost], {
    cwd: path.join(root, 'apps/web'),
    env: { ...serviceEnv, API_URL: `http://127.0.0.1:${apiPort}`, NODE_ENV: 'production' },
    onLine: (line) => console.log(`[web] ${line}`),
  });
  services.push(web);
  await waitForHttp(`http://127.0.0.1:${webPort}/sign-in`, { service: web, timeoutMs: 60_000 });

  for (const service of services) {
    // Never rejects (see startService); fail() stops everything.
    void service.exited.then((code) => fail(new Error(`${service.name} stopped unexpectedly (exit code ${code}).`)));
  }
  // A database that dies under a running product must not leave it answering errors: stop everything, loudly.
  void embedded?.exited.then(() =>
    fail(new Error('The embedded PostgreSQL stopped unexpectedly. Upright has stopped; run npm start again (the data in .data/postgres is kept).')),
  );

  console.log(`
\x1b[32m✔ Upright is running\x1b[0m (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Dashboard   ${webOrigin}
  API         http://localhost:${apiPort}/api   (docs: http://localhost:${apiPort}/api/docs)
${
  demo
    ? `
  Demo logins (${demo.practiceName}):
${demo.logins.map((l) => `    ${l.role.padEnd(10)} ${l.email.padEnd(30)} password: ${l.password}`).join('\n')}
`
    : ''
}
Press Ctrl-C to stop.`);
} catch (error) {
  await fail(error);
}
