// @ts-check
/**
 * `node scripts/contract-proxy-check.mjs [API origin]`: an outside check of the OpenAPI document. Starts Stoplight
 * Prism (`npx @stoplight/prism-cli`, fetched on first use) as a validating proxy (`--errors`) in front of a running
 * API with the demo data (`npm start`), drives a clinician's and a patient's usual flow through it, and prints each
 * call with Prism's verdict. Exits 1 when Prism flagged a call: a request or an answer the document does not
 * describe. (Deliberately bad requests are left to the API tests, whose every answer is checked against the same
 * document: Prism answers those itself instead of forwarding them.)
 *
 *   API_PORT=3001 WEB_PORT=3000 npm start      # in another terminal
 *   node scripts/contract-proxy-check.mjs http://127.0.0.1:3001
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, root } from './lib/database.mjs';
import { parseJson } from './lib/json.mjs';
import { waitForHttp } from './lib/processes.mjs';

const api = process.argv[2] ?? 'http://127.0.0.1:3001';
const port = await freePort(43300);
const proxy = `http://127.0.0.1:${port}`;
const prism = spawn(
  'npx',
  [
    '--yes',
    '@stoplight/prism-cli@5.14.2',
    'proxy',
    '--errors',
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    path.join(root, 'packages/api-contract/openapi.json'),
    api,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
);
const stopPrism = () => {
  if (prism.pid && prism.exitCode === null) process.kill(-prism.pid, 'SIGTERM');
};
process.on('exit', stopPrism);

/** @typedef {Record<string, unknown>} Json */
/** @type {{ call: string, status: number, violation: string }[]} */
const results = [];
const jars = { staff: '', portal: '' };

/**
 * One call through the proxy, keeping each side's session cookie.
 * @param {string} method
 * @param {string} url
 * @param {{ body?: unknown, headers?: Record<string, string>, jar?: 'staff' | 'portal' }} [init]
 */
async function call(method, url, init = {}) {
  const jar = init.jar ?? 'staff';
  const headers = { ...init.headers, ...(jars[jar] ? { cookie: jars[jar] } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) };
  const response = await fetch(proxy + url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await response.text();
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    if (pair.startsWith('upright_session=')) jars.staff = pair;
    if (pair.startsWith('upright_portal=')) jars.portal = pair;
  }
  /** @type {Json} */
  let json = {};
  try {
    json = /** @type {Json} */ (parseJson(text) ?? {});
  } catch {
    // not JSON (204, text/calendar): nothing to read
  }
  const prismError = typeof json.type === 'string' && json.type.includes('stoplight');
  const violation = response.headers.get('sl-violations') ?? (prismError ? text : '');
  results.push({ call: `${method} ${url}`, status: response.status, violation });
  console.log(`${violation ? 'FLAGGED' : 'ok     '} ${response.status} ${method} ${url}${violation ? `\n        ${violation.slice(0, 600)}` : ''}`);
  return { status: response.status, json, etag: response.headers.get('etag') ?? '' };
}
const str = (/** @type {unknown} */ value) => (typeof value === 'string' ? value : '');

