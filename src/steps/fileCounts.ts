import type { Replay } from './engine';

/** How many files exist at a position, and how many of them parse (see validate.ts). */
export interface FileCounts {
  readonly files: number;
  /** Files that parse (or need no parsing). */
  readonly valid: number;
}

/**
 * A replay's file counts, packed as [files, valid] per position, known for positions 0 to known - 1.
 * This module holds them apart from validate.ts so that the document loader can hand over the counts
 * its worker computed without loading the checker and its YAML parser into the page's first chunk.
 */
export interface FileCountTable {
  readonly packed: Uint32Array;
  known: number;
}

const tables = new WeakMap<Replay, FileCountTable>();

/** The table of `replay`, with position 0 (an empty tree) known. */
export function fileCountTable(replay: Replay): FileCountTable {
  let table = tables.get(replay);
  if (!table) tables.set(replay, (table = { packed: new Uint32Array(replay.snapshots.length * 2), known: 1 }));
  return table;
}

/**
 * Takes the counts of every position of `replay` from `packed` (as fileCountTable lays them out), computed
 * elsewhere from the same document. Returns false, and keeps what is known, when the sizes disagree.
 */
export function adoptFileCounts(replay: Replay, packed: Uint32Array): boolean {
  if (packed.length !== replay.snapshots.length * 2 || packed[0] !== 0 || packed[1] !== 0) return false;
  tables.set(replay, { packed, known: replay.snapshots.length });
  return true;
}
