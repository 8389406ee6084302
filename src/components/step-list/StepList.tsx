import { memo, useDeferredValue, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useStepwise } from '../../state/appStore';
import { baseName, parentPath } from '../../steps/names';
import type { StepKind } from '../../steps/types';
import { RunStepMark } from '../runs/RunStepMark';
import { KindIcon } from '../ui/KindIcon';
import { countBefore, filterSteps, snippet, stepRows, type FilteredRow } from '../../model/stepRows';
import { TOUCH_TARGET, useNarrowLayout } from '../ui/useMediaQuery';
import { VirtualList } from '../ui/VirtualList';
import './StepList.css';

/** A row's height in pixels; in the narrow layout, a touch target's (StepList.css has both). */
const ROW_HEIGHT = 30;
/** Rows PageUp and PageDown move by. */
const PAGE = 10;

const KINDS: ReadonlyArray<readonly [kind: StepKind, label: string]> = [
  ['directory', 'Directories'],
  ['file', 'Files'],
  ['update', 'Updates'],
];

/**
 * Every step with its kind and target; the current one highlighted and kept in view. A WAI-ARIA listbox: one
 * tab stop, entered at the current step; arrow keys, Page Up/Down, Home and End move, Enter or a click jumps.
 * The filter narrows it by text (each row says where the text was found) and by kind.
 */
export function StepList() {
  const rowHeight = useNarrowLayout() ? TOUCH_TARGET : ROW_HEIGHT;
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const filter = useStepwise((s) => s.filter);
  const filterKind = useStepwise((s) => s.filterKind);
  const setFilter = useStepwise((s) => s.setFilter);
  const setFilterKind = useStepwise((s) => s.setFilterKind);
  const goTo = useStepwise((s) => s.goTo);
  const deferredFilter = useDeferredValue(filter);
  /** The step whose row has focus, while focus is in the list. */
  const [focusedStep, setFocusedStep] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => stepRows(replay), [replay]);
  const visible = useMemo(() => filterSteps(rows, deferredFilter, filterKind), [rows, deferredFilter, filterKind]);
  // Rows are in step order: the applied steps come first, and the current one, if shown, right after them.
  const doneRows = useMemo(() => countBefore(visible, position), [visible, position]);
  const focusIndex = focusedStep === null ? -1 : visible.findIndex((item) => item.row.step.number === focusedStep);
  // The list's one tab stop, and the row kept in view: the focused row, else the current step (or the next shown).
  const stopIndex = focusIndex >= 0 ? focusIndex : Math.min(doneRows, visible.length - 1);

  const moveFocus = (index: number) => {
    const item = visible[Math.min(visible.length - 1, Math.max(0, index))];
    if (!item) return;
    const step = item.row.step.number;
    setFocusedStep(step);
    // The row may not be rendered yet (virtualised); focus it once it is.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-step="${step}"]`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const index = Math.max(stopIndex, 0);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + PAGE,
      PageUp: index - PAGE,
      Home: 0,
      End: visible.length - 1,
    };
    if (event.key in moves) moveFocus(moves[event.key]);
    else if (event.key === 'Enter' || event.key === ' ') {
      const item = visible[index];
      if (item) goTo(item.row.step.number);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusedStep(null);
  };
  const kindLabel = KINDS.find(([kind]) => kind === filterKind)?.[1].toLowerCase();

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
        <select
          aria-label="Kind of step"
          value={filterKind ?? ''}
          onChange={(event) => setFilterKind((event.target.value || null) as StepKind | null)}
        >
          <option value="">All kinds</option>
          {KINDS.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {visible.length === 0 ? (
        <p className="step-list__empty muted">
          {filter.trim() === '' ? `No step is of this kind.` : `No ${kindLabel ?? ''} step matches “${filter}”.`}
        </p>
      ) : (
        <div ref={listRef} className="step-list__scroll">
          <VirtualList
            as="ol"
            items={visible}
            rowHeight={rowHeight}
            activeIndex={stopIndex}
            rowsProps={{ role: 'listbox', 'aria-label': 'Steps', onKeyDown, onBlur }}
            underlay={
              // One rail beside the steps already applied, instead of a style on each of their rows: a jump
              // then changes its height and two rows, not every row between the two positions.
              <div className="step-list__done" aria-hidden="true" style={{ height: doneRows * rowHeight }} />
            }
            renderRow={(item, index) => (
              <StepItem
                key={item.row.step.number}
                item={item}
                index={index}
                setSize={visible.length}
                current={item.row.step.number === position}
                tabStop={index === stopIndex}
                goTo={goTo}
                focus={setFocusedStep}
              />
            )}
          />
        </div>
      )}
    </section>
  );
}

interface StepItemProps {
  item: FilteredRow;
  index: number;
  setSize: number;
  current: boolean;
  /** The list's one tab stop. */
  tabStop: boolean;
  goTo: (position: number) => void;
  focus: (step: number) => void;
}

/** One step; memoised, so that a step re-renders the two rows whose state changed, not all of them. */
const StepItem = memo(function StepItem({ item, index, setSize, current, tabStop, goTo, focus }: StepItemProps) {
  const { row, match } = item;
  const { number, text, kind } = row.step;
  const name = baseName(row.target);
  const parent = parentPath(row.target);
  // The path's offsets, split between the name and the parent shown after it.
  const nameStart = row.target.length - name.length;
  const inPath = match?.field === 'path' ? match : null;
  return (
    <li
      role="option"
      aria-selected={current}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      tabIndex={tabStop ? 0 : -1}
      data-step={number}
      className={`step-list__item step-list__row${current ? ' step-list__row--current' : ''}`}
      title={text}
      onClick={() => goTo(number)}
      onFocus={() => focus(number)}
    >
      <span className="step-list__number">{match?.field === 'number' ? <mark>{number}</mark> : number}</span>
      <KindIcon kind={kind} />
      <span className="step-list__target mono">
        <span className="step-list__name">
          <Marked text={name} range={inPath && [inPath.start - nameStart, inPath.end - nameStart]} />
        </span>
        {match?.field === 'text' ? (
          <Excerpt quoted text={text} start={match.start} end={match.end} />
        ) : inPath && inPath.start < parent.length ? (
          <Excerpt text={parent} start={inPath.start} end={Math.min(inPath.end, parent.length)} />
        ) : (
          <span className="step-list__parent">{parent}</span>
        )}
      </span>
      <RunStepMark step={number} />
    </li>
  );
});

/** `text` with the part of [start, end) that falls inside it marked; the range may start before or end after it. */
function Marked({ text, range }: { text: string; range: readonly [number, number] | null }) {
  if (!range) return text;
  const start = Math.max(0, range[0]);
  const end = Math.min(text.length, range[1]);
  if (start >= end) return text;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}

interface ExcerptProps {
  text: string;
  start: number;
  end: number;
  /** Quoted: words of the instruction, not the path. */
  quoted?: boolean;
}

/**
 * Where a row matched outside its name (in its instruction, or in its folder's path): the match marked, with
 * little before it so that it shows even where the row is narrow.
 */
function Excerpt({ text, start, end, quoted = false }: ExcerptProps) {
  const { before, match, after } = snippet(text, start, end, 8);
  const quote = quoted ? ['“', '”'] : ['', ''];
  return (
    <span className="step-list__snippet">
      {quote[0]}
      {before}
      <mark>{match}</mark>
      {after}
      {quote[1]}
    </span>
  );
}
