import type { ComparedEntry, CompareStatus, Comparison } from '../../steps/compare';
import { checkScore, SCORE_RULE, visibleEntries } from '../../model/checkTreeScore';
import { checkSession, useCheckSession } from '../../state/checkTreeSession';
import { VirtualList } from '../ui/VirtualList';

export interface CheckTreeResultsProps {
  comparison: Comparison;
  /** "after step 85 of 85" */
  against: string;
  source: string;
}

const STATUSES: readonly CompareStatus[] = ['identical', 'equivalent', 'different', 'missing', 'extra'];
const ROW_HEIGHT = 30;

/** The verdict, the score, the counts per status, and one row per entry that is worth a look. */
export function CheckTreeResults({ comparison, against, source }: CheckTreeResultsProps) {
  const selected = useCheckSession((s) => s.selected);
  const showIdentical = useCheckSession((s) => s.showIdentical);
  const score = checkScore(comparison);
  const rows = visibleEntries(comparison, showIdentical);
  const activeIndex = rows.findIndex((e) => e.path === selected);

  return (
    <div className="check-tree__results">
      <div className="check-tree__summary" role="status" aria-label="Check result">
        <span className={`verdict verdict--${comparison.matches ? 'good' : 'bad'}`}>
          {comparison.matches ? 'Match' : 'Mismatch'}
        </span>
        <span className="check-tree__score">
          {score.matching}/{score.counted} entries match · {score.percent}%
        </span>
        <span className="muted check-tree__against">
          {source}, compared with the tree {against}
        </span>
      </div>
      <p className="muted check-tree__rule">{SCORE_RULE}</p>
      <ul className="check-tree__counts" aria-label="Entries by status (files and folders)">
        {STATUSES.map((status) => (
          <li key={status} className={`check-tree__count check-tree__count--${status}`}>
            <span className="check-tree__count-number">{comparison.counts[status]}</span> {status}
          </li>
        ))}
      </ul>
      <label className="check-tree__toggle">
        <input
          type="checkbox"
          checked={showIdentical}
          onChange={(e) => checkSession.getState().setShowIdentical(e.target.checked)}
        />
        Show identical entries
      </label>
      {rows.length === 0 ? (
        <p className="muted check-tree__empty">Every file and folder is identical to the expected tree.</p>
      ) : (
        <VirtualList
          as="ol"
          className="check-tree__list"
          items={rows}
          rowHeight={ROW_HEIGHT}
          activeIndex={activeIndex}
          rowsProps={{ 'aria-label': 'Compared entries' }}
          renderRow={(entry, index) => (
            <Row
              key={entry.path + entry.status}
              entry={entry}
              selected={entry.path === selected}
              index={index}
              count={rows.length}
            />
          )}
        />
      )}
    </div>
  );
}

interface RowProps {
  entry: ComparedEntry;
  selected: boolean;
  index: number;
  count: number;
}

function Row({ entry, selected, index, count }: RowProps) {
  const badge = <span className={`check-tree__status check-tree__status--${entry.status}`}>{entry.status}</span>;
  return (
    <li className="check-tree__row" aria-setsize={count} aria-posinset={index + 1}>
      {entry.kind === 'file' ? (
        <button
          type="button"
          className="check-tree__entry"
          aria-pressed={selected}
          aria-label={`${entry.status}: ${entry.path}`}
          onClick={() => checkSession.getState().selectEntry(selected ? null : entry.path)}
        >
          {badge}
          <span className="mono check-tree__path">{entry.path}</span>
        </button>
      ) : (
        <span
          className="check-tree__entry check-tree__entry--folder"
          aria-label={`${entry.status} folder: ${entry.path}`}
        >
          {badge}
          <span className="mono check-tree__path">{entry.path}/</span>
        </span>
      )}
    </li>
  );
}
