import { describe, expect, it } from 'vitest';
import { CONTEXT_ROWS, keepInView } from '../src/components/keepInView';

// 30 px rows in a 300 px window over 100 rows (3,000 px): rows 0–9 show at offset 0.
const view = (index: number, top: number) => keepInView(index, 30, top, 300, 3000);
const context = CONTEXT_ROWS * 30;

describe('keepInView', () => {
  it('leaves the scroll offset alone while the row and its context are in view', () => {
    expect(view(0, 0)).toBe(0);
    expect(view(9 - CONTEXT_ROWS, 0)).toBe(0);
    expect(view(20 + CONTEXT_ROWS, 600)).toBe(600);
    expect(view(29 - CONTEXT_ROWS, 600)).toBe(600);
  });

  it('scrolls just far enough for a row a step or a few out of place, so stepping moves a row at a time', () => {
    // Stepping down past the context: the row sits CONTEXT_ROWS above the bottom edge.
    expect(view(7, 0)).toBe(30);
    expect(view(8, 30)).toBe(60);
    expect(view(10, 0)).toBe(10 * 30 + 30 + context - 300);
    // Stepping up: the row sits CONTEXT_ROWS below the top edge.
    expect(view(22, 600)).toBe(570);
    expect(view(15, 600)).toBe(15 * 30 - context);
  });

  it('centres a row that is farther away, as after a jump', () => {
    expect(view(50, 0)).toBe(1365);
    expect(view(5, 1500)).toBe(15);
    expect(view(80, 600)).toBe(2265);
  });

  it('stays within the scroll range at both ends', () => {
    expect(view(1, 900)).toBe(0);
    expect(view(1, 60)).toBe(0);
    expect(view(99, 0)).toBe(2700);
    expect(view(99, 2650)).toBe(2700);
    expect(keepInView(5, 30, 0, 300, 200)).toBe(0);
  });

  it('keeps a row in view when the view is too short for the context, or for the row', () => {
    expect(keepInView(10, 30, 0, 60, 3000)).toBe(285);
    expect(keepInView(11, 30, 285, 60, 3000)).toBe(315);
    for (const top of [0, 300, 305, 310, 900]) expect(keepInView(10, 30, top, 20, 3000)).toBe(300);
  });

  it('does nothing without an active row', () => {
    expect(view(-1, 420)).toBe(420);
  });
});
