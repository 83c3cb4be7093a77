import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Checks a page is usable as it stands in the browser: laid out for the window (no sideways scroll, every form
 * control named), and free of the accessibility faults axe-core rates critical or serious.
 */

/** What a page gets wrong on this screen: a sideways scroll, or a form control no label names. */
export async function layoutProblems(page: Page): Promise<string[]> {
  // The window's width as set, not window.innerWidth: a phone zooms out to show a page wider than its screen.
  const width = page.viewportSize()?.width ?? 0;
  return page.evaluate((width) => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > width + 1) problems.push(`scrolls sideways: ${root.scrollWidth}px wide in a ${width}px window`);
    for (const el of Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'))) {
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const named = (el.labels?.length ?? 0) > 0 || el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
      if (!named)
        problems.push(`unlabelled ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}`);
    }
    const headings = document.querySelectorAll('h1').length;
    if (headings !== 1) problems.push(`${headings} h1 headings (one names the page)`);
    return problems;
  }, width);
}

/**
 * The page's critical and serious axe-core violations, one line each (rule, impact, where, why). Every rule axe
 * runs by default (WCAG 2.0-2.2 A and AA, and best practices). Legacy mode runs axe in the page itself, a third of
 * the time of the default (which finishes each run in a new blank page); these pages have no frames it would miss.
 * `only` limits the run to these rules.
 */
export async function axeProblems(page: Page, { only }: { only?: string[] } = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page }).setLegacyMode(true);
  const results = await (only ? builder.withRules(only) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? v.help}`));
}

/** axe's rules about colour: all a change of colour scheme can break. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Elements that still move with reduced motion asked for: a running animation or transition longer than 10 ms. */
export async function motionProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seconds = (value: string) => Math.max(...value.split(',').map((v) => (v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v))));
    const problems: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0.01;
      const transitioned = style.transitionProperty !== 'none' && seconds(style.transitionDuration) > 0.01;
      if (animated || transitioned) {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${(el.getAttribute('class') ?? '').split(/\s+/).slice(0, 4).join('.')}`;
        problems.push(
          `${name} ${animated ? `animates (${style.animationName} ${style.animationDuration})` : `transitions (${style.transitionProperty} ${style.transitionDuration})`}`,
        );
      }
    }
    return problems;
  });
}

/** Whether the page follows the colour scheme in force: a dark page body (and light text) when dark is asked for. */
export async function schemeProblems(page: Page, scheme: 'light' | 'dark'): Promise<string[]> {
  const { background, text } = await page.evaluate(() => {
    // Any CSS colour (oklch, lab…) to its relative luminance, through a canvas pixel.
    const luminance = (colour: string) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b] = Array.from(ctx.getImageData(0, 0, 1, 1).data).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(document.body);
    return { background: luminance(style.backgroundColor), text: luminance(style.color) };
  });
  const dark = background < text;
  return dark === (scheme === 'dark')
    ? []
    : [`does not follow the ${scheme} colour scheme (page background luminance ${background.toFixed(2)}, text ${text.toFixed(2)})`];
}
