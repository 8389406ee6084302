import type { Replay, Snapshot } from '../steps/engine';
import { splitPath, type DirectoryNode, type TreeNode } from '../steps/tree';
import { joinPath } from '../steps/names';

/** One visible line of the file tree. */
export interface TreeRow {
  readonly path: string;
  readonly name: string;
  /** 1 for top-level entries, as aria-level counts. */
  readonly level: number;
  readonly kind: 'directory' | 'file';
  readonly expanded: boolean;
  readonly setSize: number;
  readonly positionInSet: number;
  /** What the current step did to this entry. */
  readonly mark: 'new' | 'modified' | null;
  /** For entries that do not exist yet: the step that will create them. */
  readonly futureStep: number | null;
}

/** The visible rows of a tree, read by index; `slice` and `length` as an array has them. */
export interface TreeRows {
  readonly length: number;
  at(index: number): TreeRow | undefined;
  slice(start: number, end: number): TreeRow[];
  /** The index of the row for `path` (a full path, not just a name), or -1. */
  indexOfPath(path: string): number;
}

const creationSteps = new WeakMap<Replay, Map<string, number>>();

/** Path → the step that creates it; computed once per replay. */
export function creationStepOf(replay: Replay): Map<string, number> {
  let map = creationSteps.get(replay);
  if (!map) {
    map = new Map(replay.created.map((entry) => [entry.path, entry.position]));
    creationSteps.set(replay, map);
  }
  return map;
}

/**
 * The rows of the tree at `snapshot`, skipping what is inside collapsed directories. With
 * `showFuture`, entries that later steps create are included (taken from the final tree).
 */
export function treeRows(
  replay: Replay,
  snapshot: Snapshot,
  collapsed: ReadonlySet<string>,
  showFuture: boolean,
): TreeRows {
  const change = snapshot.change && { path: snapshot.change.path, mark: markOf(snapshot.change.type) };
  return showFuture
    ? new ListedRows(futureRows(replay, snapshot, collapsed), change)
    : new CountedRows(snapshot.root, collapsed, change);
}

type Change = { readonly path: string; readonly mark: TreeRow['mark'] } | null;

const markOf = (type: 'added' | 'modified'): TreeRow['mark'] => (type === 'added' ? 'new' : 'modified');

/** The index of the row for `path` in `rows`, or -1; compares names first, which is cheaper than full paths. */
function scanForPath(rows: readonly TreeRow[], path: string): number {
  const name = path.slice(path.lastIndexOf('/') + 1);
  for (let i = 0; i < rows.length; i++) if (rows[i].name === name && rows[i].path === path) return i;
  return -1;
}

/** Rows built in full (the final tree with later paths), the changed one marked. */
class ListedRows implements TreeRows {
  private readonly rows: TreeRow[];

  constructor(rows: TreeRow[], change: Change) {
    const at = change ? scanForPath(rows, change.path) : -1;
    if (at >= 0) rows[at] = { ...rows[at], mark: change!.mark };
    this.rows = rows;
  }

  get length(): number {
    return this.rows.length;
  }

  at(index: number): TreeRow | undefined {
    return this.rows[index];
  }

  slice(start: number, end: number): TreeRow[] {
    return this.rows.slice(start, end);
  }

  indexOfPath(path: string): number {
    return scanForPath(this.rows, path);
  }
}

/**
 * Where each child's row falls among a directory's visible rows, and the rows made so far.
 * offsets[k] is the index of child k's row counted from the directory's first child row;
 * offsets[size] is how many rows the directory holds, at every depth.
 */
interface Layout {
  readonly offsets: Int32Array;
  readonly entries: ReadonlyArray<readonly [string, TreeNode]>;
  readonly rows: Array<TreeRow | undefined>;
}

/**
 * Rows below each directory, per collapsed set. A node sits at one path (the engine makes every
 * folder's node afresh), and a step makes new nodes only for the folders on its path, so a step
 * counts those folders' children and finds every other count here.
 */
const counts = new WeakMap<ReadonlySet<string>, WeakMap<DirectoryNode, number>>();

/**
 * Layouts of recently read folders; dropped whole once they hold more children than this, which
 * bounds the memory whatever the number of steps visited (a step through a 10,000-entry folder
 * makes a new layout of it each time).
 */
const LAYOUT_BUDGET = 100_000;
const layouts = {
  collapsed: null as ReadonlySet<string> | null,
  children: 0,
  byNode: new Map<DirectoryNode, Layout>(),
};

/**
 * The tree's rows without building them: each directory's row count, and an index finds its row by
 * descending through the directories' layouts. A step costs the folders on its path (counted and laid
 * out again) and the rows in view, not the whole tree.
 */
class CountedRows implements TreeRows {
  readonly length: number;
  private readonly counts: WeakMap<DirectoryNode, number>;
  private marked: TreeRow | null = null;

  constructor(
    private readonly root: DirectoryNode,
    private readonly collapsed: ReadonlySet<string>,
    private readonly change: Change,
  ) {
    let known = counts.get(collapsed);
    if (!known) counts.set(collapsed, (known = new WeakMap()));
    this.counts = known;
    this.length = this.rowsBelow(root, '');
  }

