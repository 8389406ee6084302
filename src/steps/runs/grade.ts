import { compareTrees, type ProducedEntry } from '../compare';
import { diffLines, diffStats } from '../diff';
import type { Replay } from '../engine';
import { treeEntries, type SerialEntry } from '../entries';
import { parentPath } from '../names';
import { readFile } from '../tree';
import { actualEntries, replayRun, type RunReplay } from './replayRun';
import type { ParsedRun } from './types';

export type StepStatus = 'done' | 'combined' | 'out-of-order' | 'wrong' | 'missing';

/** What one step of the document asks for, computed once per document and shared by every run. */
export interface StepExpectation {
  readonly step: number;
  readonly text: string;
  readonly kind: 'directory' | 'file';
  readonly path: string;
  /** The file's content after this step (files only). */
  readonly content?: string;
  /** The step before this one that changed the same file, if any. */
  readonly previous: number | null;
  /** Steps whose effect this one needs: its parent folder's creation, the file's previous version. */
  readonly dependsOn: readonly number[];
}

export interface DocumentExpectations {
  readonly replay: Replay;
  readonly steps: readonly StepExpectation[];
  /** Every path the document names (its final tree). */
  readonly paths: ReadonlySet<string>;
  /** The top-level folders, to find a run's root in its paths. */
  readonly topNames: ReadonlySet<string>;
  readonly final: readonly SerialEntry[];
}

/** Reads what every step expects from a replayed document; the replay must have no error. */
export function documentExpectations(replay: Replay): DocumentExpectations {
  if (replay.error) throw replay.error;
  const createdAt = new Map(replay.created.map((entry) => [entry.path, entry.position]));
  const lastChange = new Map<string, number>();
  const steps = replay.snapshots.slice(1).map((snapshot): StepExpectation => {
    const step = snapshot.step!;
    const change = snapshot.change!;
    const { path } = change;
    const previous = lastChange.get(path) ?? null;
    lastChange.set(path, step.number);
    const parent = parentPath(path);
    const dependsOn = [parent === '' ? undefined : createdAt.get(parent), previous ?? undefined].filter(
      (n): n is number => n !== undefined,
    );
    const base = { step: step.number, text: step.text, kind: change.entryKind, path, previous, dependsOn };
    return change.entryKind === 'file' ? { ...base, content: readFile(snapshot.root, path) ?? '' } : base;
  });
  const final = treeEntries(replay, replay.snapshots.length - 1);
  return {
    replay,
    steps,
    paths: new Set(final.map((e) => e.path)),
    topNames: new Set(final.map((e) => e.path.split('/')[0])),
    final,
  };
}

export interface StepGrade {
  readonly step: number;
  readonly status: StepStatus;
  /** The operation (1-based) that did the step, or null. */
  readonly op: number | null;
  /** True when the file was done with other bytes holding the same JSON/YAML value. */
  readonly equivalent: boolean;
  /** The earlier wrong or missing step this failure follows from, or null. */
  readonly causedBy: number | null;
  readonly path: string;
  /** Every operation that changed the step's path, ascending. */
  readonly touchedBy: readonly number[];
  /** For a wrong step: the version of the path closest to what the step expects. */
  readonly closest: { readonly op: number; readonly content: string | null } | null;
}

export interface OpReference {
  readonly op: number;
  readonly path: string;
}

export interface OpProblem {
  readonly op: number;
  readonly reason: string;
}

export interface GradeResult {
  readonly replay: RunReplay;
  readonly steps: readonly StepGrade[];
  readonly counts: Readonly<Record<'done' | 'combined' | 'outOfOrder' | 'wrong' | 'missing', number>>;
  readonly firstDivergence: number | null;
  readonly verdict: 'pass' | 'fail';
  /** Paths the document never names, with the first operation that changed each. */
  readonly extra: readonly OpReference[];
  readonly outside: readonly OpReference[];
  readonly notReplayed: ReadonlyArray<OpProblem & { readonly command: string }>;
  readonly failed: readonly OpProblem[];
  readonly refused: readonly OpProblem[];
  /** False when some operation could not be replayed (or a limit stopped the replay). */
  readonly fullyReplayed: boolean;
  /** The final tree checked against the document's, with the rules of `stepwise check`. */
  readonly final: {
    readonly identical: number;
    readonly equivalent: number;
    readonly different: number;
    readonly missing: number;
    readonly extra: number;
    readonly matches: boolean;
  };
}

