import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * The narrow screens the layout must work on. No `isMobile`: Playwright's mobile emulation zooms a page that
 * is too wide out until it fits, which hides exactly the sideways scrolling these checks look for. 200 %
 * zoom of a 1280 × 800 window lays the page out in 640 × 400 CSS pixels, at two device pixels each.
 */
export const SCREENS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 },
  { name: 'tablet', viewport: { width: 768, height: 1024 }, deviceScaleFactor: 1 },
  { name: '200 % zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
] as const;

/** The smallest side of a touch target, in CSS pixels (WCAG 2.5.5). */
export const TOUCH_TARGET = 44;

/** How far the page scrolls sideways: 0 when it reflows (WCAG 1.4.10). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Everything clickable on screen that is smaller than TOUCH_TARGET either way, described for the failure
 * message. A checkbox or radio button is measured by its label, which takes the click; Monaco's own
 * controls are left out (the editor is a region read with the keyboard and find, not a set of targets).
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector =
      'button, a[href], select, input, textarea, summary, [role="tab"], [role="treeitem"], [role="separator"][tabindex]';
    const small: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (element.closest('.monaco-editor, .monaco-diff-editor, [hidden]')) continue;
      const checkable = element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type);
      const target = (checkable && element.closest('label')) || element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (getComputedStyle(element).visibility === 'hidden') continue;
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = element.getAttribute('aria-label') ?? target.textContent?.trim().slice(0, 30) ?? '';
        small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  }, TOUCH_TARGET);
}

/**
 * Elements whose content is larger than they are while they cut it off (overflow hidden or clip, or paint
 * containment), either way: content the reader cannot reach. Text ended with an ellipsis on purpose is not
 * counted, nor is Monaco, which scrolls its own content, nor what `except` matches (a box that shows the
 * rest on demand).
 */
export function clippedContent(page: Page, except = ''): Promise<string[]> {
  return page.evaluate((except) => {
    const clipped: string[] = [];
    const skip = `.monaco-editor, .monaco-diff-editor, [hidden], .visually-hidden${except ? `, ${except}` : ''}`;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('#root *'))) {
      if (element.clientWidth === 0 || element.closest(skip)) continue;
      const style = getComputedStyle(element);
      const paint = /strict|content|paint/.test(style.contain);
      const clips = (overflow: string) => paint || overflow === 'hidden' || overflow === 'clip';
      const wide = element.scrollWidth > element.clientWidth + 1 && clips(style.overflowX);
      const tall = element.scrollHeight > element.clientHeight + 1 && clips(style.overflowY);
      if ((!wide && !tall) || style.textOverflow === 'ellipsis') continue;
      const size = (axis: 'Width' | 'Height') => `${element[`scroll${axis}`]} > ${element[`client${axis}`]}`;
      clipped.push(
        `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')} ${wide ? size('Width') : size('Height')}`,
      );
    }
    return clipped;
  }, except);
}

/**
 * Axe on one page, set up for speed: a whole-page check took 2.7–4.3 s, now 1.3–2.6 s. Legacy mode runs axe in the
 * page itself, where the default opens a blank page to put the frames' results together (the app has no
 * cross-origin frame that would need it); and only violations are reported in full, not every node that
 * passed.
 */
export function axeOn(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
}

/** Axe's serious and critical violations, one line each, with the elements they concern. */
export async function seriousViolations(page: Page, configure = (builder: AxeBuilder) => builder): Promise<string[]> {
  const results = await configure(axeOn(page)).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
