import { useEffect } from 'react';
import { PLAY_SPEEDS } from '../model/playback';
import { useStepwise } from './store';

/** While playing, advances one step per interval; stops by itself at the last step. */
export function usePlayback(): void {
  const playing = useStepwise((s) => s.playing);
  const interval = useStepwise((s) => PLAY_SPEEDS[s.speedIndex].interval);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => useStepwise.getState().step(1), interval);
    return () => window.clearInterval(timer);
  }, [playing, interval]);
}
