import { describe, expect, it } from 'vitest';
import { keepInView } from '../src/model/keepInView';

// 30 px rows in a 300 px window over 100 rows (3,000 px).
const view = (index: number, top: number) => keepInView(index, 30, top, 300, 3000);

describe('keepInView', () => {
  it('leaves the scroll offset alone while the row is wholly in view', () => {
    expect(view(0, 0)).toBe(0);
    expect(view(9, 0)).toBe(0);
    expect(view(20, 600)).toBe(600);
    expect(view(29, 600)).toBe(600);
  });

  it('centres a row that is below, above or partly outside the window', () => {
    expect(view(10, 0)).toBe(165);
    expect(view(50, 0)).toBe(1365);
    expect(view(19, 600)).toBe(435);
    expect(view(20, 601)).toBe(465);
  });

  it('stays within the scroll range at both ends', () => {
    expect(view(1, 900)).toBe(0);
    expect(view(99, 0)).toBe(2700);
    expect(keepInView(5, 30, 0, 300, 200)).toBe(0);
  });

  it('does nothing without an active row', () => {
    expect(view(-1, 420)).toBe(420);
  });
});
