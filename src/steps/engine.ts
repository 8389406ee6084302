import { StepwiseError, type ErrorLocation } from './errors';
import { isJsonObject, tooDeeplyNested } from './jsonScan';
import { LIMITS } from './limits';
import {
  DuplicateKeyError,
  orderedKey,
  orderedString,
  parseOrdered,
  plainValue,
  setOrdered,
  stringifyOrdered,
  type OrderedObject,
} from './orderedJson';
import { foldName, joinPath } from './names';
import { DirectoryNode, getNode, nodeAt, readFile, setNode, setNodeBytes, splitPath } from './tree';
import type { Step, StepDocument, UpdateStep } from './types';

export type EntryKind = 'directory' | 'file';

/** How one key of a JSON file fared in an update. */
export interface KeyChange {
  readonly key: string;
  readonly action: 'added' | 'replaced' | 'unchanged';
  readonly before?: unknown;
  readonly after: unknown;
}

/** What one step did to the tree. */
export type StepChange =
  | { readonly type: 'added'; readonly path: string; readonly entryKind: EntryKind }
  | {
      readonly type: 'modified';
      readonly path: string;
      readonly entryKind: 'file';
      readonly before: string;
      readonly after: string;
      readonly keys: readonly KeyChange[];
    };

/** The tree as it stands after `position` steps (0: before step 1). */
export interface Snapshot {
  readonly position: number;
  readonly root: DirectoryNode;
  /** The step that produced this snapshot; null at position 0. */
  readonly step: Step | null;
  readonly change: StepChange | null;
  /** How many entries of Replay.created exist at this position (nothing is ever removed). */
  readonly createdCount: number;
  readonly fileCount: number;
  readonly directoryCount: number;
}

export interface CreatedEntry {
  readonly path: string;
  readonly kind: EntryKind;
  readonly position: number;
}

/** Every snapshot of a document, computed once. */
export interface Replay {
  readonly document: StepDocument;
  /** snapshots[p] is the tree after p steps; its length is the last usable position + 1. */
  readonly snapshots: readonly Snapshot[];
  /** Every created path in creation order; a snapshot's entries are the first createdCount. */
  readonly created: readonly CreatedEntry[];
  /** For each file, the positions at which a step created or changed it, ascending. */
  readonly fileChanges: ReadonlyMap<string, readonly number[]>;
  /** The error that stopped the replay at step snapshots.length, if any. */
  readonly error: StepwiseError | null;
}

/** Steps between two progress reports: often enough for a moving bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 500;

/**
 * Applies every step in order and keeps the tree after each one. Stops at the first step that
 * cannot be applied: the positions before it stay usable and the error names the step.
 * `onProgress` (applied, total) is called every PROGRESS_EVERY steps, for a worker's progress bar.
 */
export function replay(document: StepDocument, onProgress?: (applied: number, total: number) => void): Replay {
  const state = new ReplayState();
  const snapshots: Snapshot[] = [state.snapshot(0, null, null)];
  let error: StepwiseError | null = null;
  for (const step of document.steps) {
    try {
      const change = state.apply(step);
      snapshots.push(state.snapshot(step.number, step, change));
      if (onProgress && step.number % PROGRESS_EVERY === 0) onProgress(step.number, document.steps.length);
    } catch (e) {
      // A RangeError is the engine running out of stack or string length on a hostile step: that
      // step fails like any other, and the positions before it stay usable.
      if (e instanceof RangeError)
        error = new StepwiseError(`this step is too large to apply (${e.message})`, {
          line: step.line,
          step: step.number,
        });
      else if (e instanceof StepwiseError) error = e;
      else throw e;
      break;
    }
  }
  return { document, snapshots, created: state.created, fileChanges: state.fileChanges, error };
}

/** The mutable bookkeeping of one replay; the trees it produces are immutable. */
class ReplayState {
  root = DirectoryNode.empty();
  readonly created: CreatedEntry[] = [];
  readonly fileChanges = new Map<string, number[]>();
  private readonly byName = { directory: new Map<string, string[]>(), file: new Map<string, string[]>() };
  /** Every created path by its folded form (foldName), to refuse names that differ only in case. */
  private readonly folded = new Map<string, string>();
  /** What the snapshots cost so far, against LIMITS.snapshotBytes and LIMITS.snapshotChars. */
  private copiedBytes = 0;
  private writtenChars = 0;
  private fileCount = 0;
  private directoryCount = 0;

