import { resolveView, viewQuery, type ViewRequest } from './location';
import { useStepwise, type StepwiseState } from './store';

const STORAGE_KEY = 'stepwise:view';
const STORAGE_VERSION = 1;

interface StoredView {
  version: number;
  scenario: string;
  position: number;
  file: string | null;
}

function readStored(): { view: ViewRequest | null; problem: string | null } {
  let raw: string | null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return { view: null, problem: null };
  }
  if (raw === null) return { view: null, problem: null };
  try {
    const stored = JSON.parse(raw) as Partial<StoredView>;
    if (stored.version !== STORAGE_VERSION || typeof stored.position !== 'number') throw new Error('old');
    if (stored.scenario !== useStepwise.getState().scenario.id) return { view: null, problem: null };
    return { view: { step: String(stored.position), file: typeof stored.file === 'string' ? stored.file : null }, problem: null };
  } catch {
    localStorage.removeItem(STORAGE_KEY);
    return { view: null, problem: 'The saved position from an earlier visit could not be read and was dropped.' };
  }
}

function writeStored(state: StepwiseState): void {
  const stored: StoredView = {
    version: STORAGE_VERSION,
    scenario: state.scenario.id,
    position: state.position,
    file: state.selectedPath,
  };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  } catch {
    // Storage full or disabled: the URL still carries the view.
  }
}

function apply(request: ViewRequest): string[] {
  const state = useStepwise.getState();
  const view = resolveView(request, state.scenario);
  state.goTo(view.position);
  if (view.file) useStepwise.getState().select(view.file);
  return view.problems;
}

function requestFromUrl(): ViewRequest | null {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('step') && !params.has('file')) return null;
  return { step: params.get('step'), file: params.get('file') };
}

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
  const problems = [...(stored.problem ? [stored.problem] : []), ...apply(fromUrl ?? stored.view ?? {})];
  if (problems.length > 0) useStepwise.getState().showNotice(problems.join(' '));

  let applyingHistory = false;
  const current = useStepwise.getState();
  window.history.replaceState(null, '', viewQuery(current.position, current.selectedPath) + window.location.hash);

  useStepwise.subscribe((state, previous) => {
    if (state.position === previous.position && state.selectedPath === previous.selectedPath && state.scenario === previous.scenario)
      return;
    writeStored(state);
    if (applyingHistory) return;
    const url = viewQuery(state.position, state.selectedPath) + window.location.hash;
    if (url === window.location.search + window.location.hash) return;
    // Playback would flood the history with every step; it replaces the entry instead.
    if (state.playing) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
  });

  window.addEventListener('popstate', () => {
    applyingHistory = true;
    try {
      const problems = apply(requestFromUrl() ?? { step: '0' });
      if (problems.length > 0) useStepwise.getState().showNotice(problems.join(' '));
    } finally {
      applyingHistory = false;
    }
  });
}
