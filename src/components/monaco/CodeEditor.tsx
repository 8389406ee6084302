import { useEffect, useRef } from 'react';
import type { editor } from 'monaco-editor/editor/editor.api';
import { viewerOptions } from './options';
import { replaceContent } from './replaceContent';
import type { Monaco } from './setup';
import { reportMonacoFailure } from './status';
import { useMonacoTheme } from './useMonacoTheme';

export interface CodeEditorProps {
  monaco: Monaco;
  path: string;
  value: string;
  language: string;
  ariaLabel: string;
}

/**
 * One read-only Monaco editor with one model, both owned here (no models keyed by path that outlive the
 * view). The editor is created once; later props only update the model, language, label and theme.
 */
export function CodeEditor({ monaco, path, value, language, ariaLabel }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const shownPath = useRef<string | null>(null);
  const theme = useMonacoTheme();

  // `monaco` never changes once loaded, so this runs once per mount. The effects below run after it in the
  // same commit (before the next paint) and apply content, language, label and theme.
  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel('', 'plaintext');
    let instance: editor.IStandaloneCodeEditor;
    try {
      instance = monaco.editor.create(host.current, { ...viewerOptions(), model });
    } catch (error) {
      model.dispose();
      reportMonacoFailure(error);
      return;
    }
    editorRef.current = instance;
    shownPath.current = null;
    return () => {
      editorRef.current = null;
      instance.dispose();
      model.dispose();
    };
  }, [monaco]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, language);
  }, [monaco, language]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    replaceContent(model, value, shownPath.current === path);
    shownPath.current = path;
  }, [monaco, path, value]);

  useEffect(() => editorRef.current?.updateOptions({ ariaLabel }), [ariaLabel]);
  // The theme is global in Monaco; every editor asks for the same one, so this is idempotent.
  useEffect(() => monaco.editor.setTheme(theme), [monaco, theme]);

  return <div ref={host} className="file-view__editor" />;
}
