import { browserStorage, readStoredView, writeStoredView } from '../io/viewStorage';
import {
  BUILTIN_ID,
  documentRefOf,
  formatAddress,
  parseAddress,
  resolveView,
  sameDocument,
  sharedPayload,
  type AddressRequest,
  type DocumentRef,
  type ViewRequest,
} from '../model/location';
import { afterNextPaint } from './afterPaint';
import type { StepwiseState, StepwiseStore } from './store';

/** How opening a document an address names ended; `problem` says why it was not opened, if it matters. */
export type OpenResult = { readonly opened: true } | { readonly opened: false; readonly problem: string | null };

/**
 * Opens a document other than the built-in one in the store (the document loader's openDocument): `wanted` is
 * asked just before it would replace the shown scenario, so that a newer navigation wins.
 */
export type OpenDocument = (
  ref: Exclude<DocumentRef, { kind: 'builtin' }>,
  wanted: () => boolean,
) => Promise<OpenResult>;

/** The page's document loader, loaded the first time an address names a document other than the built-in one. */
const pageLoader = async (): Promise<OpenDocument> => {
  const { documentLoader } = await import('./documentLoader');
  return (ref, wanted) => documentLoader.getState().openDocument(ref, wanted);
};

/**
 * Opens a view of the store's scenario, at start-up and on Back/Forward. What had to be dropped or changed is
 * named in a notice, after `earlierProblems`.
 */
export function openView(store: StepwiseStore, request: ViewRequest, earlierProblems: readonly string[] = []): void {
  const { scenario, goTo, select, setDetailTab, showNotice } = store.getState();
  const view = resolveView(request, scenario);
  goTo(view.position);
  if (view.file) select(view.file);
  setDetailTab(view.view);
  store.getState().openRun(view.run ?? null);
  const problems = [...earlierProblems, ...view.problems];
  if (problems.length > 0) showNotice(problems.join(' '));
}

/** The address that names what the store shows. */
function addressOf(state: StepwiseState): { search: string; hash: string } {
  return formatAddress({
    document: documentRefOf(state.scenario),
    position: state.position,
    file: state.selectedPath,
    view: state.detailTab,
    run: state.openRunId,
  });
}

/** Whether a store change changes its address (or what storage keeps). */
function addressChanged(state: StepwiseState, previous: StepwiseState): boolean {
  return (
    state.position !== previous.position ||
    state.selectedPath !== previous.selectedPath ||
    state.scenario !== previous.scenario ||
    state.detailTab !== previous.detailTab ||
    state.openRunId !== previous.openRunId
  );
}

/** How long a position must stay before it is written to storage. */
const STORE_DELAY_MS = 300;

/**
 * Keeps the URL and local storage in step with the store: the URL always names the document, the position,
 * the file and the tab (browser back/forward walk the visited ones, across documents), and a reload comes
 * back to them. Documents other than the built-in one are opened by `loadOpener`'s function (the page's
 * document loader, loaded when first needed).
 */
