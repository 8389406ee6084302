import { useEffect, useRef, useState } from 'react';
import * as monaco from 'monaco-editor/editor/editor.api';
import { viewerOptions } from './options';
import { reportMonacoFailure } from './status';
import { useMonacoTheme } from './useMonacoTheme';

type DiffViewModel = monaco.editor.IDiffEditorViewModel;

export interface DiffEditorProps {
  /** The reader's place is kept while this stays the same (see DiffView). */
  placeKey: string;
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
  const { placeKey, original, modified, language, originalLabel, modifiedLabel, ariaLabels } = props;
  const host = useRef<HTMLDivElement>(null);
  const diffRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const pairsRef = useRef<DiffPairs | null>(null);
  const shownPlace = useRef<string | null>(null);
  const revealPending = useRef(false);
  // Where the right-hand editor starts, so the labels stay above their panes even if the split is dragged.
  const [splitAt, setSplitAt] = useState<number | null>(null);
  const theme = useMonacoTheme();

  useEffect(() => {
    if (!host.current) return;
    let diff: monaco.editor.IStandaloneDiffEditor;
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
    } catch (error) {
      reportMonacoFailure(error);
      return;
    }
    const pairs = new DiffPairs(diff);
    const modifiedEditor = diff.getModifiedEditor();
    // Monaco positions the right-hand editor with an inline `left`; reading it (rather than offsetLeft)
    // forces no layout. A width of 0 means the view is parked (see FilePane): keep the last split.
    const measureSplit = () => {
      const left = parseFloat(modifiedEditor.getContainerDomNode().style.left);
      if (left > 0) setSplitAt(left);
    };
    const subscriptions = [
      modifiedEditor.onDidLayoutChange(measureSplit),
      // A newly shown file opens at its first change rather than at line 1, which may be unchanged.
      diff.onDidUpdateDiff(() => {
        if (revealPending.current) revealFirstChange(diff, revealPending);
      }),
    ];
    // The first layout happens inside createDiffEditor, before anyone can listen: measure it now.
    measureSplit();
    diffRef.current = diff;
    pairsRef.current = pairs;
    shownPlace.current = null;
    return () => {
      diffRef.current = null;
      pairsRef.current = null;
      for (const subscription of subscriptions) subscription.dispose();
      // Detach first: disposing models the widget still shows is what throws in the stock component.
      diff.setModel(null);
      diff.dispose();
      pairs.dispose();
    };
  }, []);

  // Shown models are never edited: Monaco applies a diff that was in flight during an edit to the edited
  // models and throws "Illegal value for lineNumber" when they got shorter (fast stepping or playback).
  // Each pair of texts gets its own view model instead, kept for a while so that stepping back to a diff
  // shows it at once, with the diff already computed.
  useEffect(() => {
    const diff = diffRef.current;
    const pairs = pairsRef.current;
    if (!diff || !pairs) return;
    const next = pairs.get(language, original, modified);
    const samePlace = shownPlace.current === placeKey;
    shownPlace.current = placeKey;
    if (pairs.shown === next) return;
    // Same file at another step: keep the reader's place. Another file or comparison: its first change.
    const view = samePlace ? diff.saveViewState() : null;
    revealPending.current = !view;
    pairs.show(next);
    if (view) diff.restoreViewState(view);
    // A kept pair already has its diff, and no update may follow.
    else if (diff.getLineChanges()) revealFirstChange(diff, revealPending);
  }, [placeKey, original, modified, language]);

  useEffect(() => {
    // Set on the two inner editors: the diff widget's updateOptions has no per-side labels (and would blank
    // them), so it is never called after creation.
    diffRef.current?.getOriginalEditor().updateOptions({ ariaLabel: ariaLabels.original });
    diffRef.current?.getModifiedEditor().updateOptions({ ariaLabel: ariaLabels.modified });
  }, [ariaLabels.original, ariaLabels.modified]);

  // The theme is global in Monaco; every editor asks for the same one, so this is idempotent.
  useEffect(() => monaco.editor.setTheme(theme), [theme]);

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

function revealFirstChange(diff: monaco.editor.IStandaloneDiffEditor, pending: { current: boolean }): void {
  pending.current = false;
  const first = diff.getLineChanges()?.[0];
  if (first) diff.getModifiedEditor().revealLineInCenterIfOutsideViewport(Math.max(1, first.modifiedStartLineNumber));
}

/** How many diffs stay ready to be shown again; each holds two models of one file's size. */
const KEPT_PAIRS = 8;

/**
 * The view models of the last KEPT_PAIRS diffs, least recently shown first, all created and disposed here.
 * `setModel({ original, modified })` would create a view model inside the widget that is never disposed, so
 * its pending diff keeps running against models we dispose and fails with "no diff result available"; the
 * widget never disposes a view model it is given.
 */
class DiffPairs {
  /** Least recently shown first. A short list compared text by text: no key the size of both files is built. */
  private pairs: Array<{ language: string; original: string; modified: string; viewModel: DiffViewModel }> = [];
  shown: DiffViewModel | null = null;

  constructor(private readonly diff: monaco.editor.IStandaloneDiffEditor) {}

  /** The view model of these texts: a kept one, or a new one (which may retire the least recent). */
  get(language: string, original: string, modified: string): DiffViewModel {
    const at = this.pairs.findIndex(
      (p) => p.language === language && p.original === original && p.modified === modified,
    );
    let viewModel: DiffViewModel;
    if (at >= 0) {
      viewModel = this.pairs.splice(at, 1)[0].viewModel;
    } else {
      viewModel = this.diff.createViewModel({
        original: monaco.editor.createModel(original, language),
        modified: monaco.editor.createModel(modified, language),
      });
      while (this.pairs.length >= KEPT_PAIRS) {
        const oldest = this.pairs.findIndex((p) => p.viewModel !== this.shown);
        if (oldest < 0) break;
        retire(this.pairs.splice(oldest, 1)[0].viewModel);
      }
    }
    this.pairs.push({ language, original, modified, viewModel });
    return viewModel;
  }

  show(viewModel: DiffViewModel): void {
    this.diff.setModel(viewModel);
    this.shown = viewModel;
  }

  /** Call after the widget has let go of its model (setModel(null)). */
  dispose(): void {
    for (const { viewModel } of this.pairs) retire(viewModel);
    this.pairs = [];
    this.shown = null;
  }
}

/** Disposes a view model that is no longer shown (cancelling its diff), then its models. */
function retire(viewModel: DiffViewModel): void {
  const { original, modified } = viewModel.model;
  viewModel.dispose();
  original.dispose();
  modified.dispose();
}
