import { useEffect, useRef, type RefObject } from 'react';
import * as monaco from 'monaco-editor/editor/editor.api';
import { viewerOptions } from './options';
import type { ScrollPosition } from '../CodeFallback';
import { replaceContent } from './replaceContent';
import { reportMonacoFailure } from './status';
import { useMonacoTheme } from './useMonacoTheme';

export interface CodeEditorProps {
  path: string;
  value: string;
  language: string;
  ariaLabel: string;
  wordWrap: boolean;
  /** Where to open scrolled to: the plain text's position when the editor takes its place (see FileView). */
  startScroll?: RefObject<ScrollPosition>;
}

/**
 * One read-only Monaco editor with one model, both owned here (no models keyed by path that outlive the
 * view). The editor is created once; later props only update the model, language, label, wrapping and theme.
 */
export function CodeEditor({ path, value, language, ariaLabel, wordWrap, startScroll }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // What the model holds, so that an unchanged file costs a comparison rather than a read of the model.
  const shown = useRef<{ path: string; value: string } | null>(null);
  const theme = useMonacoTheme();

  // Runs once per mount; the effects below run after it in the same commit (before the next paint) and
  // apply content, language, label, wrapping and theme.
  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel('', 'plaintext');
    let instance: monaco.editor.IStandaloneCodeEditor;
    try {
      instance = monaco.editor.create(host.current, { ...viewerOptions(), model });
    } catch (error) {
      model.dispose();
      reportMonacoFailure(error);
      return;
    }
    editorRef.current = instance;
    shown.current = null;
    return () => {
      editorRef.current = null;
      instance.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const before = shown.current;
    if (before?.path !== path || before.value !== value) replaceContent(model, value, before?.path === path);
    // The first text shown opens where the plain text it replaces was scrolled to.
    if (before === null && startScroll) editor.setScrollPosition(startScroll.current);
    shown.current = { path, value };
    // After the text: a new language re-tokenizes only what is shown, once.
    if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
    // Monaco colours at once only the lines that were on screen before the change; lines that come into view
    // with new text stay plain until its visible-lines timer fires 50 ms later and are drawn again then.
    // Restoring the view state marks the visible lines as settled, which colours them all in this frame.
    const view = editor.saveViewState();
    if (view) editor.restoreViewState(view);
  }, [path, value, language, startScroll]);

  useEffect(() => editorRef.current?.updateOptions({ ariaLabel }), [ariaLabel]);
  useEffect(() => editorRef.current?.updateOptions({ wordWrap: wordWrap ? 'on' : 'off' }), [wordWrap]);
  // The theme is global in Monaco; every editor asks for the same one, so this is idempotent.
  useEffect(() => monaco.editor.setTheme(theme), [theme]);

  return <div ref={host} className="file-view__editor" />;
}
