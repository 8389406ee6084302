import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
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
export function VirtualList<T>({ items, rowHeight, activeIndex, renderRow, className, containerProps, rowsProps, as = 'div' }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight;
    setScrollTop(element.scrollTop);
  }, [activeIndex, rowHeight]);

  const whole = items.length <= VIRTUALIZE_ABOVE;
  const first = whole ? 0 : Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = whole ? items.length : Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const Rows = as;
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(items[i], i));

  return (
    <div
      {...containerProps}
      ref={scroller}
      className={`virtual-list ${className ?? ''}`}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <Rows
        {...rowsProps}
        className="virtual-list__rows" style={{ height: items.length * rowHeight, paddingTop: first * rowHeight }}>
        {rows}
      </Rows>
    </div>
  );
}
