import type { StepKind } from '../steps/types';
import { Icon } from './Icon';
import './KindIcon.css';

export interface KindIconProps {
  kind: StepKind;
}

const LABELS: Record<StepKind, string> = { directory: 'Create directory', file: 'Create file', update: 'Update file' };

/** A step kind's glyph, with its name for screen readers and on hover. */
export function KindIcon({ kind }: KindIconProps) {
  return (
    <span className={`kind-icon kind-icon--${kind}`} title={LABELS[kind]}>
      <Icon name={kind} />
      <span className="visually-hidden">{LABELS[kind]}</span>
    </span>
  );
}
