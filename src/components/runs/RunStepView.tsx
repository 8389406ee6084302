import { stepMoment, stepOperations } from '../../model/runView';
import type { LoadedRun } from '../../model/runView';
import { useStepwise } from '../../state/appStore';
import type { DocumentExpectations, GradeResult } from '../../steps/runs/grade';
import { shownStatus } from '../../steps/runs/status';
import { RunOperationItem } from './RunOperationItem';
import { RunStatusChip } from './RunStatusChip';
import { RunTreeCompare } from './RunTreeCompare';
import './RunStepView.css';

export interface RunStepViewProps {
  run: LoadedRun;
  result: GradeResult;
  expected: DocumentExpectations;
  /** The current position: step `step` has been applied. */
  step: number;
}

/** The current step in the run: its status, the run's operations beside its text, expected | actual. */
export function RunStepView({ run, result, expected, step }: RunStepViewProps) {
  const report = run.graded.report;
  const goTo = useStepwise((s) => s.goTo);
  if (step === 0)
    return (
      <section className="run-detail__card run-step" aria-label="This step in the run">
        <h3>Step 0</h3>
        <p className="muted">
          Before any step. Go to a step (→), or to the next step the run did not do in its place (n), to see what the
          run did for it.
        </p>
      </section>
    );
  const grade = report.steps[step - 1];
  const moment = stepMoment(report, step);
  const operations = stepOperations(report, step);
  return (
    <section className="run-detail__card run-step" aria-label="This step in the run">
      <h3>
        Step {step} in the run <RunStatusChip status={shownStatus(grade)} first={report.firstDivergence === step} />
      </h3>
      <p>{expected.steps[step - 1]?.text}</p>
      <p className="run-detail__path mono">{grade.path}</p>
      {grade.equivalent && <p>Done with other bytes that hold the same data (equivalent by the rules of check).</p>}
      {grade.causedBy !== null && (
        <p>
          This follows from an earlier failure:{' '}
          <button type="button" className="run-detail__link" onClick={() => goTo(grade.causedBy!)}>
            step {grade.causedBy}
          </button>
          .
        </p>
      )}
      <h4 className="run-step__title">The run’s operations for this step</h4>
      {operations.length === 0 ? (
        <p className="muted">No operation of the run did this step.</p>
      ) : (
        <ol className="run-step__operations">
          {operations.map(({ op, role, reason }) => (
            <RunOperationItem
              key={`${op}-${role}`}
              operation={run.parsed.operations[op - 1]}
              role={role}
              reason={reason}
            />
          ))}
        </ol>
      )}
      <RunTreeCompare result={result} expected={expected} step={step} moment={moment} />
    </section>
  );
}
