import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { DEFAULT_GRID_ORDER, gridModel, moveInGrid, type GridCell, type GridOrder } from '../../model/runView';
import { stepwiseStore, useStepwise } from '../../state/appStore';
import { percent } from '../../steps/runs/reportModel';
import { shownStatus, STATUS_WORDS } from '../../steps/runs/status';
import { RunStatusChip } from './RunStatusChip';
import './RunGrid.css';
import { baseName } from '../../steps/names';

/**
 * Every open run against every step: each cell the step's status in that run (its first divergence
 * flagged), the pass rate of each step and each run, sortable. A cell opens that run at that step.
 * A WAI-ARIA grid: one Tab stop, arrow keys, Home/End (Ctrl for the corners), Page Up/Down.
 */
export function RunGrid() {
  const runs = useStepwise((s) => s.runs);
  const steps = useStepwise((s) => s.scenario.replay.document.steps);
  const [order, setOrder] = useState<GridOrder>(DEFAULT_GRID_ORDER);
  const [focus, setFocus] = useState<GridCell>({ row: 1, column: 2 });
  const moved = useRef(false);
  const table = useRef<HTMLTableElement>(null);
  const reports = useMemo(() => runs.map((run) => run.graded.report), [runs]);
  const model = useMemo(() => gridModel(reports, steps.length, order), [reports, steps.length, order]);
  const rowCount = model.rows.length + 1;
  const columnCount = model.columns.length + 2;
  const at: GridCell = { row: Math.min(focus.row, rowCount - 1), column: Math.min(focus.column, columnCount - 1) };

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    table.current?.querySelector<HTMLElement>(`[data-cell="${at.row}:${at.column}"]`)?.focus();
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const next = moveInGrid(at, event.key, event.ctrlKey || event.metaKey, rowCount, columnCount);
    if (!next) return;
    event.preventDefault();
    moved.current = true;
    setFocus(next);
  };
  /** The props that make an element its cell's one focusable element. */
  const focusable = (row: number, column: number) => ({
    'data-cell': `${row}:${column}`,
    tabIndex: at.row === row && at.column === column ? 0 : -1,
    onFocus: () => setFocus({ row, column }),
  });
  const sortRows = (rows: GridOrder['rows']) =>
    setOrder((o) => ({ ...o, rows, rowsDescending: o.rows === rows ? !o.rowsDescending : false }));
  const ariaSort = (rows: GridOrder['rows']) =>
    order.rows === rows ? (order.rowsDescending ? 'descending' : 'ascending') : 'none';
  const runsByPassRate = order.columns === 'passed';

  return (
    <div className="run-grid">
      <div className="run-grid__tools">
        <p className="muted run-grid__help">
          A step passes for a run when it is done in its place. Arrow keys move in the grid; Enter opens the run at that
          step.
        </p>
        <button
          type="button"
          className="button"
          aria-pressed={runsByPassRate}
          onClick={() =>
            setOrder((o) => ({ ...o, columns: runsByPassRate ? 'opened' : 'passed', columnsDescending: false }))
          }
        >
          Runs by steps passed, fewest first
        </button>
      </div>
      <div className="run-grid__scroll">
        <table
          ref={table}
          className="run-grid__table"
          role="grid"
          aria-label="Steps × runs"
          aria-rowcount={rowCount}
          aria-colcount={columnCount}
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('step')}>
                <button type="button" className="run-grid__sort" {...focusable(0, 0)} onClick={() => sortRows('step')}>
                  Step
                </button>
              </th>
              <th scope="col" aria-sort={ariaSort('passed')}>
                <button
                  type="button"
                  className="run-grid__sort"
                  {...focusable(0, 1)}
                  onClick={() => sortRows('passed')}
                >
                  Passed by
                </button>
              </th>
              {model.columns.map((index, c) => {
                const report = reports[index];
                const passed = model.passedByRun[index];
                return (
                  <th key={runs[index].id} scope="col" className="run-grid__run">
                    <button
                      type="button"
                      className="run-grid__run-button"
                      {...focusable(0, c + 2)}
                      title={report.run}
                      aria-label={`${report.run}: ${report.verdict}, ${passed} of ${steps.length} steps passed. Open this run`}
                      onClick={() => stepwiseStore.getState().openRun(runs[index].id)}
                    >
                      <span className="run-grid__run-name">{baseName(report.run)}</span>
                      <span className={`run-grid__verdict run-grid__verdict--${report.verdict}`}>
                        {report.verdict === 'pass' ? '✓ pass' : '✗ fail'}
                      </span>
                      <span className="muted">
                        {passed}/{steps.length} · {percent(passed, steps.length)}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {model.rows.map((step, r) => {
              const passed = model.passedByStep[step - 1];
              return (
                <tr key={step}>
                  <th scope="row" className="run-grid__step" title={steps[step - 1]?.text} {...focusable(r + 1, 0)}>
                    <span className="run-grid__number">{step}</span> {steps[step - 1]?.text}
                  </th>
                  <Cell {...focusable(r + 1, 1)}>
                    {passed}/{reports.length} · {percent(passed, reports.length)}
                  </Cell>
                  {model.columns.map((index, c) => {
                    const report = reports[index];
                    const grade = report.steps[step - 1];
                    const status = shownStatus(grade);
                    const first = report.firstDivergence === step;
                    return (
                      <td key={runs[index].id} className="run-grid__cell">
                        <button
                          type="button"
                          className="run-grid__cell-button"
                          {...focusable(r + 1, c + 2)}
                          aria-label={`Step ${step} in ${report.run}: ${STATUS_WORDS[status]}${first ? ', first divergence' : ''}`}
                          onClick={() => {
                            const state = stepwiseStore.getState();
                            state.openRun(runs[index].id, step);
                          }}
                        >
                          <RunStatusChip status={status} first={first} />
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface CellProps {
  children: ReactNode;
  'data-cell': string;
  tabIndex: number;
  onFocus: () => void;
}

function Cell({ children, ...props }: CellProps) {
  return (
    <td className="run-grid__rate" {...props}>
      {children}
    </td>
  );
}