  at(index: number): TreeRow | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    let dir = this.root;
    let prefix = '';
    let level = 1;
    for (let i = index; ;) {
      const layout = this.layout(dir, prefix);
      const k = lastAtMost(layout.offsets, i, dir.size);
      const row = this.row(layout, dir, k, prefix, level);
      if (i === layout.offsets[k]) return row.path === this.change?.path ? this.markedRow(row) : row;
      i -= layout.offsets[k] + 1;
      dir = layout.entries[k][1] as DirectoryNode;
      prefix = row.path;
      level++;
    }
  }

  slice(start: number, end: number): TreeRow[] {
    const rows: TreeRow[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.length); i++) rows.push(this.at(i)!);
    return rows;
  }

  indexOfPath(path: string): number {
    const segments = splitPath(path);
    let dir = this.root;
    let prefix = '';
    let base = 0;
    for (let s = 0; s < segments.length; s++) {
      const k = dir.indexOf(segments[s]);
      if (k < 0) return -1;
      const layout = this.layout(dir, prefix);
      const at = base + layout.offsets[k];
      if (s === segments.length - 1) return at;
      const [name, node] = layout.entries[k];
      prefix = joinPath(prefix, name);
      if (node.kind !== 'directory' || this.collapsed.has(prefix)) return -1;
      dir = node;
      base = at + 1;
    }
    return -1;
  }

  private expanded(node: TreeNode, path: string): node is DirectoryNode {
    return node.kind === 'directory' && !(this.collapsed.size > 0 && this.collapsed.has(path));
  }

  private rowsBelow(dir: DirectoryNode, path: string): number {
    let rows = this.counts.get(dir);
    if (rows === undefined) {
      rows = 0;
      for (const [name, node] of dir) {
        const childPath = joinPath(path, name);
        rows += 1 + (this.expanded(node, childPath) ? this.rowsBelow(node, childPath) : 0);
      }
      this.counts.set(dir, rows);
    }
    return rows;
  }

  private layout(dir: DirectoryNode, path: string): Layout {
    if (layouts.collapsed !== this.collapsed || layouts.children > LAYOUT_BUDGET) {
      layouts.collapsed = this.collapsed;
      layouts.children = 0;
      layouts.byNode.clear();
    }
    let layout = layouts.byNode.get(dir);
    if (!layout) {
      const offsets = new Int32Array(dir.size + 1);
      const entries = [...dir];
      let rows = 0;
      entries.forEach(([name, node], k) => {
        offsets[k] = rows;
        const childPath = joinPath(path, name);
        rows += 1 + (this.expanded(node, childPath) ? this.rowsBelow(node, childPath) : 0);
      });
      offsets[dir.size] = rows;
      layout = { offsets, entries, rows: [] };
      layouts.byNode.set(dir, layout);
      layouts.children += dir.size;
    }
    return layout;
  }

  /** Child k's row, made once per layout so that unchanged rows keep their identity from step to step. */
  private row(layout: Layout, dir: DirectoryNode, k: number, prefix: string, level: number): TreeRow {
    let row = layout.rows[k];
    if (!row) {
      const [name, node] = layout.entries[k];
      row = layout.rows[k] = childRow(dir, name, node, prefix, level, k + 1, this.collapsed, null);
    }
    return row;
  }

  private markedRow(row: TreeRow): TreeRow {
    if (this.marked?.path !== row.path) this.marked = { ...row, mark: this.change!.mark };
    return this.marked;
  }
}

/** The last k < size with offsets[k] ≤ value (offsets ascending, offsets[0] = 0 ≤ value). */
function lastAtMost(offsets: Int32Array, value: number, size: number): number {
  let low = 0;
  let high = size - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (offsets[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Rows of the final tree, each marked with the step that creates it when that is still to come. */
function futureRows(replay: Replay, snapshot: Snapshot, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const created = creationStepOf(replay);
  const visit = (dir: DirectoryNode, prefix: string, level: number) => {
    let index = 0;
    for (const [name, node] of dir) {
      const path = joinPath(prefix, name);
      const step = created.get(path) ?? 0;
      const row = childRow(dir, name, node, prefix, level, ++index, collapsed, step <= snapshot.position ? null : step);
      rows.push(row);
      if (node.kind === 'directory' && row.expanded) visit(node, path, level + 1);
    }
  };
  visit(replay.snapshots[replay.snapshots.length - 1].root, '', 1);
  return rows;
}

/** The unmarked row of one child of `dir`, the one place that shapes a row. */
function childRow(
  dir: DirectoryNode,
  name: string,
  node: TreeNode,
  prefix: string,
  level: number,
  positionInSet: number,
  collapsed: ReadonlySet<string>,
  futureStep: number | null,
): TreeRow {
  const path = joinPath(prefix, name);
  return {
    path,
    name,
    level,
    kind: node.kind,
    expanded: node.kind === 'directory' && !collapsed.has(path),
    setSize: dir.size,
    positionInSet,
    mark: null,
    futureStep,
  };
}
