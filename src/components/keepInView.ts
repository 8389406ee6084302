/** Rows kept in view beyond the active one, above and below, when the view can hold them. */
export const CONTEXT_ROWS = 3;

/**
 * The scroll offset that shows row `index` with CONTEXT_ROWS of context on both sides.
 *
 * Unchanged while the row is in view with its context. A row a short way out (the next or previous
 * step) scrolls the view just far enough, so stepping moves it a row at a time: in a long list that
 * brings one new row in per step, where centring brought in half a view of them every few steps, and
 * made those steps the slow ones. A row farther away (a jump) is centred.
 */
export function keepInView(
  index: number,
  rowHeight: number,
  top: number,
  height: number,
  contentHeight: number,
): number {
  if (index < 0) return top;
  const rowTop = index * rowHeight;
  const margin = Math.max(0, Math.min(CONTEXT_ROWS * rowHeight, Math.floor((height - rowHeight) / 2)));
  /** The largest offset that shows the context above the row, and the smallest that shows it below. */
  const highest = rowTop - margin;
  const lowest = rowTop + rowHeight + margin - height;
  const clamp = (offset: number) => Math.max(0, Math.min(offset, contentHeight - height));
  // A view shorter than a row shows the row's top.
  if (lowest > highest) return clamp(highest);
  if (top <= highest && top >= lowest) return top;
  const near = rowTop + rowHeight > top - height && rowTop < top + 2 * height;
  if (near) return clamp(top > highest ? highest : lowest);
  return clamp(Math.round(rowTop - (height - rowHeight) / 2));
}
