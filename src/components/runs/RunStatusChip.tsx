import { STATUS_WORDS, type ShownStatus } from '../../steps/runs/status';
import { Icon } from '../ui/Icon';
import './RunStatusChip.css';

export interface RunStatusChipProps {
  status: ShownStatus;
  /** Marks the run's first divergence with a flag and the words. */
  first?: boolean;
  /** The flag without its words (named for screen readers and on hover), for narrow rows. */
  compact?: boolean;
}

/** A step's status for a run: its own glyph, its word and its colour, so that none of them is needed alone. */
export function RunStatusChip({ status, first = false, compact = false }: RunStatusChipProps) {
  return (
    <span className={`run-status-chip run-status-chip--${status}`}>
      <Icon name={status} />
      {STATUS_WORDS[status]}
      {first &&
        (compact ? (
          <span className="run-status-chip__first" role="img" aria-label="first divergence" title="first divergence">
            <Icon name="flag" />
          </span>
        ) : (
          <span className="run-status-chip__first">
            <Icon name="flag" />
            first divergence
          </span>
        ))}
    </span>
  );
}
