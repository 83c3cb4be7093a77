import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInThroughPage } from './api.js';
import { axeProblems, COLOUR_RULES, layoutProblems, motionProblems, schemeProblems } from './audit.js';
import { collectPageErrors, launchBrowser, newPage, screenshot } from './browser.js';
import { appRoutes, practiceWithRecords, staffPages, type PageData, type StaffRole } from './routes.js';

/**
 * The accessibility audit: every page each role can open, and the patient's pages, at a laptop's and a phone's
 * size. No page may have a critical or serious axe-core violation, scroll sideways, leave a form control unnamed,
 * or lack its one h1. Every page is also audited in the dark colour scheme with reduced motion asked for (where
 * nothing may still animate): the dashboard's as the administrator, who opens them all, and the patient's and the
 * public ones. The pages come from apps/web/app (routes.ts): a new page without an address there fails here.
 */

const SIZES = {
  '1280x800': { viewport: { width: 1280, height: 800 } },
  '390x844': { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;
type Size = keyof typeof SIZES;

/** Phone screenshots kept for the README's tour (tests/output/phone-*.png). */
const PHONE_SCREENSHOTS: Record<string, (d: PageData) => string> = {
  'phone-outcomes': (d) => `/patients/${d.patientId}/outcomes`,
  'phone-staff': () => '/admin/users',
  'phone-plan': (d) => `/plans/${d.planId}`,
  'phone-patient-plan': () => '/p/plan',
};

/** Requests of the page that found nothing (a missing icon shows as a console error on every load). */
function collectNotFound(page: Page): string[] {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(`404 ${new URL(r.url()).pathname}`);
  });
  return missing;
}

/** Opens a page and waits until it has drawn its content (its h1, and nothing still loading). */
async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  await page
    .locator('h1')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 10_000 }).catch(() => undefined);
}

/**
 * Audits the open page in the light colour scheme and, with `dark`, again in the dark one with reduced motion asked
 * for (there axe's colour rules: the rest does not change with the colours); returns its problems, each prefixed
 * with where it was found.
 */
async function audit(page: Page, where: string, { dark }: { dark: boolean }): Promise<string[]> {
  const problems: string[] = [];
  for (const p of [...(await schemeProblems(page, 'light')), ...(await layoutProblems(page)), ...(await axeProblems(page))])
    problems.push(`${where} light: ${p}`);
  if (dark) {
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    const found = [
      ...(await schemeProblems(page, 'dark')),
      ...(await layoutProblems(page)),
      ...(await motionProblems(page)),
      ...(await axeProblems(page, { only: COLOUR_RULES })),
    ];
    for (const p of found) problems.push(`${where} dark, reduced motion: ${p}`);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  }
  return problems;
}

describe('accessibility audit of every page', () => {
  let browser: Browser;
  let data: PageData;
  let users: Awaited<ReturnType<typeof practiceWithRecords>>['users'];
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ data, users } = await practiceWithRecords());
  });
  afterAll(() => browser?.close());

  it('knows an address for every page of the app', () => {
    expect(() => appRoutes()).not.toThrow();
    // Each audience is walked below: staff roles, the patient, and the public pages.
    expect(appRoutes().length).toBeGreaterThan(20);
  });

  it.each<StaffRole>(['clinician', 'reception', 'admin'])(
    'the %s’s pages pass at 1280x800 and 390x844',
    async (role) => {
      const problems: string[] = [];
      const errors: string[] = [];
      const pages = staffPages(role, data);
      for (const size of Object.keys(SIZES) as Size[]) {
        const { context, page } = await newPage(browser, SIZES[size]);
        const pageErrors = collectPageErrors(page);
        const notFound = collectNotFound(page);
        try {
          await signInThroughPage(page, users[role].email, users[role].password);
          for (const url of pages) {
            await open(page, url);
            problems.push(...(await audit(page, `${role} ${size} ${url}`, { dark: role === 'admin' })));
            if (size === '390x844') {
              const shot = Object.entries(PHONE_SCREENSHOTS).find(([, to]) => to(data) === url);
              if (shot && role === 'admin') await screenshot(page, shot[0]);
            }
          }
          errors.push(...pageErrors, ...notFound);
        } finally {
          await context.close();
        }
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    },
    600_000,
  );

  it('the patient’s pages and the public ones pass at 1280x800 and 390x844, light and dark', async () => {
    const routes = appRoutes();
    const publicPages = routes.filter(({ route }) => route.audience === 'public').map(({ route }) => route.url(data));
    const patientPages = routes.filter(({ route }) => route.audience === 'patient').map(({ route }) => route.url(data));
    expect(publicPages).toContain(data.linkPath);
    const problems: string[] = [];
    const errors: string[] = [];
    for (const size of Object.keys(SIZES) as Size[]) {
      let context: BrowserContext | undefined;
      try {
        const opened = await newPage(browser, SIZES[size]);
        context = opened.context;
        const { page } = opened;
        const pageErrors = collectPageErrors(page);
        const notFound = collectNotFound(page);
        for (const url of publicPages) {
          await open(page, url);
          problems.push(...(await audit(page, `public ${size} ${url}`, { dark: true })));
        }
        // The patient opens their link with their year of birth.
        await open(page, data.linkPath);
        await page.getByLabel('Year of birth').fill(String(data.birthYear));
        await page.getByRole('button', { name: 'Open my plan' }).click();
        await page.waitForURL((u) => u.pathname === '/p/plan');
        for (const url of patientPages) {
          await open(page, url);
          problems.push(...(await audit(page, `patient ${size} ${url}`, { dark: true })));
          if (size === '390x844' && url === PHONE_SCREENSHOTS['phone-patient-plan'](data)) await screenshot(page, 'phone-patient-plan');
        }
        // The icon: the one the pages name, and /favicon.ico that browsers and bookmarks ask for by itself.
        for (const href of [
          ...(await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))),
          '/favicon.ico',
        ]) {
          const icon = await page.request.get(href);
          if (icon.status() !== 200 || !/^image\//.test(icon.headers()['content-type'] ?? ''))
            errors.push(`icon ${href}: ${icon.status()} ${icon.headers()['content-type']}`);
        }
        errors.push(...pageErrors, ...notFound);
      } finally {
        await context?.close();
      }
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);

  it('on a phone, the header stays in reach: a Menu button opens the navigation, Escape closes it', async () => {
    const { context, page } = await newPage(browser, SIZES['390x844']);
    try {
      await signInThroughPage(page, users.admin.email, users.admin.password, `/patients/${data.patientId}/outcomes`);
      const menu = page.getByRole('button', { name: 'Menu' });
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);

      // Scrolled far down, the header is still a slim bar at the top of the screen.
      await page.getByTestId('outcomes-odi').waitFor();
      await page.waitForFunction(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return window.scrollY > 500;
      });
      const bar = await page.locator('header').boundingBox();
      expect(bar?.y).toBe(0);
      expect(bar?.height).toBeLessThanOrEqual(64);

      // From the keyboard: Enter opens, Tab goes into the navigation, Escape closes and gives the focus back.
      await menu.focus();
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await nav.isVisible()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Today');
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);
      expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

      // A tap on a link goes there and folds the menu away; the account and Sign out are in it too.
      await menu.tap();
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      await nav.getByRole('link', { name: 'Staff' }).tap();
      await page.waitForURL((u) => u.pathname === '/admin/users');
      await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
