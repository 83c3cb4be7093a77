// @ts-check
/**
 * `npm run bench`: how the API's hot paths compare with the smallest server that could answer them.
 *
 *   npm run bench                      100 practices x 1,000 patients (2 episodes, 5 assessments each)
 *   npm run bench -- --shape 10x10000  10 practices x 10,000 patients
 *   options: --duration 10 (s per run)  --warmup 3 (s)  --connections 10  --rounds 2  --keep (keep the database)
 *            --profile (a CPU profile of the API in .bench-profile/)  --route id,search,timeline,calendar,post,refused (a subset)
 *
 * It builds the API if stale (turbo), creates a throwaway database on DATABASE_URL's server (else 127.0.0.1:5432),
 * fills it, starts the built API as production runs it (NODE_ENV=production, info logs, written to /dev/null) and
 * the baseline server (scripts/bench/baseline-server.mjs: node:http + pg, one statement per request) on the same
 * data, then loads each route with autocannon, the two servers alternately (same request samples in the same
 * order, a warm-up each, `--rounds` rounds, the order swapped every round). Prints req/s, p50/p95/p99 and the
 * ratio per route, the POST episode route (API only), and the plan PostgreSQL chose for the name search.
 * A benchmark, not a test: nothing here asserts a timing.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dropDatabase, ensureDatabase, freePort, root, step, withDatabase } from './lib/database.mjs';
import { applyMigrations } from './lib/migrator.mjs';
import { onShutdownSignal, run, waitForHttp } from './lib/processes.mjs';

const arg = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const [PRACTICES, PATIENTS] = arg('shape', '100x1000').split('x').map(Number);
const DURATION = Number(arg('duration', '10'));
const WARMUP = Number(arg('warmup', '3'));
const CONNECTIONS = Number(arg('connections', '10'));
const ROUNDS = Number(arg('rounds', '2'));
const KEEP = process.argv.includes('--keep');
/** --route by,post: only the routes whose names contain one of these words. */
const ROUTE_FILTER = arg('route', '').split(',').filter(Boolean);
const wanted = (/** @type {string} */ name) => !ROUTE_FILTER.length || ROUTE_FILTER.some((w) => name.toLowerCase().includes(w.toLowerCase()));
/** --profile: the API writes a V8 CPU profile into .bench-profile/ when it stops. */
const PROFILE = process.argv.includes('--profile');
if (!(PRACTICES > 0 && PATIENTS > 0)) throw new Error('--shape must look like 100x1000');

/** The domain package, loaded once the build below has made sure it exists. */
/** @type {typeof import('@upright/domain')} */
let domain;
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const url = withDatabase(server, `upright_bench_${randomBytes(3).toString('hex')}`);
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : Promise.resolve())));
  if (!KEEP) await dropDatabase(url).catch(() => undefined);
  else console.log(`Kept ${url}`);
}
onShutdownSignal(cleanup, 130);

/**
 * CPU seconds a process has used so far, user and system (the kernel's share: socket writes, and on loopback the
 * delivery to the receiving process), from /proc (Linux; clock ticks of 1/100 s).
 */
function cpuSeconds(/** @type {number | undefined} */ pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return { user: NaN, system: NaN };
  }
}

/**
 * require() of a CommonJS file at run time: `unknown` until the caller says what it is.
 * @param {string} file
 * @returns {unknown}
 */
const requireUntyped = (file) => createRequire(import.meta.url)(file);

