import { useMemo, useState } from 'react';
import { describeOperation, treeAfterOperation } from '../../model/runView';
import type { LoadedRun } from '../../model/runView';
import { useStepwise } from '../../state/appStore';
import { languageOf } from '../../steps/language';
import type { DocumentExpectations, GradeResult } from '../../steps/runs/grade';
import { readFile } from '../../steps/tree';
import { PresentedDiff } from '../file/PresentedDiff';
import './RunOperationTree.css';

export interface RunOperationTreeProps {
  run: LoadedRun;
  result: GradeResult;
  expected: DocumentExpectations;
  /** The operation picked (1-based). */
  op: number;
  /** The current position, whose expected file a picked file is compared with. */
  position: number;
}

const OUTCOMES = {
  applied: 'applied',
  failed: 'failed call, not applied',
  refused: 'could not be applied',
  outside: 'outside the run’s folder, not applied',
  'not-replayed': 'not replayed',
  stopped: 'not applied: the replay had stopped',
} as const;

/** The run's whole tree after one operation, what that operation changed marked; a file opens against the document's. */
export function RunOperationTree({ run, result, expected, op, position }: RunOperationTreeProps) {
  const [picked, setPicked] = useState<string | null>(null);
  const { entries, changed } = useMemo(() => treeAfterOperation(result, op), [result, op]);
  const operation = run.parsed.operations[op - 1];
  const outcome = result.replay.outcomes[op - 1];
  const text = operation ? describeOperation(operation) : null;
  const did = run.graded.report.steps.filter((s) => s.op === op).map((s) => s.step);
  const count = run.parsed.operations.length;
  const select = useStepwise((s) => s.selectRunOperation);
  const file = entries.find((e) => e.path === picked && e.kind === 'file');
  const expectedText = file ? readFile(expected.replay.snapshots[position].root, file.path) : undefined;
  return (
    <section className="run-detail__card run-optree" aria-label={`Tree after operation ${op}`}>
      <h3>
        Tree after operation {op} of {count}
        <span className="run-optree__nav">
          <button type="button" className="button" disabled={op <= 1} onClick={() => select(op - 1)}>
            Previous operation
          </button>
          <button type="button" className="button" disabled={op >= count} onClick={() => select(op + 1)}>
            Next operation
          </button>
          <button type="button" className="button" onClick={() => select(null)}>
            Close
          </button>
        </span>
      </h3>
      {text && outcome && (
        <p>
          {text.tool} · {text.location}: <span className="mono run-detail__path">{text.summary}</span> —{' '}
          <strong>{OUTCOMES[outcome.status]}</strong>
          {outcome.reason && `: ${outcome.reason}`}
        </p>
      )}
      <p className="muted">
        {did.length > 0
          ? `It did step${did.length === 1 ? '' : 's'} ${did.join(', ')}.`
          : 'It did no step of the document.'}{' '}
        {changed.size} path{changed.size === 1 ? '' : 's'} changed.
      </p>
      {entries.length === 0 ? (
        <p className="muted">The run’s tree is empty after this operation.</p>
      ) : (
        <ul className="run-optree__list" aria-label={`The run's tree after operation ${op}`}>
          {entries.map((entry) => (
            <li key={entry.path} className={changed.has(entry.path) ? 'run-optree__changed' : undefined}>
              {entry.kind === 'file' ? (
                <button
                  type="button"
                  className="run-detail__link mono"
                  aria-pressed={entry.path === picked}
                  onClick={() => setPicked(entry.path === picked ? null : entry.path)}
                >
                  {entry.path}
                </button>
              ) : (
                <span className="mono">{entry.path}/</span>
              )}
              {changed.has(entry.path) && <span className="run-optree__mark"> changed by this operation</span>}
            </li>
          ))}
        </ul>
      )}
      {file && (
        <section className="run-tree__diff" aria-label={`Diff of ${file.path}`}>
          <PresentedDiff
            path={file.path}
            original={expectedText ?? ''}
            modified={file.content ?? ''}
            language={languageOf(file.path)}
            originalLabel={
              expectedText === undefined ? `expected (none at step ${position})` : `expected (step ${position})`
            }
            modifiedLabel={`actual (after operation ${op})`}
          />
        </section>
      )}
    </section>
  );
}
