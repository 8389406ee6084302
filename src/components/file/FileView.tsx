import { useRef } from 'react';
import { baseName } from '../../steps/names';
import { CodeFallback, type ScrollPosition } from './CodeFallback';
import { useMonaco } from './monaco/status';
import './FileView.css';

export interface FileViewProps {
  path: string;
  value: string;
  language: 'json' | 'yaml' | 'markdown' | 'plaintext';
  /** Long lines wrap instead of scrolling sideways. */
  wordWrap: boolean;
}

/**
 * A file's content in a read-only Monaco editor. Monaco's chunk, which also holds the editor component, is
 * fetched on first use (see monaco/status.ts); until then, and for good if it cannot load, the file is shown
 * as plain text. The editor opens scrolled to where the plain text was (both have the same line height).
 */
export function FileView({ path, value, language, wordWrap }: FileViewProps) {
  const { state, loaded } = useMonaco();
  const ariaLabel = `Content of ${baseName(path)}`;
  const fallbackScroll = useRef<ScrollPosition>({ scrollTop: 0, scrollLeft: 0 });
  return (
    <div className="file-view">
      {loaded ? (
        <loaded.CodeEditor
          path={path}
          value={value}
          language={language}
          ariaLabel={ariaLabel}
          wordWrap={wordWrap}
          startScroll={fallbackScroll}
        />
      ) : (
        <CodeFallback
          value={value}
          ariaLabel={ariaLabel}
          wordWrap={wordWrap}
          onScroll={(position) => (fallbackScroll.current = position)}
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
