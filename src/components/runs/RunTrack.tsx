import { useMemo, useRef, type KeyboardEvent } from 'react';
import { openRunOf } from '../../state/runsSlice';
import { describeOperation, operationsTrack, stepMoment, type OperationsTrack } from '../../model/runView';
import { stepwiseStore, useStepwise } from '../../state/appStore';
import { lastPosition } from '../../state/store';
import type { RunReport } from '../../steps/runs/report';
import { shownStatus, STATUS_WORDS } from '../../steps/runs/status';
import type { RunOperation } from '../../steps/runs/types';
import { Icon } from '../ui/Icon';
import './RunTrack.css';

/**
 * Under the slider, aligned with it: the open run's problem steps (each with its status's glyph),
 * and a second track with the run's operations in their own order, a line from each operation to
 * every step it did — a fan of lines is a combined step, crossing lines a step out of order.
 * Picking an operation shows the run's tree after it in the Runs tab.
 */
export function RunTrack() {
  const run = useStepwise(openRunOf);
  const last = useStepwise(lastPosition);
  const position = useStepwise((s) => s.position);
  const selected = useStepwise((s) => s.runOperation);
  const report = run?.graded.report;
  const track = useMemo(() => (report ? operationsTrack(report) : null), [report]);
  if (!run || !report || !track) return null;
  const stepX = (step: number) => (last === 0 ? 0 : (step / last) * 100);
  const opX = (op: number) => (track.operations <= 1 ? 50 : ((op - 1) / (track.operations - 1)) * 100);
  const current = position === 0 ? null : stepMoment(report, position);
  return (
    <div className="run-track">
      <div className="run-track__statuses" aria-hidden="true">
        {report.steps
          .filter((s) => s.status !== 'done')
          .map((s) => {
            const status = shownStatus(s);
            return (
              <span
                key={s.step}
                className={`run-track__status run-track__status--${status}${report.firstDivergence === s.step ? ' run-track__status--first' : ''}`}
                style={{ left: `${stepX(s.step)}%` }}
                title={`Step ${s.step}: ${STATUS_WORDS[status]}${report.firstDivergence === s.step ? ' (first divergence)' : ''}`}
                onClick={() => stepwiseStore.getState().goTo(s.step)}
              >
                <Icon name={status} />
              </span>
            );
          })}
      </div>
      <svg className="run-track__links" viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true">
        {track.links.map(({ step, op, status }) => (
          <line
            key={step}
            className={`run-track__link run-track__link--${status}${op === selected ? ' run-track__link--selected' : ''}`}
            x1={stepX(step)}
            y1={0}
            x2={opX(op)}
            y2={24}
            vectorEffect="non-scaling-stroke"
          />
        ))}
      </svg>
      <Operations
        run={run.parsed.operations}
        report={report}
        track={track}
        selected={selected}
        current={current}
        x={opX}
      />
    </div>
  );
}

interface OperationsProps {
  run: readonly RunOperation[];
  report: RunReport;
  track: OperationsTrack;
  selected: number | null;
  current: number | null;
  x: (op: number) => number;
}

/** The operations as a horizontal listbox: one Tab stop, arrows move the selection (WAI-ARIA listbox). */
function Operations({ run, report, track, selected, current, x }: OperationsProps) {
  const list = useRef<HTMLDivElement>(null);
  const count = track.operations;
  const focusable = selected ?? current ?? 1;
  const choose = (op: number) => {
    const state = stepwiseStore.getState();
    state.selectRunOperation(op);
    state.setDetailTab('runs');
    list.current?.querySelector<HTMLElement>(`[data-op="${op}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const from = selected ?? focusable;
    const targets: Record<string, number> = {
      ArrowLeft: from - 1,
      ArrowRight: from + 1,
      Home: 1,
      End: count,
      Enter: from,
      ' ': from,
    };
    const target = targets[event.key];
    if (target === undefined) {
      if (event.key === 'Escape' && selected !== null) {
        event.preventDefault();
        stepwiseStore.getState().selectRunOperation(null);
      }
      return;
    }
    event.preventDefault();
    choose(Math.max(1, Math.min(count, target)));
  };
  if (count === 0) return <p className="run-track__none muted">The run has no file operations.</p>;
  return (
    <div
      ref={list}
      className="run-track__ops"
      role="listbox"
      aria-label={`Operations of ${report.run}`}
      aria-orientation="horizontal"
      onKeyDown={onKeyDown}
    >
      {Array.from({ length: count }, (_, i) => {
        const op = i + 1;
        const steps = track.stepsByOp.get(op) ?? [];
        const outcome = track.outcomes.get(op);
        const label = operationLabel(op, run[i], steps, report, outcome?.status);
        const kind = outcome?.status ?? (steps.length > 0 ? 'did' : 'other');
        return (
          <div
            key={op}
            data-op={op}
            role="option"
            aria-selected={op === selected}
            aria-label={label}
            title={label}
            tabIndex={op === focusable ? 0 : -1}
            className={`run-track__op run-track__op--${kind}${op === current ? ' run-track__op--current' : ''}`}
            style={{ left: `${x(op)}%` }}
            onClick={() => choose(op)}
          />
        );
      })}
    </div>
  );
}

/** "Operation 5: mkdir -p a b c — did steps 5, 6, 7 (5, 6 combined)". */
export function operationLabel(
  op: number,
  operation: RunOperation | undefined,
  steps: readonly number[],
  report: RunReport,
  outcome?: string,
): string {
  const what = operation ? describeOperation(operation).summary : '';
  const parts = [`Operation ${op}: ${what}`];
  if (steps.length > 0) {
    const combined = steps.filter((k) => report.steps[k - 1].status === 'combined');
    const late = steps.filter((k) => report.steps[k - 1].status === 'out-of-order');
    parts.push(
      `did step${steps.length === 1 ? '' : 's'} ${steps.join(', ')}${combined.length > 0 ? ` (${combined.join(', ')} combined)` : ''}${late.length > 0 ? ` (${late.join(', ')} out of order)` : ''}`,
    );
  }
  if (outcome) parts.push(outcome.replace('-', ' '));
  return parts.join(' — ');
}
