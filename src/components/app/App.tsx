import { lazy, Suspense, useCallback, useEffect, useState, type MouseEvent } from 'react';
import { afterNextPaint } from '../../state/afterPaint';
import { stepwiseStore, useStepwise } from '../../state/appStore';
import { useShortcuts } from '../../state/useShortcuts';
import { DetailTabs } from './DetailTabs';
import { FileTree } from '../tree/FileTree';
import { Header } from './Header';
import { Narrator } from './Narrator';
import { Notice } from '../ui/Notice';
import { PaneBoundary } from '../ui/PaneBoundary';
import { StepDetails, StepDetailsFrame } from '../timeline/StepDetails';
import { StepList } from '../step-list/StepList';
import { Timeline } from '../timeline/Timeline';
import { Panes } from './Panes';
import './App.css';

// Loaded the first time it is asked for: the first paint does not need it.
const ShortcutsDialog = lazy(async () => ({ default: (await import('./ShortcutsDialog')).ShortcutsDialog }));
// Only for a document opened from a link; it brings the document loader with it.
const SharedDocumentOffer = lazy(async () => ({
  default: (await import('../documents/SharedDocumentOffer')).SharedDocumentOffer,
}));

/** Opens the File tab and moves focus into it, past the timeline, the step list and the tree. */
function skipToFileView(event: MouseEvent) {
  // Not a fragment navigation: the address's fragment may carry a shared document.
  event.preventDefault();
  const { setDetailTab, showStackedPane } = stepwiseStore.getState();
  setDetailTab('file');
  // In the narrow layout the detail pane may be behind the Panes switch.
  showStackedPane('detail');
  requestAnimationFrame(() => document.getElementById('panel-file')?.focus());
}

/** Lays out the panes; all behaviour lives in the store and the panes themselves. */
export function App() {
  const [helpOpen, setHelpOpen] = useState(false);
  const [helpAsked, setHelpAsked] = useState(false);
  const openHelp = useCallback(() => {
    setHelpAsked(true);
    setHelpOpen(true);
  }, []);
  useShortcuts(openHelp);
  // The first frame draws what a visitor reads and clicks first: the header, the timeline, the step list, the
  // tree and the detail pane, which holds the file a link names. The step's details follow once that frame is
  // painted, in one render; their box keeps its size meanwhile, so nothing moves when they fill in. Deferring
  // the detail pane too painted the lists 50–100 ms sooner but the linked file about 100 ms later, in a frame
  // of its own. A deferred render (useDeferredValue) for the details, interrupted every few milliseconds,
  // let Monaco's start hold them back by about 60 ms more (see docs/performance-log.md).
  const [detailDrawn, setDetailDrawn] = useState(false);
  useEffect(() => afterNextPaint(() => setDetailDrawn(true)), []);
  const fromLink = useStepwise((s) => s.scenario.sharedPayload !== undefined);

  return (
    <div className="app">
      <a className="app__skip" href="#panel-file" onClick={skipToFileView}>
        Skip to file view
      </a>
      <PaneBoundary name="Header">
        <Header onShowShortcuts={openHelp} />
      </PaneBoundary>
      <Notice />
      {fromLink && (
        <PaneBoundary name="Shared document">
          <Suspense fallback={null}>
            <SharedDocumentOffer />
          </Suspense>
        </PaneBoundary>
      )}
      <PaneBoundary name="Timeline">
        <Timeline />
      </PaneBoundary>
      <PaneBoundary name="Step details">{detailDrawn ? <StepDetails /> : <StepDetailsFrame />}</PaneBoundary>
      <Panes
        steps={
          <PaneBoundary name="Steps">
            <StepList />
          </PaneBoundary>
        }
        files={
          <PaneBoundary name="Files">
            <FileTree />
          </PaneBoundary>
        }
        // Each tab's panel has its own boundary; this one covers the tab strip itself.
        detail={
          <PaneBoundary name="Details">
            <DetailTabs />
          </PaneBoundary>
        }
      />
      <Narrator />
      {helpAsked && (
        <PaneBoundary name="Keyboard shortcuts">
          <Suspense fallback={null}>
            <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
          </Suspense>
        </PaneBoundary>
      )}
    </div>
  );
}