  snapshot(position: number, step: Step | null, change: StepChange | null): Snapshot {
    return Object.freeze({
      position,
      root: this.root,
      step,
      change,
      createdCount: this.created.length,
      fileCount: this.fileCount,
      directoryCount: this.directoryCount,
    });
  }

  apply(step: Step): StepChange {
    switch (step.kind) {
      case 'directory': {
        const parent = step.parent === null ? '' : this.resolve('directory', step.parent, step);
        return this.create(step, joinPath(parent, step.name), 'directory', null);
      }
      case 'file':
        return this.create(
          step,
          joinPath(this.resolve('directory', step.parent, step), step.name),
          'file',
          step.content,
        );
      case 'update':
        return this.update(step);
    }
  }

  /** The unique path of the directory or file with this bare name. */
  private resolve(kind: EntryKind, name: string, step: Step): string {
    const paths = this.byName[kind].get(name) ?? [];
    if (paths.length === 1) return paths[0];
    const where = { line: step.line, step: step.number, path: name };
    if (paths.length === 0) throw new StepwiseError(`no ${kind} named "${name}" exists yet`, where);
    const listed = paths.length > 3 ? `${paths.slice(0, 3).join(', ')}, …` : paths.join(', ');
    throw new StepwiseError(
      `"${name}" is ambiguous: ${paths.length} ${kind === 'directory' ? 'directories' : 'files'} have that name (${listed})`,
      where,
    );
  }

  private create(step: Step, path: string, kind: EntryKind, content: string | null): StepChange {
    const where = { line: step.line, step: step.number, path };
    // Split and folded once: a large document creates thousands of entries, and each split is an array.
    const segments = splitPath(path);
    if (nodeAt(this.root, segments)) throw new StepwiseError(`${path} already exists`, where);
    const folded = foldName(path);
    const twin = this.folded.get(folded);
    if (twin !== undefined)
      throw new StepwiseError(
        `${path} differs from ${twin} only in letter case or Unicode form; the two would be one file on Windows and macOS`,
        where,
      );
    if (segments.length > LIMITS.pathDepth)
      throw new StepwiseError(`${path} is more than ${LIMITS.pathDepth} levels deep`, where);
    this.charge(segments, content?.length ?? 0, where);
    this.folded.set(folded, path);
    const node = content === null ? DirectoryNode.empty() : Object.freeze({ kind: 'file' as const, content });
    this.root = setNode(this.root, segments, node);
    this.created.push({ path, kind, position: step.number });
    const name = path.slice(path.lastIndexOf('/') + 1);
    const sameName = this.byName[kind].get(name);
    if (sameName) sameName.push(path);
    else this.byName[kind].set(name, [path]);
    if (kind === 'file') {
      this.fileCount++;
      this.fileChanges.set(path, [step.number]);
    } else this.directoryCount++;
    return { type: 'added', path, entryKind: kind };
  }

