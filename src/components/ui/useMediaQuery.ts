import { useSyncExternalStore } from 'react';

const queries = new Map<string, MediaQueryList>();

function mediaQuery(query: string): MediaQueryList {
  let list = queries.get(query);
  if (!list) {
    list = window.matchMedia(query);
    queries.set(query, list);
  }
  return list;
}

/** Whether a CSS media query matches now, re-rendering when that changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      const list = mediaQuery(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    () => mediaQuery(query).matches,
  );
}

/**
 * The narrow layout (phones, tablets in portrait, 200 % zoom): panes stacked behind a switch, and controls
 * and rows at least TOUCH_TARGET pixels tall. The CSS uses the same breakpoint (`@media (max-width: 899px)`).
 */
export const NARROW_LAYOUT = '(max-width: 899px)';

/** The smallest side of anything clickable in the narrow layout (WCAG 2.5.5). */
export const TOUCH_TARGET = 44;

export function useNarrowLayout(): boolean {
  return useMediaQuery(NARROW_LAYOUT);
}
