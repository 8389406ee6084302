import { describe, expect, it } from 'vitest';
import { readStoredView, VIEW_STORAGE_BUDGET, writeStoredView, type ViewStorage } from '../src/io/viewStorage';

const KEY = 'stepwise:view';

/** An in-memory Storage that can be told to refuse writes, as a full quota does. */
class MemoryStorage implements ViewStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function holding(raw: string): MemoryStorage {
  const storage = new MemoryStorage();
  storage.items.set(KEY, raw);
  return storage;
}

describe('reading the stored view', () => {
  it('restores a view saved for the same scenario', () => {
    const storage = new MemoryStorage();
    expect(writeStoredView(storage, { scenario: 'builtin', position: 33, file: 'a/b.json' })).toBe(true);
    expect(readStoredView(storage, 'builtin')).toEqual({ view: { step: '33', file: 'a/b.json' }, problem: null });
  });

  it('ignores, but keeps, a view saved for another scenario', () => {
    const storage = holding(JSON.stringify({ version: 1, scenario: 'doc-1', position: 3, file: null }));
    expect(readStoredView(storage, 'builtin')).toEqual({ view: null, problem: null });
    expect(storage.items.has(KEY)).toBe(true);
  });

  it.each([
    ['corrupt JSON', '{"version": 1, "scen', 'it could not be read'],
    ['JSON null', 'null', 'it could not be read'],
    ['an array', '[1, 2]', 'it could not be read'],
    [
      'a position that is text',
      '{"version":1,"scenario":"builtin","position":"<script>","file":null}',
      'it could not be read',
    ],
    ['an infinite position', '{"version":1,"scenario":"builtin","position":1e999,"file":null}', 'it could not be read'],
    [
      'a file that is not text',
      '{"version":1,"scenario":"builtin","position":1,"file":{"x":1}}',
      'it could not be read',
    ],
    ['an older format', '{"step":4,"path":"x"}', 'it came from another version of stepwise'],
    ['a newer format', '{"version":2,"scenario":"builtin","position":1}', 'it came from another version of stepwise'],
    [
      'a value over the budget',
      `{"version":1,"scenario":"builtin","position":1,"file":"${'x'.repeat(VIEW_STORAGE_BUDGET)}"}`,
      `it was larger than ${VIEW_STORAGE_BUDGET} characters`,
    ],
  ])('%s: dropped, removed, and named in the notice', (_what, raw, why) => {
    const storage = holding(raw);
    const result = readStoredView(storage, 'builtin');
    expect(result.view).toBeNull();
    expect(result.problem).toBe(`The saved position from an earlier visit was dropped: ${why}.`);
    expect(storage.items.has(KEY)).toBe(false);
  });

  it('a storage that throws on every call (disabled) gives nothing and no crash', () => {
    const broken: ViewStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(readStoredView(broken, 'builtin')).toEqual({ view: null, problem: null });
    expect(readStoredView(null, 'builtin')).toEqual({ view: null, problem: null });
    expect(writeStoredView(broken, { scenario: 'builtin', position: 1, file: null })).toBe(false);
    expect(writeStoredView(null, { scenario: 'builtin', position: 1, file: null })).toBe(false);
  });

  it('a corrupt value in a storage that cannot remove it is still only reported', () => {
    const storage = holding('garbage');
    storage.removeItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(readStoredView(storage, 'builtin').problem).toContain('could not be read');
  });
});

describe('writing the stored view', () => {
  it('reports a full quota instead of throwing', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    expect(writeStoredView(storage, { scenario: 'builtin', position: 5, file: null })).toBe(false);
    expect(storage.items.size).toBe(0);
  });

  it(`never stores more than ${VIEW_STORAGE_BUDGET} characters: a huge path is left out, the position kept`, () => {
    const storage = new MemoryStorage();
    const file = 'd/'.repeat(5_000) + 'f';
    expect(writeStoredView(storage, { scenario: 'builtin', position: 7, file })).toBe(true);
    const raw = storage.items.get(KEY)!;
    expect(raw.length).toBeLessThanOrEqual(VIEW_STORAGE_BUDGET);
    expect(readStoredView(storage, 'builtin')).toEqual({ view: { step: '7', file: null }, problem: null });
  });

  it('a scenario id over the budget stores nothing and removes the old value', () => {
    const storage = holding(JSON.stringify({ version: 1, scenario: 'old', position: 1, file: null }));
    expect(writeStoredView(storage, { scenario: 'x'.repeat(VIEW_STORAGE_BUDGET), position: 7, file: null })).toBe(true);
    expect(storage.items.size).toBe(0);
  });
});
