/**
 * The document, position, file and tab of the last visit, kept in localStorage so that a bare address (or the
 * next visit) comes back to them; stored state is untrusted like any input.
 */
import { BUILTIN_ID, BUILTIN_REF, isDocumentId, type DocumentRef, type ViewRequest } from '../model/location';
import { parseJsonObject } from '../steps/jsonScan';

const STORAGE_KEY = 'stepwise:view';
const STORAGE_VERSION = 1;
/**
 * The most characters the view state may take in localStorage. A path is at most 32 names of 255
 * characters, so a stored view is normally far below this; anything larger is refused, not stored.
 */
export const VIEW_STORAGE_BUDGET = 4 * 1024;

interface StoredView {
  version: number;
  /** The scenario's id: "builtin" or a document id (library.ts). */
  scenario: string;
  position: number;
  file: string | null;
  /** The detail tab; absent in views stored before tabs were remembered. */
  view?: string;
}

/** The part of Storage this module uses; tests pass an in-memory one. */
export type ViewStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface StoredViewResult {
  /** The document and the view within it that the last visit showed. */
  saved: { document: DocumentRef; view: ViewRequest } | null;
  /** What was dropped and why, for the notice; null when nothing was. */
  problem: string | null;
}

/** localStorage, or null where there is none (Node) or reading the property itself throws (some sandboxed pages). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function forget(storage: ViewStorage): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing more to do: the next successful write replaces it.
  }
}

/**
 * The view saved by the last visit, with the document it belongs to. Whatever cannot be used — corrupt
 * JSON, an older format, values of the wrong type, more than the budget — is removed and named in `problem`.
 */
export function readStoredView(storage: ViewStorage | null): StoredViewResult {
  let raw: string | null;
  try {
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { saved: null, problem: null };
  }
  if (raw === null || storage === null) return { saved: null, problem: null };
  const drop = (why: string): StoredViewResult => {
    forget(storage);
    return { saved: null, problem: `The saved position from an earlier visit was dropped: ${why}.` };
  };
  if (raw.length > VIEW_STORAGE_BUDGET) return drop(`it was larger than ${VIEW_STORAGE_BUDGET} characters`);
  const stored = parseJsonObject(raw);
  if (stored === undefined) return drop('it could not be read');
  const { version, scenario, position, file, view } = stored as Partial<Record<keyof StoredView, unknown>>;
  if (version !== STORAGE_VERSION) return drop('it came from another version of stepwise');
  if (typeof scenario !== 'string' || typeof position !== 'number' || !Number.isFinite(position))
    return drop('it could not be read');
  if (scenario !== BUILTIN_ID && !isDocumentId(scenario)) return drop('it could not be read');
  if (file !== null && file !== undefined && typeof file !== 'string') return drop('it could not be read');
  if (view !== undefined && typeof view !== 'string') return drop('it could not be read');
  return {
    saved: {
      document: scenario === BUILTIN_ID ? BUILTIN_REF : { kind: 'stored', id: scenario },
      view: { step: String(position), file: typeof file === 'string' ? file : null, view: view ?? null },
    },
    problem: null,
  };
}

/**
 * Saves the view within VIEW_STORAGE_BUDGET (dropping the file first if the whole does not fit).
 * Returns false when the browser refused (storage full or disabled); the URL still carries the view.
 */
export function writeStoredView(storage: ViewStorage | null, view: Omit<StoredView, 'version'>): boolean {
  if (storage === null) return false;
  let text = JSON.stringify({ version: STORAGE_VERSION, ...view });
  if (text.length > VIEW_STORAGE_BUDGET) text = JSON.stringify({ version: STORAGE_VERSION, ...view, file: null });
  if (text.length > VIEW_STORAGE_BUDGET) {
    forget(storage);
    return true;
  }
  try {
    storage.setItem(STORAGE_KEY, text);
    return true;
  } catch {
    return false;
  }
}
