import { useEffect, useId } from 'react';
import { forgetRun, startRuns } from '../../state/runLoader';
import { openRunOf } from '../../state/runsSlice';
import { stepwiseStore, useStepwise } from '../../state/appStore';
import { DownloadReportButton } from './DownloadReportButton';
import { RunDetail } from './RunDetail';
import { RunGrid } from './RunGrid';
import { RunsOpen } from './RunsOpen';
import './RunsPanel.css';

/**
 * The Runs tab: open runs of the document shown, then look at one step by step beside the document
 * (its summary, the expected | actual tree at the current step, its operations), or at all of them
 * in the step × run grid, and download the report.
 */
export function RunsPanel() {
  useEffect(() => startRuns(), []);
  const runs = useStepwise((s) => s.runs);
  const run = useStepwise(openRunOf);
  const id = useId();
  return (
    <section className="pane runs" aria-labelledby={`${id}-title`}>
      <h2 className="pane__title" id={`${id}-title`}>
        Runs <span className="muted">{runs.length > 0 && runs.length}</span>
      </h2>
      <div className="runs__body">
        <RunsOpen />
        {runs.length > 0 && <RunsBar />}
        {run ? (
          <RunDetail run={run} />
        ) : runs.length > 0 ? (
          <RunGrid />
        ) : (
          <p className="muted runs__hint">
            A run is the log of what an agent did while following this document. Open one to see, step by step, what it
            did and where it first went wrong; open several to compare them.
          </p>
        )}
      </div>
    </section>
  );
}

/** Which run is shown (or the grid of all), removing it, and the report of all. */
function RunsBar() {
  const runs = useStepwise((s) => s.runs);
  const openRunId = useStepwise((s) => s.openRunId);
  const selectId = useId();
  const shown = runs.some((run) => run.id === openRunId) ? openRunId : null;
  return (
    <div className="runs__bar">
      <label htmlFor={selectId}>Run shown</label>
      <select
        id={selectId}
        value={shown ?? ''}
        onChange={(event) => stepwiseStore.getState().openRun(event.target.value || null)}
      >
        <option value="">All runs: the step × run grid</option>
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {run.graded.report.verdict === 'pass' ? 'PASS' : 'FAIL'} · {run.graded.report.run}
          </option>
        ))}
      </select>
      {shown !== null && (
        <button type="button" className="button" onClick={() => forgetRun(shown)}>
          Remove this run
        </button>
      )}
      <DownloadReportButton />
    </div>
  );
}
