import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';

/** The API the browser tests make their data through (started by `npm test`). */
export function apiUrl(): string {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error('E2E_API_URL is not set: run the browser tests through `npm test` at the repository root.');
  return url;
}

export interface Session {
  cookie: string;
}

/** Calls the API as a signed-in user; throws with the problem document on any error status. */
export async function call<T = unknown>(
  session: Session | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${apiUrl()}/api${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(session ? { cookie: session.cookie } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export interface TestPractice {
  admin: { email: string; password: string; session: Session };
  /** Creates another staff member of this practice and signs them in. */
  addUser(role: 'clinician' | 'reception' | 'admin', name?: string): Promise<{ email: string; password: string; session: Session; id: string }>;
}

async function signInApi(email: string, password: string): Promise<Session> {
  const response = await fetch(`${apiUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('upright_session='));
  if (!cookie) throw new Error('no session cookie');
  return { cookie: cookie.split(';')[0] };
}

/** A brand-new practice (through sign-up), so each test has its own data and tests run in any order. */
export async function newPractice(name = `E2E Physio ${randomBytes(3).toString('hex')}`): Promise<TestPractice> {
  const email = `admin-${randomBytes(5).toString('hex')}@e2e.upright.example`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await call(null, 'POST', '/auth/signup', { practiceName: name, name: 'Alex Admin', email, password });
  const admin = { email, password, session: await signInApi(email, password) };
  return {
    admin,
    async addUser(role, userName = `Test ${role}`) {
      const userEmail = `${role}-${randomBytes(5).toString('hex')}@e2e.upright.example`;
      const userPassword = `pw-${randomBytes(8).toString('hex')}`;
      const created = await call<{ id: string }>(admin.session, 'POST', '/users', { name: userName, email: userEmail, role, password: userPassword });
      return { id: created.body.id, email: userEmail, password: userPassword, session: await signInApi(userEmail, userPassword) };
    },
  };
}

/** Signs in through the dashboard's sign-in page. */
export async function signInThroughPage(page: Page, email: string, password: string, path = '/patients'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The day `days` before today, YYYY-MM-DD (UTC, as the API counts days). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Makes a practice bookable (as its administrator): the appointment types "Initial assessment" (45 min) and
 * "Review" (30 min), and working hours for the clinicians of every day, all day (00:00–23:45 in the practice's
 * time zone), so the next free slot is always minutes away whenever the tests run.
 */
export async function openDiary(admin: Session, clinicianIds: string[]): Promise<{ initialTypeId: string; reviewTypeId: string }> {
  const { body: initial } = await call<{ id: string }>(admin, 'POST', '/appointment-types', {
    name: 'Initial assessment',
    durationMinutes: 45,
    color: '#177067',
  });
  const { body: review } = await call<{ id: string }>(admin, 'POST', '/appointment-types', { name: 'Review', durationMinutes: 30, color: '#b45309' });
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:45' }));
  for (const id of clinicianIds) await call(admin, 'PUT', `/users/${id}/working-hours`, { weekly, exceptions: [] });
  return { initialTypeId: initial.id, reviewTypeId: review.id };
}

/**
 * The API always records an episode today, and a non-referral episode is reviewed 7 or 14 days later, so a review
 * that is due needs an episode recorded in the past: the one thing these tests cannot make through the API. This
 * moves one episode's recording day back in the test database (`npm test` passes DATABASE_URL to this suite).
 */
export async function recordedDaysAgo(episodeId: string, days: number): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query('UPDATE episodes SET recorded_on = recorded_on - $2::int, onset_date = onset_date - $2::int WHERE id = $1', [
      episodeId,
      days,
    ]);
    if (result.rowCount !== 1) throw new Error(`episode ${episodeId} not found`);
  } finally {
    await client.end();
  }
}

/**
 * A plan activated today starts today, so nothing the patient logged before counts towards it: this moves the start
 * of every version of one plan (and its activation) back in the test database, as if it had been running for `days`.
 */
export async function planStartedDaysAgo(planId: string, days: number): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const versions = await client.query('UPDATE plan_versions SET start_date = start_date - $2::int WHERE plan_id = $1', [planId, days]);
    if (!versions.rowCount) throw new Error(`plan ${planId} not found`);
    await client.query('UPDATE plans SET activated_at = activated_at - make_interval(days => $2::int) WHERE id = $1', [planId, days]);
  } finally {
    await client.end();
  }
}

/**
 * A visit note is always started now, and Today lists a draft only once it has waited the practice's hours: this
 * moves one draft's start back in the test database, as recordedDaysAgo does for an episode. A note's creation time
 * never changes (the visit_notes_guard trigger refuses it, whoever asks), so this fixture connects as the database's
 * owner (MIGRATION_DATABASE_URL) and turns the trigger off for its own transaction only: the ALTER TABLE holds the
 * table's lock until COMMIT, and no other session ever sees the trigger off.
 */
export async function noteStartedHoursAgo(noteId: string, hours: number): Promise<void> {
  const client = new Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE visit_notes DISABLE TRIGGER visit_notes_guard');
    const result = await client.query(
      "UPDATE visit_notes SET created_at = created_at - make_interval(hours => $2::int), updated_at = updated_at - make_interval(hours => $2::int) WHERE id = $1 AND status = 'draft'",
      [noteId, hours],
    );
    if (result.rowCount !== 1) throw new Error(`draft note ${noteId} not found`);
    await client.query('ALTER TABLE visit_notes ENABLE TRIGGER visit_notes_guard');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

/** A patient's portal session (their link's path and year of birth), for their diary and answers through the API. */
export async function portalSession(linkPath: string, birthYear: number): Promise<Session> {
  const opened = await fetch(`${apiUrl()}/api/portal/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: linkPath.split('/').pop(), birthYear }),
  });
  if (!opened.ok) throw new Error(`portal session: ${opened.status} ${await opened.text()}`);
  const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('upright_portal='));
  if (!cookie) throw new Error('no portal cookie');
  return { cookie: cookie.split(';')[0] };
}

