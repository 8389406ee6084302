import { useEffect, useRef, useState } from 'react';
import type { editor } from 'monaco-editor/editor/editor.api';
import { viewerOptions } from './options';
import type { Monaco } from './setup';
import { reportMonacoFailure } from './status';
import { useMonacoTheme } from './useMonacoTheme';

export interface DiffEditorProps {
  monaco: Monaco;
  path: string;
  original: string;
  modified: string;
  language: string;
  originalLabel: string;
  modifiedLabel: string;
  /** Accessible names: the whole comparison, and each side's editor. */
  ariaLabels: { diff: string; original: string; modified: string };
}

/**
 * Monaco's diff editor driven directly rather than through @monaco-editor/react, whose DiffEditor disposes
 * its models while the widget still holds them ("TextModel got disposed before DiffEditorWidget model got
 * reset"). Here the models belong to this component and are detached before anything is disposed.
 */
export function DiffEditor(props: DiffEditorProps) {
  const { monaco, path, original, modified, language, originalLabel, modifiedLabel, ariaLabels } = props;
  const host = useRef<HTMLDivElement>(null);
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);
  // The shown view model; ours to dispose (see retire below).
  const viewModelRef = useRef<editor.IDiffEditorViewModel | null>(null);
  const shownPath = useRef<string | null>(null);
  const revealPending = useRef(false);
  // Where the right-hand editor starts, so the labels stay above their panes even if the split is dragged.
  const [splitAt, setSplitAt] = useState<number | null>(null);
  const theme = useMonacoTheme();

  useEffect(() => {
    if (!host.current) return;
    let diff: editor.IStandaloneDiffEditor;
    try {
      diff = monaco.editor.createDiffEditor(host.current, {
        ...viewerOptions(),
        originalEditable: false,
        renderSideBySide: true,
        // Stay side by side in narrow panes too: the labels above only make sense with two columns.
        useInlineViewWhenSpaceIsLimited: false,
        // Indentation changes are real changes in JSON/YAML snapshots.
        ignoreTrimWhitespace: false,
        // Revert arrows would offer an edit that a read-only snapshot cannot take.
        renderMarginRevertIcon: false,
        renderGutterMenu: false,
      });
      viewModelRef.current = show(diff, {
        original: monaco.editor.createModel(''),
        modified: monaco.editor.createModel(''),
      });
    } catch (error) {
      reportMonacoFailure(error);
      return;
    }
    const modifiedEditor = diff.getModifiedEditor();
    const measureSplit = () => setSplitAt(modifiedEditor.getContainerDomNode().offsetLeft);
    // The first layout happens inside createDiffEditor, before anyone can listen: measure it now.
    measureSplit();
    const subscriptions = [
      modifiedEditor.onDidLayoutChange(measureSplit),
      // A newly shown file opens at its first change rather than at line 1, which may be unchanged.
      diff.onDidUpdateDiff(() => {
        if (!revealPending.current) return;
        revealPending.current = false;
        const first = diff.getLineChanges()?.[0];
        if (first) modifiedEditor.revealLineInCenterIfOutsideViewport(Math.max(1, first.modifiedStartLineNumber));
      }),
    ];
    diffRef.current = diff;
    shownPath.current = null;
    return () => {
      const viewModel = viewModelRef.current;
      diffRef.current = null;
      viewModelRef.current = null;
      for (const subscription of subscriptions) subscription.dispose();
      // Detach first: disposing models the widget still shows is what throws in the stock component.
      diff.setModel(null);
      diff.dispose();
      if (viewModel) retire(viewModel);
    };
  }, [monaco]);

  useEffect(() => {
    const models = diffRef.current?.getModel();
    if (!models) return;
    monaco.editor.setModelLanguage(models.original, language);
    monaco.editor.setModelLanguage(models.modified, language);
  }, [monaco, language]);

  // New text gets new models rather than edits to the shown ones: Monaco applies a diff that was in flight
  // during an edit to the edited models and throws "Illegal value for lineNumber" when they got shorter
  // (fast stepping or playback). Retiring the old view model cancels that computation instead.
  useEffect(() => {
    const diff = diffRef.current;
    const previous = viewModelRef.current;
    if (!diff || !previous) return;
    const current = previous.model;
    const next = {
      original: modelFor(monaco, current.original, original),
      modified: modelFor(monaco, current.modified, modified),
    };
    const sameFile = shownPath.current === path;
    shownPath.current = path;
    if (next.original === current.original && next.modified === current.modified) return;
    // Same file at another step: keep the reader's place. Another file: start at its first change.
    const view = sameFile ? diff.saveViewState() : null;
    viewModelRef.current = show(diff, next);
    retire(previous, next);
    if (view) diff.restoreViewState(view);
    else revealPending.current = true;
  }, [monaco, path, original, modified]);

  useEffect(() => {
    // Set on the two inner editors: the diff widget's updateOptions has no per-side labels (and would blank
    // them), so it is never called after creation.
    diffRef.current?.getOriginalEditor().updateOptions({ ariaLabel: ariaLabels.original });
    diffRef.current?.getModifiedEditor().updateOptions({ ariaLabel: ariaLabels.modified });
  }, [ariaLabels.original, ariaLabels.modified]);

  // The theme is global in Monaco; every editor asks for the same one, so this is idempotent.
  useEffect(() => monaco.editor.setTheme(theme), [monaco, theme]);

  return (
    <div className="diff-view__body" role="group" aria-label={ariaLabels.diff}>
      <div
        className="diff-view__labels"
        style={splitAt === null ? undefined : { gridTemplateColumns: `${splitAt}px 1fr` }}
      >
        <span className="diff-view__label">{originalLabel}</span>
        <span className="diff-view__label">{modifiedLabel}</span>
      </div>
      <div ref={host} className="diff-view__editor" />
    </div>
  );
}

/** `model` if it already holds `text`, else a new model with the same language. */
function modelFor(monaco: Monaco, model: editor.ITextModel, text: string): editor.ITextModel {
  return model.getValue() === text ? model : monaco.editor.createModel(text, model.getLanguageId());
}

/**
 * Shows `models` through a view model we own. `setModel({ original, modified })` would create one inside the
 * widget that is never disposed, so its pending diff keeps running against models we dispose and fails with
 * "no diff result available".
 */
function show(diff: editor.IStandaloneDiffEditor, models: editor.IDiffEditorModel): editor.IDiffEditorViewModel {
  const viewModel = diff.createViewModel(models);
  diff.setModel(viewModel);
  return viewModel;
}

/** Disposes a view model that is no longer shown (cancelling its diff), then its models not in `keep`. */
function retire(viewModel: editor.IDiffEditorViewModel, keep?: editor.IDiffEditorModel): void {
  const { original, modified } = viewModel.model;
  viewModel.dispose();
  if (original !== keep?.original) original.dispose();
  if (modified !== keep?.modified) modified.dispose();
}
