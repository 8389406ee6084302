import { useMemo } from 'react';
import { useStepwise } from '../../state/appStore';
import { formatJson } from '../../steps/formatJson';
import type { FileViewProps } from './FileView';

/** How the file view shows a text: as written, formatted JSON, or as written because it is not JSON. */
export type FileTextLayout = 'as-written' | 'formatted' | 'not-json';

export interface FileText {
  /** What the view shows; Download file still saves the bytes as written. */
  readonly shown: string;
  readonly layout: FileTextLayout;
  readonly wordWrap: boolean;
}

/** The file's text as the reader asked to see it (see FileTextOptions). */
export function useFileText(content: string, language: FileViewProps['language']): FileText {
  const formatOn = useStepwise((s) => s.prefs.formatJson);
  const wordWrap = useStepwise((s) => s.prefs.wordWrap);
  const formatted = useMemo(
    () => (formatOn && language === 'json' ? formatJson(content) : undefined),
    [formatOn, language, content],
  );
  if (formatted === undefined) return { shown: content, layout: 'as-written', wordWrap };
  if (formatted === null) return { shown: content, layout: 'not-json', wordWrap };
  return { shown: formatted, layout: 'formatted', wordWrap };
}

export interface FileTextOptionsProps {
  language: FileViewProps['language'];
  layout: FileTextLayout;
}

/** The file view's switches: Format (JSON files) and Wrap lines (every file), both remembered. */
export function FileTextOptions({ language, layout }: FileTextOptionsProps) {
  const formatOn = useStepwise((s) => s.prefs.formatJson);
  const wordWrap = useStepwise((s) => s.prefs.wordWrap);
  const setPrefs = useStepwise((s) => s.setPrefs);
  return (
    <>
      {language === 'json' && (
        <label className="file-pane__toggle">
          <input
            type="checkbox"
            checked={formatOn}
            onChange={(event) => setPrefs({ formatJson: event.target.checked })}
          />{' '}
          Format
        </label>
      )}
      {layout === 'not-json' && <span className="file-pane__meta muted">Not valid JSON: shown as written.</span>}
      <label className="file-pane__toggle">
        <input type="checkbox" checked={wordWrap} onChange={(event) => setPrefs({ wordWrap: event.target.checked })} />{' '}
        Wrap lines
      </label>
    </>
  );
}
