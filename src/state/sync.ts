import { browserStorage, readStoredView, writeStoredView } from '../io/viewStorage';
import { resolveView, viewQuery, type ViewRequest } from '../model/location';
import { afterNextPaint } from './afterPaint';
import type { StepwiseState, StepwiseStore } from './store';

/** What a query string (`?step=33&file=…`) asks for; null when it names no view. */
export function requestFromQuery(search: string): ViewRequest | null {
  const params = new URLSearchParams(search);
  if (!params.has('step') && !params.has('file') && !params.has('run')) return null;
  return { step: params.get('step'), file: params.get('file'), run: params.get('run') };
}

function requestFromUrl(): ViewRequest | null {
  return requestFromQuery(window.location.search);
}

/**
 * Opens the view an address (or the stored state) asks for, at start-up and on Back/Forward. What had to be
 * dropped or changed is named in a notice.
 */
export function openView(store: StepwiseStore, request: ViewRequest, earlierProblem: string | null = null): void {
  const { scenario, goTo, select, showNotice } = store.getState();
  const view = resolveView(request, scenario);
  goTo(view.position);
  if (view.file) select(view.file);
  store.getState().openRun(view.run ?? null);
  const problems = [...(earlierProblem ? [earlierProblem] : []), ...view.problems];
  if (problems.length > 0) showNotice(problems.join(' '));
}

/** How long a position must stay before it is written to storage. */
const STORE_DELAY_MS = 300;

/**
 * Keeps the URL and local storage in step with the store: the URL always names the position and
 * file (browser back/forward walk the visited positions), and a reload comes back to them.
 */
export function startSync(store: StepwiseStore): void {
  const fromUrl = requestFromUrl();
  const stored = fromUrl
    ? { view: null, problem: null }
    : readStoredView(browserStorage(), store.getState().scenario.id);
  openView(store, fromUrl ?? stored.view ?? {}, stored.problem);

  let warnedAboutStorage = false;
  const writeStored = (state: StepwiseState) => {
    const saved = writeStoredView(browserStorage(), {
      scenario: state.scenario.id,
      position: state.position,
      file: state.selectedPath,
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

  // Writing history and storage costs milliseconds (pushState most of all), so neither happens
  // inside the frame that shows the new position: the URL follows right after that frame is painted,
  // storage once the position has settled (and at the latest when the page is hidden).
  /** `startup`: the correction of the address the page was opened with (see below). */
  let pendingUrl: { query: string; replace: boolean; startup?: true } | null = null;
  const flushUrl = () => {
    if (pendingUrl === null) return;
    const { query, replace } = pendingUrl;
    pendingUrl = null;
    // The fragment is read now, not when the position changed: a shared document's loader may have
    // dropped it in between.
    const url = query + window.location.hash;
    if (url === window.location.search + window.location.hash) return;
    if (replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
  };
  // The address is made to name the view in a task after the next frame, like every later change, not
  // during start-up: a history write is a synchronous call into the browser, and none is made at all when
  // the address already names the view.
  const current = store.getState();
  pendingUrl = {
    query: viewQuery(current.position, current.selectedPath, current.openRunId),
    replace: true,
    startup: true,
  };
  afterNextPaint(flushUrl);

  let storeTimer: ReturnType<typeof setTimeout> | null = null;
  const flushStored = () => {
    if (storeTimer !== null) clearTimeout(storeTimer);
    storeTimer = null;
    writeStored(store.getState());
  };

  store.subscribe((state, previous) => {
    if (
      state.position === previous.position &&
      state.selectedPath === previous.selectedPath &&
      state.scenario === previous.scenario &&
      state.openRunId === previous.openRunId
    )
      return;
    if (storeTimer !== null) clearTimeout(storeTimer);
    storeTimer = setTimeout(flushStored, STORE_DELAY_MS);
    if (applyingHistory) return;
    // A change before that first write (a key pressed at once, a shared document opened from the cache):
    // the start-up entry is corrected first, so that the change is pushed after it rather than over it.
    if (pendingUrl?.startup) flushUrl();
    const query = viewQuery(state.position, state.selectedPath, state.openRunId);
    // Playback would flood the history with every step; it replaces the entry instead. Positions
    // passed within one frame become one entry, pushed if any of them was.
    const replace = state.playing && (pendingUrl?.replace ?? true);
    if (pendingUrl === null) afterNextPaint(flushUrl);
    pendingUrl = { query, replace };
  });
  window.addEventListener('pagehide', () => {
    flushUrl();
    if (storeTimer !== null) flushStored();
  });

  window.addEventListener('popstate', () => {
    // The browser has moved to another entry: a position not yet written must not land after it.
    pendingUrl = null;
    applyingHistory = true;
    try {
      openView(store, requestFromUrl() ?? { step: '0' });
    } finally {
      applyingHistory = false;
    }
  });
}
