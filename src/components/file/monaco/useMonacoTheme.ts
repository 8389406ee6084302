import { useMediaQuery } from '../../ui/useMediaQuery';
import { MONACO_THEMES, type MonacoTheme } from './themes';

/** The editor theme matching the system colour scheme, as theme.css does for the rest of the app. */
export function useMonacoTheme(): MonacoTheme {
  return MONACO_THEMES[useMediaQuery('(prefers-color-scheme: dark)') ? 'dark' : 'light'];
}
