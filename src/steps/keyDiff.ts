import { sameValue } from './equivalence';
import { isJsonObject } from './jsonScan';

export type KeyAction = 'added' | 'removed' | 'replaced' | 'unchanged';

export interface KeyDiffEntry {
  readonly key: string;
  readonly action: KeyAction;
  /** Absent for added keys. */
  readonly before?: unknown;
  /** Absent for removed keys. */
  readonly after?: unknown;
}

export type KeyDiff =
  | {
      readonly ok: true;
      readonly entries: readonly KeyDiffEntry[];
      readonly counts: Readonly<Record<KeyAction, number>>;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The top-level keys of two JSON object texts: which were added, removed, replaced or kept.
 * Entries follow the newer text's key order, removed keys last. Values compare structurally,
 * so re-ordering an object's keys is not a replacement.
 */
export function keyDiff(before: string, after: string): KeyDiff {
  const a = parseObject(before, 'the older version');
  if (typeof a === 'string') return { ok: false, reason: a };
  const b = parseObject(after, 'the newer version');
  if (typeof b === 'string') return { ok: false, reason: b };
  const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
  const entries: KeyDiffEntry[] = [];
  for (const key of Object.keys(b)) {
    if (!has(a, key)) entries.push({ key, action: 'added', after: b[key] });
    else
      entries.push({
        key,
        action: sameValue(a[key], b[key]) ? 'unchanged' : 'replaced',
        before: a[key],
        after: b[key],
      });
  }
  for (const key of Object.keys(a)) if (!has(b, key)) entries.push({ key, action: 'removed', before: a[key] });
  const counts = { added: 0, removed: 0, replaced: 0, unchanged: 0 };
  for (const entry of entries) counts[entry.action]++;
  return { ok: true, entries, counts };
}

function parseObject(text: string, which: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `${which} is not valid JSON (${(e as Error).message})`;
  }
  return isJsonObject(value) ? value : `${which} is not a JSON object`;
}

/** A one-line rendering of a JSON value for summaries, cut to `max` characters. */
export function previewValue(value: unknown, max = 80): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
