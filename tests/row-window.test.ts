import { describe, expect, it } from 'vitest';
import { OVERSCAN, rowWindow, VIRTUALIZE_ABOVE } from '../src/components/rowWindow';

// 30 px rows in a 600 px view: 20 rows in view, 36 with the overscan on both sides.
const window = (count: number, settledCount: number, scrollTop = 0) =>
  rowWindow({ count, settledCount, rowHeight: 30, scrollTop, viewHeight: 600 });

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
});
