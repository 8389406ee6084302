import { useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import './Splitter.css';

export interface SplitterProps {
  /** The accessible name: what moving it resizes. */
  label: string;
  /** The id of the pane whose width it sets. */
  controls: string;
  /** That pane's width, in percent of `container`'s width. */
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** The element whose width is 100 %. */
  container: RefObject<HTMLElement | null>;
}

/** How far one arrow key press moves the splitter, in percent; with Shift, KEY_STEP × 5. */
const KEY_STEP = 1;

/**
 * A vertical bar between two panes that sets the width of the one before it (the WAI-ARIA window splitter
 * pattern): drag it, or focus it and press ← / → (Shift for bigger steps), Home / End for the narrowest and
 * widest.
 */
export function Splitter({ label, controls, value, min, max, onChange, container }: SplitterProps) {
  const drag = useRef<{ x: number; value: number; width: number } | null>(null);
  const clamp = (next: number) => Math.min(max, Math.max(min, Math.round(next * 10) / 10));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    const targets: Record<string, number> = {
      ArrowLeft: value - step,
      ArrowRight: value + step,
      Home: min,
      End: max,
    };
    const next = targets[event.key];
    if (next === undefined) return;
    // The keys are the splitter's while it has focus: not a step of the timeline as well.
    event.preventDefault();
    event.stopPropagation();
    onChange(clamp(next));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const width = container.current?.getBoundingClientRect().width ?? 0;
    if (event.button !== 0 || width <= 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, value, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) onChange(clamp(start.value + ((event.clientX - start.x) / start.width) * 100));
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${Math.round(value)} % of the width`}
      tabIndex={0}
      className="splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    />
  );
}
