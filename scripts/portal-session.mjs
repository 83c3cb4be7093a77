// @ts-check
/**
 * `node scripts/portal-session.mjs [API origin] [dashboard origin]`: for measuring the patient's page (Lighthouse),
 * against a running `npm start` with its demo data. Signs in as the demo clinician, shares each demo patient's
 * active plan, opens a portal session for it, and prints the portal cookie of the patient whose plan page is the
 * largest (the most exercises, logs and access entries), with the page's size.
 *
 *   node scripts/portal-session.mjs http://127.0.0.1:3001 http://127.0.0.1:3000
 */
import { parseJson } from './lib/json.mjs';

const api = process.argv[2] ?? 'http://127.0.0.1:3001';
const web = process.argv[3] ?? 'http://127.0.0.1:3000';

/**
 * One JSON call to the API, as the dashboard's origin.
 * @param {string} path
 * @param {{ method?: string, body?: unknown, cookie?: string }} [init]
 */
async function call(path, init = {}) {
  const response = await fetch(`${api}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', origin: web, ...(init.cookie ? { cookie: init.cookie } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, body: parseJson(await response.text()) };
}

const staff = (await call('/auth/login', { method: 'POST', body: { email: 'clinician@demo.upright.test', password: 'upright-demo' } })).cookie;
const patients = /** @type {{ items: { id: string, dateOfBirth: string, firstName: string, lastName: string }[] }} */ (
  (await call('/patients?limit=100', { cookie: staff })).body
).items;
/** @type {{ bytes: number, cookie: string, name: string } | undefined} */
let largest;
for (const patient of patients) {
  const plans = /** @type {{ items: { id: string, status: string }[] }} */ ((await call(`/patients/${patient.id}/plans`, { cookie: staff })).body).items;
  const active = plans.find((plan) => plan.status === 'active');
  if (!active) continue;
  const share = /** @type {{ url: string }} */ ((await call(`/plans/${active.id}/share`, { method: 'POST', body: {}, cookie: staff })).body);
  const token = share.url.split('/p/')[1];
  const { cookie } = await call('/portal/session', { method: 'POST', body: { token, birthYear: Number(patient.dateOfBirth.slice(0, 4)) } });
  const bytes = (await (await fetch(`${web}/p/plan`, { headers: { cookie } })).text()).length;
  if (!largest || bytes > largest.bytes) largest = { bytes, cookie, name: `${patient.firstName} ${patient.lastName}` };
}
if (!largest) throw new Error('No demo patient has an active plan');
console.error(`${largest.name}: /p/plan is ${largest.bytes} bytes of HTML`);
console.log(largest.cookie);
