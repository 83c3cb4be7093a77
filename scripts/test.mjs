// @ts-check
/**
 * `npm test`: every test of the repository, against real parts.
 *   - builds what is stale (turbo cache);
 *   - lints (ESLint, no warnings allowed) and checks the formatting (Prettier): `npm run lint`, `npm run format:check`;
 *   - PostgreSQL: MIGRATION_DATABASE_URL's or DATABASE_URL's server when set, else the local one at 127.0.0.1:5432,
 *     else an embedded one; a throwaway database is created for this run, migrated once by that login (the owner),
 *     with a runtime role of its own for this run (lib/roles.mjs), and both are dropped at the end (also on Ctrl-C);
 *   - the API, in the API tests and for the browser tests, connects as the runtime role (DATABASE_URL); test
 *     fixtures that go around the API use the owner (MIGRATION_DATABASE_URL);
 *   - runs the domain unit tests, the API tests, then starts the API and dashboard on free ports and runs the
 *     browser tests in Chromium;
 *   - ends with one summary line of passed/failed counts (and whether the lint and format check passed).
 */
import { existsSync, mkdtempSync, chmodSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, freePort, root, serverAnswers, startEmbeddedPostgres, step, withDatabase, withLogin } from './lib/database.mjs';
import { dropRole, migrateAndGrant } from './lib/roles.mjs';
import { onShutdownSignal, run, startService, stopService, waitForHttp } from './lib/processes.mjs';
import { parseJson } from './lib/json.mjs';

const started = Date.now();
const messageOf = (/** @type {unknown} */ error) => (error instanceof Error ? error.message : String(error));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' };
const bin = (/** @type {string} */ name) => path.join(root, 'node_modules/.bin', name);
const resultsDir = path.join(root, '.test-results');
const outputDir = path.join(root, 'tests/output');
/** Suites in order; `--only domain,api` runs a subset. */
const SUITES = [
  { name: 'domain', dir: 'packages/domain', needs: [] },
  { name: 'api', dir: 'apps/api', needs: ['db'] },
  { name: 'e2e', dir: 'tests', needs: ['db', 'stack'] },
];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
const suites = SUITES.filter((s) => !only || only.includes(s.name));
// The lint and format check run first, with every suite (`--only=lint` runs them alone; `--only=api` skips them).
const lint = !only || only.includes('lint');
// --no-build skips the turbo build (for quick API runs while developing; the browser tests need the build).
const skipBuild = process.argv.includes('--no-build');
const jestArgs = process.argv.slice(2).filter((a) => !a.startsWith('--only=') && a !== '--no-build');

/** @type {import('./lib/processes.mjs').Service[]} */
const services = [];
/** @type {{ url: string, stop: () => Promise<void> } | undefined} */
let embedded;
/** @type {string | undefined} the owner's URL of the throwaway database */
let testDatabaseUrl;
/** @type {string | undefined} the runtime role's URL of the same database */
let runtimeDatabaseUrl;
/** @type {string | undefined} */
let tempDir;
/** @type {Promise<void> | undefined} */
let cleaning;

const cleanup = () =>
  (cleaning ??= (async () => {
    for (const service of [...services].reverse()) await stopService(service, 5000);
    if (testDatabaseUrl)
      await dropDatabase(testDatabaseUrl).catch((/** @type {unknown} */ e) => console.error(`Could not drop the test database: ${messageOf(e)}`));
    // After the database: the role's rights lived in it.
    if (testDatabaseUrl && runtimeDatabaseUrl) {
      const role = decodeURIComponent(new URL(runtimeDatabaseUrl).username);
      await dropRole(withDatabase(testDatabaseUrl, 'postgres'), role).catch((/** @type {unknown} */ e) =>
        console.error(`Could not drop the test role ${role}: ${messageOf(e)}`),
      );
    }
    if (embedded) await embedded.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  })());
// An interrupted run is not a passing run.
onShutdownSignal(async () => {
  console.log('\nInterrupted: cleaning up…');
  await cleanup();
}, 130);

