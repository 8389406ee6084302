import { useSyncExternalStore } from 'react';

export type MonacoTheme = 'vs' | 'vs-dark';

let query: MediaQueryList | undefined;

function darkQuery(): MediaQueryList {
  query ??= window.matchMedia('(prefers-color-scheme: dark)');
  return query;
}

function subscribe(listener: () => void): () => void {
  const media = darkQuery();
  media.addEventListener('change', listener);
  return () => media.removeEventListener('change', listener);
}

/** Monaco's built-in theme matching the system colour scheme, as theme.css does for the rest of the app. */
export function useMonacoTheme(): MonacoTheme {
  return useSyncExternalStore(subscribe, () => (darkQuery().matches ? 'vs-dark' : 'vs'));
}
