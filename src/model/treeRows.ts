import type { Replay, Snapshot } from '../steps/engine';
import { getNode, type DirectoryNode, type TreeNode } from '../steps/tree';

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

/** Where a directory's descendants sit in a rows array (the directory's own row is just before). */
interface Span {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/** One tree turned into rows, without marks, and where each directory it visited sits in them. */
interface Generation {
  readonly source: DirectoryNode;
  readonly collapsed: ReadonlySet<string>;
  readonly rows: readonly TreeRow[];
  readonly spans: ReadonlyMap<DirectoryNode, Span>;
}

/**
 * The last few trees turned into rows, most recent first. Snapshots share every directory a step
 * did not touch, so the next call copies those directories' rows from here instead of building
 * them again: a step through a 10,000-row tree builds a few dozen rows, not 10,000, and jumping
 * back and forth between two positions builds nothing. Keeping a handful bounds the memory to a
 * few trees' rows whatever the number of snapshots.
 */
const recent: Generation[] = [];
const KEEP = 3;

/**
 * The rows of the tree at `snapshot`, skipping what is inside collapsed directories. With
 * `showFuture`, entries that later steps create are included (taken from the final tree).
 */
export function treeRows(
  replay: Replay,
  snapshot: Snapshot,
  collapsed: ReadonlySet<string>,
  showFuture: boolean,
): TreeRow[] {
  const rows = showFuture ? futureRows(replay, snapshot, collapsed) : currentRows(snapshot.root, collapsed);
  const change = snapshot.change;
  if (!change) return rows;
  const at = indexOfPath(rows, change.path);
  if (at < 0) return rows;
  // A copy: the unmarked array stays cached for the next call.
  const marked = rows.slice();
  marked[at] = { ...rows[at], mark: change.type === 'added' ? 'new' : 'modified' };
  return marked;
}

/** The index of the row for `path`, or -1; compares names first, which is cheaper than full paths. */
export function indexOfPath(rows: readonly TreeRow[], path: string): number {
  const name = path.slice(path.lastIndexOf('/') + 1);
  for (let i = 0; i < rows.length; i++) if (rows[i].name === name && rows[i].path === path) return i;
  return -1;
}

/** Rows of entries that exist in `root`, reusing recent calls' rows for unchanged directories. */
function currentRows(root: DirectoryNode, collapsed: ReadonlySet<string>): TreeRow[] {
  const usable = recent.filter((g) => g.collapsed === collapsed);
  const same = usable.find((g) => g.source === root);
  if (same) {
    recent.splice(recent.indexOf(same), 1);
    recent.unshift(same);
    return same.rows as TreeRow[];
  }
  const rows: TreeRow[] = [];
  const spans = new Map<DirectoryNode, Span>();
  const visit = (dir: DirectoryNode, prefix: string, level: number) => {
    const start = rows.length;
    // The same node at the same path has the same descendants, levels and expansion.
    let reused = false;
    for (const generation of usable) {
      const old = generation.spans.get(dir);
      if (!old || old.path !== prefix) continue;
      for (let i = old.start; i < old.end; i++) rows.push(generation.rows[i]);
      reused = true;
      break;
    }
    if (!reused) {
      let index = 0;
      for (const [name, node] of dir.children) {
        const row = childRow(dir, name, node, prefix, level, ++index, collapsed, null);
        rows.push(row);
        if (node.kind === 'directory' && row.expanded) visit(node, row.path, level + 1);
      }
    }
    spans.set(dir, { path: prefix, start, end: rows.length });
  };
  visit(root, '', 1);
  recent.unshift({ source: root, collapsed, rows, spans });
  recent.length = Math.min(recent.length, KEEP);
  return rows;
}

/** Rows of the final tree, each marked with the step that creates it when that is still to come. */
function futureRows(replay: Replay, snapshot: Snapshot, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const created = creationStepOf(replay);
  const visit = (dir: DirectoryNode, prefix: string, level: number) => {
    let index = 0;
    for (const [name, node] of dir.children) {
      const path = prefix === '' ? name : `${prefix}/${name}`;
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
  const path = prefix === '' ? name : `${prefix}/${name}`;
  return {
    path,
    name,
    level,
    kind: node.kind,
    expanded: node.kind === 'directory' && !collapsed.has(path),
    setSize: dir.children.size,
    positionInSet,
    mark: null,
    futureStep,
  };
}

/** Whether `path` exists at `snapshot`. */
export function existsAt(snapshot: Snapshot, path: string): boolean {
  return getNode(snapshot.root, path) !== undefined;
}
