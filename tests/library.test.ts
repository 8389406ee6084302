import { describe, expect, it } from 'vitest';
import {
  deleteDocument,
  documentId,
  LIBRARY_PREFIX,
  planEviction,
  readDocument,
  readLibrary,
  saveDocument,
  type LibraryEntry,
  type StorageLike,
} from '../src/io/library';
import { MemoryStorage } from './helpers';

const entry = (id: string, chars: number, savedAt: number): LibraryEntry => ({ id, name: id, chars, savedAt });

describe('planEviction', () => {
  it('drops nothing when the incoming document fits', () => {
    expect(planEviction([entry('a', 40, 1), entry('b', 40, 2)], { id: 'c', chars: 20 }, 100)).toEqual([]);
  });

  it('drops the oldest entries first, and only as many as needed', () => {
    const entries = [entry('new', 30, 3), entry('old', 30, 1), entry('mid', 30, 2)];
    expect(planEviction(entries, { id: 'x', chars: 45 }, 100)!.map((e) => e.id)).toEqual(['old', 'mid']);
    expect(planEviction(entries, { id: 'x', chars: 10 }, 100)!.map((e) => e.id)).toEqual([]);
    expect(planEviction(entries, { id: 'x', chars: 11 }, 100)!.map((e) => e.id)).toEqual(['old']);
  });

  it('does not count or drop the entry the incoming one replaces', () => {
    expect(planEviction([entry('a', 90, 1)], { id: 'a', chars: 95 }, 100)).toEqual([]);
  });

  it('refuses a document larger than the whole budget', () => {
    expect(planEviction([], { id: 'a', chars: 101 }, 100)).toBeNull();
  });
});

describe('library in storage', () => {
  it('saves, lists newest first, reads back and deletes', () => {
    const storage = new MemoryStorage();
    expect(saveDocument(storage, { name: 'One', source: 'Step 1: a', savedAt: 1 }).saved).toBe(true);
    expect(saveDocument(storage, { name: 'Two', source: 'Step 1: b', savedAt: 2 }).saved).toBe(true);
    const { entries, corrupt } = readLibrary(storage);
    expect(entries.map((e) => e.name)).toEqual(['Two', 'One']);
    expect(corrupt).toEqual([]);
    expect(readDocument(storage, entries[1].id)?.source).toBe('Step 1: a');
    deleteDocument(storage, entries[1].id);
    expect(readLibrary(storage).entries.map((e) => e.name)).toEqual(['Two']);
  });

  it('refuses a document over the budget without reading or writing storage', () => {
    const untouchable: StorageLike = {
      get length(): number {
        throw new Error('read');
      },
      key: () => {
        throw new Error('read');
      },
      getItem: () => {
        throw new Error('read');
      },
      setItem: () => {
        throw new Error('written');
      },
      removeItem: () => {
        throw new Error('written');
      },
    };
    const result = saveDocument(untouchable, { name: 'Big', source: 'x'.repeat(1_000), savedAt: 1 }, 1_000);
    expect(result).toEqual({
      saved: false,
      dropped: [],
      reason: 'it is larger than the 1 KB set aside for your documents',
    });
  });

  it('keeps one entry per document text, refreshing its date', () => {
    const storage = new MemoryStorage();
    saveDocument(storage, { name: 'Same', source: 'text', savedAt: 1 });
    saveDocument(storage, { name: 'Same', source: 'text', savedAt: 5 });
    expect(readLibrary(storage).entries).toMatchObject([{ name: 'Same', savedAt: 5 }]);
    expect(documentId('text')).toBe(documentId('text'));
    expect(documentId('text')).not.toBe(documentId('text '));
  });

  it('over budget, drops the oldest documents and reports them', () => {
    const storage = new MemoryStorage();
    const big = (c: string) => c.repeat(300);
    saveDocument(storage, { name: 'A', source: big('a'), savedAt: 1 }, 1000);
    saveDocument(storage, { name: 'B', source: big('b'), savedAt: 2 }, 1000);
    const result = saveDocument(storage, { name: 'C', source: big('c'), savedAt: 3 }, 1000);
    expect(result.saved).toBe(true);
    expect(result.dropped.map((e) => e.name)).toEqual(['A']);
    const { entries } = readLibrary(storage);
    expect(entries.map((e) => e.name)).toEqual(['C', 'B']);
    expect(entries.reduce((sum, e) => sum + e.chars, 0)).toBeLessThanOrEqual(1000);
  });

  it('refuses a document over the whole budget without touching the others', () => {
    const storage = new MemoryStorage();
    saveDocument(storage, { name: 'A', source: 'small', savedAt: 1 }, 1000);
    const result = saveDocument(storage, { name: 'Huge', source: 'x'.repeat(2000), savedAt: 2 }, 1000);
    expect(result.saved).toBe(false);
    expect(result.reason).toMatch(/larger than/);
    expect(readLibrary(storage).entries.map((e) => e.name)).toEqual(['A']);
  });

  it('when the browser quota runs out below the budget, drops the oldest until it fits', () => {
    const storage = new MemoryStorage(1000);
    storage.setItem('other-app-data', 'z'.repeat(200));
    saveDocument(storage, { name: 'A', source: 'a'.repeat(250), savedAt: 1 });
    saveDocument(storage, { name: 'B', source: 'b'.repeat(250), savedAt: 2 });
    const result = saveDocument(storage, { name: 'C', source: 'c'.repeat(250), savedAt: 3 });
    expect(result).toMatchObject({ saved: true });
    expect(result.dropped.map((e) => e.name)).toEqual(['A']);
    expect(storage.getItem('other-app-data')).toHaveLength(200);
  });

  it('lists unreadable entries as corrupt and drops them on the next save', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${LIBRARY_PREFIX}broken`, '{not json');
    storage.setItem(`${LIBRARY_PREFIX}wrong-shape`, JSON.stringify({ version: 1, id: 'other', name: 1 }));
    storage.setItem('stepwise:view', '{}');
    expect(readLibrary(storage)).toEqual({
      entries: [],
      corrupt: [`${LIBRARY_PREFIX}broken`, `${LIBRARY_PREFIX}wrong-shape`],
    });
    expect(readDocument(storage, 'broken')).toBeNull();
    saveDocument(storage, { name: 'Fine', source: 's', savedAt: 1 });
    expect(readLibrary(storage).corrupt).toEqual([]);
    expect(storage.getItem('stepwise:view')).toBe('{}');
  });
});
