import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useStepwise } from '../../state/appStore';
import { currentSnapshot } from '../../state/store';
import { describeChange } from '../../steps/describe';
import type { Snapshot } from '../../steps/engine';
import { KindIcon } from '../ui/KindIcon';
import './StepDetails.css';

/** The longest value shown whole while the step is not: past it, the value is cut with an ellipsis. */
const SHORT_VALUE = 80;

/** A key's value as JSON; cut short unless the whole step is asked for. */
function show(value: unknown, whole: boolean): string {
  const text = JSON.stringify(value);
  return whole || text.length <= SHORT_VALUE ? text : `${text.slice(0, SHORT_VALUE - 3)}…`;
}

/** Whether showing the step whole shows more: a value cut short (the box may also be too small, see below). */
function cutsValues({ change }: Snapshot): boolean {
  if (change?.type !== 'modified') return false;
  return change.keys.some((key) =>
    [key.before, key.after].some((value) => value !== undefined && JSON.stringify(value).length > SHORT_VALUE),
  );
}

/** The empty box of the step's details, drawn in the page's first frame (see App). */
export function StepDetailsFrame() {
  return <div className="step-details" aria-hidden="true" />;
}

/**
 * The current step as the document wrote it, what kind it is and the path it resolved to.
 *
 * The box keeps one height for every step: a pane that grew and shrank with the step would move everything
 * below it, and each step would re-lay out and repaint the whole page. What does not fit (a long update) is
 * shown in full on demand: "Show all" lets the box grow until "Show less".
 */
export function StepDetails() {
  const snapshot = useStepwise(currentSnapshot);
  const [expanded, setExpanded] = useState(false);
  const box = useRef<HTMLElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const overflows = useOverflows(box, content);
  const contentId = useId();
  return (
    <section ref={box} className={`step-details${expanded ? ' step-details--expanded' : ''}`} aria-label="Current step">
      <div ref={content} id={contentId} className="step-details__content">
        <StepFacts snapshot={snapshot} whole={expanded} />
      </div>
      {(expanded || overflows || cutsValues(snapshot)) && (
        <button
          type="button"
          className="button step-details__more"
          aria-expanded={expanded}
          aria-controls={contentId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show less' : 'Show all'}
        </button>
      )}
    </section>
  );
}

/**
 * Whether `content` is taller than `box` shows. Measured when the browser reports a new size of either
 * (after layout, where reading costs nothing), never during a step's commit.
 */
function useOverflows(box: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const outer = box.current;
    const inner = content.current;
    if (!outer || !inner) return;
    const observer = new ResizeObserver(() => setOverflows(inner.offsetHeight > outer.clientHeight));
    observer.observe(outer);
    observer.observe(inner);
    return () => observer.disconnect();
  }, [box, content]);
  return overflows;
}

function StepFacts({ snapshot, whole }: { snapshot: Snapshot; whole: boolean }): ReactNode {
  const { step, change } = snapshot;
  if (!step || !change) {
    return (
      <p className="step-details__text">
        <strong>Step 0</strong> — the empty tree before step 1. Press → or “Next step” to begin.
      </p>
    );
  }
  return (
    <>
      <p className="step-details__text">
        <strong>Step {step.number}:</strong> <span className="step-details__instruction">{step.text}</span>
      </p>
      <dl className="step-details__facts">
        <div>
          <dt>Kind</dt>
          <dd>
            <KindIcon kind={step.kind} named />
          </dd>
        </div>
        <div>
          <dt>Path</dt>
          <dd className="mono">{change.path}</dd>
        </div>
        <div>
          <dt>Effect</dt>
          <dd>
            <span className={`badge badge--${change.type === 'added' ? 'new' : 'modified'}`}>
              {change.type === 'added' ? 'new' : 'modified'}
            </span>{' '}
            {describeChange(change)}
          </dd>
        </div>
      </dl>
      {change.type === 'modified' && (
        <ul className="step-details__keys" aria-label="Keys changed by this step">
          {change.keys.map((key) => (
            <li key={key.key}>
              <span className={`badge badge--${key.action === 'added' ? 'new' : 'modified'}`}>{key.action}</span>{' '}
              <code>{key.key}</code>
              {key.action === 'replaced' && (
                <>
                  {' '}
                  <del>{show(key.before, whole)}</del> → <ins>{show(key.after, whole)}</ins>
                </>
              )}
              {key.action !== 'replaced' && <span className="muted"> = {show(key.after, whole)}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
