import { unifiedHunks } from './diff';
import type { SerialEntry } from './entries';
import { parseData, sameValue } from './equivalence';

export type CompareStatus = 'identical' | 'equivalent' | 'different' | 'missing' | 'extra';

export interface ComparedEntry {
  readonly path: string;
  readonly kind: 'directory' | 'file';
  readonly status: CompareStatus;
  readonly expected?: string;
  readonly actual?: string;
}

export interface Comparison {
  /** Expected entries in their order, then extra ones in theirs. */
  readonly entries: readonly ComparedEntry[];
  readonly counts: Readonly<Record<CompareStatus, number>>;
  /** True when nothing is different, missing or extra. */
  readonly matches: boolean;
  /** Share of expected entries present as identical or equivalent, 0..1. */
  readonly score: number;
}

/**
 * Compares a produced tree with the expected one. Files with the same bytes are identical; JSON
 * and YAML files whose parsed values are equal (key order and formatting aside) are equivalent.
 */
export function compareTrees(expected: readonly SerialEntry[], produced: readonly SerialEntry[]): Comparison {
  const actual = alignRoot(expected, produced);
  const actualByPath = new Map(actual.map((e) => [e.path, e]));
  const expectedPaths = new Set(expected.map((e) => e.path));
  const entries: ComparedEntry[] = [];
  for (const want of expected) {
    const got = actualByPath.get(want.path);
    if (!got || got.kind !== want.kind) {
      entries.push({ path: want.path, kind: want.kind, status: 'missing', expected: want.content });
      if (got) entries.push({ path: got.path, kind: got.kind, status: 'extra', actual: got.content });
      continue;
    }
    entries.push({
      path: want.path,
      kind: want.kind,
      status: fileStatus(want, got),
      expected: want.content,
      actual: got.content,
    });
  }
  for (const got of actual) {
    if (!expectedPaths.has(got.path))
      entries.push({ path: got.path, kind: got.kind, status: 'extra', actual: got.content });
  }
  const counts = { identical: 0, equivalent: 0, different: 0, missing: 0, extra: 0 };
  for (const entry of entries) counts[entry.status]++;
  const good = counts.identical + counts.equivalent;
  return {
    entries,
    counts,
    matches: counts.different + counts.missing + counts.extra === 0,
    score: expected.length === 0 ? (actual.length === 0 ? 1 : 0) : good / expected.length,
  };
}

function fileStatus(want: SerialEntry, got: SerialEntry): CompareStatus {
  if (want.kind === 'directory' || want.content === got.content) return 'identical';
  const a = parseData(want.path, want.content ?? '');
  const b = a && parseData(got.path, got.content ?? '');
  return a && b && sameValue(a.value, b.value) ? 'equivalent' : 'different';
}

/**
 * People zip the folder above the tree or the tree's root itself; when the expected top-level
 * names are all absent, look one level down (or up) before calling everything missing.
 */
function alignRoot(expected: readonly SerialEntry[], produced: readonly SerialEntry[]): readonly SerialEntry[] {
  const roots = new Set(expected.map((e) => e.path.split('/')[0]));
  const hasRoots = (entries: readonly SerialEntry[]) => entries.some((e) => roots.has(e.path.split('/')[0]));
  if (produced.length === 0 || hasRoots(produced)) return produced;
  const tops = new Set(produced.map((e) => e.path.split('/')[0]));
  if (tops.size !== 1) return produced;
  const [wrapper] = tops;
  const inner = produced
    .filter((e) => e.path !== wrapper)
    .map((e) => ({ ...e, path: e.path.slice(wrapper.length + 1) }));
  return hasRoots(inner) ? inner : produced;
}

/** A few lines of unified diff to show why a file is different. */
export function shortDiff(expected: string, actual: string, maxLines = 12): string[] {
  const hunks = unifiedHunks(expected, actual, 1);
  return hunks.length > maxLines
    ? [...hunks.slice(0, maxLines), `… ${hunks.length - maxLines} more diff lines`]
    : hunks;
}
