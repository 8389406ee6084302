import { useEffect } from 'react';
import { stepwiseStore } from './appStore';
import { lastPosition } from './store';

/** True when a key press belongs to what has focus: typing, a native control, the tree, the editor. */
function belongsToFocus(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A closed dialog keeps focus on its hidden button until its `close` event gives it back (useModalDialog);
  // a key pressed before that belongs to the page, not to that button.
  if (target.closest('dialog:not([open])')) return false;
  if (target.closest('.monaco-editor, [role="tree"], [role="dialog"]')) return true;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return (target as HTMLInputElement).type !== 'checkbox' || key === ' ';
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return key === ' ' || key === 'Enter';
  return false;
}

/**
 * The app's keyboard shortcuts, bound once on the window. Keys are left alone while typing, in
 * the editor, in the tree (it has its own arrow keys) and on native controls that use them.
 */
export function useShortcuts(onHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (belongsToFocus(event.target, event.key)) return;
      const state = stepwiseStore.getState();
      const actions: Record<string, () => void> = {
        ArrowLeft: () => state.step(-1),
        ArrowRight: () => state.step(1),
        Home: () => state.goTo(0),
        End: () => state.goTo(lastPosition(state)),
        ' ': () => state.togglePlay(),
        '[': () => state.jumpToChange(-1),
        ']': () => state.jumpToChange(1),
        n: () => state.jumpToProblem(1),
        N: () => state.jumpToProblem(-1),
        '/': () => document.getElementById('step-filter')?.focus(),
        '?': onHelp,
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onHelp]);
}
