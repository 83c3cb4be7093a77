import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { components } from '@upright/api-contract/schema';
import { call, daysAgo, newPractice, openDiary, type Session } from './api.js';

/** The API's answers, from its OpenAPI document. */
type CreatedShareLink = components['schemas']['CreatedShareLinkDto'];
type PlanSuggestion = components['schemas']['PlanSuggestionDto'];

/**
 * Every page of the web app, as a concrete address made from test data. The list of route patterns comes from
 * the app itself (apps/web/app/**\/page.tsx), so a page added without an entry in ROUTES fails the tests that
 * walk the pages (accessibility, tablet) until it is given one.
 */

export type StaffRole = 'admin' | 'clinician' | 'reception';

/** The records a practice needs for every page to show real content, not an empty state. */
export interface PageData {
  patientId: string;
  episodeId: string;
  /** Earlier first. */
  assessmentIds: [string, string];
  planId: string;
  /** The year of birth that opens the patient's link. */
  birthYear: number;
  /** The path of the plan's share link, /p/<token>. */
  linkPath: string;
  /** An appointment of the patient's, booked into the clinician's next free slot. */
  appointmentId: string;
  /** The clinician's draft visit note of that appointment (an earlier note of the episode is signed, with an addendum). */
  noteId: string;
  /** Another patient's plan, discharged (with a copy of the letter to their doctor). */
  dischargedPlanId: string;
}

/**
 * Who sees a page's real content: staff of the listed roles (others see a "not for your role" page), the patient
 * after opening their link ('patient'), or anyone without signing in ('public').
 */
export type Audience = { staff: StaffRole[] } | 'patient' | 'public';

export interface Route {
  url: (d: PageData) => string;
  audience: Audience;
}

const ALL_STAFF: StaffRole[] = ['admin', 'clinician', 'reception'];
const CLINICAL: StaffRole[] = ['admin', 'clinician'];
const ADMIN: StaffRole[] = ['admin'];