try {
  await waitForHttp(`${proxy}/api/health`, { timeoutMs: 180_000 });
  const today = new Date().toISOString().slice(0, 10);
  await call('GET', '/api/health');
  await call('POST', '/api/auth/login', { body: { email: 'clinician@demo.upright.test', password: 'upright-demo' } });
  await call('GET', '/api/auth/me');
  await call('GET', '/api/today');
  const list = await call('GET', '/api/patients');
  await call('GET', '/api/patients?q=a&limit=5');
  await call('GET', '/api/exercises');
  await call('GET', '/api/practice');
  const seeded = str(/** @type {Json[]} */ (list.json.items)[0]?.id);
  for (const part of ['', '/timeline', '/episodes', '/assessments', '/outcomes', '/plans', '/logs', '/adherence', '/pain-alerts']) {
    await call('GET', `/api/patients/${seeded}${part}`);
  }
  const created = await call('POST', '/api/patients', {
    body: { firstName: 'Prism', lastName: 'Check', dateOfBirth: '1979-04-12', sex: 'female', email: null, phone: '+44 7700 900123' },
  });
  const id = str(created.json.id);
  await call('PATCH', `/api/patients/${id}`, { body: { notes: 'Prefers mornings.' }, headers: { 'if-match': created.etag } });
  await call('GET', '/api/patients/00000000-0000-4000-8000-000000000000'); // 404, documented
  const episode = await call('POST', `/api/patients/${id}/episodes`, {
    body: {
      onsetDate: today,
      trigger: 'unaccustomed_activity',
      episodesLast12Months: 0,
      frequencyTrend: 'first_episode',
      painNprs: 6,
      painAreas: ['lower_back'],
      redFlags: [],
    },
  });
  await call('GET', `/api/patients/${id}/episodes/${str(episode.json.id)}`);
  const assessment = await call('POST', `/api/patients/${id}/assessments`, {
    body: { assessedOn: today, measurements: { trunkFlexorS: 95, sideBridgeS: { left: 40, right: 60 } } },
  });
  await call('GET', `/api/patients/${id}/assessments/${str(assessment.json.id)}`);
  await call('POST', `/api/patients/${id}/outcomes`, { body: { instrument: 'odi', recordedOn: today, answers: [2, 3, 1, 2, null, 2, 1, 3, 2, 1] } });
  await call('GET', `/api/patients/${id}/outcomes`);
  const suggestion = (await call('GET', `/api/patients/${id}/plan-suggestion`)).json;
  const plan = await call('POST', `/api/patients/${id}/plans`, {
    body: {
      title: suggestion.title,
      phases: suggestion.phases,
      notes: suggestion.notes,
      episodeId: suggestion.episodeId,
      ...(suggestion.assessmentId ? { assessmentId: suggestion.assessmentId } : {}),
    },
  });
  const planId = str(plan.json.id);
  await call('GET', `/api/plans/${planId}`);
  await call('PATCH', `/api/plans/${planId}`, { body: { changeNote: 'Checked through Prism.', title: suggestion.title }, headers: { 'if-match': plan.etag } });
  await call('POST', `/api/plans/${planId}/activate`, { body: {} });
  await call('GET', `/api/plans/${planId}/versions`);
  await call('GET', `/api/plans/${planId}/versions/1`);
  const share = await call('POST', `/api/plans/${planId}/share`, { body: { expiresInDays: 30 } });
  await call('GET', `/api/plans/${planId}/share`);
  await call('GET', `/api/patients/${id}/timeline`);
  const token = str(share.json.url).split('/p/')[1];
  await call('POST', '/api/portal/session', { body: { token, birthYear: 1979 }, jar: 'portal' });
  await call('GET', '/api/portal/plan', { jar: 'portal' });
  const log = await call('POST', '/api/portal/logs', { body: { date: today, completedExercises: [], pain: 8, difficulty: 4 }, jar: 'portal' });
  await call('GET', '/api/portal/logs', { jar: 'portal' });
  await call('GET', '/api/portal/access-log', { jar: 'portal' });
  await call('POST', '/api/portal/logout', { jar: 'portal' });
  await call('GET', `/api/patients/${id}/pain-alerts`);
  if (log.json.id) await call('POST', `/api/patients/${id}/pain-alerts/${str(log.json.id)}/acknowledge`);
  await call('POST', `/api/patients/${id}/archive`);
  await call('POST', `/api/patients/${id}/restore`);
  await call('DELETE', `/api/plans/${planId}/share`);
  await call('POST', '/api/auth/logout');
} finally {
  stopPrism();
}
const flagged = results.filter((r) => r.violation).length;
console.log(`\n${results.length} calls, ${flagged} flagged by Prism`);
process.exitCode = flagged ? 1 : 0;