  private update(step: UpdateStep): StepChange {
    const path = this.resolve('file', step.file, step);
    const where = { line: step.line, step: step.number, path };
    const before = readFile(this.root, path) ?? '';
    if (tooDeeplyNested(before))
      throw new StepwiseError(
        `${path} nests JSON more than ${LIMITS.jsonDepth} levels deep, so it cannot be updated`,
        where,
      );
    let value: unknown;
    try {
      value = parseOrdered(before);
    } catch (e) {
      throw new StepwiseError(
        e instanceof DuplicateKeyError
          ? `${path} has an object with the same key twice; rewriting it would drop one of the values, so it cannot be updated`
          : `${path} is not a JSON file, so it cannot be updated`,
        where,
      );
    }
    if (!isJsonObject(value))
      throw new StepwiseError(
        `${path} holds a JSON ${Array.isArray(value) ? 'array' : 'scalar'}, not an object`,
        where,
      );
    const entries: Array<readonly [string, unknown]> = step.entries.map(([key], i) => {
      try {
        return [key, parseOrdered(step.valueTexts[i])];
      } catch {
        // The parser has checked the value's syntax: only a repeated key is left to refuse.
        throw new StepwiseError(`the value of ${key} has an object with the same key twice`, where);
      }
    });
    if (step.registry) entries.unshift([step.registry.key, this.buildRegistry(step)]);
    const keys: KeyChange[] = [];
    for (const [key, next] of entries) {
      const existed = Object.prototype.hasOwnProperty.call(value, orderedKey(key));
      const previous = existed ? value[orderedKey(key)] : undefined;
      const action = !existed
        ? 'added'
        : stringifyOrdered(previous) === stringifyOrdered(next)
          ? 'unchanged'
          : 'replaced';
      const after = plainValue(next);
      keys.push(existed ? { key, action, before: plainValue(previous), after } : { key, action, after });
      setOrdered(value, key, next);
    }
    const after = stringifyOrdered(value);
    const segments = splitPath(path);
    this.charge(segments, after.length, where);
    this.root = setNode(this.root, segments, Object.freeze({ kind: 'file', content: after }));
    this.fileChanges.get(path)?.push(step.number);
    return { type: 'modified', path, entryKind: 'file', before, after, keys };
  }

  /**
   * Counts what writing `path` costs every later snapshot and refuses the step once the replay's
   * budget is spent: setNode copies part of each directory on the path, and the content stays in
   * memory for as long as the snapshots do. `segments` is the path written.
   */
  private charge(segments: readonly string[], chars: number, where: ErrorLocation): void {
    this.copiedBytes += setNodeBytes(this.root, segments);
    this.writtenChars += chars;
    if (this.copiedBytes > LIMITS.snapshotBytes)
      throw new StepwiseError(
        `keeping a snapshot of every step would take more than ${LIMITS.snapshotBytes / 1024 / 1024} MB of folder copies (deep paths changed many times); split the document`,
        where,
      );
    if (this.writtenChars > LIMITS.snapshotChars)
      throw new StepwiseError(
        `the steps so far write more than ${LIMITS.snapshotChars / 1024 / 1024} MB of file content (each update rewrites its whole file); split the document`,
        where,
      );
  }

  /** The registry in ordered form (see orderedJson.ts), one entry per service directory. */
  private buildRegistry(step: UpdateStep): OrderedObject {
    const spec = step.registry!;
    const collectionPath = this.resolve('directory', spec.collection, step);
    const collection = getNode(this.root, collectionPath) as DirectoryNode;
    const services = [...collection].filter(([, node]) => node.kind === 'directory');
    const where = { line: step.line, step: step.number, path: collectionPath };
    if (services.length !== spec.count)
      throw new StepwiseError(
        `the step names ${spec.count} ${spec.collection}, but ${collectionPath} has ${services.length} directories`,
        where,
      );
    const registry: OrderedObject = {};
    for (const [name] of services) {
      const configPath = `${collectionPath}/${name}/service_config.json`;
      const text = readFile(this.root, configPath);
      if (text === undefined)
        throw new StepwiseError(`${configPath} does not exist, so ${name} cannot be registered`, {
          ...where,
          path: configPath,
        });
      if (tooDeeplyNested(text))
        throw new StepwiseError(`${configPath} nests JSON more than ${LIMITS.jsonDepth} levels deep`, {
          ...where,
          path: configPath,
        });
      let config: unknown;
      try {
        config = parseOrdered(text);
      } catch {
        throw new StepwiseError(`${configPath} is not valid JSON`, { ...where, path: configPath });
      }
      if (!isJsonObject(config))
        throw new StepwiseError(`${configPath} is not a JSON object`, { ...where, path: configPath });
      const entry: OrderedObject = {};
      setOrdered(entry, 'port', config[orderedKey('port')] ?? null);
      setOrdered(entry, 'replicas', config[orderedKey('replicas')] ?? null);
      setOrdered(entry, 'dependencies', config[orderedKey('dependencies')] ?? []);
      setOrdered(entry, 'status', orderedString(spec.status));
      setOrdered(registry, name, entry);
    }
    return registry;
  }
}
