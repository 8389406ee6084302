import './FileView.css';

export interface CodeFallbackProps {
  value: string;
  /** Why plain text is shown: the editor is loading, or it could not be loaded (DiffView shows one note for both). */
  note?: string;
  ariaLabel: string;
  busy?: boolean;
}

/** A file as plain text: the loading state of the Monaco views, and what stays if Monaco cannot load. */
export function CodeFallback({ value, note, ariaLabel, busy = false }: CodeFallbackProps) {
  return (
    <div className="file-view__fallback" aria-busy={busy}>
      {note && (
        <p className="file-view__note" aria-live="polite">
          {note}
        </p>
      )}
      {/* Focusable so keyboard users can scroll it; a region so the label is announced. */}
      <pre className="file-view__pre" tabIndex={0} role="region" aria-label={ariaLabel}>
        {value}
      </pre>
    </div>
  );
}