export function startSync(store: StepwiseStore, loadOpener: () => Promise<OpenDocument> = pageLoader): void {
  let warnedAboutStorage = false;
  const writeStored = (state: StepwiseState) => {
    const saved = writeStoredView(browserStorage(), {
      scenario: state.scenario.id,
      position: state.position,
      file: state.selectedPath,
      view: state.detailTab,
    });
    // Said once per visit: repeating it on every step would drown the other notices.
    if (!saved && !warnedAboutStorage) {
      warnedAboutStorage = true;
      state.showNotice(
        'The browser’s storage is full or turned off, so this position will not be remembered after a reload; the URL still names it.',
      );
    }
  };

  let applyingHistory = false;
  /** Bumped by every navigation: a document that finishes loading after a newer navigation is not shown. */
  let navigation = 0;
  /** True while a navigation waits for its document: the address names that document, not what is shown. */
  let navigating = false;
  /** Whether the slider drag in progress has already made its history entry. */
  let scrubbed = false;

  // Writing history and storage costs milliseconds (pushState most of all), so neither happens
  // inside the frame that shows the new position: the URL follows right after that frame is painted,
  // storage once the position has settled (and at the latest when the page is hidden).
  /** `startup`: the correction of the address the page was opened with (see below). */
  let pendingUrl: { address: { search: string; hash: string }; replace: boolean; startup?: true } | null = null;
  const flushUrl = () => {
    if (pendingUrl === null) return;
    const { address, replace } = pendingUrl;
    pendingUrl = null;
    // A fragment that carries no document is the page's own (a link to a heading, say) and stays.
    const hash = address.hash || (sharedPayload(window.location.hash) === null ? window.location.hash : '');
    const url = address.search + hash;
    if (url === window.location.search + window.location.hash) return;
    if (replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
  };
  /** Makes the current entry name what is shown, after the next frame (start-up, the end of a navigation). */
  const correctUrl = (startup?: true) => {
    if (pendingUrl === null) afterNextPaint(flushUrl);
    pendingUrl = { address: addressOf(store.getState()), replace: true, startup };
  };

  /**
   * Shows what an address asks for. A view of the scenario already shown, or of the built-in one, is opened
   * at once; another document is loaded first (from this browser's documents, the samples, or the link
   * itself), meanwhile the address is left as it is, and the view is opened on it once it is there. A
   * document that cannot be opened leaves the scenario shown as it was, with a notice.
   */
  const navigate = (document: DocumentRef, view: ViewRequest, problems: readonly string[]) => {
    const mine = ++navigation;
    navigating = false;
    const state = store.getState();
    if (document.kind === 'builtin' || sameDocument(document, documentRefOf(state.scenario))) {
      if (document.kind === 'builtin' && state.scenario.id !== BUILTIN_ID) state.openBuiltin();
      openView(store, view, problems);
      return;
    }
    navigating = true;
    pendingUrl = null;
    void loadOpener()
      .then(
        (open) => open(document, () => mine === navigation),
        () => ({ opened: false as const, problem: 'The document could not be opened: its loader did not load.' }),
      )
      .catch((e: unknown) => ({
        opened: false as const,
        problem: `The document could not be opened: ${e instanceof Error ? e.message : String(e)}`,
      }))
      .then((result) => {
        if (mine !== navigation) return;
        if (result.opened) openView(store, view, problems);
        else {
          const all = [...problems, ...(result.problem ? [result.problem] : [])];
          if (all.length > 0) store.getState().showNotice(all.join(' '));
        }
        navigating = false;
        correctUrl();
      });
  };

  const fromUrl = parseAddress(window.location.search, window.location.hash);
  let start: AddressRequest = fromUrl;
  let storedProblem: string | null = null;
  if (fromUrl.view === null && fromUrl.document.kind === 'builtin' && fromUrl.problem === null) {
    const stored = readStoredView(browserStorage());
    storedProblem = stored.problem;
    if (stored.saved) start = { ...stored.saved, problem: null };
  }
  const startProblems = [storedProblem, start.problem].filter((p): p is string => p !== null);
  navigate(start.document, start.view ?? {}, startProblems);

  // The address is made to name the view in a task after the next frame, like every later change, not
  // during start-up: a history write is a synchronous call into the browser, and none is made at all when
  // the address already names the view. (A document still loading corrects it when it is there.)
  if (!navigating) correctUrl(true);

  let storeTimer: ReturnType<typeof setTimeout> | null = null;
  const flushStored = () => {
    if (storeTimer !== null) clearTimeout(storeTimer);
    storeTimer = null;
    writeStored(store.getState());
  };

  store.subscribe((state, previous) => {
    if (!state.scrubbing) scrubbed = false;
    if (!addressChanged(state, previous)) return;
    if (storeTimer !== null) clearTimeout(storeTimer);
    storeTimer = setTimeout(flushStored, STORE_DELAY_MS);
    if (applyingHistory || navigating) return;
    // A change before that first write (a key pressed at once, a shared document opened from the cache):
    // the start-up entry is corrected first, so that the change is pushed after it rather than over it.
    if (pendingUrl?.startup) flushUrl();
    // Playback would flood the history with every step, and a slider drag with every position passed:
    // both replace the entry instead (a drag after making its own). Positions passed within one frame
    // become one entry, pushed if any of them was.
    const grouped = state.playing || (state.scrubbing && scrubbed);
    if (state.scrubbing) scrubbed = true;
    const replace = grouped && (pendingUrl?.replace ?? true);
    if (pendingUrl === null) afterNextPaint(flushUrl);
    pendingUrl = { address: addressOf(state), replace };
  });
  window.addEventListener('pagehide', () => {
    flushUrl();
    if (storeTimer !== null) flushStored();
  });

  /** The address last navigated to by the browser, so that a hashchange after its popstate is not a second one. */
  let visited = window.location.search + window.location.hash;
  const onBrowserNavigation = () => {
    visited = window.location.search + window.location.hash;
    // The browser has moved to another entry: a position not yet written must not land after it.
    pendingUrl = null;
    const address = parseAddress(window.location.search, window.location.hash);
    applyingHistory = true;
    try {
      navigate(address.document, address.view ?? { step: '0' }, address.problem ? [address.problem] : []);
    } finally {
      applyingHistory = false;
    }
  };
  window.addEventListener('popstate', onBrowserNavigation);
  // Browsers send popstate for a fragment typed into the address bar too, then hashchange.
  window.addEventListener('hashchange', () => {
    if (window.location.search + window.location.hash !== visited) onBrowserNavigation();
  });
}
