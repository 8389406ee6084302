import { OrderedMap } from 'immutable';
import { displayName, nameProblem } from '../names';
import { RUN_LIMITS } from './limits';

export type ActualEntry = { readonly kind: 'directory' } | { readonly kind: 'file'; readonly content: string };

/**
 * The tree a run built, by path relative to the run's root, in creation order. Persistent: each
 * operation makes a new tree that shares everything it did not change with the one before, so
 * keeping the tree after every operation costs little (the same idea as the engine's snapshots).
 */
export type ActualTree = OrderedMap<string, ActualEntry>;

export const EMPTY_ACTUAL_TREE: ActualTree = OrderedMap<string, ActualEntry>();

const DIRECTORY: ActualEntry = Object.freeze({ kind: 'directory' });

/** Why an operation cannot be applied to the tree as it stands; the operation is refused. */
export class FsError extends Error {}

/** The run went past a limit of RUN_LIMITS; the replay stops there. */
export class RunLimitError extends Error {}

/** What the whole replay has spent so far, against RUN_LIMITS. */
export interface Budget {
  writtenChars: number;
}

/**
 * File-system operations on an ActualTree with the rules of a POSIX shell and agent tools, for one
 * operation of a run: `tree` moves forward as they succeed and `changed` collects every path whose
 * state changed. Paths are relative to the run's root ("" is the root, which always exists).
 */
export class Workspace {
  readonly changed = new Set<string>();

  constructor(
    public tree: ActualTree,
    private readonly budget: Budget,
  ) {}

  kind(path: string): 'directory' | 'file' | undefined {
    return path === '' ? 'directory' : this.tree.get(path)?.kind;
  }

  read(path: string): string {
    const entry = this.tree.get(path);
    if (entry?.kind === 'file') return entry.content;
    throw new FsError(`${show(path)}: ${entry ? 'is a directory' : 'no such file'}`);
  }

  /** mkdir: with `parents`, missing parents are made and an existing folder is fine (mkdir -p). */
  mkdir(path: string, parents: boolean): void {
    const kind = this.kind(path);
    if (kind === 'directory') {
      if (parents) return;
      throw new FsError(`${show(path)}: already exists`);
    }
    if (kind === 'file') throw new FsError(`${show(path)}: a file is in the way`);
    this.ensureParent(path, parents);
    this.set(path, DIRECTORY);
  }

  /** Writes (or appends to) a file; `createParents` as agent tools do, not as a shell redirection does. */
  write(path: string, content: string, options: { append?: boolean; createParents?: boolean } = {}): void {
    const kind = this.kind(path);
    if (kind === 'directory') throw new FsError(`${show(path)}: is a directory`);
    this.ensureParent(path, options.createParents ?? false);
    const before = kind === 'file' ? this.read(path) : '';
    const next = options.append ? before + content : content;
    this.charge(next.length);
    if (kind === 'file' && next === before) return;
    this.set(path, Object.freeze({ kind: 'file', content: next }));
  }

  /** Removes a file, or with `recursive` a folder and everything in it; the root is emptied, never removed. */
  remove(path: string, recursive: boolean): void {
    const kind = this.kind(path);
    if (kind === undefined) throw new FsError(`${show(path)}: no such file or directory`);
    if (kind === 'directory' && !recursive) throw new FsError(`${show(path)}: is a directory`);
    for (const inside of this.descendants(path)) this.unset(inside);
    if (path !== '') this.unset(path);
  }

  /** Renames `from` (and what it holds) to `to`; `replace` lets a file overwrite a file. */
  move(from: string, to: string, replace: boolean): void {
    const kind = this.kind(from);
    if (kind === undefined) throw new FsError(`${show(from)}: no such file or directory`);
    if (from === '' || to === from || to.startsWith(`${from}/`))
      throw new FsError(`${show(from)}: cannot be moved into itself`);
    const target = this.kind(to);
    if (target !== undefined && !(replace && kind === 'file' && target === 'file'))
      throw new FsError(`${show(to)}: already exists`);
    this.ensureParent(to, false);
    const moved = [from, ...this.descendants(from)];
    const entries = moved.map((path) => this.tree.get(path)!);
    for (const path of moved) this.unset(path);
    moved.forEach((path, i) => this.set(to + path.slice(from.length), entries[i]));
  }

  /** Copies a file, or with `recursive` a folder and what it holds, to `to` (which must not be a folder). */
  copy(from: string, to: string, recursive: boolean): void {
    const kind = this.kind(from);
    if (kind === undefined) throw new FsError(`${show(from)}: no such file or directory`);
    if (kind === 'file') return this.write(to, this.read(from));
    if (!recursive) throw new FsError(`${show(from)}: is a directory (cp needs -r)`);
    if (from === '' || to === from || to.startsWith(`${from}/`))
      throw new FsError(`${show(from)}: cannot be copied into itself`);
    if (this.kind(to) === 'file') throw new FsError(`${show(to)}: a file is in the way`);
    const inside = this.descendants(from).map((path) => [path, this.tree.get(path)!] as const);
    if (this.kind(to) === undefined) this.mkdir(to, false);
    for (const [path, entry] of inside) {
      const target = to + path.slice(from.length);
      if (entry.kind === 'directory') this.mkdir(target, true);
      else this.write(target, entry.content);
    }
  }

  /** Every path below `path`, parents before what they hold. */
  descendants(path: string): string[] {
    const prefix = path === '' ? '' : `${path}/`;
    const out: string[] = [];
    for (const key of this.tree.keys()) if (key.startsWith(prefix) && key !== path) out.push(key);
    return out;
  }

  private ensureParent(path: string, create: boolean): void {
    const slash = path.lastIndexOf('/');
    if (slash < 0) return;
    const parent = path.slice(0, slash);
    const kind = this.kind(parent);
    if (kind === 'directory') return;
    if (kind === 'file') throw new FsError(`${show(parent)}: not a directory`);
    if (!create) throw new FsError(`${show(parent)}: no such directory`);
    this.ensureParent(parent, true);
    this.set(parent, DIRECTORY);
  }

  private set(path: string, entry: ActualEntry): void {
    checkPath(path);
    if (!this.tree.has(path) && this.tree.size >= RUN_LIMITS.entries)
      throw new RunLimitError(`the run's tree would hold more than ${RUN_LIMITS.entries} folders and files`);
    this.tree = this.tree.set(path, entry);
    this.changed.add(path);
  }

  private unset(path: string): void {
    this.tree = this.tree.delete(path);
    this.changed.add(path);
  }

  private charge(chars: number): void {
    this.budget.writtenChars += chars;
    if (this.budget.writtenChars > RUN_LIMITS.writtenChars)
      throw new RunLimitError(`the run writes more than ${RUN_LIMITS.writtenChars / 1024 / 1024} MB of file content`);
  }
}

/** Refuses a path the engine would refuse in a document: an unsafe name or too many levels. */
function checkPath(path: string): void {
  const segments = path.split('/');
  if (segments.length > RUN_LIMITS.pathDepth)
    throw new FsError(`${show(path)}: more than ${RUN_LIMITS.pathDepth} levels deep`);
  for (const segment of segments) {
    const problem = nameProblem(segment);
    if (problem) throw new FsError(`${show(path)}: ${problem}`);
  }
}

/** A path for a message: "the run's root" for "", cut and made visible otherwise. */
export function show(path: string): string {
  return path === '' ? "the run's root" : displayName(path);
}
