import { useState } from 'react';
import { saveBlob, slug } from '../../state/download';
import { useStepwise } from '../../state/store';
import { gradeHtml } from '../../steps/runs/htmlReport';
import { documentDigest } from '../../steps/runs/report';

/**
 * "Download report": every open run's grade as one HTML page that opens from disk with no network,
 * made by the same module as `stepwise grade --format html`.
 */
export function DownloadReportButton() {
  const [busy, setBusy] = useState(false);
  const count = useStepwise((s) => s.runs.length);
  const download = () => {
    setBusy(true);
    try {
      const { scenario, runs } = useStepwise.getState();
      const { document } = scenario.replay;
      const html = gradeHtml({
        document: { title: document.title, steps: document.steps.length, digest: documentDigest(scenario.source) },
        stepTexts: document.steps.map((step) => step.text),
        runs: runs.map((run) => run.graded),
      });
      saveBlob(html, `${slug(document.title)}-grade.html`, 'text/html');
    } catch (e) {
      useStepwise.getState().showNotice(`The report could not be made: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" disabled={busy || count === 0} onClick={download}>
      Download report
    </button>
  );
}
