import { describe, expect, it } from 'vitest';
import { generateLargeScenario } from '../bench/generate';
import { treeRows, type TreeRow } from '../src/model/treeRows';
import type { Replay, Snapshot } from '../src/steps/engine';
import type { DirectoryNode } from '../src/steps/tree';
import { builtinSource, run } from './helpers';

/** The rows built from scratch, the obvious way: what treeRows must return whatever it reuses. */
function reference(replay: Replay, snapshot: Snapshot, collapsed: ReadonlySet<string>, showFuture: boolean): TreeRow[] {
  const created = new Map(replay.created.map((e) => [e.path, e.position]));
  const rows: TreeRow[] = [];
  const visit = (dir: DirectoryNode, prefix: string, level: number) => {
    let index = 0;
    for (const [name, node] of dir) {
      index++;
      const path = prefix === '' ? name : `${prefix}/${name}`;
      const step = created.get(path) ?? 0;
      const expanded = node.kind === 'directory' && !collapsed.has(path);
      const change = snapshot.change;
      rows.push({
        path,
        name,
        level,
        kind: node.kind,
        expanded,
        setSize: dir.size,
        positionInSet: index,
        mark: change?.path === path ? (change.type === 'added' ? 'new' : 'modified') : null,
        futureStep: step <= snapshot.position ? null : step,
      });
      if (node.kind === 'directory' && expanded) visit(node, path, level + 1);
    }
  };
  visit(showFuture ? replay.snapshots[replay.snapshots.length - 1].root : snapshot.root, '', 1);
  return rows;
}

/** Compares row by row (deep equality of 10,000-row arrays is slow) and reports the first difference. */
function expectSame(
  replay: Replay,
  positions: readonly number[],
  collapsed: ReadonlySet<string> = new Set(),
  showFuture = false,
) {
  const key = (row: TreeRow | undefined) => JSON.stringify(row);
  for (const p of positions) {
    const snapshot = replay.snapshots[p];
    const rows = treeRows(replay, snapshot, collapsed, showFuture);
    const got = rows.slice(0, rows.length);
    const want = reference(replay, snapshot, collapsed, showFuture);
    const at = want.findIndex((row, i) => key(row) !== key(got[i]));
    expect(at === -1 ? null : got[at], `position ${p}, row ${at}`).toEqual(at === -1 ? null : want[at]);
    expect(got.length, `position ${p}`).toBe(want.length);
    // Every row is found where it is, one by one as well as in slices.
    const wrong = want.findIndex((row, i) => rows.indexOfPath(row.path) !== i || key(rows.at(i)) !== key(row));
    expect(wrong, `position ${p}: row found elsewhere`).toBe(-1);
    expect(rows.at(want.length)).toBeUndefined();
  }
}

/** A reproducible walk: forward, back, then jumps anywhere. */
function walk(last: number, jumps: number): number[] {
  let seed = 11;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * (last + 1);
  const forward = Array.from({ length: last + 1 }, (_, i) => i);
  return [...forward, ...[...forward].reverse(), ...Array.from({ length: jumps }, () => Math.floor(random()))];
}

describe('treeRows', () => {
  const builtin = run(builtinSource());
  const last = builtin.snapshots.length - 1;

  it('equals rows built from scratch at every position, stepping and jumping', () => {
    expectSame(builtin, walk(last, 60));
  });

  it('equals them with folders collapsed, and after the collapsed set changes', () => {
    const collapsed = new Set(['microservices_ecosystem/services/user_service', 'microservices_ecosystem/api_gateway']);
    expectSame(builtin, walk(last, 20), collapsed);
    expectSame(builtin, [last, 40, 41], new Set(['microservices_ecosystem']));
    expectSame(builtin, [41, 40, last]);
  });

  it('equals them when "show later paths" is switched on and off between steps', () => {
    expectSame(builtin, [10, 11], new Set(), true);
    expectSame(builtin, [11, 12, 33]);
    expectSame(builtin, [33, 34, 5], new Set(), true);
    expectSame(builtin, [34, 35]);
  });

  it('marks only the entry the current step touched, never one reused from an earlier step', () => {
    for (const p of [33, 34, 50, 33]) {
      const rows = treeRows(builtin, builtin.snapshots[p], new Set(), false);
      const marked = rows.slice(0, rows.length).filter((row) => row.mark !== null);
      expect(marked.map((row) => row.path)).toEqual([builtin.snapshots[p].change!.path]);
    }
  });

  it('equals rows built from scratch on the 10,000-step benchmark scenario', () => {
    const large = run(generateLargeScenario());
    const end = large.snapshots.length - 1;
    expectSame(large, [...Array.from({ length: 60 }, (_, i) => 4000 + i), end, 0, end, 9_990, 2_500, 7_777, 9_999, 1]);
  }, 60_000);
});

describe('indexOfPath', () => {
  it('finds a row by its full path, not just its name, and not inside a collapsed folder', () => {
    const replay = run(builtinSource());
    const path = 'microservices_ecosystem/services/order_service/service_config.json';
    for (const showFuture of [false, true]) {
      const rows = treeRows(replay, replay.snapshots[85], new Set(), showFuture);
      expect(rows.at(rows.indexOfPath(path))?.path).toBe(path);
      expect(rows.indexOfPath('service_config.json')).toBe(-1);
      expect(rows.indexOfPath('')).toBe(-1);
      const collapsed = treeRows(
        replay,
        replay.snapshots[85],
        new Set(['microservices_ecosystem/services']),
        showFuture,
      );
      expect(collapsed.indexOfPath(path)).toBe(-1);
      expect(collapsed.indexOfPath('microservices_ecosystem/services')).toBeGreaterThan(0);
    }
  });
});

describe('treeRows in a wide folder', () => {
  it('equals rows built from scratch while a folder grows past 1,000 entries, collapsed or not', () => {
    const lines = ['Create a directory named "wide"'];
    for (let i = 1; i <= 1_100; i++)
      lines.push(
        i % 7 === 0
          ? `Create a directory named "d${i}" inside wide`
          : `Create a file named "f${i}" in ${i > 7 && i % 7 === 3 ? `d${i - 3}` : 'wide'} with content: "x"`,
      );
    const wide = run(lines.map((body, i) => `Step ${i + 1}: ${body}`).join('\n'));
    expect(wide.error).toBeNull();
    expectSame(wide, [1, 2, 33, 34, 35, 500, 1_030, 1_031, 1_032, 1_100, 1_101, 40, 1_101]);
    expectSame(wide, [1_101, 1_000, 1_101], new Set(['wide/d700', 'wide/d14']));
  });
});
