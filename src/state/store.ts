import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { Snapshot } from '../steps/engine';
import { createDisplaySlice, type DisplaySlice } from './displaySlice';
import { createDownloadsSlice, type DownloadsSlice } from './downloadsSlice';
import { createNavigationSlice, type NavigationSlice } from './navigationSlice';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice';
import { createPrefsSlice, type PrefsSlice } from './prefsSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { builtinScenario, type LoadedScenario } from './scenario';

/** Everything the app shows and the actions that change it: one store, built from slices. */
export type StepwiseState = NavigationSlice & PlaybackSlice & DisplaySlice & DownloadsSlice & PrefsSlice & RunsSlice;

export type StepwiseStore = StoreApi<StepwiseState>;

/** A slice of the store: its part of the state and its actions, with `set` and `get` over the whole. */
export type Slice<T> = StateCreator<StepwiseState, [], [], T>;

/**
 * A new store (zustand's vanilla store: no React), showing `scenario` at step 0. The app makes one (appStore.ts);
 * tests make their own.
 */
export function createStepwiseStore(scenario: LoadedScenario = builtinScenario()): StepwiseStore {
  return createStore<StepwiseState>()((...store) => ({
    ...createNavigationSlice(scenario)(...store),
    ...createPlaybackSlice(...store),
    ...createDisplaySlice(...store),
    ...createDownloadsSlice(...store),
    ...createPrefsSlice(...store),
    ...createRunsSlice(...store),
  }));
}

export function lastPosition(state: Pick<StepwiseState, 'scenario'>): number {
  return state.scenario.replay.snapshots.length - 1;
}

export function currentSnapshot(state: Pick<StepwiseState, 'scenario' | 'position'>): Snapshot {
  return state.scenario.replay.snapshots[state.position];
}
