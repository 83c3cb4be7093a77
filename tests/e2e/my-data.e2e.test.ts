import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { components } from '@upright/api-contract/schema';
import { call, daysAgo, newPractice, type Session, signInThroughPage } from './api.js';
import { launchBrowser, newPage, screenshot } from './browser.js';

type Patient = components['schemas']['PatientDto'];
type Plan = components['schemas']['PlanDto'];
type PlanSuggestion = components['schemas']['PlanSuggestionDto'];
type CreatedShareLink = components['schemas']['CreatedShareLinkDto'];

/** The little of a FHIR Bundle these checks read. */
interface Bundle {
  resourceType: string;
  type: string;
  entry: { fullUrl: string; resource: { resourceType: string; id: string; [key: string]: unknown } }[];
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A patient with an episode and an active plan drafted from it, shared: ids and the link's path. */
async function patientWithPlan(clinician: Session, firstName: string, birthYear: number) {
  const patient = (await call<Patient>(clinician, 'POST', '/patients', { firstName, lastName: 'Export', dateOfBirth: `${birthYear}-03-02`, sex: 'male' })).body;
  await call(clinician, 'POST', `/patients/${patient.id}/episodes`, {
    onsetDate: daysAgo(4),
    trigger: 'habitual_movement',
    episodesLast12Months: 1,
    frequencyTrend: 'stable',
    painNprs: 6,
    painAreas: ['lower_back'],
    redFlags: [],
  });
  const suggestion = (await call<PlanSuggestion>(clinician, 'GET', `/patients/${patient.id}/plan-suggestion`)).body;
  const plan = (
    await call<Plan>(clinician, 'POST', `/patients/${patient.id}/plans`, {
      title: 'Back to the garden',
      episodeId: suggestion.episodeId,
      phases: suggestion.phases,
      notes: suggestion.notes,
    })
  ).body;
  await call(clinician, 'POST', `/plans/${plan.id}/activate`, {});
  const share = (await call<CreatedShareLink>(clinician, 'POST', `/plans/${plan.id}/share`, {})).body;
  return { patientId: patient.id, plan, linkPath: new URL(share.url).pathname };
}

/** Clicks `button` and returns the file the page saved, as text, with the name it was saved under. */
async function downloadBy(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('data out in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('the patient downloads their data (a FHIR Bundle) and reads the summary of it, their plan included', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Robin Okafor');
    const { patientId, linkPath } = await patientWithPlan(clinician.session, 'Ezra', 1979);

    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(linkPath);
      await page.getByLabel('Year of birth').fill('1979');
      await page.getByRole('button', { name: 'Open my plan' }).tap();
      await page.waitForURL((url) => url.pathname === '/p/plan');

      const record = page.getByRole('region', { name: 'Your record' });
      const file = await downloadBy(page, () => record.getByRole('button', { name: 'Download my data' }).tap());
      expect(file.name).toBe('my-health-record.fhir.json');
      const bundle = JSON.parse(file.text) as Bundle;
      expect([bundle.resourceType, bundle.type]).toEqual(['Bundle', 'collection']);
      const types = bundle.entry.map((e) => e.resource.resourceType);
      expect(types[0]).toBe('Patient');
      expect(bundle.entry[0].resource).toMatchObject({ id: patientId, name: [{ family: 'Export', given: ['Ezra'] }], birthDate: '1979-03-02' });
      expect(types).toEqual(expect.arrayContaining(['Condition', 'CarePlan']));
      for (const entry of bundle.entry) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource.id}`);
      await record.getByText(/^Saved my-health-record\.fhir\.json \(\d+ KB\)$/).waitFor();

      await record.getByRole('link', { name: 'Read the summary' }).tap();
      await page.waitForURL((url) => url.pathname === '/p/my-data');
      await page.getByRole('heading', { name: 'Your record', level: 1 }).waitFor();
      const details = page.getByRole('region', { name: 'Your details' });
      expect(await details.textContent()).toContain('Ezra Export');
      expect(await details.textContent()).toContain('2 Mar 1979');
      const planSection = page.getByRole('region', { name: 'Your plan' });
      expect(await planSection.textContent()).toContain('Back to the garden');
      const carePlan = bundle.entry.find((e) => e.resource.resourceType === 'CarePlan')!.resource as unknown as {
        activity: { detail: { code: { text: string } } }[];
      };
      expect(await planSection.textContent()).toContain(carePlan.activity[0].detail.code.text);
      expect(await page.getByRole('region', { name: 'Your back spasms' }).textContent()).toContain('Your back needs more support');
      await page.getByRole('button', { name: 'Print' }).waitFor();
      await screenshot(page, 'portal-my-data');
    } finally {
      await context.close();
    }
  });

  it('a clinician downloads a patient’s FHIR Bundle from the patient page; an admin exports the practice from the Export page', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Sam Lee');
    const { patientId } = await patientWithPlan(clinician.session, 'Maya', 1990);

    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${patientId}`);
      const actions = page.getByRole('navigation', { name: 'Clinical actions' });
      const file = await downloadBy(page, () => actions.getByRole('button', { name: 'Download FHIR' }).click());
      expect(file.name).toBe(`patient-${patientId}.fhir.json`);
      const bundle = JSON.parse(file.text) as Bundle;
      expect(bundle.entry[0].resource).toMatchObject({ resourceType: 'Patient', id: patientId });
      await actions.getByText(`Saved patient-${patientId}.fhir.json`, { exact: false }).waitFor();
      // No Export page in a clinician's navigation.
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).count()).toBe(0);
    } finally {
      await context.close();
    }

    const admin = await newPage(browser);
    try {
      await signInThroughPage(admin.page, practice.admin.email, practice.admin.password, '/patients');
      await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).click();
      await admin.page.waitForURL((url) => url.pathname === '/admin/export');
      await admin.page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();

      const csv = await downloadBy(admin.page, () => admin.page.getByRole('button', { name: 'Download patients CSV' }).click());
      expect(csv.name).toMatch(/^upright-patients-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('id,firstName,lastName,dateOfBirth,sex,email,phone,notes,archivedAt,createdAt,updatedAt');
      expect(lines[1]).toContain(`${patientId},Maya,Export,1990-03-02,male`);

      const ndjson = await downloadBy(admin.page, () => admin.page.getByRole('button', { name: 'Download FHIR (NDJSON)' }).click());
      const resources = ndjson.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { resourceType: string; id: string });
      expect(resources.filter((r) => r.resourceType === 'Patient').map((r) => r.id)).toEqual([patientId]);
      await admin.page.getByText(/^Saved upright-fhir-\d{4}-\d{2}-\d{2}\.ndjson \(.+\)$/).waitFor();
      await screenshot(admin.page, 'admin-export');
    } finally {
      await admin.context.close();
    }
  });
});
