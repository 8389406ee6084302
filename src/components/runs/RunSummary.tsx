import { useStepwise } from '../../state/appStore';
import { rootCauses } from '../../model/runView';
import type { RunReport } from '../../steps/runs/report';
import { runMismatch } from '../../steps/runs/reportModel';
import { shownStatus } from '../../steps/runs/status';
import { RunStatusChip } from './RunStatusChip';
import './RunSummary.css';

export interface RunSummaryProps {
  report: RunReport;
}

/** The verdict, the first divergence named and one click away, the counts and the root causes. */
export function RunSummary({ report }: RunSummaryProps) {
  const title = useStepwise((s) => s.scenario.replay.document.title);
  const texts = useStepwise((s) => s.scenario.replay.document.steps);
  const goTo = useStepwise((s) => s.goTo);
  const mismatch = runMismatch(report, title);
  const first = report.firstDivergence;
  const c = report.counts;
  const f = report.final;
  const causes = rootCauses(report);
  return (
    <section className="run-detail__card run-summary" aria-label="Run summary">
      <h3>
        <span className={`run-summary__verdict run-summary__verdict--${report.verdict}`}>
          {report.verdict === 'pass' ? '✓ Pass' : '✗ Fail'}
        </span>
        <span className="run-summary__name mono">{report.run}</span>
      </h3>
      <p className="muted">
        {report.format}, {report.operations} operation{report.operations === 1 ? '' : 's'}
        {report.root.source !== 'none' && (
          <>
            , root <span className="mono">{report.root.path}</span> (
            {report.root.source === 'cwd' ? "the log's working folder" : 'found in its paths'})
          </>
        )}
      </p>
      {mismatch && (
        <p className="run-summary__mismatch" role="note">
          {mismatch}
        </p>
      )}
      {first === null ? (
        <p className="run-summary__first">No divergence: every step is done in its place.</p>
      ) : (
        <p className="run-summary__first">
          <strong>
            First divergence: step {first} — {texts[first - 1]?.text}
          </strong>{' '}
          <RunStatusChip status={shownStatus(report.steps[first - 1])} />{' '}
          <button type="button" className="button" onClick={() => goTo(first)}>
            Go to step {first}
          </button>
        </p>
      )}
      <ul className="run-summary__counts" aria-label="Steps by status">
        <li>{c.done} done</li>
        <li>{c.combined} combined</li>
        <li>{c.outOfOrder} out of order</li>
        <li>{c.wrong} wrong</li>
        <li>{c.missing} missing</li>
      </ul>
      {causes.length > 0 && (
        <ul className="run-summary__causes" aria-label="Causes">
          {causes.map(({ step, consequences }) => (
            <li key={step}>
              <button type="button" className="run-detail__link" onClick={() => goTo(step)}>
                Step {step}
              </button>{' '}
              ({report.steps[step - 1].status}) is the cause of {consequences.length} later failure
              {consequences.length === 1 ? '' : 's'}: step{consequences.length === 1 ? '' : 's'}{' '}
              {consequences.join(', ')}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Final tree: {f.identical} identical, {f.equivalent} equivalent, {f.different} different, {f.missing} missing,{' '}
        {f.extra} extra.{!report.fullyReplayed && ' The run could not be fully replayed.'}
      </p>
    </section>
  );
}
