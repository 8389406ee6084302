import { useStepwise } from '../../state/appStore';
import { currentSnapshot, lastPosition } from '../../state/store';
import { narrate } from '../../steps/describe';

/** Announces every position change politely to screen readers. */
export function Narrator() {
  const text = useStepwise((s) => narrate(currentSnapshot(s), lastPosition(s)));
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="narration">
      {text}
    </div>
  );
}
