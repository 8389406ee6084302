/**
 * The one inline script of a page the server rendered (see src/entry-server.tsx): HTML cannot say how far
 * a list is scrolled, so VirtualList writes the offset into `data-scroll-top` until it is measured, and this
 * applies it while the page is parsed, before the first paint and long before the app's own script runs.
 * The Content-Security-Policy (vite.config.ts) allows exactly this text by its hash.
 */
export const RESTORE_SCROLL_SCRIPT =
  "for (const list of document.querySelectorAll('[data-scroll-top]')) list.scrollTop = Number(list.dataset.scrollTop);";
