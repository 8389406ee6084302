import { describe, expect, it } from 'vitest';
import { readStoredView, VIEW_STORAGE_BUDGET, writeStoredView, type ViewStorage } from '../src/io/viewStorage';
import { MemoryStorage } from './helpers';

const KEY = 'stepwise:view';

function holding(raw: string): MemoryStorage {
  const storage = new MemoryStorage();
  storage.map.set(KEY, raw);
  return storage;
}

describe('reading the stored view', () => {
  it('restores a view saved for the built-in scenario, with its tab', () => {
    const storage = new MemoryStorage();
    expect(writeStoredView(storage, { scenario: 'builtin', position: 33, file: 'a/b.json', view: 'history' })).toBe(
      true,
    );
    expect(readStoredView(storage)).toEqual({
      saved: { document: { kind: 'builtin' }, view: { step: '33', file: 'a/b.json', view: 'history' } },
      problem: null,
    });
  });

  it('names the document a view was saved for, and reads a view saved before tabs were kept', () => {
    const storage = holding(JSON.stringify({ version: 1, scenario: 'doc-1x', position: 3, file: null }));
    expect(readStoredView(storage)).toEqual({
      saved: { document: { kind: 'stored', id: 'doc-1x' }, view: { step: '3', file: null, view: null } },
      problem: null,
    });
    expect(storage.map.has(KEY)).toBe(true);
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
    [
      'a scenario that is no document id',
      '{"version":1,"scenario":"../../x","position":1,"file":null}',
      'it could not be read',
    ],
    ['a view that is not text', '{"version":1,"scenario":"builtin","position":1,"view":7}', 'it could not be read'],
    ['an older format', '{"step":4,"path":"x"}', 'it came from another version of stepwise'],
    ['a newer format', '{"version":2,"scenario":"builtin","position":1}', 'it came from another version of stepwise'],
    [
      'a value over the budget',
      `{"version":1,"scenario":"builtin","position":1,"file":"${'x'.repeat(VIEW_STORAGE_BUDGET)}"}`,
      `it was larger than ${VIEW_STORAGE_BUDGET} characters`,
    ],
  ])('%s: dropped, removed, and named in the notice', (_what, raw, why) => {
    const storage = holding(raw);
    const result = readStoredView(storage);
    expect(result.saved).toBeNull();
    expect(result.problem).toBe(`The saved position from an earlier visit was dropped: ${why}.`);
    expect(storage.map.has(KEY)).toBe(false);
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
    expect(readStoredView(broken)).toEqual({ saved: null, problem: null });
    expect(readStoredView(null)).toEqual({ saved: null, problem: null });
    expect(writeStoredView(broken, { scenario: 'builtin', position: 1, file: null })).toBe(false);
    expect(writeStoredView(null, { scenario: 'builtin', position: 1, file: null })).toBe(false);
  });

  it('a corrupt value in a storage that cannot remove it is still only reported', () => {
    const storage = holding('garbage');
    storage.removeItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(readStoredView(storage).problem).toContain('could not be read');
  });
});

describe('writing the stored view', () => {
  it('reports a full quota instead of throwing', () => {
    const storage = new MemoryStorage(0);
    expect(writeStoredView(storage, { scenario: 'builtin', position: 5, file: null })).toBe(false);
    expect(storage.map.size).toBe(0);
  });

  it(`never stores more than ${VIEW_STORAGE_BUDGET} characters: a huge path is left out, the position kept`, () => {
    const storage = new MemoryStorage();
    const file = 'd/'.repeat(5_000) + 'f';
    expect(writeStoredView(storage, { scenario: 'builtin', position: 7, file })).toBe(true);
    const raw = storage.map.get(KEY)!;
    expect(raw.length).toBeLessThanOrEqual(VIEW_STORAGE_BUDGET);
    expect(readStoredView(storage).saved?.view).toEqual({ step: '7', file: null, view: null });
  });

  it('a scenario id over the budget stores nothing and removes the old value', () => {
    const storage = holding(JSON.stringify({ version: 1, scenario: 'old', position: 1, file: null }));
    expect(writeStoredView(storage, { scenario: 'x'.repeat(VIEW_STORAGE_BUDGET), position: 7, file: null })).toBe(true);
    expect(storage.map.size).toBe(0);
  });
});
