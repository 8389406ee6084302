import { useState } from 'react';
import { useStepwise } from '../../state/appStore';

/** Downloads the tree at the current position; the zip code is loaded on the first click only. */
export function DownloadZipButton() {
  const [busy, setBusy] = useState(false);
  const position = useStepwise((s) => s.position);
  const downloadZip = useStepwise((s) => s.downloadZip);
  const disabled = busy || position === 0;
  const download = async () => {
    setBusy(true);
    try {
      await downloadZip();
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button"
      onClick={download}
      disabled={disabled}
      title={position === 0 ? 'The tree is empty at step 0' : undefined}
    >
      {busy ? 'Preparing…' : 'Download zip'}
    </button>
  );
}
