/**
 * The scroll offset that shows row `index`: unchanged while the row is in view, otherwise the row
 * centred. Centring rather than scrolling just far enough means that stepping on scrolls once
 * every half page instead of at every step (each scroll repaints the whole list).
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
  if (rowTop >= top && rowTop + rowHeight <= top + height) return top;
  const centred = Math.round(rowTop - (height - rowHeight) / 2);
  return Math.max(0, Math.min(centred, contentHeight - height));
}
