/**
 * What a page the server rendered (src/entry-server.tsx) carries besides the app's markup.
 */

/**
 * The page's one inline script: HTML cannot say how far a list is scrolled, so VirtualList writes the offset
 * into `data-scroll-top` until it is measured, and this applies it while the page is parsed, before the first
 * paint and long before the app's own script runs. The Content-Security-Policy (vite.config.ts) allows exactly
 * this text by its hash.
 */
export const RESTORE_SCROLL_SCRIPT =
  "for (const list of document.querySelectorAll('[data-scroll-top]')) list.scrollTop = Number(list.dataset.scrollTop);";

/**
 * The element by which index.html names its build: vite.config.ts writes it, and the server draws a first
 * frame only into a page that carries its renderer's own (scripts/serve.mjs).
 */
export function buildMeta(id: string): string {
  return `<meta name="stepwise-build" content="${id}">`;
}
