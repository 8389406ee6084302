import type { StepKind } from '../../steps/types';
import { Icon } from './Icon';
import './KindIcon.css';

export interface KindIconProps {
  kind: StepKind;
  /** Shows the kind's name as text beside the glyph; the glyph is then decorative. */
  named?: boolean;
}

const LABELS: Record<StepKind, string> = { directory: 'Create directory', file: 'Create file', update: 'Update file' };

/**
 * A step kind's glyph, with its name for screen readers (an image's label, which a row's name includes) and on
 * hover. Not a visually hidden text: that is positioned, and so a paint layer of its own in every row.
 */
export function KindIcon({ kind, named = false }: KindIconProps) {
  const label = LABELS[kind];
  const glyph = (
    <span
      className={`kind-icon kind-icon--${kind}`}
      {...(named ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label, title: label })}
    >
      <Icon name={kind} />
    </span>
  );
  return named ? (
    <>
      {glyph} {label}
    </>
  ) : (
    glyph
  );
}
