import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
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
  type StoredDocument,
} from '../io/library';
import type { ParseFailure, ParseMessage, ParseRequest } from '../io/parseWorker';
import { decodeShare, encodeShare, SHARE_LIMIT_BYTES, shareUrl } from '../io/shareLink';
import { formatChars } from '../model/format';
import type { DocumentRef } from '../model/location';
import { adoptFileCounts } from '../steps/fileCounts';
import { LIMITS } from '../steps/limits';
import { afterNextPaint } from './afterPaint';
import { stepwiseStore } from './appStore';
import { SAMPLES } from './documentSamples';
import { errorMessage, loadScenario, type LoadedScenario } from './scenario';
import type { StepwiseStore } from './store';
import type { OpenResult } from './sync';

/*
 * Design: the worker parses and replays the document, with progress, so that a document with an error
 * (found at any step) is refused without the page ever stalling. A sound document comes back as its text,
 * and the page parses and replays it again: about 0.2 s on the main thread for the 10,000-step benchmark
 * scenario. Sending the finished Replay back instead (structured clone keeps shared subtrees shared) cost
 * about 0.85 s for that scenario, 0.4 s of it on the main thread to rebuild the copy: slower, and a longer
 * stall.
 *
 * The header's verdict needs the number of files that parse at every position, which means parsing every
 * version of every JSON and YAML file: longer than the replay (3 s for 100,000 steps). Done on the page in
 * idle time, it made the garbage collector interrupt the steps of such a document for many seconds. Any
 * worker busy, or merely alive with a heap to collect, while the page replays slowed that replay by 10–50 %.
 * So once the page has painted the document, a second worker replays it once more and counts (countFiles).
 * While that worker replays, its trees and the page's are in memory together (about 2 s for 100,000 steps);
 * it drops them before it counts.
 *
 * The loader is a store of its own beside the app's: its state is transient I/O status read only by the
 * document views, a job outlives the dialog or tab that started it, and its code (with the library and the
 * share links) is loaded only with those views or a #doc= link, never for the first paint.
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

export type DocumentInput = { readonly text: string } | { readonly file: File };

export interface LoadOptions {
  /** Keep it in "Your documents" (not for bundled samples). Default true. */
  readonly remember?: boolean;
  /** The `#doc=` payload of the link the document came from. */
  readonly sharedPayload?: string;
  /** Asked just before the document replaces the current one: false stops the load (the user went elsewhere). */
  readonly wanted?: () => boolean;
}

/** How a load ended: shown, refused (the failure is published), or stopped by a cancel or a newer load. */
type LoadOutcome = 'loaded' | 'failed' | 'stopped';

/** "Your documents" as the list shows it: newest first, with what they use of the library's budget. */
export interface LibraryView {
  readonly entries: readonly LibraryEntry[];
  /** Keys that could not be read; see dropUnreadable. */
  readonly unreadable: readonly string[];
  readonly usedChars: number;
  readonly budgetChars: number;
}

export type ShareLink = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

export interface LoaderState {
  readonly progress: LoadProgress | null;
  readonly failure: LoadFailure | null;
  /** A non-error outcome worth a sentence: a cancelled load. */
  readonly note: string | null;
  /** Bumped whenever "Your documents" changes, so that lists read it again. */
  readonly libraryVersion: number;

  /**
   * Parses and replays a document in a worker, with progress, then makes it the current scenario.
   * On any failure the current scenario stays and the failure (line, step, line text) is published.
   * Resolves true when the document was loaded.
   */
  loadDocument(input: DocumentInput, name: string, options?: LoadOptions): Promise<boolean>;
  /** Stops the running load; the scenario shown before it stays. */
  cancelLoad(): void;
  dismissFailure(): void;
  /** Reads "Your documents" from this browser's storage. */
  readLibraryView(): LibraryView;
  /** Removes stored documents that could not be read, and says so. */
  dropUnreadable(keys: readonly string[]): void;
  /** Loads a remembered document; one that cannot be read any more is removed, with a notice. */
  openStoredDocument(id: string, name: string): Promise<boolean>;
  /** Removes a document from "Your documents". */
  forgetDocument(id: string): void;
  /** A link to this page that carries the current document in its `#doc=` fragment, or why there can be none. */
  shareCurrentDocument(): Promise<ShareLink>;
  /**
   * Opens the document an address names (sync.ts): one kept in this browser or a bundled sample, by id, or the
   * one a `#doc=` link carries, which is not added to "Your documents" unless the user asks. The current
   * scenario stays when it cannot be opened; `wanted` is asked just before it would be replaced.
   */
  openDocument(ref: Exclude<DocumentRef, { kind: 'builtin' }>, wanted: () => boolean): Promise<OpenResult>;
  /** Whether "Your documents" holds the document with this id. */
  isKept(id: string): boolean;
  /** Keeps the shown document in "Your documents" (the oldest dropped if need be, with a notice); false if not. */
  keepCurrentDocument(): boolean;
}

