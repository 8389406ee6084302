import type { StorageLike } from './library';

/**
 * Where kept runs live in localStorage (see runLibrary.ts): RUN_PREFIX + document id + ":" + run id. Kept
 * apart from runLibrary so that start-up can ask whether a document has runs without loading the library.
 */
export const RUN_PREFIX = 'stepwise:run:';

/** The key prefix of one document's runs. */
export function runPrefixOf(scenario: string): string {
  return `${RUN_PREFIX}${scenario}:`;
}

/** The keys that start with `prefix`. */
export function keysUnder(storage: StorageLike, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** Whether any run of this document is kept (a scan of keys: nothing is parsed). */
export function hasStoredRuns(storage: StorageLike, scenario: string): boolean {
  return keysUnder(storage, runPrefixOf(scenario)).length > 0;
}
