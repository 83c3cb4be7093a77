import type { Browser } from 'playwright-core';
import { call, daysAgo, newPractice, type Session, signInThroughPage } from './api.js';
import { launchBrowser, newPage, screenshot } from './browser.js';

async function newPatient(session: Session, firstName: string): Promise<{ id: string }> {
  const { body } = await call<{ id: string }>(session, 'POST', '/patients', { firstName, lastName: 'Okafor', dateOfBirth: '1984-06-15', sex: 'female' });
  return body;
}

describe('postural assessments in the dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows live findings and the body diagram while typing, saves, and compares two assessments', async () => {
    const practice = await newPractice();
    const clinician = await practice.addUser('clinician', 'Casey Clinician');
    const patient = await newPatient(clinician.session, 'Ada');
    // An earlier assessment through the API: side bridge 30 s left, 60 s right (symmetry index 66.7 %).
    await call(clinician.session, 'POST', `/patients/${patient.id}/assessments`, {
      assessedOn: daysAgo(30),
      measurements: { sideBridgeS: { left: 30, right: 60 } },
    });

    const { context, page } = await newPage(browser);
    try {
      await signInThroughPage(page, clinician.email, clinician.password, `/patients/${patient.id}/assessments/new`);
      await page.getByRole('heading', { name: 'New postural assessment' }).waitFor();
      const live = page.getByTestId('live-findings');
      expect(await live.textContent()).toContain('Add a test and enter its results');

      // Only what was tested: add a section, then take one away again.
      await page.getByRole('button', { name: 'Add Trunk rotation (scoliometer)' }).click();
      expect(await page.getByLabel('Trunk rotation (scoliometer) (°)').evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByRole('button', { name: 'Remove Trunk rotation (scoliometer)' }).click();
      expect(await page.getByLabel('Trunk rotation (scoliometer) (°)').count()).toBe(0);

      await page.getByRole('button', { name: 'Add Side bridge endurance' }).click();
      await page.getByLabel('Side bridge endurance, left (s)').fill('40');
      // Half-entered: no finding yet, the preview waits for the other side.
      expect(await live.getByText('Side-bridge asymmetry').count()).toBe(0);
      await page.getByLabel('Side bridge endurance, right (s)').fill('60');

      // Live: 40 s vs 60 s is a symmetry index of 40 %, marked, the left side weaker.
      await live.getByText('Side-bridge asymmetry').waitFor();
      const bar = page.getByTestId('lr-bar-side-bridge');
      expect(await bar.textContent()).toContain('40.0 %');
      expect(await bar.textContent()).toContain('marked, left weaker');
      const marker = live.locator('svg [data-finding="side_bridge_asymmetry"]');
      expect(await marker.getAttribute('data-side')).toBe('left');
      expect(await marker.getAttribute('data-region')).toBe('lateral_trunk');
      expect(await marker.getAttribute('data-severity')).toBe('marked');
      // Seen from the front, the patient's left is on the viewer's right of the midline (x = 120).
      expect(Number(await marker.locator('circle').getAttribute('cx'))).toBeGreaterThan(120);
      expect(await live.locator('svg [data-target="lateral_trunk_left"]').count()).toBe(1);
      const diagram = live.getByRole('img', { name: /body diagram/i });
      expect(await diagram.getAttribute('aria-label')).toContain('Side-bridge asymmetry, left lateral trunk, marked');
      const targets = live.getByTestId('target-list');
      expect(await targets.textContent()).toContain('Lateral trunk, left');
      expect(await targets.textContent()).toContain('Priority 1');
      expect(await live.getByTestId('finding-list').textContent()).toContain('left lateral trunk');
      await screenshot(page, 'assessment-form');

      await page.getByRole('button', { name: 'Save assessment' }).click();
      await page.waitForURL(new RegExp(`/patients/${patient.id}/assessments/[0-9a-f-]{36}\\?saved=1$`));
      await page.getByRole('status').filter({ hasText: 'Assessment saved' }).waitFor();
      const findings = page.getByTestId('findings');
      expect(await findings.textContent()).toContain('Side bridge 40 s left, 60 s right: symmetry index 40 %');
      expect(await page.locator('svg [data-finding="side_bridge_asymmetry"][data-side="left"]').count()).toBe(1);

      // The list: both assessments, the latest two already ticked for comparison.
      await page.getByRole('link', { name: '← Assessments' }).click();
      await page.waitForURL(new RegExp(`/patients/${patient.id}/assessments$`));
      await page.getByTestId('assessment-rows').waitFor();
      expect(await page.getByTestId('assessment-rows').locator('tr').count()).toBe(2);
      expect(await page.getByTestId('assessment-rows').textContent()).toContain('Lateral trunk, left');
      await page.getByRole('link', { name: 'Compare selected' }).click();
      await page.waitForURL(/\/assessments\/compare\?before=.+&after=.+/);

      const row = page.getByTestId('index-changes').getByRole('row', { name: /Side-bridge symmetry index/ });
      const text = await row.textContent();
      expect(text).toContain('66.7 %');
      expect(text).toContain('40.0 %');
      expect(text).toContain('−26.7 %');
      expect(text).toContain('Moved toward symmetry');
      // Both body diagrams, side by side.
      expect(await page.getByRole('img', { name: /body diagram/i }).count()).toBe(2);
      await screenshot(page, 'assessment-compare');
    } finally {
      await context.close();
    }
  });
});
