import { isObject } from '../steps/runs/json';
import { RUN_FORMATS, type Action, type ParsedRun, type RunOperation } from '../steps/runs/types';
import { formatChars } from '../model/format';
import { isRunId } from '../model/location';
import { keysUnder, RUN_PREFIX, runPrefixOf } from './runKeys';
import { documentId, planEviction, removeKeys, type LibraryEntry, type StorageLike } from './library';

/**
 * Runs kept with their document in localStorage, so that a reload or Back brings them back: under
 * RUN_PREFIX + document id + ":" + run id, the parsed run (its operations, not the whole log: a
 * log's messages and tool results are most of its size), graded again when it is opened. Runs have
 * a budget of their own beside "Your documents" (library.ts), so that runs never push documents out.
 */

/** Characters the kept runs may use: what the origin's quota leaves beside the documents' budget. */
export const RUN_LIBRARY_BUDGET = 768 * 1024;

const VERSION = 1;

export interface StoredRun {
  readonly id: string;
  /** The id of the document (scenario) it was graded against. */
  readonly scenario: string;
  readonly run: ParsedRun;
  /** Milliseconds since the epoch of when it was opened. */
  readonly savedAt: number;
}

/** A run's id: the same run of the same document keeps one id, so opening it twice keeps one copy. */
export function runId(scenario: string, run: ParsedRun): string {
  return `run-${documentId(`${scenario}\n${JSON.stringify(run)}`).slice('doc-'.length)}`;
}

/** The kept runs of a document in the order they were opened, and the keys that hold something unreadable. */
export function readStoredRuns(storage: StorageLike, scenario: string): { runs: StoredRun[]; corrupt: string[] } {
  const runs: StoredRun[] = [];
  const corrupt: string[] = [];
  for (const key of keysUnder(storage, runPrefixOf(scenario))) {
    const raw = storage.getItem(key) ?? '';
    const stored = raw.length <= RUN_LIBRARY_BUDGET ? parseStored(key, scenario, raw) : null;
    if (stored) runs.push(stored);
    else corrupt.push(key);
  }
  runs.sort((a, b) => a.savedAt - b.savedAt || (a.id < b.id ? -1 : 1));
  return { runs, corrupt };
}

export function deleteStoredRun(storage: StorageLike, scenario: string, id: string): void {
  try {
    storage.removeItem(runPrefixOf(scenario) + id);
  } catch {
    // A storage that cannot be written holds nothing to remove.
  }
}

export interface RunSaveResult {
  /** Runs of any document removed (oldest first) to make room. */
  readonly dropped: number;
  /** Names of the runs that could not be kept, and why (the end of a sentence). */
  readonly notSaved: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
}

/**
 * Keeps runs, dropping the oldest kept runs (of any document) when the budget or the browser's
 * quota runs out. Never throws: a full or disabled storage is reported in the result.
 */
export function saveRuns(storage: StorageLike, runs: readonly StoredRun[], budget = RUN_LIBRARY_BUDGET): RunSaveResult {
  let dropped = 0;
  const notSaved: { name: string; reason: string }[] = [];
  for (const stored of runs) {
    const key = runPrefixOf(stored.scenario) + stored.id;
    const raw = JSON.stringify({ version: VERSION, ...stored });
    try {
      const entries = listed(storage);
      const drop = planEviction(entries, { id: key, chars: key.length + raw.length }, budget);
      if (drop === null) {
        notSaved.push({
          name: stored.run.name,
          reason: `it is larger than the ${formatChars(budget)} set aside for runs`,
        });
        continue;
      }
      removeKeys(
        storage,
        drop.map((e) => e.id),
      );
      dropped += drop.length;
      const rest = entries.filter((e) => e.id !== key && !drop.includes(e)).sort((a, b) => a.savedAt - b.savedAt);
      for (;;) {
        try {
          storage.setItem(key, raw);
          break;
        } catch {
          const oldest = rest.shift();
          if (!oldest) throw new Error('full');
          storage.removeItem(oldest.id);
          dropped++;
        }
      }
    } catch {
      notSaved.push({ name: stored.run.name, reason: 'the browser’s storage is full or turned off' });
    }
  }
  return { dropped, notSaved };
}

/** Every kept run as a library entry keyed by its storage key; unreadable ones count as oldest. */
function listed(storage: StorageLike): LibraryEntry[] {
  return keysUnder(storage, RUN_PREFIX).map((key) => {
    const raw = storage.getItem(key) ?? '';
    return { id: key, name: key, savedAt: savedAtOf(raw), chars: key.length + raw.length };
  });
}

function savedAtOf(raw: string): number {
  try {
    const value: unknown = JSON.parse(raw);
    return isObject(value) && typeof value.savedAt === 'number' ? value.savedAt : 0;
  } catch {
    return 0;
  }
}

function parseStored(key: string, scenario: string, raw: string): StoredRun | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(value) || value.version !== VERSION) return null;
  const { id, run, savedAt } = value;
  if (typeof id !== 'string' || !isRunId(id) || runPrefixOf(scenario) + id !== key || value.scenario !== scenario)
    return null;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || !isParsedRun(run)) return null;
  return { id, scenario, run, savedAt };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

/** Whether stored data is a parsed run the replay can take: every field of every operation checked. */
export function isParsedRun(value: unknown): value is ParsedRun {
  return (
    isObject(value) &&
    isString(value.name) &&
    (RUN_FORMATS as readonly unknown[]).includes(value.format) &&
    (value.cwd === null || isString(value.cwd)) &&
    typeof value.persistentShell === 'boolean' &&
    Array.isArray(value.problems) &&
    value.problems.every(isString) &&
    Array.isArray(value.operations) &&
    value.operations.every((op: unknown, i: number) => isOperation(op, i + 1))
  );
}

function isOperation(value: unknown, index: number): value is RunOperation {
  return (
    isObject(value) &&
    value.index === index &&
    isString(value.tool) &&
    isString(value.location) &&
    optionalString(value.cwd) &&
    optionalString(value.at) &&
    optionalString(value.note) &&
    optionalString(value.failed) &&
    isAction(value.action)
  );
}

function isAction(value: unknown): value is Action {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'mkdir':
    case 'delete':
      return isString(value.path);
    case 'write':
      return isString(value.path) && isString(value.content);
    case 'edit':
      return (
        isString(value.path) &&
        Array.isArray(value.edits) &&
        value.edits.every(
          (e: unknown) => isObject(e) && isString(e.old) && isString(e.new) && typeof e.all === 'boolean',
        )
      );
    case 'insert':
      return (
        isString(value.path) && Number.isSafeInteger(value.line) && (value.line as number) >= 0 && isString(value.text)
      );
    case 'move':
      return isString(value.from) && isString(value.to);
    case 'shell':
      return isString(value.command);
    case 'opaque':
      return isString(value.detail);
    default:
      return false;
  }
}
