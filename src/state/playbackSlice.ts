import { clampPosition, PLAY_SPEEDS } from '../model/playback';
import { followChange } from './navigationSlice';
import { lastPosition, type Slice, type StepwiseStore } from './store';

/** Stepping through the positions, by hand or playing at a speed. */
export interface PlaybackSlice {
  playing: boolean;
  /** Index into PLAY_SPEEDS. */
  speedIndex: number;

  /** Moves `delta` steps; playing stops on reaching the last step. */
  step(delta: number): void;
  /** Plays or pauses; playing from the last step starts again at step 0. */
  togglePlay(): void;
  setPlaying(playing: boolean): void;
  setSpeedIndex(index: number): void;
}

export const createPlaybackSlice: Slice<PlaybackSlice> = (set, get) => ({
  playing: false,
  speedIndex: 1,

  step(delta) {
    const state = get();
    if (state.playing && state.position + delta >= lastPosition(state)) set({ playing: false });
    state.goTo(state.position + delta);
  },
  togglePlay() {
    const state = get();
    if (!state.playing && state.position === lastPosition(state)) {
      set({ ...followChange(state, 0), playing: true });
      return;
    }
    set({ playing: !state.playing });
  },
  setPlaying(playing) {
    set({ playing });
  },
  setSpeedIndex(index) {
    set({ speedIndex: clampPosition(index, PLAY_SPEEDS.length - 1) });
  },
});

/**
 * While the store plays, advances it one step per interval of its speed; it stops by itself at the last step.
 * Returns what stops the timer and the watching.
 */
export function runPlayback(store: StepwiseStore): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: { playing: boolean; interval: number } = { playing: false, interval: 0 };
  const follow = () => {
    const { playing, speedIndex } = store.getState();
    const interval = PLAY_SPEEDS[speedIndex].interval;
    if (playing === running.playing && interval === running.interval) return;
    running = { playing, interval };
    clearInterval(timer);
    if (playing) timer = setInterval(() => store.getState().step(1), interval);
  };
  follow();
  const unsubscribe = store.subscribe(follow);
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
