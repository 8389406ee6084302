import { useSyncExternalStore } from 'react';
import { StepwiseError } from '../steps/errors';
import { LIMITS } from '../steps/limits';
import {
  deleteDocument,
  documentId,
  LIBRARY_BUDGET,
  readDocument,
  readLibrary,
  removeKeys,
  saveDocument,
  type LibraryEntry,
  type StorageLike,
} from '../io/library';
import type { ParseFailure, ParseMessage, ParseRequest } from '../io/parseWorker';
import { formatChars } from '../model/format';
import { errorMessage, loadScenario, type LoadedScenario } from './scenario';
import { decodeShare, encodeShare, SHARE_LIMIT_BYTES, sharedPayload, shareUrl } from '../io/shareLink';
import { useStepwise } from './store';

/*
 * Design: the worker parses and replays the document, with progress, so that a document with an error
 * (found at any step) is refused without the page ever stalling. A sound document comes back as its text,
 * and the page parses and replays it again: about 0.2 s on the main thread for the 10,000-step benchmark
 * scenario. Sending the finished Replay back instead (structured clone keeps shared subtrees shared) cost
 * about 0.85 s for that scenario, 0.4 s of it on the main thread to rebuild the copy: slower, and a longer
 * stall.
 *
 * The job's state (progress, the last failure) lives in this module rather than in the store:
 * it is transient I/O status, read only by the document views, and a job outlives the dialog or
 * tab that started it.
 */

export interface LoadProgress {
  readonly name: string;
  readonly phase: 'reading' | 'parsing' | 'replaying';
  readonly done: number;
  readonly total: number;
}

export interface LoadFailure extends ParseFailure {
  readonly name: string;
}

export interface LoaderState {
  readonly progress: LoadProgress | null;
  readonly failure: LoadFailure | null;
  /** A non-error outcome worth a sentence: a cancelled load. */
  readonly note: string | null;
  /** Bumped whenever "Your documents" changes, so that lists re-read it. */
  readonly libraryVersion: number;
}

export type DocumentInput = { readonly text: string } | { readonly file: File };

export interface LoadOptions {
  /** Keep it in "Your documents" (not for bundled samples). Default true. */
  readonly remember?: boolean;
}

let state: LoaderState = { progress: null, failure: null, note: null, libraryVersion: 0 };
const listeners = new Set<() => void>();

