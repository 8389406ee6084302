import { useId, useMemo } from 'react';
import { clampPosition } from '../../model/playback';
import { useStepwise } from '../../state/appStore';
import { compareTrees } from '../../steps/compare';
import { treeEntries } from '../../steps/entries';
import { CheckTreeDiff } from './CheckTreeDiff';
import { CheckTreeDropZone } from './CheckTreeDropZone';
import { CheckTreeResults } from './CheckTreeResults';
import { checkSession, useCheckSession } from '../../state/checkTreeSession';
import './CheckTree.css';

/**
 * "Check a produced tree": somebody followed the steps by hand or with a program; their zip or
 * folder is compared with the expected tree by the same rules as `npm run check`. Reading it
 * never changes the scenario or the position.
 */
export function CheckTree() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const produced = useCheckSession((s) => s.produced);
  const reading = useCheckSession((s) => s.reading);
  const error = useCheckSession((s) => s.error);
  const requested = useCheckSession((s) => s.target);
  const selected = useCheckSession((s) => s.selected);
  const stepInput = useId();

  const last = replay.snapshots.length - 1;
  const target = requested === null ? last : clampPosition(requested, last);
  const comparison = useMemo(
    () => (produced ? compareTrees(treeEntries(replay, target), produced.entries) : null),
    [produced, replay, target],
  );
  const selectedEntry = comparison?.entries.find((e) => e.path === selected && e.kind === 'file');
  const against = `after step ${target} of ${last}`;

  return (
    <section className="pane check-tree" aria-labelledby="check-tree-title">
      <h2 className="pane__title" id="check-tree-title">
        Check a produced tree
      </h2>
      <div className="check-tree__intro">
        <CheckTreeDropZone />
        <div className="check-tree__target">
          <label htmlFor={stepInput}>Expected tree after step</label>
          <input
            id={stepInput}
            className="check-tree__step"
            type="number"
            min={0}
            max={last}
            value={target}
            onChange={(event) => {
              const value = event.target.valueAsNumber;
              if (Number.isFinite(value)) checkSession.getState().setTarget(clampPosition(Math.round(value), last));
            }}
          />
          <span className="muted">of {last}</span>
          <button
            type="button"
            className="button"
            disabled={target === position}
            onClick={() => checkSession.getState().setTarget(position)}
          >
            Use current step ({position})
          </button>
          <button
            type="button"
            className="button"
            disabled={requested === null}
            onClick={() => checkSession.getState().setTarget(null)}
          >
            Last step
          </button>
        </div>
      </div>
      {reading && (
        <p className="check-tree__busy" role="status">
          Reading {reading}…
        </p>
      )}
      {error && (
        <div className="check-tree__error" role="alert">
          <strong>Not checked.</strong> {error} Nothing from it was kept.
        </div>
      )}
      {comparison && produced ? (
        <div className={`check-tree__main${selectedEntry ? ' check-tree__main--split' : ''}`}>
          <CheckTreeResults comparison={comparison} against={against} source={produced.label} />
          {selectedEntry && (
            <CheckTreeDiff
              entry={selectedEntry}
              expectedLabel={`expected (step ${target})`}
              theirsLabel={`theirs (${produced.label})`}
            />
          )}
        </div>
      ) : (
        !error &&
        !reading && (
          <p className="muted check-tree__hint">
            Files are compared byte for byte; JSON and YAML files holding the same data in another layout count as
            equivalent. A zip or folder that wraps the tree in one extra folder is aligned automatically.
          </p>
        )
      )}
    </section>
  );
}
