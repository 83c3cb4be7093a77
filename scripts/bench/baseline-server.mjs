// @ts-check
/**
 * The yardstick of `npm run bench`: the smallest honest server answering Upright's three hot reads, plain
 * `node:http` + `pg` (a pool of 10, like the API), one SQL statement per request, no framework, no sign-in, no
 * audit. The practice comes from the `x-practice` header. Run by scripts/bench.mjs, never in production.
 *   DATABASE_URL=... PORT=... node scripts/bench/baseline-server.mjs
 */
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const BY_ID = 'SELECT * FROM patients WHERE practice_id = $1 AND id = $2';
const SEARCH = `SELECT * FROM patients WHERE practice_id = $1 AND archived_at IS NULL AND search_text LIKE $2
                ORDER BY created_at DESC, id DESC LIMIT 26`;
const TIMELINE = `SELECT
  (SELECT json_agg(e) FROM (SELECT id, onset_date, category, urgency, pain_nprs, status, created_at FROM episodes
     WHERE practice_id = $1 AND patient_id = $2 ORDER BY created_at DESC, id DESC LIMIT 101) e) AS episodes,
  (SELECT json_agg(a) FROM (SELECT id, assessed_on, refer, status, created_at FROM assessments
     WHERE practice_id = $1 AND patient_id = $2 ORDER BY assessed_on DESC, id DESC LIMIT 101) a) AS assessments,
  (SELECT json_agg(p) FROM (SELECT id, status, current_version, created_at FROM plans
     WHERE practice_id = $1 AND patient_id = $2 ORDER BY created_at DESC, id DESC LIMIT 101) p) AS plans,
  (SELECT json_agg(o) FROM (SELECT id, instrument, score, recorded_on, created_at FROM outcome_scores
     WHERE practice_id = $1 AND patient_id = $2 ORDER BY recorded_on DESC, id DESC LIMIT 101) o) AS outcomes`;

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Answers one request; its errors become a 500.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function handle(req, res) {
  try {
    const url = new URL(req.url ?? '/', 'http://baseline');
    const practice = String(req.headers['x-practice'] ?? '');
    const parts = url.pathname.split('/').filter(Boolean); // api patients [id] [timeline]
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (parts[0] !== 'api' || parts[1] !== 'patients') return send(res, 404, { error: 'not found' });
    if (parts.length === 2) {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const { rows } = await pool.query(SEARCH, [practice, `%${q}%`]);
      return send(res, 200, { items: rows.slice(0, 25) });
    }
    if (parts.length === 3) {
      const { rows } = await pool.query(BY_ID, [practice, parts[2]]);
      return rows.length ? send(res, 200, rows[0]) : send(res, 404, { error: 'not found' });
    }
    if (parts.length === 4 && parts[3] === 'timeline') {
      const { rows } = await pool.query(TIMELINE, [practice, parts[2]]);
      return send(res, 200, rows[0]);
    }
    send(res, 404, { error: 'not found' });
  } catch (error) {
    send(res, 500, { error: String(error) });
  }
}

const server = http.createServer((req, res) => void handle(req, res));

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`baseline listening on ${process.env.PORT}`));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
