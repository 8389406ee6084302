import { useSyncExternalStore } from 'react';
import { StepwiseError } from '../steps/errors';
import { readDropped, readPickedFolder, readZipFile, type ProducedTree } from '../io/checkTreeInput';

/**
 * What the Check tree tab is working on. It lives outside the component so that switching to
 * another tab and back keeps the checked tree; it is never written to storage or the URL, and
 * it never touches the scenario or the position.
 */
export interface CheckSession {
  readonly produced: ProducedTree | null;
  /** What is being read right now ("out.zip"), or null. */
  readonly reading: string | null;
  readonly error: string | null;
  /** The position to compare with; null follows the scenario's last position. */
  readonly target: number | null;
  /** The file whose diff is open. */
  readonly selected: string | null;
  readonly showIdentical: boolean;
}

let session: CheckSession = {
  produced: null,
  reading: null,
  error: null,
  target: null,
  selected: null,
  showIdentical: false,
};
const listeners = new Set<() => void>();
let readCount = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateSession(patch: Partial<CheckSession>): void {
  session = { ...session, ...patch };
  for (const listener of listeners) listener();
}

/** Selects one stored value of the session (never a new object). */
export function useCheckSession<T>(selector: (s: CheckSession) => T): T {
  return useSyncExternalStore(subscribe, () => selector(session));
}

/**
 * Runs a reader and keeps its tree, or its refusal. A refused input replaces the previous result
 * with the message, so nobody mistakes the old result for the new input's.
 */
export async function readInto(label: string, read: () => Promise<ProducedTree>): Promise<void> {
  const mine = ++readCount;
  updateSession({ reading: label, error: null });
  try {
    const produced = await read();
    if (mine === readCount) updateSession({ produced, reading: null, selected: null });
  } catch (e) {
    const message = e instanceof StepwiseError ? e.message : `${label} could not be read: ${(e as Error).message}`;
    if (mine === readCount) updateSession({ produced: null, reading: null, error: message, selected: null });
  }
}

/** Checks a zip the user picked or dropped. */
export function checkZipFile(file: File): Promise<void> {
  return readInto(file.name, () => readZipFile(file));
}

/** Checks the files of a folder picked with `<input webkitdirectory>`. */
export function checkPickedFolder(files: readonly File[]): Promise<void> {
  return readInto('the folder', () => readPickedFolder(files));
}

/**
 * Checks what was dropped: the entries (taken from the DataTransfer during the drop event) when the browser
 * gave any, else a single file as a zip.
 */
export function checkDropped(entries: readonly FileSystemEntry[], files: readonly File[]): Promise<void> {
  if (entries.length > 0) return readInto('the dropped items', () => readDropped(entries));
  if (files.length === 1) return checkZipFile(files[0]);
  return Promise.resolve();
}
