import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app/App';
import { hasStoredRuns } from './io/runLibrary';
import { stepwiseStore } from './state/appStore';
import { startSync } from './state/sync';
import './components/app/theme.css';
import './components/ui/panel.css';

// The position and file from the URL (or the last visit) are applied before the first render: the first
// render shows them, instead of a render of step 0 followed by a second one of every pane, and the file
// pane, drawn right after the first frame (see App), opens the right file and starts loading Monaco.
startSync(stepwiseStore);
openSharedDocuments();
openKeptRuns();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

/**
 * Shared documents (`#doc=` links) are opened by documentLoader, which the first paint does not need: it is
 * loaded once the URL has a fragment, at start-up or later, and from then on watches the fragment itself.
 */
function openSharedDocuments(): void {
  const start = () => {
    if (window.location.hash.length <= 1) return;
    window.removeEventListener('hashchange', start);
    import('./state/documentLoader').then(
      ({ startSharedDocument, documentLoader }) => startSharedDocument(documentLoader, stepwiseStore),
      () => stepwiseStore.getState().showNotice('The shared document could not be opened: its loader did not load.'),
    );
  };
  window.addEventListener('hashchange', start);
  start();
}

/**
 * Runs kept with the document shown (or named by the address) are graded again by runLoader, which the
 * first paint does not need: it is loaded only when there is a run to bring back.
 */
function openKeptRuns(): void {
  let kept = false;
  try {
    kept = hasStoredRuns(window.localStorage, stepwiseStore.getState().scenario.id);
  } catch {
    // No storage: nothing is kept.
  }
  if (!kept && stepwiseStore.getState().openRunId === null) return;
  import('./state/runLoader').then(
    ({ startRuns }) => startRuns(),
    () => stepwiseStore.getState().showNotice('The kept runs could not be opened: their loader did not load.'),
  );
}
