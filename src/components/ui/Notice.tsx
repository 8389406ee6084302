import { useStepwise } from '../../state/appStore';
import './Notice.css';

/** A dismissible message: a deep link that was clamped, stored state that was dropped, a load error. */
export function Notice() {
  const notice = useStepwise((s) => s.notice);
  const showNotice = useStepwise((s) => s.showNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" aria-label="Notice">
      <span>{notice}</span>
      <button type="button" className="button" onClick={() => showNotice(null)}>
        Dismiss
      </button>
    </div>
  );
}
