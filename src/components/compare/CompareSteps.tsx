import { useMemo, useState } from 'react';
import { useStepwise } from '../../state/appStore';
import { lastPosition } from '../../state/store';
import { languageOf } from '../../steps/language';
import { compareSteps, unifiedPatch, type FileDelta } from '../../steps/patch';
import { DiffView } from '../file/DiffView';
import './CompareSteps.css';

const STATUS_BADGES: Readonly<Record<FileDelta['status'], { label: string; className: string }>> = {
  added: { label: 'new', className: 'badge--new' },
  modified: { label: 'modified', className: 'badge--modified' },
  removed: { label: 'removed', className: 'badge--removed' },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The tree at any two steps side by side: what was added, removed and changed, as diffs and as a patch. */
export function CompareSteps() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const last = useStepwise(lastPosition);
  // Until the user picks, compare the empty tree with the current step: everything built so far.
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  const [openPath, setOpenPath] = useState<string | null>(null);
  const clamp = (n: number) => Math.min(last, Math.max(0, Math.round(n)));
  const from = clamp(picked?.from ?? 0);
  const to = clamp(picked?.to ?? position);

  const comparison = useMemo(() => compareSteps(replay, from, to), [replay, from, to]);
  const counts = { added: 0, modified: 0, removed: 0 };
  for (const file of comparison.files) counts[file.status]++;
  const open = comparison.files.find((f) => f.path === openPath) ?? null;

  const setSide = (side: 'from' | 'to', raw: string) => {
    if (raw.trim() === '' || !Number.isFinite(Number(raw))) return;
    setPicked({ from, to, [side]: clamp(Number(raw)) });
  };
  const downloadPatch = useStepwise((s) => s.downloadPatch);
  const download = () => downloadPatch(unifiedPatch(comparison), from, to);

  return (
    <section className="pane compare-steps" aria-labelledby="compare-steps-title">
      <header className="pane__header">
        <h2 className="pane__heading compare-steps__title" id="compare-steps-title">
          Compare steps
        </h2>
        <label className="pane__field">
          From step
          <input type="number" min={0} max={last} value={from} onChange={(e) => setSide('from', e.target.value)} />
        </label>
        <button
          type="button"
          className="button compare-steps__swap"
          aria-label="Swap the two steps"
          title="Swap"
          onClick={() => setPicked({ from: to, to: from })}
        >
          ⇄
        </button>
        <label className="pane__field">
          To step
          <input type="number" min={0} max={last} value={to} onChange={(e) => setSide('to', e.target.value)} />
        </label>
        <button
          type="button"
          className="button"
          onClick={() => setPicked({ from, to: position })}
          disabled={to === position}
        >
          To = current step
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={download}
          disabled={comparison.files.length === 0}
        >
          Download patch
        </button>
      </header>
      <div className="compare-steps__body">
        <div className="compare-steps__overview">
          <p className="compare-steps__summary">
            {comparison.files.length === 0 &&
            comparison.addedDirectories.length === 0 &&
            comparison.removedDirectories.length === 0
              ? `The trees at step ${from} and step ${to} are the same.`
              : [
                  plural(counts.added, 'file') + ' added',
                  plural(counts.modified, 'file') + ' changed',
                  plural(counts.removed, 'file') + ' removed',
                  plural(comparison.addedDirectories.length, 'directory', 'directories') + ' added',
                  ...(comparison.removedDirectories.length > 0
                    ? [plural(comparison.removedDirectories.length, 'directory', 'directories') + ' removed']
                    : []),
                ].join(' · ')}
          </p>
          {comparison.files.length > 0 && (
            <ul className="compare-steps__files" aria-label={`Files changed from step ${from} to step ${to}`}>
              {comparison.files.map((file) => (
                <li key={file.path}>
                  <button
                    type="button"
                    className="compare-steps__file"
                    aria-pressed={file.path === open?.path}
                    onClick={() => setOpenPath(file.path === open?.path ? null : file.path)}
                  >
                    <span className={`badge ${STATUS_BADGES[file.status].className}`}>
                      {STATUS_BADGES[file.status].label}
                    </span>
                    <span className="mono compare-steps__path" title={file.path}>
                      {file.path}
                    </span>
                    <span
                      className="compare-steps__stats mono"
                      aria-label={`${file.linesAdded} lines added, ${file.linesRemoved} removed`}
                    >
                      <span className="compare-steps__plus">+{file.linesAdded}</span>{' '}
                      <span className="compare-steps__minus">−{file.linesRemoved}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <DirectoryNote
            title="Empty directories a patch cannot create — make them after applying it:"
            paths={comparison.directoriesToCreate}
          />
          <DirectoryNote
            title="Directories a patch cannot remove — delete them after applying it:"
            paths={comparison.directoriesToRemove}
          />
        </div>
        <div className="compare-steps__diff">
          {open ? (
            <DiffView
              path={open.path}
              original={open.before}
              modified={open.after}
              language={languageOf(open.path)}
              originalLabel={open.status === 'added' ? `Step ${from} (no file)` : `Step ${from}`}
              modifiedLabel={open.status === 'removed' ? `Step ${to} (no file)` : `Step ${to}`}
            />
          ) : (
            <p className="muted compare-steps__hint">
              {comparison.files.length > 0
                ? 'Pick a file above to see its diff.'
                : 'No file differs between these steps.'}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function DirectoryNote({ title, paths }: { title: string; paths: readonly string[] }) {
  if (paths.length === 0) return null;
  return (
    <div className="compare-steps__dirs">
      <p>{title}</p>
      <ul aria-label={title}>
        {paths.map((path) => (
          <li key={path} className="mono">
            {path}/
          </li>
        ))}
      </ul>
    </div>
  );
}
