import type { CSSProperties, UIEvent } from 'react';
import './FileView.css';

/** A run of lines the diff marks on one side: `start` is 0-based. */
export interface MarkedLines {
  start: number;
  count: number;
  kind: 'added' | 'removed';
}

export interface CodeFallbackProps {
  value: string;
  /** Why plain text is shown: the editor is loading, or it could not be loaded (DiffView shows one note for both). */
  note?: string;
  ariaLabel: string;
  busy?: boolean;
  /** Lines a diff marks on this side (see DiffView). */
  marks?: readonly MarkedLines[];
  /** Long lines wrap instead of scrolling sideways (then without line numbers, which would no longer match). */
  wordWrap?: boolean;
  /** Told where the text is scrolled to, so that the editor taking over can open at the same place. */
  onScroll?: (position: ScrollPosition) => void;
}

export interface ScrollPosition {
  scrollTop: number;
  scrollLeft: number;
}

function lineCount(value: string): number {
  let lines = 1;
  for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * A file as plain text, laid out like Monaco (font, size, line height, line numbers: see options.ts), so
 * that the file is readable before the editor has loaded and the editor replaces it without the text
 * moving; it also stays if Monaco cannot load.
 */
export function CodeFallback({
  value,
  note,
  ariaLabel,
  busy = false,
  marks = [],
  wordWrap = false,
  onScroll,
}: CodeFallbackProps) {
  // The numbers are generated content (::before), so they are neither read out nor part of the copied text.
  const numbers = wordWrap ? undefined : Array.from({ length: lineCount(value) }, (_, i) => i + 1).join('\n');
  return (
    <div className="file-view__fallback" aria-busy={busy}>
      {note && (
        // While loading, the note floats over the text so that its removal moves nothing.
        <p className={busy ? 'file-view__note file-view__note--floating' : 'file-view__note'} aria-live="polite">
          {note}
        </p>
      )}
      {/* Focusable so keyboard users can scroll it; a region so the label is announced. */}
      <pre
        className={`file-view__pre${wordWrap ? ' file-view__pre--wrap' : ''}`}
        tabIndex={0}
        role="region"
        aria-label={ariaLabel}
        data-lines={numbers}
        onScroll={
          onScroll &&
          ((event: UIEvent<HTMLElement>) =>
            onScroll({ scrollTop: event.currentTarget.scrollTop, scrollLeft: event.currentTarget.scrollLeft }))
        }
      >
        {marks.map((mark) => (
          <span
            key={mark.start}
            className={`file-view__mark file-view__mark--${mark.kind}`}
            style={{ '--from': mark.start, '--count': mark.count } as CSSProperties}
          />
        ))}
        {value}
      </pre>
    </div>
  );
}
