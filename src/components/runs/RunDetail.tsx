import { useMemo } from 'react';
import { expectationsOf, gradeOf } from '../../state/runGrades';
import type { LoadedRun } from '../../model/runView';
import { useStepwise } from '../../state/appStore';
import { RunOperationTree } from './RunOperationTree';
import { RunProblems } from './RunProblems';
import { RunStepView } from './RunStepView';
import { RunSummary } from './RunSummary';
import './RunDetail.css';

export interface RunDetailProps {
  run: LoadedRun;
}

/** One run beside the document: its summary, the current step in the run, an operation's tree, what was not applied. */
export function RunDetail({ run }: RunDetailProps) {
  const scenario = useStepwise((s) => s.scenario);
  const position = useStepwise((s) => s.position);
  const operation = useStepwise((s) => s.runOperation);
  // The trees after every operation are made here, once per run, and only for the run looked at.
  const result = useMemo(() => gradeOf(scenario, run), [scenario, run]);
  const expected = expectationsOf(scenario);
  return (
    <div className="run-detail">
      <RunSummary report={run.graded.report} />
      {operation !== null && (
        <RunOperationTree run={run} result={result} expected={expected} op={operation} position={position} />
      )}
      <RunStepView run={run} result={result} expected={expected} step={position} />
      <RunProblems run={run} />
    </div>
  );
}
