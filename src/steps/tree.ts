/**
 * An immutable file tree. Changing a path copies only the directories on that path, and of each
 * only O(log width): every other node, and the rest of each directory, is shared with the previous
 * tree. Keeping one tree per step therefore costs O(depth × log width) per step, however wide a
 * folder grows. A directory lists its children in the order in which they were created.
 */
export interface FileNode {
  readonly kind: 'file';
  readonly content: string;
}

export type TreeNode = FileNode | DirectoryNode;

/** 32 children per trie node: a folder of 100,000 entries is four levels deep. */
const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/** Nodes in creation order: a leaf holds up to 32 of them, an inner level up to 32 tries. */
type Trie = ReadonlyArray<TreeNode | Trie>;

/**
 * A directory's child names in creation order, and (once there are more than a few) each name's
 * place in that order. Names are only ever added, so one log serves every version of a directory:
 * a version with `size` children reads the log's first `size` names.
 */
interface NameLog {
  readonly names: string[];
  /** Built when the log outgrows a linear search: a Map costs more than 200 bytes, even when empty. */
  index: Map<string, number> | null;
}

/** Names searched one by one up to this many; most folders hold a handful of entries. */
const INDEX_FROM = 16;

/**
 * A directory: a persistent map from child name to node that iterates in creation order. The
 * nodes sit in a 32-way trie indexed by creation order; `with` copies the arrays on one path
 * through it and shares the rest with this version, which stays as it was.
 */
export class DirectoryNode implements Iterable<[string, TreeNode]> {
  readonly kind = 'directory';

  private constructor(
    private readonly log: NameLog,
    /** How many children it has. */
    readonly size: number,
    private readonly trie: Trie,
  ) {
    Object.freeze(this);
  }

  /** A new directory with no children (a node of its own: views cache by node). */
  static empty(): DirectoryNode {
    return new DirectoryNode({ names: [], index: null }, 0, []);
  }

  get(name: string): TreeNode | undefined {
    const at = this.indexOf(name);
    return at < 0 ? undefined : this.at(at);
  }

  /** The place of `name` among the children, in creation order; -1 when it is not one of them. */
  indexOf(name: string): number {
    const at = this.log.index ? (this.log.index.get(name) ?? -1) : this.log.names.indexOf(name);
    return at < this.size ? at : -1;
  }

  /** A directory in which `name` holds `node`: in its place when it exists, else after every other child. */
  with(name: string, node: TreeNode): DirectoryNode {
    const existing = this.indexOf(name);
    if (existing >= 0)
      return new DirectoryNode(this.log, this.size, assoc(this.trie, levelShift(this.size), existing, node));
    // When a newer version of this directory has added to the log, this one goes on with a copy.
    // The engine only ever extends the newest tree, so it never pays for that copy.
    const log = this.log.names.length === this.size ? this.log : copyLog(this.log, this.size);
    log.names.push(name);
    if (log.index) log.index.set(name, this.size);
    else if (log.names.length > INDEX_FROM) log.index = new Map(log.names.map((n, i) => [n, i]));
    const shift = levelShift(this.size + 1);
    // A full trie grows a level: the old root becomes the first child of the new one.
    const trie = shift > levelShift(this.size) ? [this.trie] : this.trie;
    return new DirectoryNode(log, this.size + 1, assoc(trie, shift, this.size, node));
  }

  /**
   * An estimate of the bytes `with(name, …)` allocates, which every later snapshot keeps: this
   * directory's own object and the trie arrays on the path to `name`'s place (V8, 64-bit, with
   * pointer compression off: 56 bytes an object, 48 an array, 8 a slot).
   */
  copyBytes(name: string): number {
    const existing = this.indexOf(name);
    const index = existing >= 0 ? existing : this.size;
    const size = existing >= 0 ? this.size : this.size + 1;
    let bytes = DIRECTORY_BYTES;
    // After growing a level, every array on the path is new (the old root is the first child).
    let node: Trie | undefined = levelShift(size) > levelShift(this.size) ? undefined : this.trie;
    for (let shift = levelShift(size); ; shift -= BITS) {
      const slot = (index >>> shift) & MASK;
      bytes += ARRAY_BYTES + SLOT_BYTES * Math.max(node?.length ?? 0, slot + 1);
      if (shift === 0) return bytes;
      node = node?.[slot] as Trie | undefined;
    }
  }

