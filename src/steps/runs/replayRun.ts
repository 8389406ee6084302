import type { SerialEntry } from '../entries';
import { absolutePathsIn, inferRoot, relativeTo, resolvePath } from './paths';
import { parseShell } from './shellParse';
import { NotReplayedError, OutsideError, runShell, type ShellState } from './shellRun';
import type { Action, ParsedRun, RunOperation } from './types';
import { EMPTY_ACTUAL_TREE, FsError, RunLimitError, show, Workspace, type ActualTree, type Budget } from './workspace';

/**
 * What became of an operation: `applied` (its changes are in the tree; a shell command may have
 * `reason` notes about commands that failed), `failed` (the log says so; not applied), `refused`
 * (it cannot be applied to the replayed tree: no such file, text to replace not found, unsafe
 * name…), `outside` (a path outside the run's folder; not applied), `not-replayed` (outside the
 * shell subset, or a tool the replay does not model) or `stopped` (after a limit stopped the replay).
 */
export type OperationStatus = 'applied' | 'failed' | 'refused' | 'outside' | 'not-replayed' | 'stopped';

export interface OperationOutcome {
  readonly status: OperationStatus;
  readonly reason?: string;
  /** Paths (relative to the root) whose state the operation changed: created, written or removed. */
  readonly changed: readonly string[];
  /** The absolute path that made the operation an outside one. */
  readonly outside?: string;
}

export type RootSource = 'cwd' | 'inferred' | 'none';

/** A run replayed on an empty tree: the tree after every operation, and what each did. */
export interface RunReplay {
  readonly run: ParsedRun;
  /** The absolute folder the run's paths are taken relative to. */
  readonly root: string;
  readonly rootSource: RootSource;
  /** outcomes[i - 1] is operation i's. */
  readonly outcomes: readonly OperationOutcome[];
  /** trees[i] is the tree after operation i; trees[0] is empty. Consecutive trees share structure. */
  readonly trees: readonly ActualTree[];
  /** For each path, the operations (1-based, ascending) that changed it. */
  readonly changes: ReadonlyMap<string, readonly number[]>;
  /** Where a limit stopped the replay, if one did. */
  readonly stopped: { readonly op: number; readonly reason: string } | null;
  /** Notes about the replay itself (the root chosen instead of the log's cwd…). */
  readonly notes: readonly string[];
}

/**
 * Replays a run's operations on an empty tree, never executing anything. `topNames` are the
 * document's top-level folders, used to find the run's root when the log gives no usable cwd.
 */
export function replayRun(run: ParsedRun, topNames: ReadonlySet<string>): RunReplay {
  const { root, source, notes } = chooseRoot(run, topNames);
  const outcomes: OperationOutcome[] = [];
  const trees: ActualTree[] = [EMPTY_ACTUAL_TREE];
  const changes = new Map<string, number[]>();
  const budget: Budget = { writtenChars: 0 };
  let stopped: RunReplay['stopped'] = null;
  let sessionCwd = run.cwd ?? root;
  for (const op of run.operations) {
    const before = trees[trees.length - 1];
    if (stopped) {
      outcomes.push({ status: 'stopped', reason: `the replay stopped at operation ${stopped.op}`, changed: [] });
      trees.push(before);
      continue;
    }
    // A shell in a kept session starts where the last one ended; everything else starts at the
    // call's recorded folder, or the run's.
    const start = op.cwd ?? run.cwd ?? root;
    const cwd = op.action.type === 'shell' && run.persistentShell && op.cwd === undefined ? sessionCwd : start;
    const ws = new Workspace(before, budget);
    let outcome: OperationOutcome;
    try {
      const applied = apply(op, ws, root, cwd);
      if (applied.cwd !== undefined) sessionCwd = applied.cwd;
      outcome = applied.outcome;
    } catch (e) {
      if (!(e instanceof RunLimitError)) throw e;
      stopped = { op: op.index, reason: e.message };
      outcome = { status: 'stopped', reason: e.message, changed: [] };
    }
    const keep = outcome.status === 'applied';
    trees.push(keep ? ws.tree : before);
    if (keep)
      for (const path of outcome.changed) {
        const list = changes.get(path);
        if (list) list.push(op.index);
        else changes.set(path, [op.index]);
      }
    outcomes.push(outcome);
  }
  return { run, root, rootSource: source, outcomes, trees, changes, stopped, notes };
}

/** The tree after operation `op` as entries in creation order, as `check` and zips take them. */
export function actualEntries(replay: RunReplay, op: number): SerialEntry[] {
  const entries: SerialEntry[] = [];
  for (const [path, entry] of replay.trees[op])
    entries.push(entry.kind === 'file' ? { path, kind: 'file', content: entry.content } : { path, kind: 'directory' });
  return entries;
}

