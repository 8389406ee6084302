import { useEffect, useRef, type RefObject } from 'react';

/**
 * Shows a native `<dialog>` as a modal while `open` is true and closes it when it turns false; the browser
 * traps focus inside and closes it on Escape (handle its `close` event to follow). Returns the dialog's ref.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
