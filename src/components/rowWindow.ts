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
  /** The scroll offset the list was last drawn at with its margins, as `settledCount` is for the rows. */
  settledScrollTop: number;
  viewHeight: number;
}

/**
 * The rows to put in the DOM, as [first, last).
 *
 * A long list draws the rows in view and a margin of OVERSCAN rows. In the frame where it scrolls (the
 * current row kept in view, a jump, the wheel), it draws the rows in view and keeps those it already
 * had, and a deferred render adds the new margin once that frame is painted: keeping a step's row in
 * view scrolls half a view at a time, and mounting a margin's worth of rows in both lists made those
 * steps the slow ones.
 *
 * A short list is drawn whole, except in the frame where it gains or loses more rows than fit in view
 * (the first frame, a jump across the document, a folder of hundreds opened): that frame draws the rows
 * in view and their margin, and a deferred render adds the rest. One step changes a row or two, and is
 * drawn whole at once.
 */
export function rowWindow({
  count,
  settledCount,
  rowHeight,
  scrollTop,
  settledScrollTop,
  viewHeight,
}: RowWindowInput): [number, number] {
  const inView = (top: number): [number, number] => [
    Math.floor(top / rowHeight),
    Math.min(count, Math.ceil((top + viewHeight) / rowHeight)),
  ];
  const withMargin = (top: number): [number, number] => {
    const [first, last] = inView(top);
    return [Math.max(0, first - OVERSCAN), Math.min(count, last + OVERSCAN)];
  };
  const [first, last] = withMargin(scrollTop);
  if (count <= VIRTUALIZE_ABOVE) return Math.abs(count - settledCount) > last - first ? [first, last] : [0, count];
  if (settledScrollTop === scrollTop) return [first, last];
  const [viewFirst, viewLast] = inView(scrollTop);
  const [hadFirst, hadLast] = withMargin(settledScrollTop);
  const keptFirst = Math.max(first, hadFirst);
  const keptLast = Math.min(last, hadLast);
  if (keptFirst >= keptLast) return [viewFirst, viewLast];
  return [Math.min(viewFirst, keptFirst), Math.max(viewLast, keptLast)];
}
