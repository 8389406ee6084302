import { useMemo, useState } from 'react';
import { useStepwise } from '../../state/appStore';
import type { Replay } from '../../steps/engine';
import { keyDiff, previewValue } from '../../steps/keyDiff';
import { languageOf } from '../../steps/language';
import { baseName } from '../../steps/names';
import { readFile } from '../../steps/tree';
import { DiffView } from '../file/DiffView';
import { StepOptions } from '../ui/StepOptions';
import './FileHistory.css';

/** Files that some step changes after creating them, with the positions of their versions. */
function filesWithHistory(replay: Replay): [string, readonly number[]][] {
  return [...replay.fileChanges].filter(([, versions]) => versions.length > 1);
}

function versionNote(replay: Replay, position: number): string {
  const change = replay.snapshots[position].change;
  if (!change || change.type === 'added') return 'created';
  const changed = change.keys.filter((k) => k.action !== 'unchanged');
  return changed.map((k) => `${k.action === 'added' ? '+' : '~'}${k.key}`).join(' ') || 'rewritten, no key changed';
}

interface Choice {
  readonly path: string;
  readonly from: number;
  readonly to: number;
}

/** The versions of a file that changes over time, and a diff between any two of them. */
export function FileHistory() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const selectedPath = useStepwise((s) => s.selectedPath);
  const goTo = useStepwise((s) => s.goTo);
  const files = useMemo(() => filesWithHistory(replay), [replay]);
  const [choice, setChoice] = useState<Choice | null>(null);

  const paths = files.map(([path]) => path);
  const path =
    choice && paths.includes(choice.path)
      ? choice.path
      : selectedPath && paths.includes(selectedPath)
        ? selectedPath
        : paths[0];
  const versions = files.find(([p]) => p === path)?.[1] ?? [];
  // By default: the latest version reached so far against the one before it.
  const reached = versions.filter((v) => v <= position);
  const defaultTo = reached.length >= 2 ? reached[reached.length - 1] : versions[1];
  const defaultFrom = versions[Math.max(0, versions.indexOf(defaultTo) - 1)];
  const current = choice?.path === path ? choice : null;
  const from = current && versions.includes(current.from) ? current.from : defaultFrom;
  const to = current && versions.includes(current.to) ? current.to : defaultTo;

  const textAt = (at: number) =>
    path && replay.snapshots[at] ? (readFile(replay.snapshots[at].root, path) ?? '') : '';
  const original = textAt(from);
  const modified = textAt(to);
  // Two parses of a few kilobytes: cheaper than keeping a memo in step with the choices above.
  const keys = path && languageOf(path) === 'json' ? keyDiff(original, modified) : null;

  if (!path)
    return (
      <section className="pane file-history file-history--empty" aria-label="File history">
        <p className="muted">No file changes after it is created in this scenario, so there is no history to show.</p>
      </section>
    );

  const pick = (next: Partial<Choice>) => setChoice({ path, from, to, ...next });
  const changedKeys = keys?.ok ? keys.entries.filter((e) => e.action !== 'unchanged') : [];

  return (
    <section className="pane file-history" aria-labelledby="file-history-title">
      <header className="pane__header">
        <h2 className="pane__heading file-history__title" id="file-history-title">
          History of <span className="mono">{baseName(path)}</span>
        </h2>
        {files.length > 1 && (
          <label className="pane__field">
            File
            <select value={path} onChange={(e) => setChoice({ path: e.target.value, from: -1, to: -1 })}>
              {paths.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="pane__field">
          From
          <select aria-label="From version" value={from} onChange={(e) => pick({ from: Number(e.target.value) })}>
            <StepOptions steps={versions} />
          </select>
        </label>
        <label className="pane__field">
          To
          <select aria-label="To version" value={to} onChange={(e) => pick({ to: Number(e.target.value) })}>
            <StepOptions steps={versions} />
          </select>
        </label>
      </header>
      <div className="file-history__body">
        <ol className="file-history__versions" aria-label={`Versions of ${baseName(path)}`}>
          {versions.map((v) => (
            <li
              key={v}
              className={`file-history__version${v === from || v === to ? ' file-history__version--picked' : ''}${v > position ? ' file-history__version--later' : ''}`}
            >
              <button
                type="button"
                className="file-history__goto"
                onClick={() => goTo(v)}
                aria-label={`Go to step ${v}`}
              >
                {v}
              </button>
              <span className="file-history__note mono">{versionNote(replay, v)}</span>
              {v === from && <span className="badge file-history__tag">from</span>}
              {v === to && <span className="badge file-history__tag">to</span>}
            </li>
          ))}
        </ol>
        <div className="file-history__compare">
          {keys && (
            <div
              className="file-history__keys"
              role="region"
              aria-label={`Keys changed from step ${from} to step ${to}`}
            >
              {!keys.ok ? (
                <p className="muted">{keys.reason}</p>
              ) : changedKeys.length === 0 ? (
                <p className="muted">
                  No top-level key differs between step {from} and step {to}.
                </p>
              ) : (
                <ul className="file-history__key-list">
                  {changedKeys.map((entry) => (
                    <li key={entry.key}>
                      <span
                        className={`badge badge--${entry.action === 'added' ? 'new' : entry.action === 'removed' ? 'removed' : 'modified'}`}
                      >
                        {entry.action}
                      </span>{' '}
                      <code>{entry.key}</code>{' '}
                      {entry.action === 'replaced' ? (
                        <>
                          <del>{previewValue(entry.before)}</del> → <ins>{previewValue(entry.after)}</ins>
                        </>
                      ) : (
                        <span className="muted">
                          = {previewValue(entry.action === 'removed' ? entry.before : entry.after)}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {keys.ok && keys.counts.unchanged > 0 && (
                <p className="muted file-history__unchanged">
                  {keys.counts.unchanged} {keys.counts.unchanged === 1 ? 'key' : 'keys'} unchanged
                </p>
              )}
            </div>
          )}
          <div className="file-history__diff">
            <DiffView
              path={path}
              original={original}
              modified={modified}
              language={languageOf(path)}
              originalLabel={`Step ${from}`}
              modifiedLabel={`Step ${to}`}
              // Choosing two versions is a new comparison: it opens at its first change.
              placeKey={`${path} ${from} ${to}`}
            />
          </div>
        </div>
      </div>
    </section>
  );
}
