import type { Replay, Snapshot } from '../steps/engine';
import { getNode, type DirectoryNode } from '../steps/tree';

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

/**
 * The rows of the tree at `snapshot`, skipping what is inside collapsed directories. With
 * `showFuture`, entries that later steps create are included (taken from the final tree).
 */
export function treeRows(replay: Replay, snapshot: Snapshot, collapsed: ReadonlySet<string>, showFuture: boolean): TreeRow[] {
  const rows: TreeRow[] = [];
  const source = showFuture ? replay.snapshots[replay.snapshots.length - 1].root : snapshot.root;
  const created = creationStepOf(replay);
  const change = snapshot.change;
  const visit = (dir: DirectoryNode, prefix: string, level: number) => {
    const size = dir.children.size;
    let index = 0;
    for (const [name, node] of dir.children) {
      index++;
      const path = prefix === '' ? name : `${prefix}/${name}`;
      const step = created.get(path) ?? 0;
      const exists = step <= snapshot.position;
      const expanded = node.kind === 'directory' && !collapsed.has(path);
      rows.push({
        path,
        name,
        level,
        kind: node.kind,
        expanded,
        setSize: size,
        positionInSet: index,
        mark: change?.path === path ? (change.type === 'added' ? 'new' : 'modified') : null,
        futureStep: exists ? null : step,
      });
      if (node.kind === 'directory' && expanded) visit(node, path, level + 1);
    }
  };
  visit(source, '', 1);
  return rows;
}

/** Whether `path` exists at `snapshot`. */
export function existsAt(snapshot: Snapshot, path: string): boolean {
  return getNode(snapshot.root, path) !== undefined;
}
