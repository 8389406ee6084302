import type { ComparedEntry } from '../../steps/compare';
import { languageOf } from '../../steps/language';
import { checkSession } from '../../state/checkTreeSession';
import { DiffView } from '../file/DiffView';

export interface CheckTreeDiffProps {
  entry: ComparedEntry;
  expectedLabel: string;
  theirsLabel: string;
}

/** The expected file beside theirs; a missing or extra file is compared with an empty one. */
export function CheckTreeDiff({ entry, expectedLabel, theirsLabel }: CheckTreeDiffProps) {
  return (
    <section className="check-tree__diff" aria-label={`Diff of ${entry.path}`}>
      <header className="check-tree__diff-header">
        <span className={`check-tree__status check-tree__status--${entry.status}`}>{entry.status}</span>
        <h3 className="mono check-tree__diff-title" title={entry.path}>
          {entry.path}
        </h3>
        {entry.status === 'equivalent' && <span className="muted">Same data, written differently.</span>}
        {entry.note && <span className="muted">Not visible in the diff: {entry.note}.</span>}
        <button
          type="button"
          className="button check-tree__close"
          onClick={() => checkSession.getState().selectEntry(null)}
        >
          Close diff
        </button>
      </header>
      <div className="check-tree__diff-body">
        <DiffView
          path={entry.path}
          original={entry.expected ?? ''}
          modified={entry.actual ?? ''}
          language={languageOf(entry.path)}
          originalLabel={entry.status === 'extra' ? 'expected (not in the tree)' : expectedLabel}
          modifiedLabel={entry.status === 'missing' ? 'theirs (missing)' : theirsLabel}
        />
      </div>
    </section>
  );
}
