import { lazy, Suspense, useState } from 'react';
import { useModalDialog } from '../ui/useModalDialog';
import './LoadDocumentButton.css';

const Documents = lazy(async () => ({ default: (await import('./Documents')).Documents }));

/** The header's "Load document" button: the Documents view in a native modal dialog (focus trap, Escape). */
export function LoadDocumentButton() {
  const [open, setOpen] = useState(false);
  const dialog = useModalDialog(open);
  const close = () => setOpen(false);

  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Load document
      </button>
      <dialog ref={dialog} className="dialog load-document" aria-label="Load a document" onClose={close}>
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
