import type { Replay } from './engine';
import { readFile } from './tree';

/** One entry of a serialised tree: what goes into a zip or onto a disk. */
export interface SerialEntry {
  readonly path: string;
  readonly kind: 'directory' | 'file';
  /** The file's text; undefined for directories. */
  readonly content?: string;
}

/** The tree at `position` as entries in creation order (directories before what they hold). */
export function treeEntries(replay: Replay, position: number): SerialEntry[] {
  const snapshot = replay.snapshots[position];
  return replay.created
    .slice(0, snapshot.createdCount)
    .map(({ path, kind }) =>
      kind === 'directory' ? { path, kind } : { path, kind, content: readFile(snapshot.root, path) ?? '' },
    );
}

/** The top-level names of a tree (normally one folder: the scenario's root). */
export function rootNames(entries: readonly SerialEntry[]): string[] {
  return [...new Set(entries.map((e) => e.path.split('/')[0]))];
}
