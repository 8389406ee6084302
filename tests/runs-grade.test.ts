import { describe, expect, it } from 'vitest';
import { longestInOrder } from '../src/steps/runs/grade';
import { actualEntries } from '../src/steps/runs/replayRun';
import { gradeFixture, gradeOps, statuses } from './runs-helpers';

const d = 'done';

/** One fixture per status (tests/fixtures/runs/status), graded against tests/fixtures/runs/document.txt. */
describe('grade: a status for every step', () => {
  it('passes a perfect run: every step done at its own operation, the final tree identical', async () => {
    const [result] = await gradeFixture('status/perfect.jsonl');
    expect(statuses(result)).toEqual(Array(11).fill(d));
    expect(result.steps.map((s) => s.op)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(result.firstDivergence).toBeNull();
    expect(result.verdict).toBe('pass');
    expect(result.final).toMatchObject({ identical: 9, different: 0, missing: 0, extra: 0, matches: true });
    expect(result.fullyReplayed).toBe(true);
  });

  it('marks a skipped file step missing, and only it', async () => {
    const [result] = await gradeFixture('status/skipped-file-step.jsonl');
    expect(statuses(result)).toEqual([d, d, d, d, d, d, d, d, 'missing', d, d]);
    expect(result.firstDivergence).toBe(9);
    expect(result.steps[8]).toMatchObject({ op: null, causedBy: null, path: 'shop/services/orders/notes.txt' });
    expect(result.verdict).toBe('fail');
    expect(result.final.missing).toBe(1);
  });

  it('marks folders made by one mkdir -p as combined into the last of them', async () => {
    const [result] = await gradeFixture('status/combined-mkdir.jsonl');
    expect(statuses(result)).toEqual([d, d, d, d, 'combined', 'combined', 'combined', d, d, d, d]);
    expect(result.steps.slice(4, 8).map((s) => s.op)).toEqual([5, 5, 5, 5]);
    expect(result.firstDivergence).toBe(5);
    // The tree is right in the end: the grade fails on the order of work alone.
    expect(result.final.matches).toBe(true);
    expect(result.verdict).toBe('fail');
  });

  it('marks one of two swapped steps out of order: the one done after its place', async () => {
    const [result] = await gradeFixture('status/swapped-steps.jsonl');
    expect(statuses(result)).toEqual([d, d, 'out-of-order', d, d, d, d, d, d, d, d]);
    expect(result.steps[2].op).toBe(4);
    expect(result.steps[3].op).toBe(3);
    expect(result.firstDivergence).toBe(3);
  });

  it('traces a wrong update carried into the next update to its root cause', async () => {
    const [result] = await gradeFixture('status/wrong-update-carried.jsonl');
    expect(statuses(result)).toEqual([d, d, d, d, d, d, d, d, d, 'wrong', 'wrong']);
    expect(result.steps[9]).toMatchObject({ causedBy: null, closest: { op: 10 } });
    expect(result.steps[9].closest?.content).toContain('"workers": 2');
    expect(result.steps[10]).toMatchObject({ causedBy: 10, closest: { op: 11 } });
    expect(result.firstDivergence).toBe(10);
    expect(result.final.different).toBe(1);
  });

  it('takes a trailing newline in JSON as equivalent and in Markdown as wrong', async () => {
    const [result] = await gradeFixture('status/trailing-newline.jsonl');
    expect(result.steps[2]).toMatchObject({ status: 'done', equivalent: true });
    expect(result.steps[3]).toMatchObject({ status: 'wrong', equivalent: false, closest: { op: 4 } });
    expect(result.steps.filter((s) => s.equivalent).map((s) => s.step)).toEqual([3]);
    expect(result.firstDivergence).toBe(4);
  });

  it('reads a file written by a heredoc, byte for byte', async () => {
    const [result] = await gradeFixture('status/heredoc.jsonl');
    expect(statuses(result)).toEqual(Array(11).fill(d));
    expect(result.steps[3]).toMatchObject({ op: 4, equivalent: false });
    expect(result.verdict).toBe('pass');
  });

  it('does not apply a call the log says failed', async () => {
    const [result] = await gradeFixture('status/failed-call.jsonl');
    expect(result.replay.outcomes[11]).toMatchObject({ status: 'failed', changed: [] });
    expect(result.failed).toEqual([{ op: 12, reason: "rm: cannot remove 'shop/README.md': Permission denied" }]);
    expect(result.verdict).toBe('pass');
  });

  it('shows an operation on a path outside the run folder and never applies it', async () => {
    const [result] = await gradeFixture('status/outside-path.jsonl');
    expect(result.replay.root).toBe('/home/u/task');
    expect(result.replay.rootSource).toBe('inferred');
    expect(result.outside).toEqual([
      { op: 12, path: '/home/u/escape.txt' },
      { op: 13, path: '/etc/hosts' },
    ]);
    expect(actualEntries(result.replay, 13).map((e) => e.path)).not.toContain('shop/hosts');
    expect(result.verdict).toBe('pass');
  });

  it('reports a loop as not replayed and says the run could not be fully replayed', async () => {
    const [result] = await gradeFixture('status/loop-not-replayed.jsonl');
    expect(result.notReplayed).toEqual([
      {
        op: 6,
        command: 'for d in orders payments users; do mkdir shop/services/$d; done',
        reason: 'a variable or command substitution ($)',
      },
    ]);
    expect(result.fullyReplayed).toBe(false);
    // notes.txt (op 7) makes "orders" as its parent; the other two folders are never made.
    expect(statuses(result)).toEqual([d, d, d, d, d, 'combined', 'missing', 'missing', d, d, d]);
  });
});

describe('grade: rules', () => {
  it('counts a folder made as the parent of a written file as made by that operation', () => {
    const result = gradeOps([
      { op: 'write', path: 'shop/config/settings.json', content: '{"port": 8080, "debug": false}' },
    ]);
    expect(result.steps.slice(0, 3).map((s) => [s.status, s.op])).toEqual([
      ['combined', 1],
      ['combined', 1],
      ['done', 1],
    ]);
  });

  it('makes every step after a missing folder that needs it point at that folder', () => {
    const result = gradeOps([
      { op: 'mkdir', path: 'shop' },
      { op: 'mkdir', path: 'shop/services' },
    ]);
    const causes = result.steps.map((s) => s.causedBy);
    // config (2) is missing: settings.json (3) and both its updates (10, 11) follow from it, and
    // notes.txt (9) from the missing orders folder (6). Root causes have no cause themselves.
    expect(causes).toEqual([null, null, 2, null, null, null, null, null, 6, 2, 2]);
    expect(result.firstDivergence).toBe(2);
  });

  it('traces every failure of an empty run to the one root cause, through chains of folders', () => {
    const result = gradeOps([]);
    expect(statuses(result)).toEqual(Array(11).fill('missing'));
    expect(result.steps.map((s) => s.causedBy)).toEqual([null, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('does not let an update be done before the version it updates', () => {
    // The final content written first, then the first version: step 3 is done at op 3, and the
    // update's content (op 2) came before it, so the update is never done in order.
    const result = gradeOps([
      { op: 'mkdir', path: 'shop/config' },
      {
        op: 'write',
        path: 'shop/config/settings.json',
        content: '{\n  "port": 8080,\n  "debug": true,\n  "workers": 4\n}',
      },
      { op: 'write', path: 'shop/config/settings.json', content: '{"port": 8080, "debug": false}' },
    ]);
    expect(result.steps[2]).toMatchObject({ status: 'done', op: 3 });
    expect(result.steps[9]).toMatchObject({ status: 'wrong', op: null, causedBy: null, closest: { op: 2 } });
  });

  it('lists paths the document never names as extra, with the operation that first changed them', () => {
    const result = gradeOps([
      { op: 'write', path: 'scratch/todo.md', content: 'x' },
      { op: 'delete', path: 'scratch' },
    ]);
    expect(result.extra).toEqual([
      { op: 1, path: 'scratch' },
      { op: 1, path: 'scratch/todo.md' },
    ]);
    expect(result.final.extra).toBe(0);
  });

  it('refuses an edit whose text is not in the file, leaving the tree as it was', () => {
    const result = gradeOps([
      { op: 'write', path: 'a.txt', content: 'one' },
      { op: 'edit', path: 'a.txt', old: 'two', new: 'three' },
    ]);
    expect(result.refused).toEqual([{ op: 2, reason: 'a.txt: the text to replace is not in the file' }]);
    expect(result.replay.trees[2]).toBe(result.replay.trees[1]);
  });

  it('keeps the tree after every operation, sharing what did not change', () => {
    const result = gradeOps([
      { op: 'write', path: 'shop/README.md', content: 'a' },
      { op: 'write', path: 'shop/other.md', content: 'b' },
      { op: 'move', from: 'shop/other.md', to: 'shop/moved.md' },
    ]);
    expect(actualEntries(result.replay, 1)).toEqual([
      { path: 'shop', kind: 'directory' },
      { path: 'shop/README.md', kind: 'file', content: 'a' },
    ]);
    expect(actualEntries(result.replay, 3).map((e) => e.path)).toEqual(['shop', 'shop/README.md', 'shop/moved.md']);
    expect(result.replay.trees[3].get('shop/README.md')).toBe(result.replay.trees[1].get('shop/README.md'));
  });
});

describe('longestInOrder', () => {
  it('keeps the longest run of non-decreasing operations, preferring the latest steps', () => {
    expect(longestInOrder([1, 2, 4, 3, 5])).toEqual([true, true, false, true, true]);
    // Step 2 made only when step 4 wrote into it: step 2 is the one out of place, not step 3.
    expect(longestInOrder([1, 3, 2, 3, 4])).toEqual([true, false, true, true, true]);
    expect(longestInOrder([1, 1, 1, 2])).toEqual([true, true, true, true]);
    expect(longestInOrder([3, null, 1, 2])).toEqual([false, false, true, true]);
    expect(longestInOrder([5, 1, 2, 3, 4])).toEqual([false, true, true, true, true]);
    expect(longestInOrder([])).toEqual([]);
  });
});
