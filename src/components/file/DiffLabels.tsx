import './FileView.css';

export interface DiffLabelsProps {
  original: string;
  modified: string;
  sideBySide: boolean;
  /** Side by side: where the right-hand column starts, in pixels (null: halfway). */
  splitAt?: number | null;
}

/** What each side of a diff is: one label above each column, or both in one row when the diff is inline. */
export function DiffLabels({ original, modified, sideBySide, splitAt = null }: DiffLabelsProps) {
  if (!sideBySide)
    return (
      <div className="diff-view__labels diff-view__labels--inline">
        <span className="diff-view__label">
          <span aria-hidden="true">−</span> <span>{original}</span>
        </span>
        <span className="diff-view__label">
          <span aria-hidden="true">+</span> <span>{modified}</span>
        </span>
      </div>
    );
  return (
    <div
      className="diff-view__labels"
      style={splitAt === null ? undefined : { gridTemplateColumns: `${splitAt}px 1fr` }}
    >
      <span className="diff-view__label">{original}</span>
      <span className="diff-view__label">{modified}</span>
    </div>
  );
}