function update(patch: Partial<LoaderState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads the loader's state in a component; the selector must return a stored value, not a new object. */
export function useLoader<T>(selector: (s: LoaderState) => T): T {
  return useSyncExternalStore(subscribe, () => selector(state));
}

export function getLoaderState(): LoaderState {
  return state;
}

/** Tells document lists that the library changed (a document was deleted). */
export function libraryChanged(): void {
  update({ libraryVersion: state.libraryVersion + 1 });
}

export function dismissFailure(): void {
  update({ failure: null, note: null });
}

let current: { worker: Worker; resolve: (ok: boolean) => void } | null = null;
/** Bumped by every new load and every cancel: a job whose number is stale stops. */
let generation = 0;

function stop(): void {
  generation++;
  if (!current) return;
  current.worker.terminate();
  current.resolve(false);
  current = null;
}

/** Stops the running load; the scenario shown before it stays. */
export function cancelLoad(): void {
  if (!state.progress) return;
  const name = state.progress.name;
  stop();
  update({ progress: null, note: `Loading “${name}” was cancelled; the previous scenario is still shown.` });
}

/**
 * Parses and replays a document in a worker, with progress, then makes it the current scenario.
 * On any failure the current scenario stays and the failure (line, step, line text) is published.
 * Resolves true when the document was loaded.
 */
export async function loadDocument(input: DocumentInput, name: string, options: LoadOptions = {}): Promise<boolean> {
  stop();
  const mine = generation;
  update({ progress: { name, phase: 'reading', done: 0, total: 0 }, failure: null, note: null });
  let request: ParseRequest;
  let transfer: Transferable[] = [];
  if ('file' in input) {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes: a larger file is over the limit whatever it holds.
    if (input.file.size > LIMITS.documentChars * 3) {
      fail(name, {
        message: `The file is ${formatChars(input.file.size)}; documents may have at most ${LIMITS.documentChars} characters.`,
      });
      return false;
    }
    const bytes = await input.file.arrayBuffer();
    if (mine !== generation) return false; // cancelled or replaced while reading
    request = { name, bytes };
    transfer = [bytes];
  } else request = { name, text: input.text };

  return new Promise<boolean>((resolve) => {
    const worker = new Worker(new URL('../io/parseWorker.ts', import.meta.url), { type: 'module' });
    const job = { worker, resolve };
    current = job;
    const finish = (ok: boolean) => {
      worker.terminate();
      if (current === job) current = null;
      resolve(ok);
    };
    worker.onmessage = (event: MessageEvent<ParseMessage>) => {
      if (current !== job) return;
      const message = event.data;
      if (message.type === 'progress') update({ progress: { name, ...message } });
      else if (message.type === 'failed') {
        fail(name, message.failure);
        finish(false);
      } else {
        // The worker's replay is dropped before the page builds its own: never two in memory at once.
        worker.terminate();
        finish(adopt(name, message.source, options.remember ?? true));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (current !== job) return;
      fail(name, { message: `The document reader stopped unexpectedly: ${event.message || 'unknown error'}` });
      finish(false);
    };
    worker.postMessage(request, transfer);
  });
}

function fail(name: string, failure: ParseFailure): void {
  update({ progress: null, failure: { name, ...failure } });
}

/** Makes a document the worker found sound the current scenario; false (and the failure shown) if it is not. */
function adopt(name: string, source: string, remember: boolean): boolean {
  let scenario: LoadedScenario;
  try {
    const loaded = loadScenario(source, name, documentId(source));
    scenario = { ...loaded, name: loaded.replay.document.title };
  } catch (e) {
    fail(name, { message: errorMessage(e) });
    return false;
  }
  useStepwise.getState().loadReplay(scenario);
  update({ progress: null, failure: null });
  if (remember) rememberDocument(scenario);
  return true;
}

const NO_STORAGE: StorageLike = {
  length: 0,
  key: () => null,
  getItem: () => null,
  setItem: () => {},
  removeItem: () => {},
};

/** localStorage, or an empty stand-in where the browser forbids it (some private modes). */
function libraryStorage(): StorageLike {
  try {
    return localStorage;
  } catch {
    return NO_STORAGE;
  }
}

function rememberDocument({ id, name, source }: LoadedScenario): void {
  const result = saveDocument(libraryStorage(), { id, name, source, savedAt: Date.now() });
  const dropped = result.dropped.map((e) => `“${e.name}”`).join(', ');
  const notices: string[] = [];
  if (result.dropped.length > 0)
    notices.push(
      `Your documents may use ${formatChars(LIBRARY_BUDGET)} of this browser’s storage; to make room, the oldest were removed: ${dropped}.`,
    );
  if (!result.saved) notices.push(`“${name}” is loaded but will not be remembered: ${result.reason}.`);
  if (notices.length > 0) useStepwise.getState().showNotice(notices.join(' '));
  libraryChanged();
}

/** "Your documents" as the list shows it: newest first, with what they use of the library's budget. */
export interface LibraryView {
  readonly entries: readonly LibraryEntry[];
  /** Keys that could not be read; see dropUnreadable. */
  readonly unreadable: readonly string[];
  readonly usedChars: number;
  readonly budgetChars: number;
}

/** Reads "Your documents" from this browser's storage. */
export function readLibraryView(): LibraryView {
  const { entries, corrupt } = readLibrary(libraryStorage());
  return {
    entries,
    unreadable: corrupt,
    usedChars: entries.reduce((sum, e) => sum + e.chars, 0),
    budgetChars: LIBRARY_BUDGET,
  };
}

/** Removes stored documents that could not be read, and says so. */
export function dropUnreadable(keys: readonly string[]): void {
  if (keys.length === 0) return;
  removeKeys(libraryStorage(), keys);
  const n = keys.length;
  useStepwise
    .getState()
    .showNotice(`${n} saved document${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'was' : 'were'} removed.`);
  libraryChanged();
}

/** Loads a remembered document; one that cannot be read any more is removed, with a notice. */
export async function openStoredDocument(id: string, name: string): Promise<boolean> {
  const doc = readDocument(libraryStorage(), id);
  if (!doc) {
    useStepwise.getState().showNotice(`“${name}” could not be read from this browser’s storage and was removed.`);
    forgetDocument(id);
    return false;
  }
  return loadDocument({ text: doc.source }, doc.name);
}

/** Removes a document from "Your documents". */
export function forgetDocument(id: string): void {
  deleteDocument(libraryStorage(), id);
  libraryChanged();
}

/** The most a share link may carry, compressed, in KB. */
export const SHARE_LIMIT_KB = SHARE_LIMIT_BYTES / 1024;

export type ShareLink = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

/** A link to this page that carries the current document in its `#doc=` fragment, or why there can be none. */
export async function shareCurrentDocument(): Promise<ShareLink> {
  const encoding = await encodeShare(useStepwise.getState().scenario.source);
  return encoding.ok ? { ok: true, url: shareUrl(window.location, encoding.fragment) } : encoding;
}

/** One line for a failure: the parser's message, then the line it points at. */
export function describeFailure(failure: LoadFailure): string {
  const line = failure.lineText !== undefined ? ` — line ${failure.line} reads: ${failure.lineText}` : '';
  return `“${failure.name}” could not be loaded. ${failure.message}${line}`;
}

let shared: { payload: string; id: string | null } | null = null;
let sharing = false;

async function openFromHash(): Promise<void> {
  const payload = sharedPayload(window.location.hash);
  if (payload === null) return;
  if (shared?.payload === payload && (shared.id === null || shared.id === useStepwise.getState().scenario.id)) return;
  shared = { payload, id: null };
  const name = 'shared document';
  let source: string;
  try {
    source = await decodeShare(payload);
  } catch (e) {
    const message = e instanceof StepwiseError ? e.message : `Unexpected error: ${(e as Error).message}`;
    fail(name, { message });
    useStepwise.getState().showNotice(`The shared document could not be opened: ${message}`);
    return;
  }
  const ok = await loadDocument({ text: source }, name);
  if (ok) shared = { payload, id: useStepwise.getState().scenario.id };
  else if (state.failure) useStepwise.getState().showNotice(describeFailure(state.failure));
}

/**
 * Opens a `#doc=` link at start-up and whenever the fragment changes, and drops the fragment
 * once another scenario replaces the shared one, so that a reload does not bring it back.
 * sync.ts preserves the fragment when it rewrites the query.
 */
export function startSharedDocument(): void {
  if (sharing) return;
  sharing = true;
  void openFromHash();
  window.addEventListener('hashchange', () => void openFromHash());
  useStepwise.subscribe((next, previous) => {
    if (next.scenario === previous.scenario || !shared?.id || next.scenario.id === shared.id) return;
    if (sharedPayload(window.location.hash) === null) return;
    shared = null;
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  });
}
