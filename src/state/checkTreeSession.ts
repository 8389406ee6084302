import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { readDropped, readPickedFolder, readZipFile, type ProducedTree } from '../io/checkTreeInput';
import { StepwiseError } from '../steps/errors';

/**
 * What the Check tree tab is working on: a store of its own, loaded with the tab, so that switching to another
 * tab and back keeps the checked tree. It is never written to storage or the URL, and it never touches the
 * scenario or the position.
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

  setTarget(target: number | null): void;
  /** Opens the diff of a file, or closes it with null. */
  selectEntry(path: string | null): void;
  setShowIdentical(show: boolean): void;
  /**
   * Runs a reader and keeps its tree, or its refusal. A refused input replaces the previous result
   * with the message, so nobody mistakes the old result for the new input's; only the latest read counts.
   */
  readInto(label: string, read: () => Promise<ProducedTree>): Promise<void>;
  /** Checks a zip the user picked or dropped. */
  checkZipFile(file: File): Promise<void>;
  /** Checks the files of a folder picked with `<input webkitdirectory>`. */
  checkPickedFolder(files: readonly File[]): Promise<void>;
  /**
   * Checks what was dropped: the entries (taken from the DataTransfer during the drop event) when the browser
   * gave any, else a single file as a zip.
   */
  checkDropped(entries: readonly FileSystemEntry[], files: readonly File[]): Promise<void>;
}

export function createCheckSession(): StoreApi<CheckSession> {
  return createStore<CheckSession>()((set, get) => {
    let readCount = 0;
    return {
      produced: null,
      reading: null,
      error: null,
      target: null,
      selected: null,
      showIdentical: false,

      setTarget(target) {
        set({ target });
      },
      selectEntry(selected) {
        set({ selected });
      },
      setShowIdentical(showIdentical) {
        set({ showIdentical });
      },
      async readInto(label, read) {
        const mine = ++readCount;
        set({ reading: label, error: null });
        try {
          const produced = await read();
          if (mine === readCount) set({ produced, reading: null, selected: null });
        } catch (e) {
          const message =
            e instanceof StepwiseError ? e.message : `${label} could not be read: ${(e as Error).message}`;
          if (mine === readCount) set({ produced: null, reading: null, error: message, selected: null });
        }
      },
      checkZipFile(file) {
        return get().readInto(file.name, () => readZipFile(file));
      },
      checkPickedFolder(files) {
        return get().readInto('the folder', () => readPickedFolder(files));
      },
      async checkDropped(entries, files) {
        if (entries.length > 0) return get().readInto('the dropped items', () => readDropped(entries));
        if (files.length === 1) return get().checkZipFile(files[0]);
      },
    };
  });
}

/** The page's check session. */
export const checkSession = createCheckSession();

/** Selects from the page's check session; keep selectors narrow. */
export function useCheckSession<T>(selector: (session: CheckSession) => T): T {
  return useStore(checkSession, selector);
}