/** Route pattern (as the app's folders spell it, route groups left out) → an address and who sees it. */
export const ROUTES: Record<string, Route> = {
  '/': { url: () => '/', audience: { staff: ALL_STAFF } },
  '/sign-in': { url: () => '/sign-in', audience: 'public' },
  '/today': { url: () => '/today', audience: { staff: ALL_STAFF } },
  '/calendar': { url: () => '/calendar', audience: { staff: ALL_STAFF } },
  '/calendar/book': { url: (d) => `/calendar/book?patient=${d.patientId}`, audience: { staff: ALL_STAFF } },
  '/calendar/appointments/[id]': { url: (d) => `/calendar/appointments/${d.appointmentId}`, audience: { staff: ALL_STAFF } },
  '/account': { url: () => '/account', audience: { staff: ALL_STAFF } },
  '/patients': { url: () => '/patients', audience: { staff: ALL_STAFF } },
  '/patients/new': { url: () => '/patients/new', audience: { staff: ALL_STAFF } },
  '/patients/[id]': { url: (d) => `/patients/${d.patientId}`, audience: { staff: ALL_STAFF } },
  '/patients/[id]/edit': { url: (d) => `/patients/${d.patientId}/edit`, audience: { staff: ALL_STAFF } },
  '/patients/[id]/episodes/new': { url: (d) => `/patients/${d.patientId}/episodes/new`, audience: { staff: CLINICAL } },
  '/patients/[id]/episodes/[episodeId]': { url: (d) => `/patients/${d.patientId}/episodes/${d.episodeId}`, audience: { staff: CLINICAL } },
  '/patients/[id]/assessments': { url: (d) => `/patients/${d.patientId}/assessments`, audience: { staff: CLINICAL } },
  '/patients/[id]/assessments/new': { url: (d) => `/patients/${d.patientId}/assessments/new`, audience: { staff: CLINICAL } },
  '/patients/[id]/assessments/[assessmentId]': { url: (d) => `/patients/${d.patientId}/assessments/${d.assessmentIds[1]}`, audience: { staff: CLINICAL } },
  '/patients/[id]/assessments/compare': {
    url: (d) => `/patients/${d.patientId}/assessments/compare?before=${d.assessmentIds[0]}&after=${d.assessmentIds[1]}`,
    audience: { staff: CLINICAL },
  },
  '/patients/[id]/outcomes': { url: (d) => `/patients/${d.patientId}/outcomes`, audience: { staff: CLINICAL } },
  '/patients/[id]/plans': { url: (d) => `/patients/${d.patientId}/plans`, audience: { staff: CLINICAL } },
  '/patients/[id]/plans/new': { url: (d) => `/patients/${d.patientId}/plans/new`, audience: { staff: CLINICAL } },
  '/patients/[id]/notes/[noteId]': { url: (d) => `/patients/${d.patientId}/notes/${d.noteId}`, audience: { staff: CLINICAL } },
  '/patients/[id]/notes/print': { url: (d) => `/patients/${d.patientId}/notes/print?episodeId=${d.episodeId}`, audience: { staff: CLINICAL } },
  '/plans/[planId]': { url: (d) => `/plans/${d.planId}`, audience: { staff: CLINICAL } },
  '/plans/[planId]/edit': { url: (d) => `/plans/${d.planId}/edit`, audience: { staff: CLINICAL } },
  '/plans/[planId]/versions/[number]': { url: (d) => `/plans/${d.planId}/versions/1`, audience: { staff: CLINICAL } },
  '/plans/[planId]/discharge-letter': { url: (d) => `/plans/${d.dischargedPlanId}/discharge-letter`, audience: { staff: CLINICAL } },
  '/outcomes': { url: () => '/outcomes', audience: { staff: CLINICAL } },
  '/admin/users': { url: () => '/admin/users', audience: { staff: ADMIN } },
  '/admin/audit': { url: () => '/admin/audit', audience: { staff: ADMIN } },
  '/admin/practice': { url: () => '/admin/practice', audience: { staff: ADMIN } },
  '/admin/diary': { url: () => '/admin/diary', audience: { staff: ADMIN } },
  '/admin/note-templates': { url: () => '/admin/note-templates', audience: { staff: ADMIN } },
  '/admin/import': { url: () => '/admin/import', audience: { staff: ADMIN } },
  '/admin/export': { url: () => '/admin/export', audience: { staff: ADMIN } },
  '/p/[token]': { url: (d) => d.linkPath, audience: 'public' },
  '/p/plan': { url: () => '/p/plan', audience: 'patient' },
  '/p/my-data': { url: () => '/p/my-data', audience: 'patient' },
  '/p/expired': { url: () => '/p/expired', audience: 'public' },
  '/p/signed-out': { url: () => '/p/signed-out', audience: 'public' },
};

const APP_DIR = path.join(__dirname, '..', '..', 'apps', 'web', 'app');

/** The app's route patterns, read from its page.tsx files now (route groups such as (dashboard) left out). */
export function appRoutePatterns(dir = APP_DIR): string[] {
  const patterns: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) continue;
    const segments = path
      .relative(dir, entry.parentPath)
      .split(path.sep)
      .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
    // Private folders (_components) never make routes; a page.tsx inside one would be a mistake.
    if (segments.some((s) => s.startsWith('_'))) continue;
    patterns.push(`/${segments.join('/')}`);
  }
  return patterns.sort();
}

