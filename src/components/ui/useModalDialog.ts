import { useEffect, useRef, type RefObject } from 'react';

/**
 * Shows a native `<dialog>` as a modal while `open` is true and closes it when it turns false; the browser
 * traps focus inside and closes it on Escape (handle its `close` event to follow). Returns the dialog's ref.
 *
 * On closing, focus goes back to what had it before (WAI-ARIA's dialog pattern), or to the page when that
 * was nothing: Chromium leaves it on the hidden dialog's button until a later focus fix-up, and keys pressed
 * meanwhile would go to that button.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      const opener = document.activeElement;
      element.showModal();
      element.addEventListener('close', () => returnFocus(element, opener), { once: true });
    }
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}

function returnFocus(dialog: HTMLDialogElement, opener: Element | null): void {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || !dialog.contains(focused)) return;
  if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected) opener.focus();
  else focused.blur();
}
