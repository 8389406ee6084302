import { useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useStepwise } from '../../state/appStore';
import { DIFF_INLINE_BELOW, type DiffLayout } from '../../state/viewPrefs';
import { formatJson } from '../../steps/formatJson';
import { DiffView, type DiffViewProps } from './DiffView';
import './PresentedDiff.css';

export type PresentedDiffProps = Omit<DiffViewProps, 'sideBySide'>;

/**
 * A diff as the reader asked to see it. Every diff of the app goes through here (the file view, History,
 * Compare, Check tree and Runs), so this is the one place that decides how a diff is shown: JSON formatted on
 * both sides when "Diff formatted JSON" is on (and both sides are JSON), side by side or inline (by default
 * inline when the diff is narrower than DIFF_INLINE_BELOW pixels), with the switches for both above it.
 */
export function PresentedDiff({ original, modified, language, ...view }: PresentedDiffProps) {
  const diffFormatted = useStepwise((s) => s.prefs.diffFormatted);
  const diffLayout = useStepwise((s) => s.prefs.diffLayout);
  const setPrefs = useStepwise((s) => s.setPrefs);
  const box = useRef<HTMLDivElement>(null);
  const wide = useWiderThan(box, DIFF_INLINE_BELOW);
  const sideBySide = diffLayout === 'auto' ? wide : diffLayout === 'side-by-side';
  const json = language === 'json';
  // Formatting parses and lays out two documents: once per pair of texts, not on every render.
  const formatted = useMemo(
    () => (json && diffFormatted ? formatSides(original, modified) : null),
    [json, diffFormatted, original, modified],
  );
  const layoutName = useId();

  const layoutChoice = (layout: Exclude<DiffLayout, 'auto'>, label: string) => (
    <label className="presented-diff__option">
      <input
        type="radio"
        name={layoutName}
        checked={sideBySide === (layout === 'side-by-side')}
        onChange={() => setPrefs({ diffLayout: layout })}
      />{' '}
      {label}
    </label>
  );

  return (
    <div className="presented-diff" ref={box}>
      <div className="presented-diff__options">
        {json && (
          <label className="presented-diff__option">
            <input
              type="checkbox"
              checked={diffFormatted}
              onChange={(event) => setPrefs({ diffFormatted: event.target.checked })}
            />{' '}
            Diff formatted JSON
          </label>
        )}
        {json && diffFormatted && formatted === null && (
          <span className="muted presented-diff__note">
            One side is not valid JSON, so both are compared as written.
          </span>
        )}
        <fieldset className="presented-diff__layout">
          <legend className="visually-hidden">Diff layout</legend>
          {layoutChoice('side-by-side', 'Side by side')}
          {layoutChoice('inline', 'Inline')}
        </fieldset>
      </div>
      <DiffView
        {...view}
        language={language}
        original={formatted?.[0] ?? original}
        modified={formatted?.[1] ?? modified}
        sideBySide={sideBySide}
      />
    </div>
  );
}

/**
 * Both sides formatted, or null when either is not JSON (then the texts are compared as written). An empty
 * side is a file that is not there at that step; it stays empty.
 */
function formatSides(original: string, modified: string): [string, string] | null {
  const before = original === '' ? '' : formatJson(original);
  const after = modified === '' ? '' : formatJson(modified);
  return before === null || after === null ? null : [before, after];
}

/**
 * Whether the element is at least `width` pixels wide. Measured once when it appears and then whenever the
 * browser reports a new size; a width of 0 (a view parked outside the page, see FilePane) keeps the last
 * answer.
 */
function useWiderThan(ref: RefObject<HTMLElement | null>, width: number): boolean {
  const [wide, setWide] = useState(true);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (measured: number) => {
      if (measured > 0) setWide(measured >= width);
    };
    update(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => update(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, width]);
  return wide;
}
