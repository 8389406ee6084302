import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import './LoadDocumentButton.css';

const Documents = lazy(async () => ({ default: (await import('./Documents')).Documents }));

/** The header's "Load document" button: the Documents view in a native modal dialog (focus trap, Escape). */
export function LoadDocumentButton() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const close = () => setOpen(false);

  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Load document
      </button>
      <dialog ref={dialog} className="load-document" aria-label="Load a document" onClose={close}>
        {open && (
          <>
            <Suspense fallback={<p className="muted load-document__loading">Loading…</p>}>
              <Documents onLoaded={close} />
            </Suspense>
            <div className="load-document__footer">
              <button type="button" className="button" onClick={close}>
                Close
              </button>
            </div>
          </>
        )}
      </dialog>
    </>
  );
}
