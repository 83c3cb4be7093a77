// Temporary (not committed): README screenshots of the demo calendar and the patient's next appointment.
import { chromium } from 'playwright-core';
const web = process.argv[2], cookie = process.argv[3];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function staff(width, height, file, url) {
  const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(`${web}/sign-in?next=${encodeURIComponent(url)}`);
  await page.getByLabel('Email').fill('reception@demo.upright.test');
  await page.getByLabel('Password').fill('upright-demo');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((u) => u.pathname === url.split('?')[0]);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: file, fullPage: true });
  await ctx.close();
}
await staff(1280, 800, 'docs/screenshots/calendar-week.png', '/calendar?view=week');
await staff(390, 844, 'docs/screenshots/calendar-phone.png', '/calendar?view=day');
if (cookie) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const [name, value] = cookie.split('=');
  await ctx.addCookies([{ name, value, url: web }]);
  const page = await ctx.newPage();
  await page.goto(`${web}/p/plan`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/screenshots/portal-next-appointment.png' });
  await ctx.close();
}
await browser.close();