/** The app's routes with their entries; throws naming every page that has none (or an entry that has no page). */
export function appRoutes(): { pattern: string; route: Route }[] {
  const patterns = appRoutePatterns();
  const missing = patterns.filter((p) => !ROUTES[p]);
  const stale = Object.keys(ROUTES).filter((p) => !patterns.includes(p));
  if (missing.length || stale.length) {
    throw new Error(
      [
        missing.length ? `Pages with no entry in tests/e2e/routes.ts (give each an address and audience): ${missing.join(', ')}` : '',
        stale.length ? `Entries in tests/e2e/routes.ts with no page: ${stale.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
  return patterns.map((pattern) => ({ pattern, route: ROUTES[pattern] }));
}

/** The addresses a staff role sees the real content of, in the app's order. */
export function staffPages(role: StaffRole, d: PageData): string[] {
  return appRoutes()
    .filter(({ route }) => typeof route.audience === 'object' && route.audience.staff.includes(role))
    .map(({ route }) => route.url(d));
}

/** A practice with one patient who has every kind of record, so each page shows real content. */
export async function practiceWithRecords(): Promise<{
  practice: Awaited<ReturnType<typeof newPractice>>;
  users: Record<StaffRole, { email: string; password: string; session: Session }>;
  data: PageData;
}> {
  const practice = await newPractice();
  const clinician = await practice.addUser('clinician', 'Kofi Mensah');
  const reception = await practice.addUser('reception', 'Rae Lindqvist');
  const s = clinician.session;
  const birthYear = 1983;
  const { body: patient } = await call<{ id: string }>(s, 'POST', '/patients', {
    firstName: 'Hana',
    lastName: 'Sato',
    dateOfBirth: `${birthYear}-09-30`,
    sex: 'female',
    email: 'hana.sato@example.com',
    phone: '+44 7700 900123',
    notes: 'Prefers morning appointments.',
  });
  const patientPath = `/patients/${patient.id}`;
  const { body: episode } = await call<{ id: string }>(s, 'POST', `${patientPath}/episodes`, {
    onsetDate: daysAgo(40),
    trigger: 'habitual_movement',
    episodesLast12Months: 2,
    frequencyTrend: 'increasing',
    painNprs: 6,
    painAreas: ['lower_back', 'buttocks'],
    redFlags: [],
  });
  const assessmentIds: string[] = [];
  for (const [days, measurements] of [
    [
      30,
      {
        sideBridgeS: { left: 42, right: 61 },
        hipAbduction: { left: 118, right: 142 },
        trunkFlexorS: 95,
        trunkExtensorS: 88,
        trendelenburg: { left: true, right: false },
      },
    ],
    [
      2,
      {
        sideBridgeS: { left: 58, right: 64 },
        hipAbduction: { left: 136, right: 145 },
        trunkFlexorS: 98,
        trunkExtensorS: 121,
        trendelenburg: { left: false, right: false },
      },
    ],
  ] as const) {
    const { body } = await call<{ id: string }>(s, 'POST', `${patientPath}/assessments`, { assessedOn: daysAgo(days), measurements });
    assessmentIds.push(body.id);
  }
  const { body: suggestion } = await call<PlanSuggestion>(s, 'GET', `${patientPath}/plan-suggestion`);
  const { body: plan } = await call<{ id: string }>(s, 'POST', `${patientPath}/plans`, {
    title: suggestion.title,
    episodeId: suggestion.episodeId,
    phases: suggestion.phases,
    notes: suggestion.notes,
  });
  await call(s, 'POST', `/plans/${plan.id}/activate`, {});
  const { body: current } = await call<{ version: number }>(s, 'GET', `/plans/${plan.id}`);
  await call(s, 'PATCH', `/plans/${plan.id}`, { title: `${suggestion.title} (reviewed)` }, { 'if-match': `"${current.version}"` });
  const { body: share } = await call<CreatedShareLink>(s, 'POST', `/plans/${plan.id}/share`, {});
  const outcomes: [string, number, unknown][] = [
    ['odi', 28, [3, 3, 2, 3, 2, 3, 2, null, 3, 3]],
    ['odi', 1, [2, 1, 2, 1, 1, 2, 1, null, 1, 2]],
    ['nprs', 28, 7],
    ['nprs', 1, 3],
    ['rmdq', 28, Array.from({ length: 24 }, (_, i) => i < 14)],
    ['rmdq', 1, Array.from({ length: 24 }, (_, i) => i < 6)],
    ['psfs', 28, [3, 4, 2]],
    ['psfs', 1, [7, 6, 6]],
  ];
  for (const [instrument, days, answers] of outcomes) {
    await call(s, 'POST', `${patientPath}/outcomes`, { instrument, recordedOn: daysAgo(days), answers });
  }
  const { reviewTypeId } = await openDiary(practice.admin.session, [clinician.id]);
  const { body: slots } = await call<{ items: { clinicianId: string; start: string }[] }>(
    s,
    'GET',
    `/slots?typeId=${reviewTypeId}&from=${daysAgo(0)}&to=${daysAgo(-6)}&clinicianId=${clinician.id}`,
  );
  const { body: appointment } = await call<{ id: string }>(s, 'POST', '/appointments', {
    patientId: patient.id,
    clinicianId: clinician.id,
    typeId: reviewTypeId,
    start: slots.items[0].start,
    episodeId: episode.id,
  });
  const { body: earlier } = await call<{ id: string }>(s, 'POST', `${patientPath}/notes`, { episodeId: episode.id });
  await call(s, 'POST', `/notes/${earlier.id}/sign`, {});
  await call(s, 'POST', `/notes/${earlier.id}/addenda`, { text: 'Phoned the next day: the pain had settled overnight.' });
  const { body: note } = await call<{ id: string }>(s, 'POST', `${patientPath}/notes`, { appointmentId: appointment.id });
  const dischargedPlanId = await dischargedPlan(s);
  return {
    practice,
    users: { admin: practice.admin, clinician, reception },
    data: {
      patientId: patient.id,
      episodeId: episode.id,
      assessmentIds: assessmentIds as [string, string],
      planId: plan.id,
      birthYear,
      linkPath: new URL(share.url).pathname,
      appointmentId: appointment.id,
      noteId: note.id,
      dischargedPlanId,
    },
  };
}

/** A second patient, with an episode, scores before and after, and a plan discharged today with a copy to their doctor. */
async function dischargedPlan(s: Session): Promise<string> {
  const { body: patient } = await call<{ id: string }>(s, 'POST', '/patients', {
    firstName: 'Ines',
    lastName: 'Duarte',
    dateOfBirth: '1976-04-12',
    sex: 'female',
  });
  const patientPath = `/patients/${patient.id}`;
  await call(s, 'POST', `${patientPath}/episodes`, {
    onsetDate: daysAgo(70),
    trigger: 'load_increase',
    episodesLast12Months: 1,
    frequencyTrend: 'stable',
    painNprs: 7,
    painAreas: ['lower_back'],
    redFlags: [],
  });
  const { body: suggestion } = await call<PlanSuggestion>(s, 'GET', `${patientPath}/plan-suggestion`);
  const { body: plan } = await call<{ id: string }>(s, 'POST', `${patientPath}/plans`, {
    title: suggestion.title,
    episodeId: suggestion.episodeId,
    phases: suggestion.phases,
    notes: suggestion.notes,
  });
  await call(s, 'POST', `/plans/${plan.id}/activate`, {});
  for (const [instrument, days, answers] of [
    ['nprs', 0, 7],
    ['nprs', 0, 2],
  ] as const) {
    await call(s, 'POST', `${patientPath}/outcomes`, { instrument, recordedOn: daysAgo(days), answers });
  }
  const { body: current } = await call<{ version: number }>(s, 'GET', `/plans/${plan.id}`);
  await call(
    s,
    'POST',
    `/plans/${plan.id}/discharge`,
    {
      reason: 'Goals met; self-managing with the maintenance programme.',
      letterToDoctor: { name: 'Dr Amara Okafor', address: '12 High Street\nLeeds LS1 4AB' },
    },
    { 'if-match': `"${current.version}"` },
  );
  return plan.id;
}
