import { useStepwise } from '../../state/appStore';
import { currentSnapshot } from '../../state/store';
import { describeChange } from '../../steps/describe';
import { KindIcon } from '../ui/KindIcon';
import './StepDetails.css';

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The empty box of the step's details, drawn in the page's first frame (see App). */
export function StepDetailsFrame() {
  return <div className="step-details" aria-hidden="true" />;
}

/** The current step as the document wrote it, what kind it is and the path it resolved to. */
export function StepDetails() {
  const snapshot = useStepwise(currentSnapshot);
  const { step, change } = snapshot;
  if (!step || !change) {
    return (
      <section className="step-details" aria-label="Current step" tabIndex={0}>
        <p className="step-details__text">
          <strong>Step 0</strong> — the empty tree before step 1. Press → or “Next step” to begin.
        </p>
      </section>
    );
  }
  return (
    <section className="step-details" aria-label="Current step" tabIndex={0}>
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
                  <del>{show(key.before)}</del> → <ins>{show(key.after)}</ins>
                </>
              )}
              {key.action !== 'replaced' && <span className="muted"> = {show(key.after)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