/** A small seeded generator, so every run draws the same samples. */
function prng(seed = 42) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const random = prng();
/** @template T @param {T[]} xs @returns {T} */
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const FIRST = [
  'Zoe',
  'Daniel',
  'Agnieszka',
  'Oluwaseun',
  'Helene',
  'Rajesh',
  'Chloe',
  'Tomas',
  'Mei',
  'George',
  'Fatima',
  'Liam',
  'Soren',
  'Priya',
  'Alex',
  'Margaret',
  'Kwame',
  'Isabella',
  'Noah',
  'Aoife',
];
const SYLLABLES = [
  ['Ash', 'Brad', 'Carr', 'Dun', 'Ell', 'Fair', 'Gold', 'Hart', 'Kings', 'Lang', 'Mor', 'North', 'Pem', 'Ross', 'Whit'],
  ['ford', 'ley', 'wood', 'ton', 'by', 'well', 'ham', 'field', 'more', 'stone', 'brook', 'worth', 'croft', 'dale', 'ridge'],
];
const LAST = SYLLABLES[0].flatMap((a) => SYLLABLES[1].map((b) => a + b));

async function seed() {
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined); // the database is dropped at the end, whatever happened
  await db.connect();
  const started = Date.now();
  const today = new Date().toISOString().slice(0, 10);
  const classification = domain.classifyEpisode({
    age: 45,
    daysSinceOnset: 3,
    painNprs: 5,
    trigger: 'unaccustomed_activity',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painAreas: ['lower_back'],
    redFlags: [],
  });
  const report = { findings: [{ code: 'pelvic_tilt' }, { code: 'shoulder_height' }], targets: [{ code: 'gluteus_medius' }, { code: 'obliques' }] };
  const practices = Array.from({ length: PRACTICES }, () => ({ id: randomUUID(), userId: randomUUID(), token: randomBytes(32).toString('base64url') }));
  await db.query(`INSERT INTO practices (id, name) SELECT id, 'Bench practice ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`, [
    practices.map((p) => p.id),
  ]);
  await db.query(
    `INSERT INTO users (id, practice_id, email, name, role, password_hash, updated_at)
     SELECT u, p, 'bench-' || n || '@bench.example', 'Bench clinician ' || n, 'clinician', 'not-a-password-hash', now()
       FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS t(u, p, n)`,
    [practices.map((p) => p.userId), practices.map((p) => p.id)],
  );
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, practice_id, expires_at)
     SELECT h, u, p, now() + interval '12 hours' FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS t(h, u, p)`,
    [practices.map((p) => createHash('sha256').update(p.token).digest('hex')), practices.map((p) => p.userId), practices.map((p) => p.id)],
  );
  await db.query(
    `INSERT INTO patients (id, practice_id, first_name, last_name, search_name, search_text, date_of_birth, sex, created_by, created_at, updated_at)
     SELECT gen_random_uuid(), u.practice_id, f.name, l.name, lower(f.name || ' ' || l.name),
            patient_search_text(lower(f.name || ' ' || l.name), NULL, date '1940-01-01' + (g * 37) % 25000, NULL),
            date '1940-01-01' + (g * 37) % 25000, 'unspecified', u.id, now() - make_interval(mins => g), now()
       FROM users u
      CROSS JOIN generate_series(1, $1::int) g
      CROSS JOIN LATERAL (SELECT ($2::text[])[1 + (g + (hashtext(u.id::text) & 1023)) % cardinality($2::text[])] AS name) f
      CROSS JOIN LATERAL (SELECT ($3::text[])[1 + (g * 7 + (hashtext(u.id::text) & 1023)) % cardinality($3::text[])] AS name) l
      WHERE u.email LIKE 'bench-%'`,
    [PATIENTS, FIRST, LAST],
  );
  await db.query(
    `INSERT INTO episodes (id, practice_id, patient_id, onset_date, recorded_on, trigger, episodes_last_12_months, frequency_trend, pain_nprs,
                           pain_areas, red_flags, classification, category, urgency, review_in_days, ruleset_version, created_by, created_at, updated_at)
     SELECT gen_random_uuid(), p.practice_id, p.id, $1::date - 40 * k, $1::date - 40 * k + 1, 'unaccustomed_activity', 0, 'first_episode', 5,
            '{lower_back}', '{}', $2::jsonb, $3, $4, $5::int, $6, p.created_by, now() - make_interval(days => 40 * k), now()
       FROM patients p CROSS JOIN generate_series(1, 2) k`,
    [today, JSON.stringify(classification), classification.category, classification.urgency, classification.reviewInDays, classification.rulesetVersion],
  );
  await db.query(
    `INSERT INTO assessments (id, practice_id, patient_id, assessed_on, measurements, report, refer, ruleset_version, created_by, created_at, updated_at)
     SELECT gen_random_uuid(), p.practice_id, p.id, $1::date - 14 * k, '{}'::jsonb, $2::jsonb, false, $3, p.created_by,
            now() - make_interval(days => 14 * k), now()
       FROM patients p CROSS JOIN generate_series(1, 5) k`,
    [today, JSON.stringify(report), domain.RULESET_VERSION],
  );
  // The calendar: nine colleagues beside each practice's clinician (ten in all), one appointment type, and this
  // week's appointments: each clinician Monday to Friday, 45 minutes every hour from 09:00 UTC (400 per practice).
  await db.query(
    `INSERT INTO users (id, practice_id, email, name, role, password_hash, updated_at)
     SELECT gen_random_uuid(), p.id, 'colleague-' || k || '-' || p.id || '@bench.example', 'Colleague ' || k, 'clinician', 'not-a-password-hash', now()
       FROM unnest($1::uuid[]) AS p(id) CROSS JOIN generate_series(2, 10) k`,
    [practices.map((p) => p.id)],
  );
  await db.query(
    `INSERT INTO appointment_types (id, practice_id, name, duration_minutes, updated_at)
     SELECT gen_random_uuid(), p.id, 'Review', 45, now() FROM unnest($1::uuid[]) AS p(id)`,
    [practices.map((p) => p.id)],
  );
  await db.query(
    `INSERT INTO appointments (id, practice_id, patient_id, clinician_id, type_id, start_at, end_at, created_by, updated_at)
     SELECT gen_random_uuid(), u.practice_id, pt.id, u.id, t.id, s.at, s.at + interval '45 minutes', u.id, now()
       FROM users u
       JOIN appointment_types t ON t.practice_id = u.practice_id
      CROSS JOIN LATERAL (
            SELECT date_trunc('week', $1::date)::timestamp AT TIME ZONE 'UTC' + make_interval(days => d, hours => 9 + h) AS at, d, h
              FROM generate_series(0, 4) d CROSS JOIN generate_series(0, 7) h) s
      CROSS JOIN LATERAL (
            SELECT id FROM patients p WHERE p.practice_id = u.practice_id
             ORDER BY p.created_at DESC, p.id DESC OFFSET (s.d * 8 + s.h + (hashtext(u.id::text) & 63)) LIMIT 1) pt
      WHERE u.role = 'clinician'`,
    [today],
  );
  await db.query('ANALYZE');
  /** @type {pg.QueryResult<{ practice_id: string, ids: string[] }>} */
  const patients = await db.query(
    `SELECT practice_id, array_agg(id ORDER BY random()) AS ids FROM (SELECT practice_id, id FROM patients) s GROUP BY practice_id`,
  );
  await db.end();
  console.log(
    `  ${PRACTICES * PATIENTS} patients, ${PRACTICES * PATIENTS * 2} episodes, ${PRACTICES * PATIENTS * 5} assessments in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const idsOf = new Map(patients.rows.map((r) => [r.practice_id, r.ids]));
  return practices.map((p) => ({ ...p, patients: /** @type {string[]} */ (idsOf.get(p.id)) }));
}

