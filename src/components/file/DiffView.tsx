import { useMemo } from 'react';
import { diffLines } from '../../steps/diff';
import { baseName } from '../../steps/names';
import { CodeFallback, type MarkedLines } from './CodeFallback';
import type { FileViewProps } from './FileView';
import { useMonaco } from './monaco/status';
import './FileView.css';

export interface DiffViewProps {
  path: string;
  original: string;
  modified: string;
  language: FileViewProps['language'];
  originalLabel: string;
  modifiedLabel: string;
  /**
   * While this stays the same, a new pair of texts keeps the reader's place (default: the path, so that
   * stepping through one file does); when it changes, the new pair opens at its first change.
   */
  placeKey?: string;
}

/** Where each side's changed lines are, from the project's line diff: the plain view's marks. */
function markChanges(original: string, modified: string): { original: MarkedLines[]; modified: MarkedLines[] } {
  const marks = { original: [] as MarkedLines[], modified: [] as MarkedLines[] };
  const line = { original: 0, modified: 0 };
  for (const op of diffLines(original, modified)) {
    const sides =
      op.type === 'same'
        ? (['original', 'modified'] as const)
        : ([op.type === 'removed' ? 'original' : 'modified'] as const);
    for (const side of sides) {
      if (op.type !== 'same') marks[side].push({ start: line[side], count: op.lines.length, kind: op.type });
      line[side] += op.lines.length;
    }
  }
  return marks;
}

/**
 * Two versions of a file side by side in Monaco's read-only diff editor, labelled with their steps.
 * Loads Monaco like FileView does; without it, both versions are shown as plain text.
 */
export function DiffView({
  path,
  original,
  modified,
  language,
  originalLabel,
  modifiedLabel,
  placeKey = path,
}: DiffViewProps) {
  const { state, loaded } = useMonaco();
  const failed = state === 'failed';
  // Only the plain view needs them; once Monaco is there, its own diff is shown.
  const marks = useMemo(() => (loaded ? undefined : markChanges(original, modified)), [loaded, original, modified]);
  const name = baseName(path);
  const ariaLabels = {
    diff: `Changes to ${name} from ${originalLabel} to ${modifiedLabel}`,
    original: `${name} at ${originalLabel} (original)`,
    modified: `${name} at ${modifiedLabel} (modified)`,
  };
  if (loaded)
    return (
      <div className="diff-view">
        <loaded.DiffEditor
          placeKey={placeKey}
          original={original}
          modified={modified}
          language={language}
          originalLabel={originalLabel}
          modifiedLabel={modifiedLabel}
          ariaLabels={ariaLabels}
        />
      </div>
    );

  return (
    <div className="diff-view">
      <p className={failed ? 'file-view__note' : 'file-view__note file-view__note--floating'} aria-live="polite">
        {failed
          ? `The diff editor could not be loaded; both versions of ${path} are shown as plain text.`
          : `Loading diff editor for ${path}…`}
      </p>
      <div className="diff-view__body" role="group" aria-label={ariaLabels.diff} aria-busy={!failed}>
        <div className="diff-view__labels">
          <span className="diff-view__label">{originalLabel}</span>
          <span className="diff-view__label">{modifiedLabel}</span>
        </div>
        <div className="diff-view__fallback">
          <CodeFallback value={original} ariaLabel={ariaLabels.original} marks={marks?.original} />
          <CodeFallback value={modified} ariaLabel={ariaLabels.modified} marks={marks?.modified} />
        </div>
      </div>
    </div>
  );
}
