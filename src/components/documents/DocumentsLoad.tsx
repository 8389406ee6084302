import { useId, useState } from 'react';
import { useLoader } from '../../state/documentLoader';
import { LIMITS } from '../../steps/limits';
import { FilePickButton } from '../ui/FilePickButton';

export interface DocumentsLoadProps {
  onLoaded?: () => void;
}

const PHASES = { reading: 'Reading', parsing: 'Parsing', replaying: 'Replaying' } as const;

/** Paste a document or open a file; shows the worker's progress, a Cancel button and errors. */
export function DocumentsLoad({ onLoaded }: DocumentsLoadProps) {
  const [text, setText] = useState('');
  const textId = useId();
  const progress = useLoader((s) => s.progress);
  const failure = useLoader((s) => s.failure);
  const note = useLoader((s) => s.note);
  const loadDocument = useLoader((s) => s.loadDocument);
  const cancelLoad = useLoader((s) => s.cancelLoad);
  const dismissFailure = useLoader((s) => s.dismissFailure);

  const run = async (load: Promise<boolean>) => {
    if (await load) onLoaded?.();
  };

  return (
    <div className="documents__load">
      <label htmlFor={textId} className="documents__label">
        Paste a step document
      </label>
      <textarea
        id={textId}
        className="documents__text mono"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={
          'For example:\n\nMy scenario\nStep 1: Create a directory named "app"\nStep 2: Create a file named "a.json" in app with content: {"x": 1}'
        }
        spellCheck={false}
        rows={7}
      />
      <div className="documents__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={text.trim() === '' || progress !== null}
          onClick={() => run(loadDocument({ text }, 'pasted text'))}
        >
          Load pasted text
        </button>
        <FilePickButton
          accept=".txt,.md,text/plain"
          disabled={progress !== null}
          onPick={([file]) => void run(loadDocument({ file }, file.name))}
        >
          Open file…
        </FilePickButton>
        <span className="muted documents__limits">
          UTF-8 text, up to {LIMITS.steps.toLocaleString('en')} steps and about {LIMITS.documentChars / 1024 / 1024} MB.
        </span>
      </div>
      {progress && (
        <div className="documents__progress" role="status">
          <progress
            aria-label={`Loading ${progress.name}`}
            max={progress.total || undefined}
            value={progress.phase === 'replaying' && progress.total ? progress.done : undefined}
          />
          <span>
            {PHASES[progress.phase]} {progress.name}
            {progress.phase === 'replaying' &&
              progress.total > 0 &&
              ` — step ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}`}
            …
          </span>
          <button type="button" className="button" onClick={cancelLoad}>
            Cancel
          </button>
        </div>
      )}
      {note && !progress && (
        <p className="documents__note" role="status">
          {note}
        </p>
      )}
      {failure && (
        <div className="documents__error" role="alert">
          <p className="documents__error-title">
            “{failure.name}” could not be loaded. The previous scenario is still shown.
          </p>
          <p className="documents__error-message">{failure.message}</p>
          {failure.lineText !== undefined && (
            <pre className="documents__error-line mono" aria-label={`Line ${failure.line}`}>
              <span className="documents__error-number" aria-hidden="true">
                {failure.line}
              </span>
              {failure.lineText}
            </pre>
          )}
          <button type="button" className="button" onClick={dismissFailure}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