  *[Symbol.iterator](): Generator<[string, TreeNode]> {
    for (let i = 0; i < this.size; i++) yield [this.log.names[i], this.at(i)];
  }

  private at(index: number): TreeNode {
    let node = this.trie;
    for (let shift = levelShift(this.size); shift > 0; shift -= BITS) node = node[(index >>> shift) & MASK] as Trie;
    return node[index & MASK] as TreeNode;
  }
}

const DIRECTORY_BYTES = 56;
const ARRAY_BYTES = 48;
const SLOT_BYTES = 8;

/** The shift of the trie's top level for `size` children: 0 while one leaf holds them all. */
function levelShift(size: number): number {
  let shift = 0;
  while (size > WIDTH * 2 ** shift) shift += BITS;
  return shift;
}

/** A copy of `node` with `value` at `index`, copying one array per level and creating missing ones. */
function assoc(node: Trie, shift: number, index: number, value: TreeNode): Trie {
  const slot = (index >>> shift) & MASK;
  const child = shift === 0 ? value : assoc((node[slot] as Trie | undefined) ?? [], shift - BITS, index, value);
  // concat rather than writing past the end of a copy: that would grow the copy's storage by half
  // again plus 16 slots, kept by every later snapshot.
  if (slot === node.length) return node.concat([child]);
  const copy = node.slice();
  copy[slot] = child;
  return copy;
}

function copyLog(log: NameLog, size: number): NameLog {
  const names = log.names.slice(0, size);
  return { names, index: size > INDEX_FROM ? new Map(names.map((name, i) => [name, i])) : null };
}

export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('/');
}

/** The node at `path` ("" is the root), or undefined. */
export function getNode(root: DirectoryNode, path: string): TreeNode | undefined {
  return nodeAt(root, splitPath(path));
}

/** getNode for a path already split into its segments. */
export function nodeAt(root: DirectoryNode, segments: readonly string[]): TreeNode | undefined {
  let node: TreeNode = root;
  for (const segment of segments) {
    if (node.kind !== 'directory') return undefined;
    const child: TreeNode | undefined = node.get(segment);
    if (!child) return undefined;
    node = child;
  }
  return node;
}

/** The file's content at `path`, or undefined when there is no file there. */
export function readFile(root: DirectoryNode, path: string): string | undefined {
  const node = getNode(root, path);
  return node?.kind === 'file' ? node.content : undefined;
}

/**
 * A new root in which the path made of `segments` holds `node`. Every directory on the way must exist
 * already; the caller (the engine) checks that and reports errors with the step's number.
 */
export function setNode(root: DirectoryNode, segments: readonly string[], node: TreeNode): DirectoryNode {
  return setAt(root, segments, 0, node);
}

function setAt(dir: DirectoryNode, segments: readonly string[], index: number, node: TreeNode): DirectoryNode {
  const name = segments[index];
  let next: TreeNode = node;
  if (index < segments.length - 1) {
    const child = dir.get(name);
    if (child?.kind !== 'directory')
      throw new Error(`internal: ${segments.slice(0, index + 1).join('/')} is not a directory`);
    next = setAt(child, segments, index + 1, node);
  }
  return dir.with(name, next);
}

/** What setNode(root, segments, …) allocates, estimated as DirectoryNode.copyBytes does. */
export function setNodeBytes(root: DirectoryNode, segments: readonly string[]): number {
  let bytes = 0;
  let dir: TreeNode | undefined = root;
  for (let i = 0; i < segments.length && dir?.kind === 'directory'; i++) {
    bytes += dir.copyBytes(segments[i]);
    dir = dir.get(segments[i]);
  }
  return bytes;
}

export interface TreeEntry {
  readonly path: string;
  readonly node: TreeNode;
  readonly depth: number;
}

/** Every entry below `root`, depth first, children in creation order. */
export function* walkTree(root: DirectoryNode, prefix = '', depth = 0): Generator<TreeEntry> {
  for (const [name, node] of root) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    yield { path, node, depth };
    if (node.kind === 'directory') yield* walkTree(node, path, depth + 1);
  }
}