/** Past this many distinct versions of a path, older ones are not searched for the closest. */
const CLOSEST_VERSIONS = 50;

/**
 * Grades a replayed run against the document, step by step (docs/runs.md): a step is done at the
 * first operation after which the run's tree holds its effect (after the previous step on the
 * same file was); the longest sequence of steps done at increasing operations is in order; the rest
 * is combined, out of order, wrong or missing, each failure traced to its root cause.
 */
export function gradeRun(expected: DocumentExpectations, replay: RunReplay): GradeResult {
  const doneAt = new Map<number, { op: number; equivalent: boolean }>();
  const appeared = new Set<number>();
  for (const want of expected.steps) {
    const ops = replay.changes.get(want.path) ?? [];
    const after = want.previous === null ? 0 : (doneAt.get(want.previous)?.op ?? 0);
    for (const op of ops) {
      const entry = replay.trees[op].get(want.path);
      if (entry) appeared.add(want.step);
      if (op <= after || !entry) continue;
      const match =
        want.kind === 'directory'
          ? entry.kind === 'directory' && 'identical'
          : entry.kind === 'file' && sameFile(want.path, want.content ?? '', entry.content);
      if (match) {
        doneAt.set(want.step, { op, equivalent: match === 'equivalent' });
        break;
      }
    }
  }
  const inOrder = longestInOrder(expected.steps.map((s) => doneAt.get(s.step)?.op ?? null));
  const statuses = new Map<number, StepStatus>();
  // Walking backwards, nextOp is the operation of the next step in order.
  let nextOp: number | null = null;
  for (let i = expected.steps.length - 1; i >= 0; i--) {
    const { step } = expected.steps[i];
    const done = doneAt.get(step);
    if (!done) statuses.set(step, appeared.has(step) ? 'wrong' : 'missing');
    else if (!inOrder[i]) statuses.set(step, 'out-of-order');
    else {
      // Steps made by one operation: the last of them is done, the ones before were combined into it.
      statuses.set(step, nextOp === done.op ? 'combined' : 'done');
      nextOp = done.op;
    }
  }
  const causes = rootCauses(expected.steps, statuses);
  const steps = expected.steps.map((want): StepGrade => {
    const status = statuses.get(want.step)!;
    const done = doneAt.get(want.step);
    return {
      step: want.step,
      status,
      op: done?.op ?? null,
      equivalent: done?.equivalent ?? false,
      causedBy: causes.get(want.step) ?? null,
      path: want.path,
      touchedBy: replay.changes.get(want.path) ?? [],
      closest: status === 'wrong' ? closestVersion(want, replay) : null,
    };
  });
  const counts = { done: 0, combined: 0, outOfOrder: 0, wrong: 0, missing: 0 };
  for (const { status } of steps) counts[status === 'out-of-order' ? 'outOfOrder' : status]++;
  const firstDivergence = steps.find((s) => s.status !== 'done')?.step ?? null;
  const comparison = compareTrees(expected.final, asProduced(actualEntries(replay, replay.trees.length - 1)));
  const final = { ...comparison.counts, matches: comparison.matches };
  const byStatus = (status: string) =>
    replay.outcomes.flatMap((o, i) => (o.status === status ? [{ op: i + 1, reason: o.reason ?? '' }] : []));
  const notReplayed = byStatus('not-replayed').map(({ op, reason }) => ({
    op,
    reason,
    command: commandOf(replay, op),
  }));
  return {
    replay,
    steps,
    counts,
    firstDivergence,
    verdict: firstDivergence === null && final.matches ? 'pass' : 'fail',
    extra: [...replay.changes]
      .filter(([path]) => !expected.paths.has(path))
      .map(([path, ops]) => ({ op: ops[0], path }))
      .sort((a, b) => a.op - b.op || (a.path < b.path ? -1 : 1)),
    outside: replay.outcomes.flatMap((o, i) => (o.outside === undefined ? [] : [{ op: i + 1, path: o.outside }])),
    notReplayed,
    failed: byStatus('failed'),
    refused: byStatus('refused'),
    fullyReplayed: notReplayed.length === 0 && replay.stopped === null,
    final,
  };
}

