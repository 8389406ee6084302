import { useId, useState, type DragEvent } from 'react';
import { FilePickButton } from '../ui/FilePickButton';
import { useDropZone } from '../ui/useDropZone';
import { cancelRuns, dismissRunMessages, fileInputs, openRuns, useRunLoader } from '../../state/runLoader';
import { useStepwise } from '../../state/appStore';
import { RUN_FORMATS } from '../../steps/runs/types';
import './RunsOpen.css';

export interface RunsOpenProps {
  /** Called once runs were added (the header's dialog closes itself). */
  onOpened?: () => void;
}

/**
 * Where runs come in: "Open run…" (one or more files), a drop of files, or pasted text. Shows the
 * worker's progress with Cancel, and each input that could not be read with its reason.
 */
export function RunsOpen({ onOpened }: RunsOpenProps) {
  const [text, setText] = useState('');
  const textId = useId();
  const title = useStepwise((s) => s.scenario.replay.document.title);
  const progress = useRunLoader((s) => s.progress);
  const failures = useRunLoader((s) => s.failures);
  const note = useRunLoader((s) => s.note);
  const busy = progress !== null;
  // Once runs are open, the box shrinks to its buttons: the runs are what the tab is for then.
  const compact = useStepwise((s) => s.runs.length > 0);

  const open = async (files: readonly File[]) => {
    const { inputs, refused } = await fileInputs(files);
    if (await openRuns(inputs, refused)) onOpened?.();
  };
  const { over, handlers } = useDropZone((event: DragEvent) => {
    if (busy) return;
    dismissRunMessages();
    const files = Array.from(event.dataTransfer.files);
    const dropped = event.dataTransfer.getData('text/plain');
    if (files.length > 0) void open(files);
    else if (dropped.trim() !== '')
      void openRuns([{ name: 'dropped text', text: dropped }]).then((ok) => ok && onOpened?.());
  });

  return (
    <div
      className={`runs-open${over ? ' runs-open--over' : ''}${compact ? ' runs-open--compact' : ''}`}
      role="group"
      aria-label="Open runs"
      {...handlers}
    >
      {!compact && (
        <p className="runs-open__intro">
          Grade what an agent did against “{title}”: drop run files here, or open them. Each is replayed, never run.
        </p>
      )}
      <div className="runs-open__actions">
        <FilePickButton
          primary
          multiple
          disabled={busy}
          accept=".jsonl,.json,.eval,application/json"
          onPick={(files) => {
            dismissRunMessages();
            void open(files);
          }}
        >
          Open run…
        </FilePickButton>
        <span className="muted runs-open__formats">
          {compact
            ? 'or drop more runs here'
            : `stepwise operations, Claude Code, ATIF, OpenHands or Inspect AI logs (${RUN_FORMATS.length} formats).`}
        </span>
      </div>
      <details className="runs-open__paste">
        <summary>Paste a run</summary>
        <label htmlFor={textId} className="visually-hidden">
          Run to paste
        </label>
        <textarea
          id={textId}
          className="runs-open__text mono"
          rows={5}
          spellCheck={false}
          value={text}
          placeholder={'{"op": "mkdir", "path": "shop"}\n{"op": "write", "path": "shop/a.json", "content": "{}"}'}
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="button"
          className="button"
          disabled={busy || text.trim() === ''}
          onClick={async () => {
            if (await openRuns([{ name: 'pasted run', text }])) {
              setText('');
              onOpened?.();
            }
          }}
        >
          Grade pasted run
        </button>
      </details>
      {progress && (
        <div className="runs-open__progress" role="status">
          <progress aria-label="Grading runs" max={progress.total || undefined} value={progress.done} />
          <span>
            {progress.restoring ? 'Grading the runs kept for this document' : 'Grading'}: {progress.done} of{' '}
            {progress.total}
            {progress.name && ` — ${progress.name}`}…
          </span>
          <button type="button" className="button" onClick={cancelRuns}>
            Cancel
          </button>
        </div>
      )}
      {note && !progress && (
        <p className="runs-open__note" role="status">
          {note}
        </p>
      )}
      {failures.length > 0 && (
        <div className="runs-open__error" role="alert">
          <p className="runs-open__error-title">
            {failures.length === 1 ? 'A run could not be read' : `${failures.length} runs could not be read`}; the runs
            already open stay as they were.
          </p>
          <ul>
            {failures.map((failure, i) => (
              <li key={i}>
                <strong>{failure.name}</strong>: {failure.message}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={dismissRunMessages}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
