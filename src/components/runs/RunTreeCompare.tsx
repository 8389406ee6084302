import { useId, useMemo, useState } from 'react';
import { treeAtStep, type TreeDifference } from '../../model/runView';
import type { CompareStatus } from '../../steps/compare';
import { languageOf } from '../../steps/language';
import type { DocumentExpectations, GradeResult } from '../../steps/runs/grade';
import { PresentedDiff } from '../file/PresentedDiff';
import './RunTreeCompare.css';

export interface RunTreeCompareProps {
  result: GradeResult;
  expected: DocumentExpectations;
  step: number;
  /** The operation whose tree stands for the run at this step (stepMoment). */
  moment: number;
}

const WORDS: Readonly<Record<CompareStatus, string>> = {
  identical: 'identical',
  equivalent: 'equivalent',
  different: 'different',
  missing: 'missing: the run lacks it',
  extra: 'extra: only in the run',
};

/**
 * The document's tree after the step beside the run's at that moment: the paths the run lacks, has
 * extra or has different (identical ones on demand); a file opens as a diff expected | actual.
 */
export function RunTreeCompare({ result, expected, step, moment }: RunTreeCompareProps) {
  const [showIdentical, setShowIdentical] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const toggleId = useId();
  const tree = useMemo(() => treeAtStep(expected, result, step, moment), [expected, result, step, moment]);
  const rows = showIdentical ? tree.entries : tree.entries.filter((e) => e.status !== 'identical');
  const open = tree.entries.find((e) => e.path === picked && e.kind === 'file') ?? null;
  const actualLabel = moment === 0 ? 'actual (before any operation)' : `actual (after operation ${moment})`;
  const c = tree.counts;
  return (
    <div className="run-tree">
      <h4 className="run-step__title">
        Expected after step {step} | {actualLabel}
      </h4>
      <p className="muted run-tree__counts">
        {c.identical} identical, {c.equivalent} equivalent, {c.different} different, {c.missing} missing, {c.extra}{' '}
        extra
      </p>
      <label className="run-tree__toggle" htmlFor={toggleId}>
        <input
          id={toggleId}
          type="checkbox"
          checked={showIdentical}
          onChange={(event) => setShowIdentical(event.target.checked)}
        />
        Show identical paths
      </label>
      {rows.length === 0 ? (
        <p className="muted">The run’s tree is the document’s here: every path identical.</p>
      ) : (
        <table className="run-tree__table" aria-label={`Expected after step ${step} and ${actualLabel}`}>
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Status</th>
              <th scope="col">Expected</th>
              <th scope="col">Actual</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <Row
                key={`${entry.path}\n${entry.status}`}
                entry={entry}
                open={entry.path === open?.path}
                onOpen={() => setPicked(entry.path === picked ? null : entry.path)}
              />
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <section className="run-tree__diff" aria-label={`Diff of ${open.path}: expected | actual`}>
          <PresentedDiff
            path={open.path}
            original={open.expected ?? ''}
            modified={open.actual ?? ''}
            language={languageOf(open.path)}
            originalLabel={
              open.status === 'extra' ? `expected (not there after step ${step})` : `expected (step ${step})`
            }
            modifiedLabel={open.status === 'missing' ? `${actualLabel}: missing` : actualLabel}
          />
        </section>
      )}
    </div>
  );
}

interface RowProps {
  entry: TreeDifference;
  open: boolean;
  onOpen: () => void;
}

function Row({ entry, open, onOpen }: RowProps) {
  const kind = entry.kind === 'file' ? 'file' : 'folder';
  const expectedSide = entry.status === 'extra' ? '—' : kind;
  const actualSide = entry.status === 'missing' ? '—' : kind;
  return (
    <tr className={`run-tree__row run-tree__row--${entry.status}`}>
      <td className="mono run-tree__path">
        {entry.kind === 'file' ? (
          <button type="button" className="run-detail__link" aria-pressed={open} onClick={onOpen}>
            {entry.path}
          </button>
        ) : (
          `${entry.path}/`
        )}
      </td>
      <td>
        <span className={`run-tree__status run-tree__status--${entry.status}`}>{WORDS[entry.status]}</span>
        {entry.laterStep !== null && <span className="muted"> (the document makes it at step {entry.laterStep})</span>}
      </td>
      <td>{expectedSide}</td>
      <td>{actualSide}</td>
    </tr>
  );
}