/** @returns {Promise<string>} a server URL (database part ignored) */
async function findServer() {
  // The login that creates the throwaway database owns it, and creates this run's runtime role (CREATEROLE).
  const given = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    step(`Using PostgreSQL from ${process.env.MIGRATION_DATABASE_URL ? 'MIGRATION_DATABASE_URL' : 'DATABASE_URL'} (${new URL(given).host})`);
    return given;
  }
  const local = 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (await serverAnswers(local)) {
    step('Using the local PostgreSQL at 127.0.0.1:5432');
    return local;
  }
  step('No PostgreSQL found: starting an embedded one for this run');
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'upright-test-'));
  chmodSync(tempDir, 0o755); // initdb runs as the postgres OS user when we are root
  embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg') });
  return embedded.url;
}

/**
 * @param {{ name: string, dir: string }} suite
 * @param {NodeJS.ProcessEnv} suiteEnv
 */
async function runJest(suite, suiteEnv) {
  // One file per run and suite: several runs may share the checkout.
  const outputFile = path.join(resultsDir, `${suite.name}-${process.pid}.json`);
  rmSync(outputFile, { force: true });
  console.log(`\n\x1b[1m━━ ${suite.name} tests ━━\x1b[0m`);
  const code = await run(bin('jest'), ['--ci', '--json', `--outputFile=${outputFile}`, ...jestArgs], { cwd: path.join(root, suite.dir), env: suiteEnv });
  /** @type {{ passed: number, failed: number, total: number, code: number, crashed: boolean }} */
  const result = { passed: 0, failed: 0, total: 0, code, crashed: false };
  if (existsSync(outputFile)) {
    const json = /** @type {{ numPassedTests: number, numFailedTests: number, numRuntimeErrorTestSuites: number, numTotalTests: number }} */ (
      parseJson(readFileSync(outputFile, 'utf8'))
    );
    result.passed = json.numPassedTests;
    result.failed = json.numFailedTests + json.numRuntimeErrorTestSuites;
    result.total = json.numTotalTests;
    rmSync(outputFile, { force: true });
  } else {
    result.crashed = true;
  }
  return result;
}

/**
 * ESLint (type-aware: it needs the build's generated Prisma client and the domain's declarations) and Prettier's
 * check, each with its cache in node_modules/.cache. Both always run, so one run reports everything.
 * @returns {Promise<string[]>} what failed, empty when both passed
 */
async function lintAndFormatCheck() {
  console.log(`\n\x1b[1m━━ lint and format check ━━\x1b[0m`);
  const failed = [];
  const eslintArgs = ['--max-warnings', '0', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '--cache-strategy', 'content', '.'];
  if ((await run(bin('eslint'), eslintArgs, { cwd: root, env })) !== 0) failed.push('lint');
  if ((await run(bin('prettier'), ['--check', '--cache', '--log-level', 'warn', '.'], { cwd: root, env })) !== 0) failed.push('format');
  return failed;
}

