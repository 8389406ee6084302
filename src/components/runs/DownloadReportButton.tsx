import { downloadRunReport } from '../../state/runLoader';
import { useStepwise } from '../../state/appStore';

/** "Download report": every open run's grade as one self-contained HTML page. */
export function DownloadReportButton() {
  const count = useStepwise((s) => s.runs.length);
  return (
    <button type="button" className="button" disabled={count === 0} onClick={downloadRunReport}>
      Download report
    </button>
  );
}