/** Replays a parsed run and grades it: the one call a reader of runs needs. */
export function gradeParsedRun(expected: DocumentExpectations, run: ParsedRun): GradeResult {
  return gradeRun(expected, replayRun(run, expected.topNames));
}

const utf8 = new TextEncoder();
const LONE_SURROGATE = /\p{Surrogate}/u;

/** The run's tree as `check` reads a produced tree: files as the bytes they would be written as. */
export function asProduced(entries: readonly SerialEntry[]): ProducedEntry[] {
  return entries.map((e) =>
    e.kind === 'file'
      ? { path: e.path, kind: 'file', bytes: utf8.encode(e.content ?? '') }
      : { path: e.path, kind: e.kind },
  );
}

/** identical, equivalent (same JSON/YAML value: the rules of `check`), or false. */
function sameFile(path: string, expected: string, actual: string): 'identical' | 'equivalent' | false {
  if (expected === actual) return 'identical';
  // Half a surrogate pair has no UTF-8 form: no tool could have written those bytes, so they match nothing.
  if (LONE_SURROGATE.test(actual)) return false;
  const [entry] = compareTrees(
    [{ path, kind: 'file', content: expected }],
    [{ path, kind: 'file', bytes: utf8.encode(actual) }],
  ).entries;
  return entry.status === 'identical' || entry.status === 'equivalent' ? entry.status : false;
}

/**
 * Which steps belong to the longest sequence done at non-decreasing operations (null: not done).
 * Among sequences of that length it keeps the latest steps: a step done later than its place
 * (after the steps that follow it, or only as a side effect of a later step) is the one out of
 * order. O(n log n): patience sorting from the left, then a greedy pick from the right.
 */
export function longestInOrder(ops: readonly (number | null)[]): boolean[] {
  // longest[i]: the longest such sequence that ends at step i.
  const longest = new Array<number>(ops.length).fill(0);
  // tails[len - 1]: the smallest op that ends a sequence of length len among the steps seen.
  const tails: number[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op === null) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] <= op) lo = mid + 1;
      else hi = mid;
    }
    longest[i] = lo + 1;
    tails[lo] = op;
  }
  const chosen = new Array<boolean>(ops.length).fill(false);
  let need = tails.length;
  let next = Infinity;
  for (let i = ops.length - 1; i >= 0 && need > 0; i--) {
    const op = ops[i];
    if (op !== null && longest[i] >= need && op <= next) {
      chosen[i] = true;
      next = op;
      need--;
    }
  }
  return chosen;
}

/** For each wrong or missing step, the earliest wrong or missing step it depends on, through any chain. */
function rootCauses(steps: readonly StepExpectation[], statuses: ReadonlyMap<number, StepStatus>): Map<number, number> {
  const failing = (step: number) => statuses.get(step) === 'wrong' || statuses.get(step) === 'missing';
  const causes = new Map<number, number>();
  for (const want of steps) {
    if (!failing(want.step)) continue;
    const roots = want.dependsOn.filter(failing).map((dep) => causes.get(dep) ?? dep);
    if (roots.length > 0) causes.set(want.step, Math.min(...roots));
  }
  return causes;
}

function closestVersion(want: StepExpectation, replay: RunReplay): StepGrade['closest'] {
  const versions = new Map<string, number>();
  let other: number | null = null;
  for (const op of replay.changes.get(want.path) ?? []) {
    const entry = replay.trees[op].get(want.path);
    if (entry?.kind === 'file') versions.set(entry.content, versions.get(entry.content) ?? op);
    else if (entry) other = op;
  }
  if (want.kind === 'directory' || versions.size === 0) {
    const [first] = versions.values();
    return first !== undefined ? { op: first, content: null } : other === null ? null : { op: other, content: null };
  }
  let best: { op: number; content: string; distance: number } | null = null;
  for (const [content, op] of [...versions].slice(-CLOSEST_VERSIONS)) {
    const { added, removed } = diffStats(diffLines(want.content ?? '', content));
    const distance = added + removed;
    if (best === null || distance <= best.distance) best = { op, content, distance };
  }
  return best && { op: best.op, content: best.content };
}

function commandOf(replay: RunReplay, op: number): string {
  const operation = replay.run.operations[op - 1];
  return operation.action.type === 'shell' ? operation.action.command : operation.tool;
}
