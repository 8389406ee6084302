import type { editor } from 'monaco-editor/editor/editor.api';

/** The app's monospace stack from theme.css, so editor, fallback and the rest of the UI use the same font. */
function appMonoFont(): string | undefined {
  return getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || undefined;
}

/** Options shared by the file viewer and both sides of the diff: snapshots are read, never edited. */
export function viewerOptions(): editor.IStandaloneEditorConstructionOptions {
  return {
    readOnly: true,
    domReadOnly: true,
    automaticLayout: true,
    minimap: { enabled: false },
    // Decorations a reader of a snapshot does not need, each recomputed whenever a step changes the
    // content: fewer of them is less work in the frame that shows the step.
    occurrencesHighlight: 'off',
    selectionHighlight: false,
    bracketPairColorization: { enabled: false },
    guides: { indentation: false, bracketPairs: false, highlightActiveIndentation: false },
    stickyScroll: { enabled: false },
    renderLineHighlight: 'none',
    renderValidationDecorations: 'off',
    wordWrap: 'off',
    scrollBeyondLastLine: false,
    fontFamily: appMonoFont(),
    fontSize: 13,
    // Fixed, and the same in FileView.css, so the plain view shown before Monaco lines up with it.
    lineHeight: 19,
    // Panes clip overflow; hovers and the context menu must not be cut off at the pane's edge.
    fixedOverflowWidgets: true,
  };
}
