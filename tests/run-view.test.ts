import { describe, expect, it } from 'vitest';
import { runReport } from '../src/steps/runs/report';
import { adjacentProblemStep } from '../src/state/runsSlice';
import {
  DEFAULT_GRID_ORDER,
  describeOperation,
  gridModel,
  moveInGrid,
  operationsTrack,
  rootCauses,
  stepMoment,
  stepOfOperation,
  stepOperations,
  treeAfterOperation,
  treeAtStep,
} from '../src/model/runView';
import { gradeFixture, SHOP } from './runs-helpers';

async function graded(name: string) {
  const [result] = await gradeFixture(`status/${name}.jsonl`);
  return { result, report: runReport(result) };
}

describe('problem steps', () => {
  it('jumps to the next and previous step not done in its place, and to nothing past the ends', async () => {
    const { report } = await graded('loop-not-replayed'); // 6 combined, 7 and 8 missing
    expect(adjacentProblemStep(report.steps, 0, 1)).toBe(6);
    expect(adjacentProblemStep(report.steps, 6, 1)).toBe(7);
    expect(adjacentProblemStep(report.steps, 8, 1)).toBeNull();
    expect(adjacentProblemStep(report.steps, 11, -1)).toBe(8);
    expect(adjacentProblemStep(report.steps, 6, -1)).toBeNull();
  });
});

describe("the run's moment for a step", () => {
  it('is the operation that did the step, the closest version of a wrong one, or where the run had got to', async () => {
    const wrong = await graded('wrong-update-carried');
    expect(stepMoment(wrong.report, 9)).toBe(9);
    expect(stepMoment(wrong.report, 10)).toBe(10); // the closest version
    const skipped = await graded('skipped-file-step');
    // Step 9 is missing: the run had done step 8 (operation 8) in order.
    expect(stepMoment(skipped.report, 9)).toBe(8);
    expect(stepMoment(skipped.report, 0)).toBe(0);
  });

  it('lists the operations beside a step: what did it, and what was not applied in its stretch', async () => {
    const loop = await graded('loop-not-replayed');
    // Step 7 is missing: the loop (op 6) was not replayed where steps 6–8 should have been.
    expect(stepOperations(loop.report, 7)).toEqual([
      { op: 6, role: 'not-replayed', reason: 'a variable or command substitution ($)' },
    ]);
    expect(stepOperations(loop.report, 6)).toEqual([
      { op: 6, role: 'not-replayed', reason: 'a variable or command substitution ($)' },
      { op: 7, role: 'did' },
    ]);
    const failed = await graded('failed-call');
    expect(stepOperations(failed.report, 11).map((o) => o.role)).toEqual(['did']);
    const wrong = await graded('wrong-update-carried');
    expect(stepOperations(wrong.report, 10)).toEqual([{ op: 10, role: 'closest' }]);
  });

  it('goes from an operation to the step it belongs to', async () => {
    const loop = await graded('loop-not-replayed');
    expect(stepOfOperation(loop.report, 7)).toBe(6);
    expect(stepOfOperation(loop.report, 6)).toBe(6);
    expect(stepOfOperation(loop.report, 1)).toBe(1);
  });
});

describe('expected | actual', () => {
  it('compares the tree after the step with the run’s at its moment, by the rules of check', async () => {
    const { result, report } = await graded('wrong-update-carried');
    const tree = treeAtStep(SHOP, result, 10, stepMoment(report, 10));
    expect(tree.entries.filter((e) => e.status !== 'identical')).toEqual([
      expect.objectContaining({ path: 'shop/config/settings.json', status: 'different', laterStep: null }),
    ]);
    expect(tree.counts.identical).toBe(8);
  });

  it('names the later step of a path the run made early', async () => {
    // Step 3 (settings.json) was done after step 4 (README.md): at step 3 the run has README.md already.
    const { result, report } = await graded('swapped-steps');
    const early = treeAtStep(SHOP, result, 3, stepMoment(report, 3)).entries.filter((e) => e.status === 'extra');
    expect(early.map((e) => [e.path, e.laterStep])).toEqual([['shop/README.md', 4]]);
  });

  it('shows the tree after an operation and what it changed', async () => {
    const { result } = await graded('combined-mkdir');
    const after = treeAfterOperation(result, 5);
    expect([...after.changed].sort()).toEqual([
      'shop/services',
      'shop/services/orders',
      'shop/services/payments',
      'shop/services/users',
    ]);
    expect(after.entries.map((e) => e.path)).toContain('shop/README.md');
    expect(treeAfterOperation(result, 0).entries).toEqual([]);
  });
});

