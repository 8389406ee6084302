import { useDeferredValue, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { keepInView } from '../../model/keepInView';
import { rowWindow } from '../../model/rowWindow';
import './VirtualList.css';

/** What a list shows: an array, or anything that can count and slice its rows as one does. */
export interface ListItems<T> {
  readonly length: number;
  slice(start: number, end: number): readonly T[];
}

export interface VirtualListProps<T> {
  items: ListItems<T>;
  rowHeight: number;
  /** Index to keep in view; scrolls only when it is outside the visible window. */
  activeIndex: number;
  renderRow: (item: T, index: number) => ReactNode;
  className?: string;
  /** Props for the scrolling element (role, aria-label, key handlers). */
  containerProps?: React.HTMLAttributes<HTMLDivElement>;
  /** Props for the element that holds the rows, e.g. role="tree" so that rows are its children. */
  rowsProps?: React.HTMLAttributes<HTMLElement>;
  /** The element type that holds the rows ("ol" for lists, "div" for a tree). */
  as?: 'ol' | 'div';
  /** Drawn in the scrolled content before the rows and positioned by its own style, e.g. a progress rail. */
  underlay?: ReactNode;
}

const NO_ROWS: readonly never[] = [];

/**
 * Renders only the rows in view (plus a margin), so that lists of 10,000 steps or files cost the
 * same as lists of 85; short lists are filled in whole right after (see rowWindow). Rows have a fixed
 * height; the spacer keeps the scrollbar honest.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  activeIndex,
  renderRow,
  className,
  containerProps,
  rowsProps,
  as = 'div',
  underlay,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  /** The scroller's height; null until measured. */
  const [height, setHeight] = useState<number | null>(null);
  const viewHeight = height ?? 600;
  /** The scroll offset last written to or reported by the element. */
  const written = useRef(0);

  // Keeping the active row in view is derived while rendering (React's "adjust state when a prop
  // changes"), so the rows of the new window are in the first commit; doing it in an effect after
  // the commit rendered and committed the list twice per step.
  const [anchor, setAnchor] = useState<{ index: number; height: number | null } | null>(null);
  if (anchor === null || anchor.index !== activeIndex || anchor.height !== height) {
    setAnchor({ index: activeIndex, height });
    const next = keepInView(activeIndex, rowHeight, scrollTop, viewHeight, items.length * rowHeight);
    if (next !== scrollTop) setScrollTop(next);
  }

  // Measured only when the observer reports (after layout, where reading is free): reading the
  // height during a commit would force a layout of the whole page in the middle of every step.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || null));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Written during the commit, so the frame that shows the new row also shows it scrolled into view
  // (an animation frame would be one frame late when the input itself came inside one).
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || written.current === scrollTop) return;
    written.current = scrollTop;
    element.scrollTop = scrollTop;
  }, [scrollTop]);

  // The items as last drawn whole; it lags `items` by one deferred render, which React runs after the
  // urgent one has been committed (and, when that came in an animation frame, painted).
  const settled = useDeferredValue<ListItems<T>>(items, NO_ROWS);
  const [first, last] = rowWindow({
    count: items.length,
    settledCount: settled.length,
    rowHeight,
    scrollTop,
    viewHeight,
  });
  const Rows = as;
  const rows = items.slice(first, last).map((item, k) => renderRow(item, first + k));

  return (
    <div
      {...containerProps}
      ref={scroller}
      className={`virtual-list ${className ?? ''}`}
      onScroll={(event) => {
        written.current = event.currentTarget.scrollTop;
        setScrollTop(written.current);
      }}
    >
      {underlay}
      <Rows
        {...rowsProps}
        className="virtual-list__rows"
        style={{ height: items.length * rowHeight, paddingTop: first * rowHeight }}
      >
        {rows}
      </Rows>
    </div>
  );
}
