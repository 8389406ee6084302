/** Rows drawn beyond the visible ones on each side, so that a short scroll shows rows already there. */
export const OVERSCAN = 8;
/** Short lists render whole: every row stays reachable to find-in-page and screen readers. */
export const VIRTUALIZE_ABOVE = 400;

export interface RowWindowInput {
  /** Rows in the list now. */
  count: number;
  /** Rows in the list the last time it was drawn whole, or 0 before that. */
  settledCount: number;
  rowHeight: number;
  scrollTop: number;
  viewHeight: number;
}

/**
 * The rows to put in the DOM, as [first, last).
 *
 * A long list draws only the rows in view and a margin of OVERSCAN rows on each side. A short one is
 * drawn whole, except in the frame where it gains or loses more rows than that window holds (the first
 * frame, a jump across the document, a folder of hundreds opened): that frame draws the window, and a
 * deferred render adds the rest once it is painted. One step changes a row or two, and is drawn whole
 * at once.
 */
export function rowWindow({ count, settledCount, rowHeight, scrollTop, viewHeight }: RowWindowInput): [number, number] {
  // The offset may still be the one of a longer list (a filter just narrowed it): the browser will
  // clamp it, and the window must show what it will show, never an empty range past the end.
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewHeight));
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + viewHeight) / rowHeight) + OVERSCAN);
  if (count > VIRTUALIZE_ABOVE) return [first, last];
  return Math.abs(count - settledCount) > last - first ? [first, last] : [0, count];
}
