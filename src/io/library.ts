import { formatChars } from '../model/format';
import { parseJsonObject } from '../steps/jsonScan';

/**
 * "Your documents": step documents the user loaded, remembered in localStorage under
 * LIBRARY_PREFIX + id. The library keeps to a budget so that it never fills the origin's quota
 * (about 5 million characters in Chromium and Firefox) and leaves room for the rest of the app;
 * over budget, the least recently saved documents are dropped and the caller tells the user.
 */

export const LIBRARY_PREFIX = 'stepwise:doc:';

/** Characters (keys + values) the library may use: about 4 MB of ASCII documents. */
export const LIBRARY_BUDGET = 4 * 1024 * 1024;

const VERSION = 1;

/** The part of Storage the library uses; tests pass an in-memory one. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface StoredDocument {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  /** Milliseconds since the epoch of the last time it was loaded. */
  readonly savedAt: number;
}

/** A listed document: everything but the source, plus what it costs in storage. */
export interface LibraryEntry {
  readonly id: string;
  readonly name: string;
  readonly savedAt: number;
  readonly chars: number;
}

export interface LibraryListing {
  /** Newest first. */
  readonly entries: readonly LibraryEntry[];
  /** Keys under the prefix that could not be read; the caller removes them and says so. */
  readonly corrupt: readonly string[];
}

export interface SaveResult {
  readonly saved: boolean;
  /** Older documents removed to make room (even when the save failed in the end). */
  readonly dropped: readonly LibraryEntry[];
  /** Why it was not saved, as the end of a sentence; absent when saved. */
  readonly reason?: string;
}

/** A stable id for a document's text (53-bit FNV-style hash), so loading it twice keeps one entry. */
export function documentId(source: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `doc-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

function parseStored(key: string, raw: string): StoredDocument | null {
  const value = parseJsonObject(raw) as (Partial<StoredDocument> & { version?: unknown }) | undefined;
  if (value === undefined) return null;
  const ok =
    value.version === VERSION &&
    typeof value.id === 'string' &&
    LIBRARY_PREFIX + value.id === key &&
    typeof value.name === 'string' &&
    typeof value.source === 'string' &&
    typeof value.savedAt === 'number';
  return ok ? { id: value.id!, name: value.name!, source: value.source!, savedAt: value.savedAt! } : null;
}

function keysOf(storage: StorageLike): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(LIBRARY_PREFIX)) keys.push(key);
  }
  return keys;
}

/** Every remembered document, newest first, and the keys that hold something unreadable. */
export function readLibrary(storage: StorageLike): LibraryListing {
  const entries: LibraryEntry[] = [];
  const corrupt: string[] = [];
  for (const key of keysOf(storage)) {
    const raw = storage.getItem(key) ?? '';
    const doc = parseStored(key, raw);
    if (!doc) corrupt.push(key);
    else entries.push({ id: doc.id, name: doc.name, savedAt: doc.savedAt, chars: key.length + raw.length });
  }
  entries.sort((a, b) => b.savedAt - a.savedAt);
  return { entries, corrupt };
}

/** One remembered document, or null when it is gone or unreadable. */
export function readDocument(storage: StorageLike, id: string): StoredDocument | null {
  const key = LIBRARY_PREFIX + id;
  const raw = storage.getItem(key);
  return raw === null ? null : parseStored(key, raw);
}

export function deleteDocument(storage: StorageLike, id: string): void {
  storage.removeItem(LIBRARY_PREFIX + id);
}

export function removeKeys(storage: StorageLike, keys: readonly string[]): void {
  for (const key of keys) storage.removeItem(key);
}

/**
 * Which entries to drop, oldest first, so that `incoming` characters fit in `budget`; null when
 * it cannot fit even in an empty library. An entry with the incoming id is replaced, never counted.
 */
export function planEviction(
  entries: readonly LibraryEntry[],
  incoming: { readonly id: string; readonly chars: number },
  budget = LIBRARY_BUDGET,
): LibraryEntry[] | null {
  if (incoming.chars > budget) return null;
  const others = entries.filter((e) => e.id !== incoming.id).sort((a, b) => a.savedAt - b.savedAt);
  let used = others.reduce((sum, e) => sum + e.chars, 0);
  const drop: LibraryEntry[] = [];
  for (const entry of others) {
    if (used + incoming.chars <= budget) break;
    drop.push(entry);
    used -= entry.chars;
  }
  return drop;
}

/**
 * Remembers a document, dropping the oldest ones when the budget (or the browser's own quota)
 * runs out. Never throws: a full or disabled storage is reported in the result.
 */
export function saveDocument(
  storage: StorageLike,
  doc: Omit<StoredDocument, 'id'> & { readonly id?: string },
  budget = LIBRARY_BUDGET,
): SaveResult {
  const stored: StoredDocument = { ...doc, id: doc.id ?? documentId(doc.source) };
  const key = LIBRARY_PREFIX + stored.id;
  const tooLarge = {
    saved: false,
    dropped: [],
    reason: `it is larger than the ${formatChars(budget)} set aside for your documents`,
  };
  // The text alone is less than its stored form: a document over the budget is refused without
  // serialising it (up to 50 MB, most of a second on the load of a large document) or reading the library.
  if (key.length + stored.source.length > budget) return tooLarge;
  const raw = JSON.stringify({ version: VERSION, ...stored });
  const chars = key.length + raw.length;
  try {
    const { entries, corrupt } = readLibrary(storage);
    removeKeys(storage, corrupt);
    const drop = planEviction(entries, { id: stored.id, chars }, budget);
    if (drop === null) return tooLarge;
    removeKeys(
      storage,
      drop.map((e) => LIBRARY_PREFIX + e.id),
    );
    // The browser's quota is shared with the rest of the origin; it may run out below our budget.
    const rest = entries.filter((e) => e.id !== stored.id && !drop.includes(e)).sort((a, b) => a.savedAt - b.savedAt);
    for (;;) {
      try {
        storage.setItem(key, raw);
        return { saved: true, dropped: drop };
      } catch {
        const oldest = rest.shift();
        if (!oldest) return { saved: false, dropped: drop, reason: 'the browser’s storage is full or disabled' };
        storage.removeItem(LIBRARY_PREFIX + oldest.id);
        drop.push(oldest);
      }
    }
  } catch {
    return { saved: false, dropped: [], reason: 'the browser’s storage is not available' };
  }
}
