import { useStepwise } from '../../state/appStore';
import { DownloadZipButton } from './DownloadZipButton';
import { LoadDocumentButton } from '../documents/LoadDocumentButton';
import { ValidationBadge } from '../validation/ValidationBadge';
import './Header.css';

export interface HeaderProps {
  onShowShortcuts: () => void;
}

/** The app's name, the scenario's title and the scenario-wide actions. */
export function Header({ onShowShortcuts }: HeaderProps) {
  const title = useStepwise((s) => s.scenario.replay.document.title);
  const steps = useStepwise((s) => s.scenario.replay.document.steps.length);
  return (
    <header className="header">
      <span className="header__brand" aria-hidden="true">
        stepwise
      </span>
      <h1 className="header__title">
        {title} <span className="muted">· {steps} steps</span>
      </h1>
      <div className="header__actions">
        <ValidationBadge />
        <LoadDocumentButton />
        <DownloadZipButton />
        <button
          type="button"
          className="button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={onShowShortcuts}
        >
          ?
        </button>
      </div>
    </header>
  );
}
