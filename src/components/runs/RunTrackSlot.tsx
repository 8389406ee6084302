import { lazy, Suspense } from 'react';
import { useStepwise } from '../../state/appStore';

// Loaded when a run is first opened: the first paint needs none of it.
const RunTrack = lazy(async () => ({ default: (await import('./RunTrack')).RunTrack }));

/** Under the timeline's slider: the open run's step statuses and its operations track. */
export function RunTrackSlot() {
  const open = useStepwise((s) => s.runs.some((run) => run.id === s.openRunId));
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <RunTrack />
    </Suspense>
  );
}
