import { stepOfOperation } from '../../model/runView';
import type { LoadedRun } from '../../model/runView';
import { stepwiseStore } from '../../state/appStore';

export interface RunProblemsProps {
  run: LoadedRun;
}

/** What the replay could not apply or did not expect, each item a jump to its operation. */
export function RunProblems({ run }: RunProblemsProps) {
  const report = run.graded.report;
  const jump = (op: number) => {
    const state = stepwiseStore.getState();
    state.goTo(stepOfOperation(report, op));
    state.selectRunOperation(op);
  };
  const groups = [
    {
      title: 'Not replayed',
      hint: 'outside the shell subset or a tool the replay does not model',
      items: report.notReplayed.map((p) => ({ op: p.op, text: p.command, reason: p.reason })),
    },
    {
      title: 'Outside the run’s folder',
      hint: 'shown, never applied',
      items: report.outside.map((p) => ({ op: p.op, text: p.path, reason: '' })),
    },
    {
      title: 'Extra paths',
      hint: 'made by the run, never named by the document',
      items: report.extra.map((p) => ({ op: p.op, text: p.path, reason: '' })),
    },
    {
      title: 'Failed calls',
      hint: 'the log says they failed; not applied',
      items: report.failed.map((p) => ({ op: p.op, text: '', reason: p.reason })),
    },
    {
      title: 'Could not be applied',
      hint: 'to the replayed tree',
      items: report.refused.map((p) => ({ op: p.op, text: '', reason: p.reason })),
    },
  ].filter((group) => group.items.length > 0);
  if (groups.length === 0 && report.problems.length === 0) return null;
  return (
    <section className="run-detail__card run-problems" aria-label="Operations not applied or not expected">
      <h3>Operations not applied or not expected</h3>
      {groups.map((group) => (
        <div key={group.title}>
          <h4 className="run-step__title">
            {group.title} ({group.items.length}) <span className="muted">— {group.hint}</span>
          </h4>
          <ul className="run-problems__list">
            {group.items.map((item, i) => (
              <li key={`${item.op}-${i}`}>
                <button type="button" className="run-detail__link" onClick={() => jump(item.op)}>
                  Operation {item.op}
                </button>
                {item.text && <span className="mono run-detail__path"> {item.text}</span>}
                {item.reason && <span> — {item.reason}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {report.problems.length > 0 && (
        <>
          <h4 className="run-step__title">Notes</h4>
          <ul className="run-problems__list">
            {report.problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
