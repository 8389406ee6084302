import { diffLines, diffStats, unifiedHunks } from './diff';
import type { Replay } from './engine';
import { treeEntries, type SerialEntry } from './entries';
import { parentPath } from './names';

export interface FileDelta {
  readonly path: string;
  readonly status: 'added' | 'removed' | 'modified';
  /** The text at the older side; '' for added files. */
  readonly before: string;
  /** The text at the newer side; '' for removed files. */
  readonly after: string;
  readonly linesAdded: number;
  readonly linesRemoved: number;
}

/** What changes between the trees at two positions, in either direction. */
export interface StepsComparison {
  readonly from: number;
  readonly to: number;
  /** Changed files: those of `to` in creation order, then those only `from` has. */
  readonly files: readonly FileDelta[];
  readonly addedDirectories: readonly string[];
  readonly removedDirectories: readonly string[];
  /**
   * Directories `to` has that applying the patch does not leave behind: new directories without
   * files, and directories that git removes because the patch deletes everything in them.
   */
  readonly directoriesToCreate: readonly string[];
  /** Directories only `from` has that applying the patch leaves in place (no deleted file empties them). */
  readonly directoriesToRemove: readonly string[];
}

/** The files and directories that differ between the trees at positions `from` and `to`. */
export function compareSteps(replay: Replay, from: number, to: number): StepsComparison {
  const older = treeEntries(replay, from);
  const newer = treeEntries(replay, to);
  const olderByPath = new Map(older.map((e) => [e.path, e]));
  const newerByPath = new Map(newer.map((e) => [e.path, e]));
  const files: FileDelta[] = [];
  for (const entry of newer) {
    if (entry.kind !== 'file') continue;
    const previous = olderByPath.get(entry.path);
    const after = entry.content ?? '';
    if (previous?.kind === 'file') {
      if (previous.content !== after) files.push(delta(entry.path, 'modified', previous.content ?? '', after));
    } else files.push(delta(entry.path, 'added', '', after));
  }
  for (const entry of older)
    if (entry.kind === 'file' && newerByPath.get(entry.path)?.kind !== 'file')
      files.push(delta(entry.path, 'removed', entry.content ?? '', ''));

  const isDirectory = (map: Map<string, SerialEntry>, path: string) => map.get(path)?.kind === 'directory';
  const addedDirectories = newer
    .filter((e) => e.kind === 'directory' && !isDirectory(olderByPath, e.path))
    .map((e) => e.path);
  const removedDirectories = older
    .filter((e) => e.kind === 'directory' && !isDirectory(newerByPath, e.path))
    .map((e) => e.path);
  const applied = directoriesAfterApply(older, files);
  const directoriesToCreate = newer.filter((e) => e.kind === 'directory' && !applied.has(e.path)).map((e) => e.path);
  const directoriesToRemove = [...applied].filter((dir) => !isDirectory(newerByPath, dir));
  return { from, to, files, addedDirectories, removedDirectories, directoriesToCreate, directoriesToRemove };
}

/**
 * The directories a tree has after `git apply`: it deletes files first, removing each parent the
 * deletion leaves empty, then writes files, creating their missing parents. Empty directories are
 * never created or removed otherwise.
 */
function directoriesAfterApply(older: readonly SerialEntry[], files: readonly FileDelta[]): Set<string> {
  const directories = new Set(older.filter((e) => e.kind === 'directory').map((e) => e.path));
  const removed = new Set(files.filter((f) => f.status === 'removed').map((f) => f.path));
  const childCount = new Map<string, number>();
  for (const entry of older) {
    const parent = parentPath(entry.path);
    if (parent !== '') childCount.set(parent, (childCount.get(parent) ?? 0) + 1);
  }
  for (const path of removed) {
    for (let dir = parentPath(path); dir !== ''; dir = parentPath(dir)) {
      const left = (childCount.get(dir) ?? 0) - 1;
      childCount.set(dir, left);
      if (left > 0) break;
      directories.delete(dir);
    }
  }
  for (const file of files)
    if (file.status === 'added')
      for (let dir = parentPath(file.path); dir !== ''; dir = parentPath(dir)) directories.add(dir);
  return directories;
}

function delta(path: string, status: FileDelta['status'], before: string, after: string): FileDelta {
  const { added, removed } = diffStats(diffLines(before, after));
  return { path, status, before, after, linesAdded: added, linesRemoved: removed };
}

/**
 * A git-style unified patch of every changed file (`diff --git`, new/deleted file headers,
 * `/dev/null` sides) that `git apply` accepts on the tree exported at `comparison.from`.
 * Directories without files cannot be expressed; see `directoriesToCreate`/`directoriesToRemove`.
 */
export function unifiedPatch(comparison: StepsComparison): string {
  const out: string[] = [];
  for (const file of comparison.files) out.push(...filePatch(file));
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** The patch of one file, as lines without their newlines. */
export function filePatch(file: FileDelta): string[] {
  const a = quotePath(`a/${file.path}`);
  const b = quotePath(`b/${file.path}`);
  const lines = [`diff --git ${a} ${b}`];
  if (file.status === 'added') lines.push('new file mode 100644');
  if (file.status === 'removed') lines.push('deleted file mode 100644');
  const hunks = unifiedHunks(file.before, file.after);
  // git writes no ---/+++ lines for an empty file that is created or deleted; neither do we.
  if (hunks.length === 0) return lines;
  // git marks names that contain a space with a trailing tab so that patch tools find where they end.
  const tab = file.path.includes(' ') ? '\t' : '';
  lines.push(file.status === 'added' ? '--- /dev/null' : `--- ${a}${tab}`);
  lines.push(file.status === 'removed' ? '+++ /dev/null' : `+++ ${b}${tab}`);
  lines.push(...hunks);
  return lines;
}

const encoder = new TextEncoder();
const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A path as git writes it: in C-style quotes with octal bytes when it holds quotes, backslashes, controls or non-ASCII. */
export function quotePath(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  if (!/["\\\u0000-\u001f\u007f-\uffff]/.test(path)) return path;
  let quoted = '';
  for (const char of path) {
    const code = char.codePointAt(0)!;
    if (ESCAPES[char]) quoted += ESCAPES[char];
    else if (code >= 0x20 && code < 0x7f) quoted += char;
    else for (const byte of encoder.encode(char)) quoted += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `"${quoted}"`;
}
