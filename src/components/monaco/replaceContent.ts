import type { editor } from 'monaco-editor/editor/editor.api';

/**
 * Puts `value` into `model`, touching it only if the text really differs.
 *
 * `keepView` (same file, another step): an edit keeps the scroll position, so stepping through a file's
 * history does not jump back to line 1. Otherwise (another file): setValue resets the view to the top.
 * applyEdits records no undo history, so long sessions do not accumulate memory.
 */
export function replaceContent(model: editor.ITextModel, value: string, keepView: boolean): void {
  if (!keepView) {
    model.setValue(value);
    return;
  }
  if (model.getValue() !== value) model.applyEdits([{ range: model.getFullModelRange(), text: value }]);
}