export type LoaderStore = StoreApi<LoaderState>;

/** The most a share link may carry, compressed, in KB. */
export const SHARE_LIMIT_KB = SHARE_LIMIT_BYTES / 1024;

const NO_STORAGE: StorageLike = {
  length: 0,
  key: () => null,
  getItem: () => null,
  // Saving reports that the storage is not available, rather than claiming to have kept the document.
  setItem: () => {
    throw new Error('storage is not available');
  },
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

/** A loader that opens the documents it loads in `stepwise`. */
export function createDocumentLoader(stepwise: StepwiseStore): LoaderStore {
  return createStore<LoaderState>()((set, get) => {
    let current: { worker: Worker; resolve: (outcome: LoadOutcome) => void } | null = null;
    /** The worker counting the files of the document last loaded (see countFiles). */
    let counting: { stop: () => void } | null = null;
    /** Bumped by every new load and every cancel: a job whose number is stale stops. */
    let generation = 0;
    const notice = (text: string) => stepwise.getState().showNotice(text);
    const libraryChanged = () => set({ libraryVersion: get().libraryVersion + 1 });
    const fail = (name: string, failure: ParseFailure) => set({ progress: null, failure: { name, ...failure } });

    function stopCounting(): void {
      counting?.stop();
      counting = null;
    }

    /**
     * Once the page has painted `scenario`, a worker of its own parses and replays it again and counts the
     * files that parse at every position, for the header's verdict (see the design note above).
     */
    function countFiles({ source, replay }: LoadedScenario): void {
      let worker: Worker | null = null;
      const cancel = afterNextPaint(() => {
        worker = new Worker(new URL('../io/parseWorker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<ParseMessage>) => {
          if (event.data.type === 'counts') adoptFileCounts(replay, event.data.packed);
          if (event.data.type === 'counts' || event.data.type === 'failed') stopCounting();
        };
        // Without the counts, the page counts the positions it shows (verdictAt).
        worker.onerror = (event) => {
          event.preventDefault();
          stopCounting();
        };
        worker.postMessage({ text: source, count: true } satisfies ParseRequest);
      });
      counting = {
        stop: () => {
          cancel();
          worker?.terminate();
        },
      };
    }

    function stop(): void {
      generation++;
      stopCounting();
      if (!current) return;
      current.worker.terminate();
      current.resolve('stopped');
      current = null;
    }

    /** Makes a document the worker found sound the current scenario; null (and the failure shown) if it is not. */
    function adopt(
      name: string,
      source: string,
      { remember = true, sharedPayload }: LoadOptions,
    ): LoadedScenario | null {
      let scenario: LoadedScenario;
      try {
        const loaded = loadScenario(source, name, documentId(source));
        scenario = { ...loaded, name: loaded.replay.document.title, sharedPayload };
      } catch (e) {
        fail(name, { message: errorMessage(e) });
        return null;
      }
      stepwise.getState().openScenario(scenario);
      set({ progress: null, failure: null });
      if (remember) rememberDocument(scenario);
      return scenario;
    }

    /** Keeps a document in "Your documents"; returns whether it was saved. */
    function rememberDocument({ id, name, source }: LoadedScenario): boolean {
      const result = saveDocument(libraryStorage(), { id, name, source, savedAt: Date.now() });
      const dropped = result.dropped.map((e) => `“${e.name}”`).join(', ');
      const notices: string[] = [];
      if (result.dropped.length > 0)
        notices.push(
          `Your documents may use ${formatChars(LIBRARY_BUDGET)} of this browser’s storage; to make room, the oldest were removed: ${dropped}.`,
        );
      if (!result.saved) notices.push(`“${name}” is loaded but will not be remembered: ${result.reason}.`);
      if (notices.length > 0) notice(notices.join(' '));
      libraryChanged();
      return result.saved;
    }

    /** A document kept in this browser, or null (also where the browser refuses to read its storage). */
    function readKept(id: string): StoredDocument | null {
      try {
        return readDocument(libraryStorage(), id);
      } catch {
        return null;
      }
    }

    async function load(input: DocumentInput, name: string, options: LoadOptions): Promise<LoadOutcome> {
      stop();
      const mine = generation;
      set({ progress: { name, phase: 'reading', done: 0, total: 0 }, failure: null, note: null });
      let request: ParseRequest;
      let transfer: Transferable[] = [];
      if ('file' in input) {
        // A UTF-16 code unit takes at most 3 UTF-8 bytes: a larger file is over the limit whatever it holds.
        if (input.file.size > LIMITS.documentChars * 3) {
          fail(name, {
            message: `The file is ${formatChars(input.file.size)}; documents may have at most ${LIMITS.documentChars} characters.`,
          });
          return 'failed';
        }
        const bytes = await input.file.arrayBuffer();
        if (mine !== generation) return 'stopped'; // cancelled or replaced while reading
        request = { bytes };
        transfer = [bytes];
      } else request = { text: input.text };

      return new Promise<LoadOutcome>((resolve) => {
        const worker = new Worker(new URL('../io/parseWorker.ts', import.meta.url), { type: 'module' });
        const job = { worker, resolve };
        current = job;
        const finish = (outcome: LoadOutcome) => {
          worker.terminate();
          if (current === job) current = null;
          resolve(outcome);
        };
        worker.onmessage = (event: MessageEvent<ParseMessage>) => {
          if (current !== job) return;
          const message = event.data;
          if (message.type === 'progress') set({ progress: { name, ...message } });
          else if (message.type === 'failed') {
            fail(name, message.failure);
            finish('failed');
          } else if (message.type === 'done') {
            // The worker's replay is dropped before the page builds its own: not two at once while the page replays.
            worker.terminate();
            if (options.wanted?.() === false) {
              set({ progress: null });
              finish('stopped');
              return;
            }
            const scenario = adopt(name, message.source, options);
            finish(scenario ? 'loaded' : 'failed');
            if (scenario) countFiles(scenario);
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          if (current !== job) return;
          fail(name, { message: `The document reader stopped unexpectedly: ${event.message || 'unknown error'}` });
          finish('failed');
        };
        worker.postMessage(request, transfer);
      });
    }

    return {
      progress: null,
      failure: null,
      note: null,
      libraryVersion: 0,

      async loadDocument(input, name, options = {}) {
        return (await load(input, name, options)) === 'loaded';
      },
      cancelLoad() {
        const { progress } = get();
        if (!progress) return;
        stop();
        set({
          progress: null,
          note: `Loading “${progress.name}” was cancelled; the previous scenario is still shown.`,
        });
      },
      dismissFailure() {
        set({ failure: null, note: null });
      },
      readLibraryView() {
        const { entries, corrupt } = readLibrary(libraryStorage());
        return {
          entries,
          unreadable: corrupt,
          usedChars: entries.reduce((sum, e) => sum + e.chars, 0),
          budgetChars: LIBRARY_BUDGET,
        };
      },
      dropUnreadable(keys) {
        if (keys.length === 0) return;
        removeKeys(libraryStorage(), keys);
        const n = keys.length;
        notice(`${n} saved document${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'was' : 'were'} removed.`);
        libraryChanged();
      },
      async openStoredDocument(id, name) {
        const doc = readDocument(libraryStorage(), id);
        if (!doc) {
          notice(`“${name}” could not be read from this browser’s storage and was removed.`);
          get().forgetDocument(id);
          return false;
        }
        return get().loadDocument({ text: doc.source }, doc.name);
      },
      forgetDocument(id) {
        deleteDocument(libraryStorage(), id);
        libraryChanged();
      },
      async shareCurrentDocument() {
        const encoding = await encodeShare(stepwise.getState().scenario.source);
        return encoding.ok ? { ok: true, url: shareUrl(window.location, encoding.fragment) } : encoding;
      },
      async openDocument(ref, wanted) {
        let source: string;
        let name: string;
        if (ref.kind === 'stored') {
          const found = readKept(ref.id) ?? SAMPLES.find((s) => documentId(s.source) === ref.id);
          if (!found)
            return {
              opened: false,
              problem: `The address names a document (${ref.id}) that is not in your documents in this browser: it was deleted, not saved (storage full), or saved in another browser.`,
            };
          ({ source } = found);
          name = 'name' in found ? found.name : `${found.label} sample`;
        } else {
          name = 'shared document';
          try {
            source = await decodeShare(ref.payload);
          } catch (e) {
            const message = errorMessage(e);
            fail(name, { message });
            return { opened: false, problem: `The shared document could not be opened: ${message}` };
          }
        }
        const outcome = await load({ text: source }, name, {
          remember: false,
          sharedPayload: ref.kind === 'shared' ? ref.payload : undefined,
          wanted,
        });
        if (outcome === 'loaded') return { opened: true };
        const { failure } = get();
        return { opened: false, problem: outcome === 'failed' && failure ? describeFailure(failure) : null };
      },
      isKept(id) {
        return readKept(id) !== null;
      },
      keepCurrentDocument() {
        return rememberDocument(stepwise.getState().scenario);
      },
    };
  });
}

/** One line for a failure: the parser's message, then the line it points at. */
export function describeFailure(failure: LoadFailure): string {
  const line = failure.lineText !== undefined ? ` — line ${failure.line} reads: ${failure.lineText}` : '';
  return `“${failure.name}” could not be loaded. ${failure.message}${line}`;
}

/** The page's loader, for its document views; it opens documents in the page's store. */
export const documentLoader = createDocumentLoader(stepwiseStore);

/** Selects from the page's loader; keep selectors narrow. */
export function useLoader<T>(selector: (state: LoaderState) => T): T {
  return useStore(documentLoader, selector);
}
