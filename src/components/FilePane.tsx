import { useMemo } from 'react';
import { saveBlob } from '../state/download';
import { currentSnapshot, useStepwise } from '../state/store';
import { creationStepOf } from '../state/treeRows';
import { formatJson } from '../steps/formatJson';
import { languageOf } from '../steps/language';
import { baseName } from '../steps/names';
import { getNode, readFile } from '../steps/tree';
import { DiffView } from './DiffView';
import { FileView } from './FileView';
import './FilePane.css';

const encoder = new TextEncoder();

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The selected file at the current step: its content, or a diff against an earlier step. */
export function FilePane() {
  const path = useStepwise((s) => s.selectedPath);
  const snapshot = useStepwise(currentSnapshot);
  const replay = useStepwise((s) => s.scenario.replay);
  const compareFrom = useStepwise((s) => s.compareFrom);
  const setCompareFrom = useStepwise((s) => s.setCompareFrom);
  const diffFormatted = useStepwise((s) => s.diffFormatted);
  const toggleDiffFormatted = useStepwise((s) => s.toggleDiffFormatted);

  const node = path ? getNode(snapshot.root, path) : undefined;
  const content = node?.kind === 'file' ? node.content : undefined;
  const size = useMemo(() => (content === undefined ? 0 : encoder.encode(content).length), [content]);

  if (!path) return <Placeholder text="Select a file in the tree to see its content." />;
  if (!node) {
    const step = creationStepOf(replay).get(path);
    return (
      <Placeholder
        text={`${path} does not exist at step ${snapshot.position}${step !== undefined ? `; step ${step} creates it` : ''}.`}
      />
    );
  }
  if (node.kind === 'directory')
    return (
      <Placeholder
        text={`${path} is a folder with ${node.children.size} ${node.children.size === 1 ? 'entry' : 'entries'}.`}
      />
    );

  const language = languageOf(path);
  const versions = (replay.fileChanges.get(path) ?? []).filter((p) => p < snapshot.position);
  const original =
    compareFrom === null ? undefined : (readFile(replay.snapshots[compareFrom]?.root ?? snapshot.root, path) ?? '');
  const formatted =
    original !== undefined && diffFormatted && language === 'json' ? formatSides(original, content ?? '') : null;

  return (
    <section className="pane file-pane" aria-labelledby="file-pane-title">
      <header className="file-pane__header">
        <h2 className="file-pane__title" id="file-pane-title">
          <span className="mono">{baseName(path)}</span>
        </h2>
        <span className="file-pane__meta muted mono" title={path}>
          {path}
        </span>
        <span className="file-pane__meta muted">
          {formatBytes(size)} · {language === 'plaintext' ? 'text' : language}
        </span>
        <label className="file-pane__compare">
          <span>Compare with</span>
          <select
            aria-label="Compare with"
            value={compareFrom ?? ''}
            onChange={(event) => setCompareFrom(event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">nothing (show content)</option>
            {compareFrom !== null && !versions.includes(compareFrom) && (
              <option value={compareFrom}>step {compareFrom}</option>
            )}
            {versions.map((p) => (
              <option key={p} value={p}>
                step {p}
              </option>
            ))}
          </select>
        </label>
        {original !== undefined && language === 'json' && (
          <label className="file-pane__toggle">
            <input type="checkbox" checked={diffFormatted} onChange={toggleDiffFormatted} /> Diff formatted JSON
          </label>
        )}
        <button
          type="button"
          className="button"
          onClick={() => saveBlob(content ?? '', baseName(path), 'application/octet-stream')}
        >
          Download file
        </button>
      </header>
      <div className="file-pane__body">
        {original === undefined ? (
          <FileView path={path} value={content ?? ''} language={language} />
        ) : (
          <DiffView
            path={path}
            original={formatted?.[0] ?? original}
            modified={formatted?.[1] ?? content ?? ''}
            language={language}
            originalLabel={`Step ${compareFrom}`}
            modifiedLabel={`Step ${snapshot.position}`}
          />
        )}
      </div>
    </section>
  );
}

/** Both sides formatted, or null when either is not JSON (then the raw texts are diffed). */
function formatSides(original: string, modified: string): [string, string] | null {
  const before = original === '' ? '' : formatJson(original);
  const after = formatJson(modified);
  return before === null || after === null ? null : [before, after];
}

function Placeholder({ text }: { text: string }) {
  return (
    <section className="pane file-pane file-pane--empty" aria-label="File">
      <p className="muted">{text}</p>
    </section>
  );
}
