import { memo, useDeferredValue, useMemo } from 'react';
import { useStepwise } from '../../state/appStore';
import { baseName, parentPath } from '../../steps/names';
import { RunStepMark } from '../runs/RunStepMark';
import { KindIcon } from '../ui/KindIcon';
import { countBefore, matches, stepRows, type StepRow } from '../../model/stepRows';
import { VirtualList } from '../ui/VirtualList';
import './StepList.css';

const ROW_HEIGHT = 30;

/** Every step with its kind and target; the current one highlighted and kept in view. */
export function StepList() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const filter = useStepwise((s) => s.filter);
  const setFilter = useStepwise((s) => s.setFilter);
  const goTo = useStepwise((s) => s.goTo);
  const deferredFilter = useDeferredValue(filter);

  const rows = useMemo(() => stepRows(replay), [replay]);
  const visible = useMemo(() => {
    const needle = deferredFilter.trim().toLowerCase();
    return needle === '' ? rows : rows.filter((row) => matches(row, needle));
  }, [rows, deferredFilter]);
  // Rows are in step order: the applied steps come first, and the current one, if shown, right after them.
  const doneRows = useMemo(() => countBefore(visible, position), [visible, position]);
  const activeIndex = visible[doneRows]?.step.number === position ? doneRows : -1;

  return (
    <section className="pane step-list" aria-labelledby="step-list-title">
      <h2 className="pane__title" id="step-list-title">
        Steps{' '}
        <span className="muted">
          {visible.length === rows.length ? rows.length : `${visible.length} of ${rows.length}`}
        </span>
      </h2>
      <div className="step-list__filter">
        <input
          type="search"
          id="step-filter"
          aria-label="Filter steps"
          placeholder="Filter steps  ( / )"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setFilter('');
              event.currentTarget.blur();
            }
          }}
        />
      </div>
      {visible.length === 0 ? (
        <p className="step-list__empty muted">No step matches “{filter}”.</p>
      ) : (
        <VirtualList
          as="ol"
          items={visible}
          rowHeight={ROW_HEIGHT}
          activeIndex={activeIndex}
          containerProps={{ 'aria-label': 'Steps' } as React.HTMLAttributes<HTMLDivElement>}
          rowsProps={{ 'aria-label': 'Steps' }}
          underlay={
            // One rail beside the steps already applied, instead of a style on each of their rows: a jump
            // then changes its height and two rows, not every row between the two positions.
            <div className="step-list__done" aria-hidden="true" style={{ height: doneRows * ROW_HEIGHT }} />
          }
          renderRow={(row, index) => (
            <StepItem
              key={row.step.number}
              row={row}
              index={index}
              setSize={visible.length}
              current={row.step.number === position}
              goTo={goTo}
            />
          )}
        />
      )}
    </section>
  );
}

interface StepItemProps {
  row: StepRow;
  index: number;
  setSize: number;
  current: boolean;
  goTo: (position: number) => void;
}

/** One step; memoised, so that a step re-renders the two rows whose state changed, not all of them. */
const StepItem = memo(function StepItem({ row, index, setSize, current, goTo }: StepItemProps) {
  return (
    <li aria-setsize={setSize} aria-posinset={index + 1} className="step-list__item">
      <button
        type="button"
        className={`step-list__row${current ? ' step-list__row--current' : ''}`}
        aria-current={current ? 'step' : undefined}
        title={row.step.text}
        onClick={() => goTo(row.step.number)}
      >
        <span className="step-list__number">{row.step.number}</span>
        <KindIcon kind={row.step.kind} />
        <span className="step-list__target mono">
          {baseName(row.target)}
          <span className="step-list__parent"> {parentPath(row.target)}</span>
        </span>
        <RunStepMark step={row.step.number} />
      </button>
    </li>
  );
});
