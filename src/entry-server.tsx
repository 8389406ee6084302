/**
 * The first frame of a page, rendered on the server (scripts/serve.mjs loads the build of this module), so
 * that a link to a position paints as soon as its HTML and CSS arrive; the browser then hydrates it
 * (main.tsx) instead of drawing it again. Only for an address that names the view: without one, the
 * browser takes the position from its own storage, which the server cannot see.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './components/App';
import { buildMeta, RESTORE_SCROLL_SCRIPT } from './serverPage';
import { useStepwise } from './state/store';
import { openView, requestFromQuery } from './state/sync';

/** Which build this renderer belongs to; the server draws only into that build's index.html (serve.mjs). */
export const BUILD_ID: string = __STEPWISE_BUILD_ID__;

// serve.mjs looks for this build's meta in the page with the function that wrote it there (vite.config.ts).
export { buildMeta };

/**
 * The page's root element, drawn for the address's query string (`?step=33&file=…`), with the script
 * that scrolls its lists; null when the query names no view.
 */
export function renderRoot(search: string): string | null {
  const request = requestFromQuery(search);
  if (request === null) return null;
  // One store serves every request, one at a time (rendering is synchronous): each starts afresh.
  useStepwise.setState(useStepwise.getInitialState(), true);
  openView(request);
  const markup = renderToString(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  return `<div id="root">${markup}</div><script>${RESTORE_SCROLL_SCRIPT}</script>`;
}
