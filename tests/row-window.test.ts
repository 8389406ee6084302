import { describe, expect, it } from 'vitest';
import { OVERSCAN, rowWindow, VIRTUALIZE_ABOVE } from '../src/components/rowWindow';

// 30 px rows in a 600 px view: 20 rows in view, 36 with the overscan on both sides.
const window = (count: number, settledCount: number, scrollTop = 0, settledScrollTop = scrollTop) =>
  rowWindow({ count, settledCount, rowHeight: 30, scrollTop, settledScrollTop, viewHeight: 600 });

describe('rowWindow', () => {
  it('draws a short list whole once it has been drawn whole, and after a step that changes a row', () => {
    expect(window(85, 85)).toEqual([0, 85]);
    expect(window(86, 85, 900)).toEqual([0, 86]);
    expect(window(84, 85, 900)).toEqual([0, 84]);
  });

  it('draws only the rows in view in the frame where a short list first appears or gains many rows', () => {
    expect(window(85, 0)).toEqual([0, 20 + OVERSCAN]);
    expect(window(120, 0, 2400)).toEqual([80 - OVERSCAN, 100 + OVERSCAN]);
    expect(window(300, 40, 300)).toEqual([2, 38]);
  });

  it('draws a list that loses many rows in view too', () => {
    expect(window(30, 120, 0)).toEqual([0, 28]);
    expect(window(10, 120, 0)).toEqual([0, 10]);
  });

  it('never draws more than the list has, nor rows in view of a long list beyond it', () => {
    expect(window(5, 0)).toEqual([0, 5]);
    expect(window(0, 85)).toEqual([0, 0]);
    const long = VIRTUALIZE_ABOVE + 1;
    expect(window(long, long, 0)).toEqual([0, 20 + OVERSCAN]);
    expect(window(10_000, 10_000, 150_000)).toEqual([5000 - OVERSCAN, 5020 + OVERSCAN]);
    expect(window(10_000, 10_000, 299_400)).toEqual([9980 - OVERSCAN, 10_000]);
  });

  it('keeps the rows a long list had and adds those come into view when it scrolls; the margin follows', () => {
    // Drawn at 150,000 px: rows 5000–5019 in view, 4992–5028 with the margin. Scrolled down ten rows:
    // rows 5010–5029 in view; kept are 5002–5028, so the frame draws 5002–5029, not 5002–5038.
    expect(window(10_000, 10_000, 150_300, 150_000)).toEqual([5002, 5030]);
    // Scrolled up ten rows: rows 4990–5009 in view, 4992–5018 kept.
    expect(window(10_000, 10_000, 149_700, 150_000)).toEqual([4990, 5018]);
    // Once the deferred render has caught up, the margin is back on both sides.
    expect(window(10_000, 10_000, 150_300, 150_300)).toEqual([5010 - OVERSCAN, 5030 + OVERSCAN]);
  });

  it('draws only the rows in view after a long list jumps far', () => {
    expect(window(10_000, 10_000, 30_000, 150_000)).toEqual([1000, 1020]);
    expect(window(10_000, 10_000, 0, 150_000)).toEqual([0, 20]);
  });

  it('always covers the rows in view, and never more than the margin would', () => {
    for (const [top, had] of [
      [150_300, 150_000],
      [150_000, 150_300],
      [150_240, 150_000],
      [299_400, 280_000],
      [45, 0],
    ]) {
      const [first, last] = window(10_000, 10_000, top, had);
      const [full0, full1] = window(10_000, 10_000, top, top);
      expect(first, `${top} from ${had}`).toBeLessThanOrEqual(Math.floor(top / 30));
      expect(last).toBeGreaterThanOrEqual(Math.min(10_000, Math.ceil((top + 600) / 30)));
      expect(first).toBeGreaterThanOrEqual(full0);
      expect(last).toBeLessThanOrEqual(full1);
    }
  });
});
