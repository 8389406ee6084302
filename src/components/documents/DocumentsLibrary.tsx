import { useEffect, useMemo } from 'react';
import { documentLoader, useLoader } from '../../state/documentLoader';
import { useStepwise } from '../../state/appStore';
import { formatChars } from '../../model/format';

export interface DocumentsLibraryProps {
  onLoaded?: () => void;
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** "Your documents": every document loaded in this browser, newest first, to open or delete. */
export function DocumentsLibrary({ onLoaded }: DocumentsLibraryProps) {
  const version = useLoader((s) => s.libraryVersion);
  const currentId = useStepwise((s) => s.scenario.id);
  const busy = useLoader((s) => s.progress !== null);
  // `version` is the signal that storage changed; storage itself is not React state.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a signal, not an input
  const library = useMemo(() => documentLoader.getState().readLibraryView(), [version]);

  useEffect(() => documentLoader.getState().dropUnreadable(library.unreadable), [library]);

  const open = async (id: string, name: string) => {
    if (await documentLoader.getState().openStoredDocument(id, name)) onLoaded?.();
  };

  return (
    <div className="documents__library">
      {library.entries.length === 0 ? (
        <p className="muted documents__empty">Documents you load are remembered here, in this browser only.</p>
      ) : (
        <ul className="documents__list" aria-label="Your documents">
          {library.entries.map((entry) => (
            <li key={entry.id} className="documents__item">
              <span className="documents__item-name">
                {entry.name}
                {entry.id === currentId && <span className="badge badge--new documents__open-badge">open</span>}
              </span>
              <span className="muted documents__item-meta">
                {formatChars(entry.chars)} · {dateFormat.format(entry.savedAt)}
              </span>
              <button
                type="button"
                className="button"
                disabled={busy}
                aria-label={`Open ${entry.name}`}
                onClick={() => open(entry.id, entry.name)}
              >
                Open
              </button>
              <button
                type="button"
                className="button documents__delete"
                aria-label={`Delete ${entry.name}`}
                onClick={() => documentLoader.getState().forgetDocument(entry.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted documents__budget">
        Using {formatChars(library.usedChars)} of {formatChars(library.budgetChars)}; when full, the oldest documents
        are dropped first.
      </p>
    </div>
  );
}
