import { afterNextPaint } from './afterPaint';
import { resolveView, viewQuery, type ViewRequest } from './location';
import { useStepwise, type StepwiseState } from './store';

const STORAGE_KEY = 'stepwise:view';
const STORAGE_VERSION = 1;
/**
 * The most characters the view state may take in localStorage. A path is at most 32 names of 255
 * characters, so a stored view is normally far below this; anything larger is refused, not stored.
 */
export const VIEW_STORAGE_BUDGET = 4 * 1024;

interface StoredView {
  version: number;
  scenario: string;
  position: number;
  file: string | null;
}

/** The part of Storage this module uses; tests pass an in-memory one. */
export type ViewStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface StoredViewResult {
  view: ViewRequest | null;
  /** What was dropped and why, for the notice; null when nothing was. */
  problem: string | null;
}

/** localStorage, or null where reading the property itself throws (some sandboxed pages). */
function browserStorage(): ViewStorage | null {
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
 * The view saved by an earlier visit to the same scenario. Whatever cannot be used — corrupt JSON,
 * an older format, values of the wrong type, more than the budget — is removed and named in `problem`.
 */
export function readStoredView(storage: ViewStorage | null, scenarioId: string): StoredViewResult {
  let raw: string | null;
  try {
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { view: null, problem: null };
  }
  if (raw === null || storage === null) return { view: null, problem: null };
  const drop = (why: string): StoredViewResult => {
    forget(storage);
    return { view: null, problem: `The saved position from an earlier visit was dropped: ${why}.` };
  };
  if (raw.length > VIEW_STORAGE_BUDGET) return drop(`it was larger than ${VIEW_STORAGE_BUDGET} characters`);
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return drop('it could not be read');
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return drop('it could not be read');
  const { version, scenario, position, file } = stored as Partial<Record<keyof StoredView, unknown>>;
  if (version !== STORAGE_VERSION) return drop('it came from another version of stepwise');
  if (typeof scenario !== 'string' || typeof position !== 'number' || !Number.isFinite(position))
    return drop('it could not be read');
  if (file !== null && file !== undefined && typeof file !== 'string') return drop('it could not be read');
  // Another document's position means nothing here; it stays until that document is shown again.
  if (scenario !== scenarioId) return { view: null, problem: null };
  return { view: { step: String(position), file: typeof file === 'string' ? file : null }, problem: null };
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

function readStored(): StoredViewResult {
  return readStoredView(browserStorage(), useStepwise.getState().scenario.id);
}

let warnedAboutStorage = false;

function writeStored(state: StepwiseState): void {
  const saved = writeStoredView(browserStorage(), {
    scenario: state.scenario.id,
    position: state.position,
    file: state.selectedPath,
  });
  // Said once per visit: repeating it on every step would drown the other notices.
  if (!saved && !warnedAboutStorage) {
    warnedAboutStorage = true;
    useStepwise
      .getState()
      .showNotice(
        'The browser’s storage is full or turned off, so this position will not be remembered after a reload; the URL still names it.',
      );
  }
}

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
export function openView(request: ViewRequest, earlierProblem: string | null = null): void {
  const state = useStepwise.getState();
  const view = resolveView(request, state.scenario);
  state.goTo(view.position);
  if (view.file) useStepwise.getState().select(view.file);
  useStepwise.getState().openRun(view.run ?? null);
  const problems = [...(earlierProblem ? [earlierProblem] : []), ...view.problems];
  if (problems.length > 0) useStepwise.getState().showNotice(problems.join(' '));
}

/** How long a position must stay before it is written to storage. */
const STORE_DELAY_MS = 300;

let started = false;

/**
 * Keeps the URL and local storage in step with the store: the URL always names the position and
 * file (browser back/forward walk the visited positions), and a reload comes back to them.
 */
export function startSync(): void {
  if (started) return;
  started = true;
  const fromUrl = requestFromUrl();
  const stored = fromUrl ? { view: null, problem: null } : readStored();
  openView(fromUrl ?? stored.view ?? {}, stored.problem);

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
  const current = useStepwise.getState();
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
    writeStored(useStepwise.getState());
  };

  useStepwise.subscribe((state, previous) => {
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
      openView(requestFromUrl() ?? { step: '0' });
    } finally {
      applyingHistory = false;
    }
  });
}
