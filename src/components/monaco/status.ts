import { useEffect, useSyncExternalStore } from 'react';
import type { Monaco } from './setup';

export type MonacoStatus =
  { state: 'idle' | 'loading' | 'failed'; monaco?: undefined } | { state: 'ready'; monaco: Monaco };

/** One status for the whole app: Monaco is a singleton, and one failure means every view falls back. */
let status: MonacoStatus = { state: 'idle' };
const listeners = new Set<() => void>();

function update(next: MonacoStatus): void {
  status = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts loading Monaco's chunk once; later calls (and later views) reuse the result. */
export function loadMonaco(): void {
  if (status.state !== 'idle') return;
  update({ state: 'loading' });
  void importSetup();
}

// `await` rather than `import().then(...)`: Vite moves a `.then` inside its preload wrapper, and a failed
// CSS preload would then reject outside our handler and leave the views loading forever.
async function importSetup(): Promise<void> {
  try {
    const { monaco } = await import('./setup');
    if (status.state === 'loading') update({ state: 'ready', monaco });
  } catch (error) {
    reportMonacoFailure(error);
  }
}

/** Switches every view to plain text; the first cause is kept in the console for whoever debugs it. */
export function reportMonacoFailure(cause: unknown): void {
  if (status.state === 'failed') return;
  console.warn('Monaco editor unavailable; showing files as plain text.', cause);
  update({ state: 'failed' });
}

/** The Monaco namespace once its chunk has loaded; starts the load on first use. */
export function useMonaco(): MonacoStatus {
  useEffect(loadMonaco, []);
  return useSyncExternalStore(subscribe, () => status);
}
