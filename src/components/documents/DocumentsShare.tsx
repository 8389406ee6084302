import { useId, useState } from 'react';
import { documentLoader, SHARE_LIMIT_KB, type ShareLink } from '../../state/documentLoader';
import { BUILTIN_ID } from '../../state/scenario';
import { stepwiseStore, useStepwise } from '../../state/appStore';

/** A link that carries the current document in its #doc= fragment, for anyone to open. */
export function DocumentsShare() {
  const scenarioId = useStepwise((s) => s.scenario.id);
  const [made, setMade] = useState<{ id: string; share: ShareLink } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const linkId = useId();
  // A link made for another scenario is stale; derive that instead of clearing it in an effect.
  const share = made?.id === scenarioId ? made.share : null;
  const link = share?.ok ? share.url : null;

  const make = async () => {
    const { id } = stepwiseStore.getState().scenario;
    setCopied(null);
    setMade({ id, share: await documentLoader.getState().shareCurrentDocument() });
  };
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser did not allow copying; select the link and copy it yourself.');
    }
  };

  if (scenarioId === BUILTIN_ID)
    return (
      <p className="muted documents__empty">
        The built-in scenario is part of the app; load a document to share it as a link.
      </p>
    );
  return (
    <div className="documents__share">
      <div className="documents__actions">
        <button type="button" className="button" onClick={make}>
          Create share link
        </button>
        <span className="muted documents__limits">
          The document travels inside the link (compressed, up to {SHARE_LIMIT_KB} KB); nothing is uploaded.
        </span>
      </div>
      {share && !share.ok && (
        <p className="documents__note" role="status">
          {share.message}
        </p>
      )}
      {link && (
        <div className="documents__actions">
          <label htmlFor={linkId} className="visually-hidden">
            Share link
          </label>
          <input
            id={linkId}
            className="documents__link mono"
            readOnly
            value={link}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button" onClick={copy}>
            Copy link
          </button>
          <span className="muted" role="status">
            {copied ?? `${(link.length / 1024).toFixed(1)} KB link`}
          </span>
        </div>
      )}
    </div>
  );
}