/**
 * A discharge's follow-ups fall due 3, 6 and 12 months later: this moves one of them (by its months) to `days` ago
 * in the test database, so the patient is asked now.
 */
export async function followUpDueDaysAgo(planId: string, months: 3 | 6 | 12, days: number): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query('UPDATE discharge_follow_ups SET due_on = $3::date WHERE plan_id = $1 AND months = $2', [planId, months, daysAgo(days)]);
    if (result.rowCount !== 1) throw new Error(`plan ${planId} has no ${months}-month follow-up`);
  } finally {
    await client.end();
  }
}

/**
 * A discharged patient's follow-up is asked only once it is due (3, 6 or 12 months after discharge): this records,
 * in the test database, the patient's answer to one of a plan's follow-ups now, "yes, a spasm on `spasmOn`".
 */
export async function followUpAnsweredYes(planId: string, months: 3 | 6 | 12, spasmOn: string): Promise<string> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>(
      'UPDATE discharge_follow_ups SET answered_at = now(), spasm_since = true, spasm_on = $3::date WHERE plan_id = $1 AND months = $2 RETURNING id',
      [planId, months, spasmOn],
    );
    if (result.rowCount !== 1) throw new Error(`no ${months}-month follow-up of plan ${planId}`);
    return result.rows[0].id;
  } finally {
    await client.end();
  }
}

/**
 * The plan Upright suggests for the patient's latest episode, saved as it is and activated (by a clinician): its id
 * and the suggestion it came from.
 */
export async function activeSuggestedPlan(
  clinician: Session,
  patientId: string,
): Promise<{ planId: string; suggestion: components['schemas']['PlanSuggestionDto'] }> {
  const suggestion = (await call<components['schemas']['PlanSuggestionDto']>(clinician, 'GET', `/patients/${patientId}/plan-suggestion`)).body;
  const plan = (
    await call<{ id: string }>(clinician, 'POST', `/patients/${patientId}/plans`, {
      title: suggestion.title,
      episodeId: suggestion.episodeId,
      phases: suggestion.phases,
      notes: suggestion.notes,
    })
  ).body;
  await call(clinician, 'POST', `/plans/${plan.id}/activate`, {});
  return { planId: plan.id, suggestion };
}