/**
 * @param {string} name @param {string} script @param {string[]} args @param {NodeJS.ProcessEnv} env
 */
function startNode(name, script, args, env, nodeArgs = /** @type {string[]} */ ([])) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  children.push(child);
  return child;
}

/**
 * One load run; latencies collected per response so p95 is exact (autocannon reports p97.5, not p95).
 * @param {{ url: string, pid?: number, method?: string, body?: (i: number) => string, sample: (i: number) => { path: string, headers: Record<string, string> }, seconds: number }} o
 */
async function load(o) {
  const cpuBefore = cpuSeconds(o.pid);
  /** @type {number[]} */
  const latencies = [];
  let i = 0;
  let non2xx = 0;
  /** @type {autocannon.Result} */
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: CONNECTIONS,
        duration: o.seconds,
        requests: [
          {
            method: /** @type {autocannon.Request['method']} */ (o.method ?? 'GET'),
            setupRequest: (req) => {
              const n = i++;
              const s = o.sample(n);
              return {
                ...req,
                path: s.path,
                headers: { ...s.headers, ...(o.body ? { 'content-type': 'application/json' } : {}) },
                ...(o.body ? { body: o.body(n) } : {}),
              };
            },
          },
        ],
      },
      (error, r) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error })) : resolve(r)),
    );
    instance.on('response', (_client, status, _bytes, time) => {
      latencies.push(time);
      if (status < 200 || status >= 300) non2xx++;
    });
  });
  latencies.sort((a, b) => a - b);
  const at = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  // CPU time of the server per answered request: what the load costs it, whatever else the machine is doing.
  const cpuAfter = cpuSeconds(o.pid);
  const perRequest = (/** @type {number} */ seconds) => (seconds / Math.max(1, result.requests.total)) * 1e6;
  const userUs = perRequest(cpuAfter.user - cpuBefore.user);
  const systemUs = perRequest(cpuAfter.system - cpuBefore.system);
  return {
    rps: result.requests.total / o.seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    non2xx,
    errors: result.errors + result.timeouts,
    cpuUs: userUs + systemUs,
    userUs,
    systemUs,
  };
}

