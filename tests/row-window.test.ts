import { describe, expect, it } from 'vitest';
import { OVERSCAN, rowWindow, VIRTUALIZE_ABOVE } from '../src/model/rowWindow';

// 30 px rows in a 600 px view: 20 rows in view, 36 with the overscan on both sides.
const rowsFor = (count: number, settledCount: number, scrollTop = 0) =>
  rowWindow({ count, settledCount, rowHeight: 30, scrollTop, viewHeight: 600 });

describe('rowWindow', () => {
  it('draws a short list whole once it has been drawn whole, and after a step that changes a row', () => {
    expect(rowsFor(85, 85)).toEqual([0, 85]);
    expect(rowsFor(86, 85, 900)).toEqual([0, 86]);
    expect(rowsFor(84, 85, 900)).toEqual([0, 84]);
  });

  it('draws only the rows in view in the frame where a short list first appears or gains many rows', () => {
    expect(rowsFor(85, 0)).toEqual([0, 20 + OVERSCAN]);
    expect(rowsFor(120, 0, 2400)).toEqual([80 - OVERSCAN, 100 + OVERSCAN]);
    expect(rowsFor(300, 40, 300)).toEqual([2, 38]);
  });

  it('draws a list that loses many rows in view too', () => {
    expect(rowsFor(30, 120, 0)).toEqual([0, 28]);
    expect(rowsFor(60, 200, 0)).toEqual([0, 28]);
  });

  it('draws the rows the browser will show when the list became shorter than its scroll offset', () => {
    // A 10,000-step list scrolled far down, filtered to 85 rows: the browser clamps the offset to 1,950 px.
    expect(rowsFor(85, 10_000, 150_000)).toEqual([65 - OVERSCAN, 85]);
    expect(rowsFor(85, 85, 150_000)).toEqual([0, 85]);
    expect(rowsFor(10, 10_000, 150_000)).toEqual([0, 10]);
    expect(rowsFor(500, 10_000, 150_000)).toEqual([480 - OVERSCAN, 500]);
  });

  it('never draws more than the list has, nor rows in view of a long list beyond it', () => {
    expect(rowsFor(5, 0)).toEqual([0, 5]);
    expect(rowsFor(0, 85)).toEqual([0, 0]);
    const long = VIRTUALIZE_ABOVE + 1;
    expect(rowsFor(long, long, 0)).toEqual([0, 20 + OVERSCAN]);
    expect(rowsFor(10_000, 10_000, 150_000)).toEqual([5000 - OVERSCAN, 5020 + OVERSCAN]);
    expect(rowsFor(10_000, 10_000, 299_400)).toEqual([9980 - OVERSCAN, 10_000]);
  });
});
