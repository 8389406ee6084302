import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app/App';
import { hasStoredRuns } from './io/runKeys';
import { browserStorage } from './io/viewStorage';
import { stepwiseStore } from './state/appStore';
import type { StepwiseState } from './state/store';
import { startSync } from './state/sync';
import './components/app/theme.css';
import './components/ui/panel.css';

// The position and file from the URL (or the last visit) are applied before the first render: the first
// render shows them, instead of a render of step 0 followed by a second one of every pane, and the file
// pane, drawn right after the first frame (see App), opens the right file and starts loading Monaco.
// A document other than the built-in one is opened by startSync too, once it has been loaded.
startSync(stepwiseStore);
openKeptRuns();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

/**
 * Runs kept with the document shown (or named by the address) are graded again by runLoader, which the
 * first paint does not need: it is loaded only when there is a run to bring back, now or once a document
 * named by the address has been opened.
 */
function openKeptRuns(): void {
  const hasRuns = (state: StepwiseState) => {
    const storage = browserStorage();
    return state.openRunId !== null || (storage !== null && hasStoredRuns(storage, state.scenario.id));
  };
  const start = () =>
    import('./state/runLoader').then(
      ({ startRuns }) => startRuns(),
      () => stepwiseStore.getState().showNotice('The kept runs could not be opened: their loader did not load.'),
    );
  if (hasRuns(stepwiseStore.getState())) {
    void start();
    return;
  }
  const unsubscribe = stepwiseStore.subscribe((state, previous) => {
    if (state.scenario === previous.scenario && state.openRunId === previous.openRunId) return;
    if (!hasRuns(state)) return;
    unsubscribe();
    void start();
  });
}
