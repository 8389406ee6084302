import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { afterNextPaint } from '../../../state/afterPaint';
import type * as Setup from './setup';

/** Monaco's chunk once loaded: the namespace and the components that drive it (see setup.ts). */
export type MonacoModule = typeof Setup;

export type MonacoStatus =
  { state: 'idle' | 'loading' | 'failed'; loaded?: undefined } | { state: 'ready'; loaded: MonacoModule };

/** One status for the whole app: Monaco is a singleton, and one failure means every view falls back. */
const monacoStatus = createStore<MonacoStatus>()(() => ({ state: 'idle' }));

function update(next: MonacoStatus): void {
  monacoStatus.setState(next, true);
}

/**
 * Starts loading Monaco's chunk once; later calls (and later views) reuse the result.
 *
 * The import starts after the next paint: running Monaco's module takes a few hundred milliseconds of main
 * thread, which must not hold back the frame that shows the page or the file the user asked for (its text
 * is already shown as plain text meanwhile). Fetching the chunk earlier, while the app itself starts, was
 * tried: on a two-core machine its download and compilation delayed the first paint by more (≈ 0.4 s)
 * than they brought the editor forward (≈ 0.2 s).
 */
export function loadMonaco(): void {
  if (monacoStatus.getState().state !== 'idle') return;
  update({ state: 'loading' });
  afterNextPaint(() => void importSetup());
}

// `await` rather than `import().then(...)`: Vite moves a `.then` inside its preload wrapper, and a failed
// CSS preload would then reject outside our handler and leave the views loading forever.
async function importSetup(): Promise<void> {
  try {
    const loaded = await import('./setup');
    if (monacoStatus.getState().state === 'loading') update({ state: 'ready', loaded });
  } catch (error) {
    reportMonacoFailure(error);
  }
}

/** Switches every view to plain text; the first cause is kept in the console for whoever debugs it. */
export function reportMonacoFailure(cause: unknown): void {
  if (monacoStatus.getState().state === 'failed') return;
  console.warn('Monaco editor unavailable; showing files as plain text.', cause);
  update({ state: 'failed' });
}

/** Monaco and its editor components once the chunk has loaded; starts the load on first use. */
export function useMonaco(): MonacoStatus {
  useEffect(loadMonaco, []);
  return useStore(monacoStatus);
}
