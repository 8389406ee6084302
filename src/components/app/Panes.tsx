import { Fragment, useRef, type CSSProperties, type ReactNode } from 'react';
import { useStepwise } from '../../state/appStore';
import type { StackedPane } from '../../state/displaySlice';
import { maxPaneWidth, PANE_WIDTH_RANGE, type PaneWidths } from '../../state/viewPrefs';
import { Splitter } from '../ui/Splitter';
import { onTabListKeyDown } from '../ui/tabKeys';
import { useNarrowLayout } from '../ui/useMediaQuery';
import './Panes.css';

export interface PanesProps {
  steps: ReactNode;
  files: ReactNode;
  detail: ReactNode;
}

const PANES: ReadonlyArray<{ id: StackedPane; label: string; resizes?: keyof PaneWidths }> = [
  { id: 'steps', label: 'Steps', resizes: 'steps' },
  { id: 'files', label: 'Files', resizes: 'files' },
  { id: 'detail', label: 'Details' },
];
const PANE_IDS = PANES.map((pane) => pane.id);

/**
 * The step list, the tree and the detail pane. Side by side on a wide screen, with a splitter after each of
 * the first two (their widths are remembered); in the narrow layout (see useNarrowLayout) one at a time,
 * below a switch between them. The panes stay mounted either way: switching keeps each one's scroll
 * position and editor.
 */
export function Panes(content: PanesProps) {
  const narrow = useNarrowLayout();
  const shown = useStepwise((s) => s.stackedPane);
  const setShown = useStepwise((s) => s.showStackedPane);
  const widths = useStepwise((s) => s.prefs.paneWidths);
  const setPrefs = useStepwise((s) => s.setPrefs);
  const row = useRef<HTMLElement>(null);
  const columns = { '--panes-steps': `${widths.steps}%`, '--panes-files': `${widths.files}%` } as CSSProperties;

  return (
    <main ref={row} className={`panes${narrow ? ' panes--stacked' : ''}`} style={columns}>
      {narrow && (
        <div
          className="panes__switch"
          role="tablist"
          aria-label="Panes"
          onKeyDown={(event) => onTabListKeyDown(event, PANE_IDS, shown, setShown)}
        >
          {PANES.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`panes-tab-${id}`}
              aria-selected={id === shown}
              aria-controls={`pane-${id}`}
              tabIndex={id === shown ? 0 : -1}
              className="panes__tab"
              onClick={() => setShown(id)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {PANES.map(({ id, label, resizes }) => (
        <Fragment key={id}>
          <div
            id={`pane-${id}`}
            className={`panes__pane panes__pane--${id}`}
            {...(narrow && { role: 'tabpanel', 'aria-labelledby': `panes-tab-${id}`, hidden: id !== shown })}
          >
            {content[id]}
          </div>
          {!narrow && resizes && (
            <Splitter
              label={`Width of the ${label} pane`}
              controls={`pane-${id}`}
              value={widths[resizes]}
              min={PANE_WIDTH_RANGE.min}
              max={maxPaneWidth(widths, resizes)}
              onChange={(value) => setPrefs({ paneWidths: { ...widths, [resizes]: value } })}
              container={row}
            />
          )}
        </Fragment>
      ))}
    </main>
  );
}
