import { useMemo, useState } from 'react';
import { useStepwise } from '../../state/appStore';
import { lastPosition } from '../../state/store';
import { validateSnapshot, validationSummary, type FileCheck } from '../../steps/validate';
import type { ExpectedEntry } from '../../steps/types';
import './ValidationPanel.css';

const TYPE_NAMES: Readonly<Record<FileCheck['language'], string>> = {
  json: 'JSON',
  yaml: 'YAML',
  markdown: 'Markdown',
  plaintext: 'text',
};

/** Whether every file at the current step parses, and at the last step whether the tree is exactly the expected one. */
export function ValidationPanel() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const last = useStepwise(lastPosition);
  const goTo = useStepwise((s) => s.goTo);
  const select = useStepwise((s) => s.select);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const validation = useMemo(() => validateSnapshot(replay, position), [replay, position]);
  const warnings = replay.document.warnings;
  const { structure } = validation;
  const problems = validation.files.length - validation.valid;
  const files = problemsOnly ? validation.files.filter((f) => f.problem !== null) : validation.files;

  return (
    <section className="pane validation-panel" aria-labelledby="validation-panel-title">
      <h2 className="pane__title" id="validation-panel-title">
        Validation <span className="pane__title-note">at step {position}</span>
      </h2>
      <div className="validation-panel__body">
        <p
          className={`verdict validation-panel__verdict verdict--${problems > 0 || (validation.isLast && structure && !structure.matches) ? 'bad' : 'good'}`}
        >
          {validationSummary(validation)}
        </p>

        {warnings.length > 0 && (
          <section aria-labelledby="validation-warnings">
            <h3 id="validation-warnings">Document warnings</h3>
            <p className="muted">Lines read as description that may be meant as steps:</p>
            <ul className="validation-panel__warnings" aria-labelledby="validation-warnings">
              {warnings.map((warning) => (
                <li key={warning.line}>{warning.message}</li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="validation-structure">
          <h3 id="validation-structure">Expected final structure</h3>
          {!structure ? (
            <p className="muted">The document has no “EXPECTED FINAL STRUCTURE” block to compare with.</p>
          ) : validation.isLast ? (
            structure.matches ? (
              <p>
                The tree matches the expected structure exactly: all {structure.expectedCount} entries, nothing missing,
                nothing extra.
              </p>
            ) : (
              <>
                <p>The tree differs from the expected structure.</p>
                <EntryList title="Missing (expected, not in the tree)" entries={structure.missing} />
                <EntryList title="Extra (in the tree, not expected)" entries={structure.extra} />
              </>
            )
          ) : (
            <>
              <p>
                {structure.presentCount} of {structure.expectedCount} expected entries exist so far. The exact
                comparison is made at the last step.{' '}
                <button type="button" className="validation-panel__link" onClick={() => goTo(last)}>
                  Go to step {last}
                </button>
              </p>
              <EntryList title="Not in the expected structure" entries={structure.extra} />
            </>
          )}
        </section>

        <section aria-labelledby="validation-files">
          <div className="validation-panel__files-header">
            <h3 id="validation-files">Files</h3>
            <label className="validation-panel__filter">
              <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} /> Only
              problems
            </label>
          </div>
          {files.length === 0 ? (
            <p className="muted">{problemsOnly ? 'No file has a problem.' : 'No files exist at this step.'}</p>
          ) : (
            <table className="data-table validation-panel__table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Type</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {files.map((file) => (
                  <tr key={file.path}>
                    <th scope="row">
                      <button
                        type="button"
                        className="validation-panel__path mono"
                        title={file.path}
                        onClick={() => select(file.path)}
                      >
                        {file.path}
                      </button>
                    </th>
                    <td>{TYPE_NAMES[file.language]}</td>
                    <td>
                      {file.problem !== null ? (
                        <span className="validation-panel__problem">✗ {file.problem}</span>
                      ) : file.parsed ? (
                        <span className="validation-panel__ok">✓ parses</span>
                      ) : (
                        <span className="muted">✓ not parsed (text)</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </section>
  );
}

function EntryList({ title, entries }: { title: string; entries: readonly ExpectedEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <div className="validation-panel__entries">
      <p>
        {title} ({entries.length})
      </p>
      <ul aria-label={title}>
        {entries.map((entry) => (
          <li key={`${entry.kind}:${entry.path}`} className="mono">
            {entry.path}
            {entry.kind === 'directory' ? '/' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
