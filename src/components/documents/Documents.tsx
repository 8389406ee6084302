import { lazy, Suspense, useId } from 'react';
import { documentLoader, useLoader } from '../../state/documentLoader';
import { BUILTIN_ID } from '../../model/location';
import { stepwiseStore, useStepwise } from '../../state/appStore';
import { plural } from '../../steps/describe';
import { SAMPLES } from '../../state/documentSamples';
import { DocumentsLibrary } from './DocumentsLibrary';
import { DocumentsLoad } from './DocumentsLoad';
import { DocumentsShare } from './DocumentsShare';
import './Documents.css';

// The run reader and its worker load only when this view is shown.
const RunsOpen = lazy(async () => ({ default: (await import('../runs/RunsOpen')).RunsOpen }));

export interface DocumentsProps {
  /** Called after a document became the current scenario (the dialog closes itself). */
  onLoaded?: () => void;
}

/** Load your own step document, a sample or the built-in one; your documents; share links. */
export function Documents({ onLoaded }: DocumentsProps) {
  const name = useStepwise((s) => s.scenario.name);
  const steps = useStepwise((s) => s.scenario.replay.document.steps.length);
  const isBuiltin = useStepwise((s) => s.scenario.id === BUILTIN_ID);
  const busy = useLoader((s) => s.progress !== null);
  // Unique ids: the tab and the header's dialog may both show this view.
  const id = useId();

  const builtin = () => {
    stepwiseStore.getState().openBuiltin();
    onLoaded?.();
  };

  return (
    <section className="pane documents" aria-labelledby={`${id}-title`}>
      <h2 className="pane__title" id={`${id}-title`}>
        Documents
      </h2>
      <div className="documents__body">
        <div className="documents__current">
          <div>
            <span className="muted">Current scenario</span>
            <p className="documents__current-name">
              {name} <span className="muted">· {plural(steps, 'step')}</span>
            </p>
          </div>
          <button type="button" className="button" disabled={isBuiltin} onClick={builtin}>
            Built-in scenario
          </button>
        </div>

        <section className="documents__section" aria-labelledby={`${id}-load`}>
          <h3 id={`${id}-load`}>Load a document</h3>
          <DocumentsLoad onLoaded={onLoaded} />
        </section>

        <section className="documents__section" aria-labelledby={`${id}-runs`}>
          <h3 id={`${id}-runs`}>Grade a run of this document</h3>
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <RunsOpen onOpened={onLoaded} />
          </Suspense>
        </section>

        <section className="documents__section" aria-labelledby={`${id}-samples`}>
          <h3 id={`${id}-samples`}>Samples</h3>
          <ul className="documents__samples">
            {SAMPLES.map((sample) => (
              <li key={sample.label} className="documents__sample">
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={async () => {
                    if (
                      await documentLoader
                        .getState()
                        .loadDocument({ text: sample.source }, `${sample.label} sample`, { remember: false })
                    )
                      onLoaded?.();
                  }}
                >
                  {sample.label} sample
                </button>
                <span className="muted">{sample.summary}</span>
              </li>
            ))}
          </ul>
        </section>

        <section className="documents__section" aria-labelledby={`${id}-share`}>
          <h3 id={`${id}-share`}>Share as a link</h3>
          <DocumentsShare />
        </section>

        <section className="documents__section" aria-labelledby={`${id}-yours`}>
          <h3 id={`${id}-yours`}>Your documents</h3>
          <DocumentsLibrary onLoaded={onLoaded} />
        </section>
      </div>
    </section>
  );
}