describe('the operations track', () => {
  it('links each operation to the steps it did, a fan for combined steps', async () => {
    const { report } = await graded('combined-mkdir');
    const track = operationsTrack(report);
    expect(track.operations).toBe(8);
    expect(track.stepsByOp.get(5)).toEqual([5, 6, 7, 8]);
    expect(track.links.filter((l) => l.op === 5).map((l) => l.status)).toEqual([
      'combined',
      'combined',
      'combined',
      'done',
    ]);
    const outside = operationsTrack((await graded('outside-path')).report);
    expect([...outside.outcomes]).toEqual([
      [12, { status: 'outside', reason: '/home/u/escape.txt' }],
      [13, { status: 'outside', reason: '/etc/hosts' }],
    ]);
  });

  it('describes an operation as the log asked for it', async () => {
    const { result } = await graded('heredoc');
    const shell = result.replay.run.operations.find(
      (o) => o.action.type === 'shell' && o.action.command.includes('<<'),
    )!;
    const text = describeOperation(shell);
    const command = shell.action.type === 'shell' ? shell.action.command : '';
    expect(text.summary).toBe(`${command.split('\n')[0]} …`);
    expect(text.detail).toBe(command);
    expect(text.tool).toBe('shell');
    expect(text.location).toMatch(/^line \d+$/);
  });
});

describe('causes', () => {
  it('groups the failures that follow from one root cause', async () => {
    expect(rootCauses((await graded('wrong-update-carried')).report)).toEqual([{ step: 10, consequences: [11] }]);
    expect(rootCauses((await graded('perfect')).report)).toEqual([]);
  });
});

describe('the step × run grid', () => {
  it('counts passes per step and per run and sorts by them, ties in step or opening order', async () => {
    const reports = await Promise.all(
      ['perfect', 'skipped-file-step', 'combined-mkdir'].map(async (n) => (await graded(n)).report),
    );
    const model = gridModel(reports, 11, DEFAULT_GRID_ORDER);
    expect(model.rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(model.passedByStep).toEqual([3, 3, 3, 3, 2, 2, 2, 3, 2, 3, 3]);
    expect(model.passedByRun).toEqual([11, 10, 8]);
    const byRate = gridModel(reports, 11, { ...DEFAULT_GRID_ORDER, rows: 'passed', columns: 'passed' });
    expect(byRate.rows).toEqual([5, 6, 7, 9, 1, 2, 3, 4, 8, 10, 11]);
    expect(byRate.columns).toEqual([2, 1, 0]);
    const descending = gridModel(reports, 11, { ...DEFAULT_GRID_ORDER, rows: 'passed', rowsDescending: true });
    expect(descending.rows.slice(0, 2)).toEqual([1, 2]);
  });

  it('moves focus as the WAI-ARIA grid pattern says, never out of the grid', () => {
    const at = { row: 2, column: 3 };
    expect(moveInGrid(at, 'ArrowUp', false, 12, 5)).toEqual({ row: 1, column: 3 });
    expect(moveInGrid(at, 'ArrowRight', false, 12, 5)).toEqual({ row: 2, column: 4 });
    expect(moveInGrid({ row: 2, column: 4 }, 'ArrowRight', false, 12, 5)).toEqual({ row: 2, column: 4 });
    expect(moveInGrid(at, 'Home', false, 12, 5)).toEqual({ row: 2, column: 0 });
    expect(moveInGrid(at, 'End', true, 12, 5)).toEqual({ row: 11, column: 4 });
    expect(moveInGrid(at, 'PageDown', false, 12, 5)).toEqual({ row: 11, column: 3 });
    expect(moveInGrid({ row: 0, column: 0 }, 'ArrowUp', false, 12, 5)).toEqual({ row: 0, column: 0 });
    expect(moveInGrid(at, 'x', false, 12, 5)).toBeNull();
  });
});