/** @typedef {Awaited<ReturnType<typeof load>>} LoadResult */
/** @typedef {'rps' | 'p50' | 'p95' | 'p99' | 'cpuUs'} Metric */

const fmt = (/** @type {number} */ n, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  step('Building the API and domain if stale (turbo)');
  const built = await run(path.join(root, 'node_modules/.bin/turbo'), ['run', 'build', '--filter=@upright/api', '--output-logs=errors-only'], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (built !== 0) throw new Error('The build failed');
  domain = /** @type {typeof domain} */ (requireUntyped(path.join(root, 'packages/domain/dist/index.js')));
  step(`Creating ${new URL(url).pathname.slice(1)} and applying the migrations`);
  await ensureDatabase(url);
  await applyMigrations(url);
  step(`Filling it: ${PRACTICES} practices x ${PATIENTS} patients`);
  const practices = await seed();

  const apiPort = await freePort(43000);
  const basePort = await freePort(apiPort + 1);
  const apiProcess = startNode(
    'api',
    'apps/api/dist/main.js',
    [],
    {
      DATABASE_URL: url,
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      WEB_ORIGIN: 'http://localhost:3000',
    },
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, '.bench-profile')}`] : [],
  );
  const baseProcess = startNode('baseline', 'scripts/bench/baseline-server.mjs', [], { DATABASE_URL: url, PORT: String(basePort) });
  await waitForHttp(`http://127.0.0.1:${apiPort}/api/health`);
  await waitForHttp(`http://127.0.0.1:${basePort}/health`);

  // The same samples, in the same order, for both servers.
  const SAMPLES = 5000;
  const draws = Array.from({ length: SAMPLES }, () => {
    const practice = pick(practices);
    return { practice, patient: pick(practice.patients), term: pick(LAST).slice(0, 5).toLowerCase() };
  });
  /** @returns {Record<string, string>} */
  const headersFor = (/** @type {'api' | 'base'} */ who, /** @type {typeof draws[number]} */ d) =>
    who === 'api' ? { cookie: `upright_session=${d.practice.token}` } : { 'x-practice': d.practice.id };
  /** @type {Record<string, (d: typeof draws[number]) => string>} */
  const routes = {
    'patient by id': (d) => `/api/patients/${d.patient}`,
    'name search, 25 newest': (d) => `/api/patients?q=${d.term}&limit=25`,
    'patient timeline': (d) => `/api/patients/${d.patient}/timeline`,
  };

  /** @type {{ route: string, base: LoadResult[], api: LoadResult[] }[]} */
  const results = [];
  for (const [route, pathOf] of Object.entries(routes).filter(([name]) => wanted(name))) {
    step(`${route}: warm-up, then ${ROUNDS} round(s) of ${DURATION} s per server`);
    const entry = { route, base: /** @type {LoadResult[]} */ ([]), api: /** @type {LoadResult[]} */ ([]) };
    for (const who of /** @type {const} */ (['base', 'api'])) {
      const port = who === 'api' ? apiPort : basePort;
      await load({
        url: `http://127.0.0.1:${port}`,
        seconds: WARMUP,
        sample: (n) => ({ path: pathOf(draws[n % SAMPLES]), headers: headersFor(who, draws[n % SAMPLES]) }),
      });
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? /** @type {const} */ (['base', 'api']) : /** @type {const} */ (['api', 'base']);
      for (const who of order) {
        const port = who === 'api' ? apiPort : basePort;
        const pid = who === 'api' ? apiProcess.pid : baseProcess.pid;
        const r = await load({
          url: `http://127.0.0.1:${port}`,
          pid,
          seconds: DURATION,
          sample: (n) => ({ path: pathOf(draws[n % SAMPLES]), headers: headersFor(who, draws[n % SAMPLES]) }),
        });
        entry[who].push(r);
        console.log(
          `  round ${round + 1} ${who === 'api' ? 'Upright ' : 'baseline'} ${fmt(r.rps, 0)} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ${fmt(r.cpuUs, 0)} µs CPU/request (user ${fmt(r.userUs, 0)}, system ${fmt(r.systemUs, 0)})${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}${r.errors ? `, ${r.errors} errors` : ''}`,
        );
      }
    }
    results.push(entry);
  }

  const onset = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const episodeBody = JSON.stringify({
    onsetDate: onset,
    trigger: 'unaccustomed_activity',
    episodesLast12Months: 0,
    frequencyTrend: 'first_episode',
    painNprs: 5,
    painAreas: ['lower_back'],
    redFlags: [],
  });
  // This week's Monday and Friday (UTC dates, like the seeded appointments).
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const friday = new Date(monday.getTime() + 4 * 86_400_000);
  const week = `from=${monday.toISOString().slice(0, 10)}&to=${friday.toISOString().slice(0, 10)}`;
  /**
   * Routes loaded on the API alone: the week view of a 10-clinician practice's calendar (one statement), the
   * busiest write, and the floor the framework sets (a by-id request refused with 401 for want of a session
   * cookie, before any database work).
   * @type {{ route: string, method: string, body?: () => string, sample: (n: number) => { path: string, headers: Record<string, string> } }[]}
   */
  const apiOnly = [
    {
      route: 'calendar, practice week (10 clinicians, 400 appointments)',
      method: 'GET',
      sample: (/** @type {number} */ n) => ({ path: `/api/appointments?${week}`, headers: headersFor('api', draws[n % SAMPLES]) }),
    },
    {
      route: 'POST episode',
      method: 'POST',
      body: () => episodeBody,
      sample: (n) => ({ path: `/api/patients/${draws[n % SAMPLES].patient}/episodes`, headers: headersFor('api', draws[n % SAMPLES]) }),
    },
    {
      route: 'refused, no session (401)',
      method: 'GET',
      sample: (n) => ({ path: `/api/patients/${draws[n % SAMPLES].patient}`, headers: {} }),
    },
  ];
  /** @type {{ route: string, runs: LoadResult[] }[]} */
  const apiResults = [];
  for (const o of apiOnly.filter((x) => wanted(x.route))) {
    step(`${o.route}: warm-up, then ${ROUNDS} round(s) of ${DURATION} s (Upright only)`);
    const runs = [];
    for (let round = -1; round < ROUNDS; round++) {
      const r = await load({
        url: `http://127.0.0.1:${apiPort}`,
        pid: apiProcess.pid,
        method: o.method,
        seconds: round < 0 ? WARMUP : DURATION,
        body: o.body,
        sample: o.sample,
      });
      if (round < 0) continue;
      runs.push(r);
      console.log(
        `  round ${round + 1} Upright ${fmt(r.rps, 0)} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ${fmt(r.cpuUs, 0)} µs CPU/request (user ${fmt(r.userUs, 0)}, system ${fmt(r.systemUs, 0)})${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`,
      );
    }
    apiResults.push({ route: o.route, runs });
  }

  const explainDb = new pg.Client({ connectionString: url });
  await explainDb.connect();
  const d0 = draws[0];
  /** @type {pg.QueryResult<{ 'QUERY PLAN': string }>} */
  const plan = await explainDb.query(
    `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM patients WHERE practice_id = $1 AND archived_at IS NULL
       AND search_text LIKE $2 ORDER BY created_at DESC, id DESC LIMIT 26`,
    [d0.practice.id, `%${d0.term}%`],
  );
  await explainDb.end();

  // Medians of the rounds would hide nothing with two rounds: report the mean of the rounds, and the worst p95.
  const mean = (/** @type {LoadResult[]} */ rs, /** @type {Metric} */ k) => rs.reduce((s, r) => s + r[k], 0) / rs.length;
  const worst = (/** @type {LoadResult[]} */ rs, /** @type {Metric} */ k) => Math.max(...rs.map((r) => r[k]));
  const lines = [
    `Shape ${PRACTICES} practices x ${PATIENTS} patients (2 episodes, 5 assessments each); ${CONNECTIONS} connections, ${ROUNDS} x ${DURATION} s per server and route after ${WARMUP} s warm-up.`,
    `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    '',
    '| route | baseline req/s | Upright req/s | ratio | p50 / p95 / p99 baseline (ms) | p50 / p95 / p99 Upright (ms) | server CPU µs/request, baseline / Upright | CPU ratio | non-2xx |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map((e) => {
      const b = mean(e.base, 'rps');
      const a = mean(e.api, 'rps');
      const lat = (/** @type {LoadResult[]} */ rs) => `${fmt(mean(rs, 'p50'), 0)} / ${fmt(worst(rs, 'p95'), 0)} / ${fmt(worst(rs, 'p99'), 0)}`;
      const cb = mean(e.base, 'cpuUs');
      const ca = mean(e.api, 'cpuUs');
      return `| ${e.route} | ${fmt(b, 0)} | ${fmt(a, 0)} | ${fmt(a / b, 2)} | ${lat(e.base)} | ${lat(e.api)} | ${fmt(cb, 0)} / ${fmt(ca, 0)} | ${fmt(cb / ca, 2)} | ${e.api.reduce((s, r) => s + r.non2xx, 0)} |`;
    }),
    ...apiResults.map(
      ({ route, runs }) =>
        `| ${route} | - | ${fmt(mean(runs, 'rps'), 0)} | - | - | ${fmt(mean(runs, 'p50'), 0)} / ${fmt(worst(runs, 'p95'), 0)} / ${fmt(worst(runs, 'p99'), 0)} | - / ${fmt(mean(runs, 'cpuUs'), 0)} | - | ${runs.reduce((s, r) => s + r.non2xx, 0)} |`,
    ),
    '',
    'Plan of the name search (one practice, newest 26 matching):',
    '```',
    ...plan.rows.map((r) => r['QUERY PLAN']),
    '```',
  ];
  console.log(`\n${lines.join('\n')}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
process.exit();
