// @ts-check
/**
 * Benchmark of the patient list and name search (keyset pagination, trigram index) at clinic-chain scale.
 *   node scripts/bench-patients.mjs [patients=50000]
 * Creates a throwaway database on the test server (DATABASE_URL's, else 127.0.0.1:5432), fills one practice
 * with N patients (and a second practice with as many, to prove the scope), starts the built API on a free
 * port, and times sequential requests. Prints p50/p95 per query and the plan PostgreSQL chose for the search.
 * Needs `npm run build` first (it runs apps/api/dist).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { dropDatabase, ensureDatabase, freePort, root, withDatabase } from './lib/database.mjs';
import { applyMigrations } from './lib/migrator.mjs';
import { startService, stopService, waitForHttp } from './lib/processes.mjs';

const count = Number(process.argv[2] ?? 50_000);
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const url = withDatabase(server, `upright_bench_${randomBytes(3).toString('hex')}`);
const FIRST = ['Zoë', 'Daniel', 'Agnieszka', 'Oluwaseun', 'Hélène', 'Rajesh', 'Chloe', 'Tomás', 'Mei', 'George', 'Fatima', 'Liam', 'Søren', 'Priya', 'Alex', 'Margaret', 'Kwame', 'Isabella', 'Noah', 'Aoife'];
const LAST = ['Hughes', 'Murphy', 'Nowak', 'Adeyemi', 'Dubois', 'Iyer', 'Bennett', 'García', 'Chen', 'Whitaker', 'Rahman', "O'Connor", 'Christensen', 'Sharma', 'Morgan', 'Ellis', 'Mensah', 'Rossi', 'Fischer', 'Kelly'];
const searchable = (/** @type {string} */ t) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** @param {number[]} xs @param {number} p */
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

await ensureDatabase(url);
/** @type {import('./lib/processes.mjs').Service | undefined} */
let api;
try {
  await applyMigrations(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const practices = [randomUUID(), randomUUID()];
  const { hashPassword } = await import(path.join(root, 'apps/api/dist/auth/passwords.js'));
  const passwordHash = await hashPassword('bench-password');
  const userId = randomUUID();
  for (const [i, id] of practices.entries()) {
    await db.query('insert into practices (id, name) values ($1, $2)', [id, `Bench practice ${i}`]);
  }
  await db.query(`insert into users (id, practice_id, email, name, role, password_hash, updated_at) values ($1, $2, 'bench@bench.example', 'Bench', 'clinician', $3, now())`, [userId, practices[0], passwordHash]);
  const started = Date.now();
  for (const practiceId of practices) {
    for (let offset = 0; offset < count; offset += 5000) {
      const rows = Math.min(5000, count - offset);
      await db.query(
        `insert into patients (id, practice_id, first_name, last_name, search_name, date_of_birth, sex, created_by, created_at, updated_at)
         select gen_random_uuid(), $1::uuid, f, l, '', '1980-01-01', 'unspecified', $2::uuid, now() - (g || ' minutes')::interval, now()
         from (select g, ($3::text[])[1 + g % 20] f, ($4::text[])[1 + (g / 20) % 20] l from generate_series($5::int, $5::int + $6::int - 1) g) s`,
        [practiceId, userId, FIRST, LAST, offset, rows],
      );
    }
  }
  await db.query(`update patients set search_name = lower(first_name || ' ' || last_name)`);
  // Same normalisation as the API (accents removed) for the names that carry accents.
  for (const name of [...FIRST, ...LAST].filter((n) => searchable(n) !== n.toLowerCase())) {
    await db.query(`update patients set search_name = replace(search_name, lower($1), $2)`, [name, searchable(name)]);
  }
  await db.query('analyze patients');
  console.log(`Inserted ${count} patients in each of 2 practices in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const plan = await db.query(
    `explain (analyze, costs off) select * from patients where practice_id = $1 and archived_at is null and search_name like '%' || $2 || '%' order by created_at desc, id desc limit 26`,
    [practices[0], 'ngstr'],
  );
  const planKeyset = await db.query(
    `explain (analyze, costs off) select * from patients where practice_id = $1 and archived_at is null order by created_at desc, id desc limit 26`,
    [practices[0]],
  );
  await db.end();

  const port = await freePort(43000);
  api = startService('api', process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    env: { ...process.env, DATABASE_URL: url, API_PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    onLine: (line) => console.log(`[api] ${line}`),
  });
  const base = `http://127.0.0.1:${port}/api`;
  await waitForHttp(`${base}/health`, { service: api });
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@bench.example', password: 'bench-password' }) });
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0];

  /**
   * @param {string} label
   * @param {(i: number) => string} pathFor
   * @param {number} [n]
   * @param {(body: any) => void} [after]
   */
  async function time(label, pathFor, n = 200, after = () => {}) {
    const ms = [];
    let items = 0;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const response = await fetch(`${base}${pathFor(i)}`, { headers: { cookie } });
      const body = await response.json();
      ms.push(performance.now() - t);
      if (response.status !== 200) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
      items += body.items.length;
      after(body);
    }
    console.log(`${label.padEnd(44)} p50 ${pct(ms, 50).toFixed(1)} ms   p95 ${pct(ms, 95).toFixed(1)} ms   (${n} requests, ${(items / n).toFixed(0)} rows each)`);
  }
  await time('GET /patients (first page, 25)', () => '/patients');
  /** @type {string | null} */
  let cursor = null;
  await time(
    'GET /patients (walking 200 pages by cursor)',
    () => `/patients?limit=25${cursor ? `&cursor=${cursor}` : ''}`,
    200,
    (body) => (cursor = body.nextCursor),
  );
  const terms = ['zoe', 'garc', 'HELENE', 'ngstr', 'kel', 'mens', 'priya sha', 'oconnor'];
  await time('GET /patients?q= (partial, accent-insensitive)', (i) => `/patients?q=${encodeURIComponent(terms[i % terms.length])}`);
  console.log('\nPlan for a search (practice scope + trigram):\n' + plan.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n'));
  console.log('\nPlan for the first page (keyset index):\n' + planKeyset.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n'));
} finally {
  if (api) await stopService(api);
  await dropDatabase(url);
}
process.exit(0);