/** @type {Record<string, { passed: number, failed: number, total: number, code: number, crashed: boolean }>} */
const results = {};
/** @type {string[] | null} what the lint step found wrong (null: it did not run) */
let lintFailures = null;
let setupError = null;
try {
  mkdirSync(resultsDir, { recursive: true });
  mkdirSync(outputDir, { recursive: true });
  if (!skipBuild) step('Building what changed (turbo cache)…');
  if (!skipBuild && (await run(bin('turbo'), ['run', 'build', '--output-logs=errors-only'], { cwd: root, env })) !== 0) throw new Error('The build failed.');
  if (lint) lintFailures = await lintAndFormatCheck();

  if (suites.some((s) => s.needs.includes('db'))) {
    const server = await findServer();
    const name = `upright_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    testDatabaseUrl = withDatabase(server, name);
    await ensureDatabase(testDatabaseUrl);
    step(`Created the throwaway database ${name}; applying migrations and creating its runtime role ${name}_app…`);
    const urls = { ownerUrl: testDatabaseUrl, runtimeUrl: withLogin(testDatabaseUrl, `${name}_app`, randomBytes(18).toString('base64url')) };
    runtimeDatabaseUrl = urls.runtimeUrl;
    await migrateAndGrant(urls).catch((/** @type {unknown} */ error) => {
      throw new Error(`${messageOf(error)}\nnpm test creates a runtime role per run: its PostgreSQL login needs CREATEROLE (or superuser).`);
    });
  }

  for (const suite of suites) {
    /** @type {NodeJS.ProcessEnv} */
    const suiteEnv = { ...env, DATABASE_URL: runtimeDatabaseUrl, MIGRATION_DATABASE_URL: testDatabaseUrl, NODE_ENV: 'test', TEST_OUTPUT_DIR: outputDir };
    if (suite.needs.includes('stack')) {
      step('Seeding the demo practice and starting the API and dashboard for the browser tests…');
      // As the owner, like npm start's seed.
      /** @type {string[]} */
      const seedOutput = [];
      const seed = startService('seed', process.execPath, [path.join(root, process.env.API_DIST_DIR ?? 'apps/api/dist', 'seed/seed.cli.js')], {
        env: { ...suiteEnv, DATABASE_URL: testDatabaseUrl },
        onLine: (line) => seedOutput.push(line),
      });
      if ((await seed.exited) !== 0) throw new Error(`Seeding the test database failed:\n${seedOutput.join('\n')}`);
      const apiPort = await freePort(41000);
      const webPort = await freePort(apiPort + 1);
      // The API's emails go to an SMTP server the browser tests run themselves (tests/e2e/mailbox.ts) on this port;
      // until one listens, the outbox retries (quickly here).
      const smtpPort = await freePort(webPort + 1);
      const webOrigin = `http://127.0.0.1:${webPort}`;
      // API_DIST_DIR lets a parallel local run use its own API build (default apps/api/dist).
      const apiDist = path.resolve(root, process.env.API_DIST_DIR ?? 'apps/api/dist');
      const { MIGRATION_DATABASE_URL: _owner, ...apiEnv } = suiteEnv; // the API never sees the owner's login
      const api = startService('api', process.execPath, [path.join(apiDist, 'main.js')], {
        env: {
          ...apiEnv,
          API_PORT: String(apiPort),
          WEB_ORIGIN: webOrigin,
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          SMTP_FROM: 'Upright test practice <appointments@upright.test>',
          OUTBOX_POLL_MS: '250',
          OUTBOX_RETRY_MS: '500',
        },
        onLine: (line) => console.log(`[api] ${line}`),
      });
      services.push(api);
      await waitForHttp(`http://127.0.0.1:${apiPort}/api/health`, { service: api, timeoutMs: 60_000 });
      // The dashboard's own server (Next.js inside; it forwards /api/* itself): see apps/web/server/main.ts.
      const web = startService('web', process.execPath, [path.join(root, 'apps/web/dist/server/main.js'), '-p', String(webPort), '-H', '127.0.0.1'], {
        cwd: path.join(root, 'apps/web'),
        env: { ...apiEnv, API_URL: `http://127.0.0.1:${apiPort}`, NODE_ENV: 'production' },
        onLine: (line) => /error|warn/i.test(line) && console.log(`[web] ${line}`),
      });
      services.push(web);
      await waitForHttp(`${webOrigin}/sign-in`, { service: web, timeoutMs: 60_000 });
      Object.assign(suiteEnv, { E2E_BASE_URL: webOrigin, E2E_API_URL: `http://127.0.0.1:${apiPort}`, E2E_SMTP_PORT: String(smtpPort) });
    }
    results[suite.name] = await runJest(suite, suiteEnv);
  }
} catch (error) {
  setupError = error;
  console.error(`\n\x1b[31m✖ ${error instanceof Error ? error.message : String(error)}\x1b[0m`);
} finally {
  await cleanup();
}

const totals = Object.values(results).reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, total: t.total + r.total }), {
  passed: 0,
  failed: 0,
  total: 0,
});
const missing = suites.filter((s) => !results[s.name] || results[s.name].crashed).map((s) => s.name);
const lintOk = !lint || (lintFailures !== null && lintFailures.length === 0);
const ok = !setupError && lintOk && missing.length === 0 && totals.failed === 0 && Object.values(results).every((r) => r.code === 0);
const parts = suites.map((s) => {
  const r = results[s.name];
  if (!r || r.crashed) return `${s.name} did not run`;
  // jest also fails a run whose tests pass when, e.g., a coverage threshold is missed.
  return `${s.name} ${r.passed}/${r.total}${r.code !== 0 && r.failed === 0 ? ` (jest exit code ${r.code})` : ''}`;
});
if (lint) parts.unshift(lintFailures === null ? 'lint did not run' : lintFailures.length ? `${lintFailures.join(' and ')} FAILED` : 'lint and format ok');
console.log(
  `\n${ok ? '\x1b[32mPASS' : '\x1b[31mFAIL'}\x1b[0m  Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.total} total (${parts.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(ok ? 0 : 1);
