import type { editor } from 'monaco-editor/editor/editor.api';

/**
 * Puts `value` into `model`; the caller has checked that it differs from what the model holds.
 *
 * `keepView` (same file, another step): an edit keeps the scroll position, so stepping through a file's
 * history does not jump back to line 1. Otherwise (another file): setValue resets the view to the top.
 * applyEdits records no undo history, so long sessions do not accumulate memory.
 */
export function replaceContent(model: editor.ITextModel, value: string, keepView: boolean): void {
  if (keepView) model.applyEdits([{ range: model.getFullModelRange(), text: value }]);
  else model.setValue(value);
}
