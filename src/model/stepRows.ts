import type { Replay } from '../steps/engine';
import type { Step } from '../steps/types';

/** A row of the step list: the step and the path its change touched ('' when it changed nothing). */
export interface StepRow {
  readonly step: Step;
  readonly target: string;
}

/** The step list's rows, in step order. */
export function stepRows(replay: Replay): StepRow[] {
  return replay.document.steps.map((step) => ({
    step,
    target: replay.snapshots[step.number]?.change?.path ?? '',
  }));
}

/** Whether the filter `needle` (trimmed, lower case) finds the row: in its path or text, or as its number. */
export function matches(row: StepRow, needle: string): boolean {
  if (needle === '') return true;
  return (
    row.target.toLowerCase().includes(needle) ||
    row.step.text.toLowerCase().includes(needle) ||
    String(row.step.number) === needle
  );
}

/** How many of `rows` (in step order) come before step `position`: the steps already applied. */
export function countBefore(rows: readonly StepRow[], position: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle].step.number < position) low = middle + 1;
    else high = middle;
  }
  return low;
}
