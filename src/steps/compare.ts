import { unifiedHunks } from './diff';
import type { SerialEntry } from './entries';
import { parseData, sameValue } from './equivalence';
import { firstInvalidUtf8 } from './text';

export type CompareStatus = 'identical' | 'equivalent' | 'different' | 'missing' | 'extra';

/** An entry of a tree somebody produced. A file is its bytes: identity is about bytes, not about text. */
export type ProducedEntry =
  | { readonly path: string; readonly kind: 'directory' }
  | { readonly path: string; readonly kind: 'file'; readonly bytes: Uint8Array };

export interface ComparedEntry {
  readonly path: string;
  readonly kind: 'directory' | 'file';
  readonly status: CompareStatus;
  readonly expected?: string;
  /** Their file as text for the diff: a byte-order mark kept, bytes that are not UTF-8 shown as U+FFFD. */
  readonly actual?: string;
  /** What a diff of the two texts would not show: a byte-order mark, bytes that are not UTF-8. */
  readonly note?: string;
}

export interface Comparison {
  /** Expected entries in their order, then extra ones in theirs. */
  readonly entries: readonly ComparedEntry[];
  readonly counts: Readonly<Record<CompareStatus, number>>;
  /** True when nothing is different, missing or extra. */
  readonly matches: boolean;
}

const encoder = new TextEncoder();
/** For diffs: keeps a leading U+FEFF (the default decoder drops it) and never throws. */
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
/** For equivalence: a file that is not UTF-8 cannot hold the same JSON or YAML. */
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

/**
 * Compares a produced tree with the expected one. Files with the same bytes (the expected text in
 * UTF-8) are identical; JSON and YAML files whose parsed values are equal (key order, formatting
 * and the spelling of numbers aside) are equivalent.
 */
export function compareTrees(expected: readonly SerialEntry[], produced: readonly ProducedEntry[]): Comparison {
  const actual = alignRoot(expected, produced);
  const actualByPath = new Map(actual.map((e) => [e.path, e]));
  const expectedPaths = new Set(expected.map((e) => e.path));
  const entries: ComparedEntry[] = [];
  for (const want of expected) {
    const got = actualByPath.get(want.path);
    if (!got || got.kind !== want.kind) {
      entries.push({ path: want.path, kind: want.kind, status: 'missing', expected: want.content });
      if (got) entries.push({ path: got.path, kind: got.kind, status: 'extra', actual: textOf(got) });
      continue;
    }
    entries.push(got.kind === 'directory' ? { ...want, status: 'identical' } : compareFile(want, got));
  }
  for (const got of actual) {
    if (!expectedPaths.has(got.path))
      entries.push({ path: got.path, kind: got.kind, status: 'extra', actual: textOf(got) });
  }
  const counts = { identical: 0, equivalent: 0, different: 0, missing: 0, extra: 0 };
  for (const entry of entries) counts[entry.status]++;
  return { entries, counts, matches: counts.different + counts.missing + counts.extra === 0 };
}

function compareFile(want: SerialEntry, got: ProducedEntry & { kind: 'file' }): ComparedEntry {
  const expected = want.content ?? '';
  const bytes = got.bytes;
  const base = { path: want.path, kind: want.kind, expected, actual: lenient.decode(bytes) };
  if (sameBytes(encoder.encode(expected), bytes)) return { ...base, status: 'identical' };
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return { ...base, status: 'different', note: notUtf8(bytes) };
  }
  const a = parseData(want.path, expected);
  const b = a && parseData(got.path, text);
  const status = a && b && sameValue(a.value, b.value) ? 'equivalent' : 'different';
  const note = byteOrderNote(expected, text);
  return note ? { ...base, status, note } : { ...base, status };
}

function textOf(entry: ProducedEntry): string | undefined {
  return entry.kind === 'file' ? lenient.decode(entry.bytes) : undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function byteOrderNote(expected: string, actual: string): string | undefined {
  const [wanted, has] = [expected.startsWith('\uFEFF'), actual.startsWith('\uFEFF')];
  if (has && !wanted) return 'theirs starts with a byte-order mark (EF BB BF) that the expected file does not have';
  if (wanted && !has) return 'the expected file starts with a byte-order mark (EF BB BF) that theirs does not have';
  return undefined;
}

function notUtf8(bytes: Uint8Array): string {
  const at = firstInvalidUtf8(bytes);
  return `theirs is not valid UTF-8 (byte ${at + 1} is 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')})`;
}

/**
 * People zip the folder above the tree or the tree's root itself; when the expected top-level
 * names are all absent, look one level down (or up) before calling everything missing.
 */
function alignRoot(expected: readonly SerialEntry[], produced: readonly ProducedEntry[]): readonly ProducedEntry[] {
  const roots = new Set(expected.map((e) => e.path.split('/')[0]));
  const hasRoots = (entries: readonly ProducedEntry[]) => entries.some((e) => roots.has(e.path.split('/')[0]));
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
