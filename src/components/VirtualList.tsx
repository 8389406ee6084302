import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { keepInView } from './keepInView';
import './VirtualList.css';

export interface VirtualListProps<T> {
  items: readonly T[];
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
}

const OVERSCAN = 8;
/** Short lists render whole: every row stays reachable to find-in-page and screen readers. */
const VIRTUALIZE_ABOVE = 400;

/**
 * Renders only the rows in view (plus a margin), so that lists of 10,000 steps or files cost the
 * same as lists of 85. Rows have a fixed height; the spacer keeps the scrollbar honest.
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

  const whole = items.length <= VIRTUALIZE_ABOVE;
  const first = whole ? 0 : Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = whole
    ? items.length
    : Math.min(items.length, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN);
  const Rows = as;
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(items[i], i));

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
