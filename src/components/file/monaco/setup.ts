/**
 * Everything Monaco needs, bundled from this origin (no CDN) and loaded only through `import('./setup')`
 * in status.ts, so the app's first chunk never contains the editor — nor the components that drive it.
 *
 * Snapshots are read, never edited, so only the editor core and the contributions a reader uses are
 * imported, not `editor.main` or `features/register.all`: those add completion, inline suggestions, code
 * actions, hovers, folding, sticky scroll and ~60 more, 1 MB of script (300 KB gzip) and 60 KB of CSS that
 * every start-up had to download and compile. Languages: JSON, YAML and Markdown (plain text needs nothing).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
// A reader's tools: find (Ctrl+F), copy from the context menu (Shift+F10), word-wise cursor moves.
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/bracketMatching/register';
// Keyboard and screen-reader users: Ctrl+M switches Monaco's "Tab moves focus" mode (the read-only editors already
// let Tab leave them); F7 opens the accessible diff viewer.
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/diffEditor/register';
// Says why typing does nothing instead of ignoring it silently.
import 'monaco-editor/features/readOnlyMessage/register';
import * as markdown from 'monaco-editor/languages/definitions/markdown/markdown';
import * as yaml from 'monaco-editor/languages/definitions/yaml/yaml';
import { createTokenizationSupport } from 'monaco-editor/languages/features/json/tokenization';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { reportMonacoFailure } from './status';
import { defineThemes } from './themes';

self.MonacoEnvironment = {
  // Only the diff computation uses a worker: JSON has no language service here (see below).
  getWorker(_workerId: string, label: string): Worker {
    const worker = new EditorWorker();
    // A worker that cannot load would leave diffs uncomputed and the console noisy; fall back to plain text.
    worker.addEventListener('error', (event) => reportMonacoFailure(event.message || `${label} worker failed`));
    return worker;
  },
};

// JSON gets Monaco's own JSON tokenizer and bracket pairs, without `languages/features/json/register`: its
// language service needs a 430 KB worker, and the module that starts that worker imports every editor
// contribution (≈ 1 MB) — all for completions, hovers, validation and formatting that a reader has no use for.
monaco.languages.register({
  id: 'json',
  extensions: ['.json'],
  aliases: ['JSON', 'json'],
  mimetypes: ['application/json'],
});
monaco.languages.setTokensProvider('json', createTokenizationSupport(true));
monaco.languages.setLanguageConfiguration('json', {
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
});

// YAML and Markdown are registered with their grammars rather than through their `register` modules, which
// fetch each grammar (3.5 KB) as a chunk of its own the first time a file of that language is shown: the file
// was drawn without colours and drawn again once the grammar arrived.
// The app names each model's language itself (steps/language), so an id is all a language needs here.
for (const [id, grammar] of [
  ['yaml', yaml],
  ['markdown', markdown],
] as const) {
  monaco.languages.register({ id });
  monaco.languages.setMonarchTokensProvider(id, grammar.language);
  monaco.languages.setLanguageConfiguration(id, grammar.conf);
}

// Before any editor exists: each one is created with the theme useMonacoTheme names.
defineThemes(monaco.editor.defineTheme);

export { monaco };
export { CodeEditor } from './CodeEditor';
export { DiffEditor } from './DiffEditor';
