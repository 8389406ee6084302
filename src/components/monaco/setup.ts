/**
 * Everything Monaco needs, bundled from this origin (no CDN) and loaded only through `import('./setup')`
 * in status.ts, so the app's first chunk never contains the editor.
 *
 * Only the editor core, its contributions, JSON (with its worker) and the YAML/Markdown tokenizers are
 * imported: the `monaco-editor` entry would also pull in TypeScript, CSS and HTML support and their
 * ≈ 9 MB of workers.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/yaml/register';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { reportMonacoFailure } from './status';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const worker = label === 'json' ? new JsonWorker() : new EditorWorker();
    // A worker that cannot load would leave diffs uncomputed and the console noisy; fall back to plain text.
    worker.addEventListener('error', (event) => reportMonacoFailure(event.message || `${label} worker failed`));
    return worker;
  },
};

// Read-only editors hide problem squiggles (renderValidationDecorations: 'editable'), so validating each
// snapshot in the worker would be wasted work.
jsonDefaults.setDiagnosticsOptions({ validate: false });

// Any @monaco-editor/react component used elsewhere in the app gets this bundled copy instead of the CDN.
loader.config({ monaco });

export { monaco };
export type Monaco = typeof monaco;