function apply(
  op: RunOperation,
  ws: Workspace,
  root: string,
  cwd: string,
): { outcome: OperationOutcome; cwd?: string } {
  if (op.failed !== undefined) return { outcome: { status: 'failed', reason: op.failed, changed: [] } };
  const { action } = op;
  if (action.type === 'opaque') return { outcome: { status: 'not-replayed', reason: action.detail, changed: [] } };
  if (action.type === 'shell') return applyShell(action.command, ws, root, cwd);
  const rel = (path: string): string | OperationOutcome => {
    const absolute = resolvePath(cwd, path);
    const inside = relativeTo(root, absolute);
    return inside ?? { status: 'outside', reason: `${absolute} is outside ${root}`, changed: [], outside: absolute };
  };
  const paths = action.type === 'move' ? [action.from, action.to] : [action.path];
  const resolved = paths.map(rel);
  const outside = resolved.find((p): p is OperationOutcome => typeof p !== 'string');
  if (outside) return { outcome: outside };
  try {
    applyAction(action, resolved as string[], ws);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return { outcome: { status: 'refused', reason: e.message, changed: [] } };
  }
  return { outcome: { status: 'applied', changed: [...ws.changed] } };
}

function applyAction(action: Exclude<Action, { type: 'shell' | 'opaque' }>, [path, to]: string[], ws: Workspace): void {
  switch (action.type) {
    case 'mkdir':
      return ws.mkdir(path, true);
    case 'write':
      return ws.write(path, action.content, { createParents: true });
    case 'edit': {
      let content = ws.read(path);
      for (const edit of action.edits) {
        if (edit.old === '') throw new FsError(`${show(path)}: the text to replace is empty`);
        if (!content.includes(edit.old)) throw new FsError(`${show(path)}: the text to replace is not in the file`);
        content = edit.all ? content.split(edit.old).join(edit.new) : content.replace(edit.old, () => edit.new);
      }
      return ws.write(path, content);
    }
    case 'insert': {
      const lines = ws.read(path).split('\n');
      if (action.line > lines.length) throw new FsError(`${show(path)}: has no line ${action.line}`);
      lines.splice(action.line, 0, ...action.text.split('\n'));
      return ws.write(path, lines.join('\n'));
    }
    case 'delete':
      return ws.remove(path, true);
    case 'move':
      return ws.move(path, to, false);
  }
}

function applyShell(
  command: string,
  ws: Workspace,
  root: string,
  cwd: string,
): { outcome: OperationOutcome; cwd?: string } {
  const parsed = parseShell(command);
  if (!parsed.ok) return { outcome: { status: 'not-replayed', reason: parsed.reason, changed: [] } };
  const state: ShellState = { ws, root, cwd, failures: [] };
  try {
    runShell(parsed.pipelines, state);
  } catch (e) {
    if (e instanceof NotReplayedError) return { outcome: { status: 'not-replayed', reason: e.message, changed: [] } };
    if (e instanceof OutsideError)
      return { outcome: { status: 'outside', reason: e.message, changed: [], outside: e.path } };
    throw e;
  }
  const reason = state.failures.length > 0 ? state.failures.join('; ') : undefined;
  return { outcome: { status: 'applied', changed: [...ws.changed], ...(reason && { reason }) }, cwd: state.cwd };
}

/**
 * The folder the run's paths are relative to: the log's cwd; else the folder in front of the
 * document's top-level folder in the run's absolute paths; else "/". When the document's folders
 * sit deeper than (or away from) the log's cwd, the inferred folder wins, with a note.
 */
function chooseRoot(
  run: ParsedRun,
  topNames: ReadonlySet<string>,
): { root: string; source: RootSource; notes: string[] } {
  const inferred = inferRoot(absolutePaths(run), topNames);
  const cwd = run.cwd === null ? null : resolvePath('/', run.cwd);
  if (cwd !== null && (inferred === null || inferred === cwd)) return { root: cwd, source: 'cwd', notes: [] };
  if (inferred !== null) {
    const notes =
      cwd === null
        ? []
        : [
            `the document's folders are in ${inferred}, not directly in the log's working folder ${cwd}; paths are taken relative to ${inferred}`,
          ];
    return { root: inferred, source: 'inferred', notes };
  }
  return { root: '/', source: 'none', notes: [] };
}

function* absolutePaths(run: ParsedRun): Generator<string> {
  for (const { action, cwd } of run.operations) {
    if (cwd !== undefined) yield cwd;
    if (action.type === 'shell') yield* absolutePathsIn(action.command);
    else if (action.type === 'move') yield* [action.from, action.to];
    else if (action.type !== 'opaque') yield action.path;
  }
}
