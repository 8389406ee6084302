import { baseName } from '../../steps/names';
import { CodeFallback } from './CodeFallback';
import { useMonaco } from './monaco/status';
import './FileView.css';

export interface FileViewProps {
  path: string;
  value: string;
  language: 'json' | 'yaml' | 'markdown' | 'plaintext';
}

/**
 * A file's content in a read-only Monaco editor. Monaco's chunk, which also holds the editor component, is
 * fetched on first use (see monaco/status.ts); until then, and for good if it cannot load, the file is shown
 * as plain text.
 */
export function FileView({ path, value, language }: FileViewProps) {
  const { state, loaded } = useMonaco();
  const ariaLabel = `Content of ${baseName(path)}`;
  return (
    <div className="file-view">
      {loaded ? (
        <loaded.CodeEditor path={path} value={value} language={language} ariaLabel={ariaLabel} />
      ) : (
        <CodeFallback
          value={value}
          ariaLabel={ariaLabel}
          busy={state !== 'failed'}
          note={
            state === 'failed'
              ? `The editor could not be loaded; ${path} is shown as plain text.`
              : `Loading editor for ${path}…`
          }
        />
      )}
    </div>
  );
}
