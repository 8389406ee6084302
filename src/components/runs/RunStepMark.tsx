import { openRunReport, openRunStep } from '../../state/runsSlice';
import { useStepwise } from '../../state/appStore';
import { shownStatus } from '../../steps/runs/status';
import { RunStatusChip } from './RunStatusChip';

export interface RunStepMarkProps {
  step: number;
}

/** Step `step`'s status for the run open in the Runs tab, in the step list; nothing when no run is open. */
export function RunStepMark({ step }: RunStepMarkProps) {
  const grade = useStepwise((s) => openRunStep(s, step));
  const first = useStepwise((s) => openRunReport(s)?.firstDivergence === step);
  if (!grade) return null;
  return <RunStatusChip status={shownStatus(grade)} first={first} compact />;
}
